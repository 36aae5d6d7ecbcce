"""One benchmark run: one engine, one graph, every step, in its own process.

Run by :mod:`kg.scale.bench` as ``python -m kg.scale.bench_worker --engine E --file F
...``; prints one JSON object: per step the list of timings (seconds) or an error/timeout,
and the peak resident memory after the core steps (load, queries, projection) and at the end. A
separate process per run keeps the memory figures of one engine from the other's.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from kg.core.protocols import EmbeddedStore, SparqlStore

__all__ = ["main"]

SUAVE = "https://w3id.org/eucan/id/partnership/suave"
PIC = "https://w3id.org/eucan/id/cluster/protein-industries-canada"


class StepTimeout(Exception):
    """A step ran longer than its budget."""


def _alarm(signum: int, frame: Any) -> None:
    raise StepTimeout


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Recorder:
    """Times steps with a per-step budget; keeps the results as plain data."""

    def __init__(self, timeout: int) -> None:
        self.timeout = timeout
        self.steps: dict[str, dict[str, Any]] = {}

    def run(self, name: str, func: Callable[[], Any], repeat: int = 1) -> Any:
        times, result = [], None
        signal.signal(signal.SIGALRM, _alarm)
        for _ in range(repeat):
            signal.alarm(self.timeout)
            start = time.perf_counter()
            try:
                result = func()
            except StepTimeout:
                self.steps[name] = {"timeout": self.timeout}
                return None
            except Exception as error:  # reported, not fatal: the other steps still run
                self.steps[name] = {"error": f"{type(error).__name__}: {error}"[:300]}
                return None
            finally:
                signal.alarm(0)
            times.append(time.perf_counter() - start)
        self.steps[name] = {"times": times}
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", required=True)
    parser.add_argument("--file", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--shacl", action="store_true")
    parser.add_argument("--push", action="store_true")
    parser.add_argument("--build", action="store_true", help="also time the build from YAML")
    args = parser.parse_args(argv)

    from kg.core.formats import GRAPH_SYNTAXES
    from kg.network.analysis import analyse
    from kg.network.linkages import linkages
    from kg.network.paths import find_paths
    from kg.network.projection import project
    from kg.query import catalogue as queries
    from kg.store.embedded import Store
    from kg.store.open import build_graph

    rec = Recorder(args.timeout)
    if args.build:
        rec.run("build", lambda: build_graph(engine=args.engine), args.repeat)

    def load() -> EmbeddedStore:
        store = Store(engine=args.engine)
        store.load(args.file)
        return store

    store = rec.run("load", load, 1)
    if store is None:
        print(json.dumps({"steps": rec.steps, "peak_core_mib": _peak_mib()}))
        return 0
    triples = len(store)
    for query in queries.catalogue():
        if not query.name.startswith("cq-"):
            rec.run(f"query {query.name}", partial(queries.run, query, store), args.repeat)
    graph = rec.run("projection", lambda: project(store), 1)
    peak_core = _peak_mib()
    if graph is not None:
        # First call builds the undirected view of the projection; later calls reuse it.
        rec.run("paths", lambda: find_paths(graph, SUAVE, PIC), max(args.repeat, 3))
        # networkx's MultiDiGraph, made only when asked (exports, pictures, users' code)
        rec.run("projection as networkx", graph.networkx, 1)
        rec.run("linkages", lambda: linkages(store, graph), 1)
        rec.run("analyse", lambda: analyse(graph), 1)
    for name in GRAPH_SYNTAXES:
        # The project's sorted, byte-identical output (each from scratch: dump, sort,
        # write), and the engine's own unsorted writer.
        rec.run(f"serialise {name}", partial(store.serialize, name, fresh=True), 1)
        rec.run(f"dump {name} (engine's own writer)", partial(store.engine_serialize, name), 1)
    # What a build does: one dump and sort, every format written from that order.
    rec.run("serialise all formats (one sort)",
            lambda: [store.serialize(n, fresh=n == "turtle") for n in GRAPH_SYNTAXES], 1)
    if args.engine == "oxigraph":
        # Floors in the same run: what the engine and igraph do with no project code around
        rec.run("floor: raw bulk_load", lambda: _raw_bulk_load(args.file), 1)
        rec.run("floor: edges by one SELECT into igraph", lambda: _igraph_edges(store), 1)
        # the sorted Turtle's two parts: the engine's N-Triples dump with its lines sorted,
        # then those triples through Python objects into the engine's Turtle writer
        ordered = rec.run("floor: dump and sort N-Triples",
                          lambda: store.serialize("ntriples", fresh=True), 1)
        if ordered is not None:
            rec.run("floor: Turtle written from the sorted N-Triples",
                    lambda: _turtle_from(ordered), 1)
    from kg.graph.validate import shacl_results

    gate = rec.run("SHACL validation (shacl, the build's gate)",
                   lambda: shacl_results(store), 1)
    if args.shacl:
        reference = rec.run("SHACL validation (pyshacl, the reference)",
                            lambda: shacl_results(store, engine="pyshacl"), 1)
        if gate is not None and reference is not None:
            rec.steps["SHACL validation (shacl, the build's gate)"]["agrees"] = (
                gate == reference)
    servers = _push(rec, args.file, store, args.repeat) if args.push else {}
    print(json.dumps({"triples": triples, "steps": rec.steps, "peak_core_mib": peak_core,
                      "peak_mib": _peak_mib(), "servers": servers}))
    return 0


def _raw_bulk_load(path: Path) -> int:
    """Oxigraph's bulk loader alone, into a fresh in-memory store."""
    import pyoxigraph as ox

    raw = ox.Store()
    raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return len(raw)


