"""``kg bench`` past one machine's memory: the graph bulk-loaded into Virtuoso, every named
query timed there, beside the embedded store at the smaller sizes of the same run.

At the sizes of :data:`BULK_SIZES` the embedded store is not run (at 3M its steps already
peak at 5.3 GiB; the whole list at 10M would need about three times that): a private
Virtuoso is started on 127.0.0.1 (:func:`kg.store.server.start_virtuoso`), the paper's
graph and the synthetic file are loaded with Virtuoso's own bulk loader
(:func:`kg.store.bulk.bulk_load`, the code of ``kg bulk-load``), and every named query of
the catalogue is run on its SPARQL endpoint.

Examples
--------
>>> bulk_lines({"sizes": {}}, str)
[]
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

__all__ = ["BULK_SIZES", "virtuoso_bulk_times", "bulk_lines", "VIRTUOSO_MIB"]

#: Sizes measured on Virtuoso only, through its bulk loader.
BULK_SIZES = ("10M",)
#: Memory given to the benchmark's Virtuoso (its buffers take two thirds).
VIRTUOSO_MIB = 6000


def virtuoso_bulk_times(sources: list[Path], *, repeat: int, timeout: int, loaders: int = 2,
                        progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Bulk-load ``sources`` into a fresh private Virtuoso and time every named query there
    (``repeat`` runs each, ``timeout`` seconds at most). Returns the triples counted, the
    steps of the load, the queries' times and Virtuoso's peak resident memory (MiB)."""
    from kg.core.files import proc_kib
    from kg.query import catalogue as queries
    from kg.store.bulk import bulk_load
    from kg.store.remote import DEFAULT_GRAPH, RemoteStore
    from kg.store.server import start_virtuoso

    say = progress or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="eucan-bench-virtuoso-") as tmp:
        folder = Path(tmp)
        virtuoso = start_virtuoso(folder / "db", memory_mb=VIRTUOSO_MIB)
        try:
            done = bulk_load(sources, isql=f"127.0.0.1:{virtuoso.sql_port}",
                             folder=folder / "db", graph=DEFAULT_GRAPH, loaders=loaders,
                             progress=say)
            steps: dict[str, Any] = {f"bulk load: {name}": {"times": [seconds]}
                                     for name, seconds in done.timings.items()}
            remote = RemoteStore(virtuoso.query_url, graph=DEFAULT_GRAPH, timeout=timeout)
            say(f"{done.triples:,} triples loaded; every named query on Virtuoso")
            for query in queries.catalogue():
                steps[f"query {query.name}"] = _timed(partial(queries.run, query, remote),
                                                      repeat)
            peak = (proc_kib(Path(f"/proc/{virtuoso.process.pid}/status"), "VmHWM") or 0)
        finally:
            virtuoso.stop()
    return {"triples": done.triples, "files": done.files, "loaders": done.loaders,
            "load_seconds": done.seconds, "steps": steps, "peak_mib": peak / 1024}


def _timed(run: Callable[[], Any], repeat: int) -> dict[str, Any]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            run()
        except Exception as error:  # reported in the table, not fatal: the rest still run
            return {"error": f"{type(error).__name__}: {error}"[:200]}
        times.append(time.perf_counter() - start)
    return {"times": times}


def bulk_lines(results: dict[str, Any], cell: Callable[[Any], str]) -> list[str]:
    """Markdown for each bulk size: the load, then every named query on Virtuoso beside the
    embedded store at 1M and 3M when the same run measured them (``cell``: a step's
    statistics as a table cell)."""
    lines: list[str] = []
    for size, entry in results["sizes"].items():
        bulk = entry.get("virtuoso bulk")
        if not bulk:
            continue
        if "error" in bulk:
            lines += [f"## {size}: Virtuoso's bulk loader", "", f"failed: {bulk['error']}", ""]
            continue
        rate = bulk["triples"] / bulk["load_seconds"] if bulk["load_seconds"] else 0
        lines += [f"## {size}: {bulk['triples']:,} triples, Virtuoso's bulk loader "
                  f"(`kg bulk-load`)", "",
                  f"Loaded in {bulk['load_seconds']:.1f} s ({rate:,.0f} triples/s; "
                  f"{bulk['files']} files, {bulk['loaders']} loaders at once); Virtuoso's "
                  f"peak resident memory {bulk['peak_mib']:,.0f} MiB.", ""]
        beside = [s for s in ("1M", "3M") if s in results["sizes"]
                  and "oxigraph" in results["sizes"][s].get("engines", {})]
        lines += ["| step | " + " | ".join([f"Virtuoso {size}", *[f"embedded {s}"
                                                                   for s in beside]]) + " |",
                  "|" + " --- |" * (2 + len(beside))]
        for step, stats in bulk["steps"].items():
            embedded = [results["sizes"][s]["engines"]["oxigraph"]["steps"].get(step)
                        for s in beside]
            lines.append(f"| {step} | " + " | ".join([cell(stats), *map(cell, embedded)])
                         + " |")
        lines.append("")
    return lines
