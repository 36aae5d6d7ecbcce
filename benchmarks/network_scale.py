"""Runtime of the network commands on the paper's graph and on a graph about 100 times larger.

The larger graph is the paper's graph plus ``kg synth --scale 0.55`` (about
738,000 triples against 7,453). Each step runs ``--repeat`` times; the table
shows the median and the ratio large/paper.

Run: ``python benchmarks/network_scale.py [--scale 0.55] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from kg.cli.tables import render
from kg.network.analysis import analyse
from kg.network.linkages import linkages
from kg.network.paths import find_paths
from kg.network.projection import project
from kg.scale.synth import synthesise
from kg.store.open import build_graph

SUAVE = "https://w3id.org/eucan/id/partnership/suave"
PIC = "https://w3id.org/eucan/id/cluster/protein-industries-canada"


def timed(func, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(store, repeat: int) -> dict[str, float]:
    t_project, graph = timed(lambda: project(store), repeat)
    t_paths, _ = timed(lambda: find_paths(graph, SUAVE, PIC), repeat)
    t_linkages, _ = timed(lambda: linkages(store, graph), repeat)
    t_analyse, result = timed(lambda: analyse(graph), 1)
    return {"triples": len(store), "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(), "project": t_project, "paths": t_paths,
            "linkages": t_linkages, "analyse": t_analyse,
            "betweenness": result.betweenness_method}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.55)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paper = measure(build_graph(), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synth.nt"
        synthesise(path, scale=args.scale)
        store = build_graph()
        store.load(path)
        large = measure(store, args.repeat)
    rows = []
    for step in ("triples", "nodes", "edges", "project", "paths", "linkages", "analyse"):
        a, b = paper[step], large[step]
        fmt = (lambda v: f"{v:,}") if step in ("triples", "nodes", "edges") else (
            lambda v: f"{v:.3f} s")
        rows.append({"step": step, "paper": fmt(a), "large": fmt(b),
                     "large/paper": f"{b / a:.1f}x"})
    print(render(rows))
    print(f"\nbetweenness: paper {paper['betweenness']}, large {large['betweenness']}; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; "
          "paths and linkages run on a ready projection (kg paths adds the projection).")


if __name__ == "__main__":
    main()
