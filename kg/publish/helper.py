"""A second process for the main job: the ontology docs and the graph's other syntaxes
(named graphs, compacted JSON-LD) made while the main process makes the network files, the
picture and the tables.

The main job starts the helper (``python -m kg.publish.helper``) when it makes the graph,
so the helper's imports (rdflib, pyLODE …) overlap the load, build and validation. Once the
graph is serialised, :meth:`Helper.send` hands it the graph's sorted N-Triples, its JSON-LD,
its JSON-LD context and the docs' examples through files in a temporary folder, and one
line on its standard input naming the jobs to run; the helper writes their files into that
folder. The jobs are the functions the main process would call
(:func:`kg.publish.tables.syntax_payloads`, :func:`kg.publish.docs.ontology_html`), which
need no store, so the bytes are the same (``tests/test_reuse.py`` compares both ways). When
the helper fails, the main process makes everything itself.

A second process pays only with a free core: on a machine whose cores are busy it slows
the main process down (measured on a shared 2-core machine with one core taken: cold build
3.0 s with the helper, 2.8 s without). So by default (``EUCAN_HELPER=auto``) it is started
only when the load average leaves a core free (:func:`wanted`); ``EUCAN_HELPER=on`` or
``off`` decides.

Examples
--------
>>> from kg.store.open import build_graph
>>> from kg.publish.docs import term_examples
>>> store = build_graph()
>>> from kg.publish.context import jsonld_context
>>> with Helper() as helper:
...     helper.send(["syntaxes"], ntriples=store.serialize("ntriples"),
...                 jsonld=store.serialize("jsonld"), context=jsonld_context(store), examples={})
...     made = helper.results()
>>> sorted(made["syntaxes"])
['context.jsonld', 'eucan.compact.jsonld', 'eucan.nq', 'eucan.trig']
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["Helper", "JOBS", "wanted", "main"]

#: The jobs the helper can run: the docs producer, and the part of the publication producer
#: that needs no store.
JOBS = ("syntaxes", "docs")


def wanted() -> bool:
    """Whether the main job starts a helper: ``EUCAN_HELPER=on`` or ``off``, else (``auto``)
    when a core is free: this process may use two or more cores and the 1-minute load
    average is at least one below their number.

    >>> import os; os.environ["EUCAN_HELPER"] = "off"; wanted()
    False
    >>> del os.environ["EUCAN_HELPER"]
    """
    choice = os.environ.get("EUCAN_HELPER", "auto").strip().lower()
    if choice in ("on", "1", "yes", "true"):
        return True
    if choice in ("off", "0", "no", "false"):
        return False
    cores = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
             else os.cpu_count() or 1)
    try:
        load = os.getloadavg()[0]
    except OSError:
        return False
    return cores >= 2 and load <= cores - 1


class Helper:
    """The helper process, started at once; :meth:`close` (or leaving a ``with``) stops it
    if it still runs and removes its folder."""

    #: The helper's command line after the interpreter.
    command: tuple[str, ...] = ("-m", "kg.publish.helper")

    def __init__(self) -> None:
        import kg

        self.folder = Path(tempfile.mkdtemp(prefix="eucan-helper-"))
        env = dict(os.environ)
        root = str(Path(kg.__file__).resolve().parents[1])  # the same kg as this process
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self._errors = (self.folder / "stderr").open("wb")
        self._process = subprocess.Popen(
            [sys.executable, *self.command], stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL, stderr=self._errors, env=env, cwd=self.folder)
        self.jobs: list[str] = []
        #: Seconds each producer took in the helper, and the main process's wait for it.
        self.timings: dict[str, float] = {}

    def send(self, jobs: list[str], *, ntriples: bytes, jsonld: bytes, context: dict[str, Any],
             examples: dict[str, str]) -> None:
        """Have the helper run ``jobs`` (names of :data:`JOBS`) on this graph."""
        (self.folder / "graph.nt").write_bytes(ntriples)
        (self.folder / "graph.jsonld").write_bytes(jsonld)
        (self.folder / "context.json").write_text(json.dumps(context), encoding="utf-8")
        (self.folder / "examples.json").write_text(json.dumps(examples), encoding="utf-8")
        request = json.dumps({"jobs": jobs}).encode("utf-8") + b"\n"
        self.jobs = list(jobs)
        try:
            assert self._process.stdin is not None
            self._process.stdin.write(request)
            self._process.stdin.close()
        except OSError:  # the helper died: results() says so
            self.jobs = []

    def results(self) -> dict[str, dict[str, bytes]] | None:
        """Each sent job's files (relative path -> bytes), once the helper ends; None if it
        failed (the main process then makes them)."""
        if not self.jobs:
            return None
        mark = time.perf_counter()
        status = self._process.wait()
        self.timings["waited"] = time.perf_counter() - mark
        report = self.folder / "timings.json"
        if status != 0 or not report.is_file():
            return None
        self.timings.update(json.loads(report.read_text(encoding="utf-8")))
        found: dict[str, dict[str, bytes]] = {}
        for job in self.jobs:
            base = self.folder / "out" / job
            found[job] = {str(p.relative_to(base)): p.read_bytes()
                          for p in sorted(base.rglob("*")) if p.is_file()}
        return found

    def stopped(self) -> bool:
        """Whether the helper process has ended."""
        return self._process.poll() is not None

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        self._errors.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _run(job: str, folder: Path) -> dict[str, bytes]:
    def read(name: str) -> Any:
        return json.loads((folder / name).read_text(encoding="utf-8"))

    if job == "docs":
        from kg.publish.docs import ontology_page

        return {"docs/index.html": ontology_page(read("examples.json")).encode("utf-8")}
    from kg.publish.tables import syntax_payloads

    return syntax_payloads((folder / "graph.nt").read_bytes(),
                           (folder / "graph.jsonld").read_bytes(), read("context.json"))


def main() -> int:
    """The helper: import what the jobs need, read the request, run it."""
    from kg.publish.docs import _ontpub
    from kg.publish.tables import syntax_payloads  # noqa: F401 (imported ahead)

    _ontpub()
    line = sys.stdin.buffer.readline()
    if not line:
        return 0  # not needed after all
    folder = Path.cwd()
    timings = {}
    for job in json.loads(line)["jobs"]:
        mark = time.perf_counter()
        for name, data in _run(job, folder).items():
            path = folder / "out" / job / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        timings[job] = time.perf_counter() - mark
    (folder / "timings.json").write_text(json.dumps(timings), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
