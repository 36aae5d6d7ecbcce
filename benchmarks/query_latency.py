"""Median latency of every named query on the embedded store (not part of the test run).

Usage: python benchmarks/query_latency.py [--repeat N] [--all]
Named queries with parameters run with their defaults; --all includes the cq-* queries.
"""

from __future__ import annotations

import argparse
import statistics
import time

from kg.cli.tables import render
from kg.query import catalogue as queries
from kg.store.open import default_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--all", action="store_true", help="include the competency questions")
    args = parser.parse_args()
    store = default_store()
    rows = []
    for query in queries.catalogue():
        if query.name.startswith("cq-") and not args.all:
            continue
        samples = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = queries.run(query, store)
            samples.append(time.perf_counter() - start)
        rows.append({"query": query.name, "median ms": f"{statistics.median(samples) * 1000:.1f}",
                     "min-max ms": f"{min(samples) * 1000:.1f}-{max(samples) * 1000:.1f}",
                     "rows": len(result) if isinstance(result, list) else result})
    print(f"{len(store)} triples, {args.repeat} runs per query")
    print(render(rows))


if __name__ == "__main__":
    main()
