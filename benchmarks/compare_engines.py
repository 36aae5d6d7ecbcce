"""Oxigraph vs rdflib on the built graph: load, serialise, query, in one run.

Usage: python benchmarks/compare_engines.py [--repeat N] [FILE.ttl]
Prints medians and the rdflib/Oxigraph ratio per step (higher = Oxigraph faster).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.cli.tables import render
from kg.core.resources import internal_query as internal
from kg.store.embedded import Store


def _time(func, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default="out/eucan.ttl", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = []
    stores = {e: Store(engine=e) for e in ("oxigraph", "rdflib")}
    for store in stores.values():
        store.load(args.file)
    steps = {
        "load Turtle": lambda e: Store(engine=e).load(args.file),
        "serialise Turtle": lambda e: stores[e].serialize("turtle"),
        "query class counts": lambda e: stores[e].select(internal("class-counts")),
    }
    for step, func in steps.items():
        ox_s = _time(lambda f=func: f("oxigraph"), args.repeat)
        rd_s = _time(lambda f=func: f("rdflib"), args.repeat)
        rows.append({"step": step, "oxigraph ms": f"{ox_s * 1000:.1f}",
                     "rdflib ms": f"{rd_s * 1000:.1f}", "ratio": f"{rd_s / ox_s:.1f}x"})
    print(f"{args.file}: {len(stores['oxigraph'])} triples, median of {args.repeat}")
    print(render(rows))


if __name__ == "__main__":
    main()