def _turtle_from(ordered: bytes) -> bytes:
    """Turtle in the order of ``ordered`` (sorted N-Triples), as the store writes it."""
    import pyoxigraph as ox

    from kg.store.embedded import serialize_triples

    return serialize_triples(ox.parse(ordered, format=ox.RdfFormat.N_TRIPLES, lenient=True),
                             "turtle")


def _igraph_edges(store: SparqlStore) -> Any:
    """The entity-to-entity edges (the projection's edge query) straight into an igraph
    graph of integer vertices: no attributes, labels, citations or filtering."""
    import igraph

    from kg.core.resources import internal_query
    from kg.core.terms import bound_rows

    ids: dict[str, int] = {}
    pairs = [(ids.setdefault(s, len(ids)), ids.setdefault(o, len(ids)))
             for s, _p, o in bound_rows(store.select_values(internal_query("network-edges")))]
    return igraph.Graph(n=len(ids), edges=pairs, directed=True)


def _push(rec: Recorder, path: Path, store: SparqlStore, repeat: int) -> dict[str, Any]:
    """Push the file to a fresh Oxigraph server and, when installed, a fresh Virtuoso
    (the documented named graph), then time every named query on each and embedded.

    Returns ``{"embedded" | "oxigraph server" | "virtuoso": {step: {"times": [...]}}}``.
    """
    from kg.query import catalogue as queries
    from kg.store.push import push
    from kg.store.remote import DEFAULT_GRAPH, RemoteStore
    from kg.store.server import free_port, start_server, start_virtuoso, stop_process

    data = path.read_bytes()
    servers: dict[str, dict[str, Any]] = {}

    def time_queries(name: str, target: SparqlStore) -> None:
        side = Recorder(rec.timeout)
        for query in queries.catalogue():
            side.run(f"query {query.name}", partial(queries.run, query, target), repeat)
        servers.setdefault(name, {}).update(side.steps)

    time_queries("embedded", store)
    with tempfile.TemporaryDirectory(prefix="eucan-bench-") as tmp:
        port = free_port()
        process = start_server(Path(tmp) / "oxigraph", port, read_only=False)
        try:
            rec.run("push", lambda: push(data, f"http://127.0.0.1:{port}/store"), 1)
            servers["oxigraph server"] = {"push": rec.steps["push"]}
            time_queries("oxigraph server", RemoteStore(f"http://127.0.0.1:{port}/query",
                                                        timeout=rec.timeout))
        finally:
            stop_process(process)
        if shutil.which("virtuoso-t"):
            virtuoso = start_virtuoso(Path(tmp) / "virtuoso", memory_mb=3000)
            try:
                side = Recorder(rec.timeout)
                side.run("push", lambda: push(data, virtuoso.store_url, graph=DEFAULT_GRAPH), 1)
                servers["virtuoso"] = dict(side.steps)
                time_queries("virtuoso", RemoteStore(virtuoso.query_url, graph=DEFAULT_GRAPH,
                                                     timeout=rec.timeout))
            finally:
                virtuoso.stop()
    return servers


if __name__ == "__main__":
    sys.exit(main())
