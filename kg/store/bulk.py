"""Load a large graph into Virtuoso with its own bulk loader (``ld_dir``, ``rdf_loader_run``).

``kg push`` sends the graph over HTTP (the Graph Store Protocol) in chunks: fine up to a few
million triples. Past that, Virtuoso's bulk loader reads the files itself, from a folder
the server may read (``DirsAllowed`` in its ``virtuoso.ini``), one loader per core, without
a transaction log. :func:`bulk_load` writes the graph and any extra files into a fresh
subfolder of that folder, an N-Triples file without blank nodes split into one part per
loader (a file's blank nodes get their own identities in the loader, so a file with blank
nodes stays whole), registers the parts with ``ld_dir``, runs the loaders at once through
``isql``, checkpoints, checks the load list for errors, counts the graph and removes the
parts. Each step is timed.

The folder and the graph IRI go into SQL only after checks (an absolute folder; an IRI with
no quote, bracket, backslash, space or control character): nothing typed by a user is
pasted into SQL unchecked. ``isql`` takes the password on its command line, so use it on a
machine you control.

Examples
--------
>>> sql_text("/srv/virtuoso/import")
"'/srv/virtuoso/import'"
>>> sql_text("/tmp/it's")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.store.bulk.BulkLoadError: /tmp/it's: a folder name for Virtuoso's loader must not hold ...
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.errors import EndpointError

__all__ = ["bulk_load", "BulkLoad", "BulkLoadError", "sql_text", "LOADABLE"]

#: File name endings Virtuoso's loader reads (it picks the parser by them).
LOADABLE = (".nt", ".ttl", ".nq", ".trig", ".rdf", ".owl", ".nt.gz", ".ttl.gz")
_UNSAFE = re.compile(r"[\x00-\x20'\"\\<>{}|^`\x7f]")


class BulkLoadError(EndpointError):
    """Virtuoso's bulk load cannot start or failed: a bad folder or graph, ``isql`` missing
    or refused, or a file the loader rejected (its own message)."""


def sql_text(value: str) -> str:
    """``value`` as an SQL string literal, for a folder or an IRI that was checked to hold
    nothing that could end the literal.

    :raises BulkLoadError: if ``value`` holds a quote, backslash, bracket, space or
        control character.
    """
    if _UNSAFE.search(value) or not value:
        raise BulkLoadError(f"{value}: a folder name for Virtuoso's loader must not hold "
                            "quotes, backslashes, brackets, spaces or control characters"
                            if value.startswith("/") else
                            f"{value}: not an IRI Virtuoso's loader can take (no quotes, "
                            "brackets, backslashes, spaces or control characters)")
    return f"'{value}'"


@dataclass
class BulkLoad:
    """What a bulk load did: triples counted in the graph afterwards, files loaded, loaders
    run at once, and seconds per step (``write``, ``load``, ``checkpoint``, ``count``)."""

    triples: int
    files: int
    loaders: int
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        """Load and checkpoint: the time the data took to become durable in Virtuoso."""
        return self.timings.get("load", 0.0) + self.timings.get("checkpoint", 0.0)


def bulk_load(sources: Sequence[bytes | Path], *, isql: str, folder: Path, graph: str,
              user: str = "dba", password: str = "dba", loaders: int = 2,
              replace: bool = True, timeout: float = 7200.0,
              progress: Callable[[str], None] | None = None) -> BulkLoad:
    """Load ``sources`` (N-Triples bytes, or RDF files by their name's ending) into
    ``graph`` on the Virtuoso whose SQL port is ``isql`` (``HOST:PORT``), through files
    in ``folder`` (which the server must be allowed to read).

    :raises BulkLoadError: if the folder is not usable, a file is not of a kind the loader
        reads, or Virtuoso reports an error.
    """
    import pyoxigraph as ox

    say = progress or (lambda message: None)
    sql_graph = sql_text(graph)
    try:
        ox.NamedNode(graph)
    except ValueError:
        raise BulkLoadError(f"{graph}: not an absolute IRI") from None
    folder = folder.resolve()
    if not folder.is_dir():
        raise BulkLoadError(f"{folder}: no such folder (it must be one Virtuoso may read: "
                            "DirsAllowed in its virtuoso.ini)")
    sub = folder / f"eucan-bulk-{uuid.uuid4().hex[:12]}"
    sql_sub = sql_text(str(sub))
    timings: dict[str, float] = {}
    try:
        mark = time.perf_counter()
        sub.mkdir()
        files = _write_parts(sources, sub, loaders)
        timings["write"] = time.perf_counter() - mark
        say(f"{len(files)} file(s) in {sub}; registering them and running {loaders} loader(s)")
        run = _Isql(isql, user, password, timeout)
        mark = time.perf_counter()
        mine = f"FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE {sql_text(str(sub) + '/%')}"
        registered = run(f"ld_dir({sql_sub}, '*', {sql_graph});\nSELECT COUNT(*) {mine};\n")
        if registered.split()[-1:] != [str(len(files))]:
            raise BulkLoadError(f"{folder}: Virtuoso did not take the files there (found "
                                f"{' '.join(registered.split()[-1:]) or 'none'} of "
                                f"{len(files)}); is the folder in DirsAllowed of its "
                                "virtuoso.ini?")
        if replace:
            run(f"SPARQL CLEAR GRAPH <{graph}>;\n")
        run.parallel("rdf_loader_run();\n", loaders)
        timings["load"] = time.perf_counter() - mark
        say("checkpoint")
        mark = time.perf_counter()
        run("checkpoint;\n")
        timings["checkpoint"] = time.perf_counter() - mark
        failed = run(f"SELECT TOP 1 ll_file, ll_error {mine} AND (ll_state <> 2 OR "
                     "ll_error IS NOT NULL);\n").strip()
        if failed:
            raise BulkLoadError(f"Virtuoso's loader failed on {' '.join(failed.split())[:300]}")
        mark = time.perf_counter()
        counted = run(f"SPARQL SELECT COUNT(*) FROM <{graph}> WHERE {{ ?s ?p ?o }};\n").split()
        timings["count"] = time.perf_counter() - mark
    finally:
        shutil.rmtree(sub, ignore_errors=True)
    if not counted or not counted[-1].isdigit():
        raise BulkLoadError(f"Virtuoso did not count the graph <{graph}>: {counted[-5:]}")
    return BulkLoad(int(counted[-1]), len(files), loaders, timings)


def _write_parts(sources: Sequence[bytes | Path], sub: Path, loaders: int) -> list[Path]:
    """Each source as files in ``sub``: N-Triples without blank nodes in ``loaders`` parts,
    anything else whole."""
    files: list[Path] = []
    for number, source in enumerate(sources):
        if isinstance(source, bytes):
            path = sub / f"{number:03d}-graph.nt"
            path.write_bytes(source)
            files.append(path)
            continue
        ending = next((e for e in LOADABLE if source.name.endswith(e)), None)
        if ending is None:
            raise BulkLoadError(f"{source}: Virtuoso's loader reads files ending in "
                                f"{', '.join(LOADABLE)}")
        if ending == ".nt" and loaders > 1 and not _has_blank_nodes(source):
            files += _split(source, sub / f"{number:03d}-{source.stem}", loaders)
        else:
            files.append(Path(shutil.copyfile(source, sub / f"{number:03d}-{source.name}")))
    return files


def _has_blank_nodes(path: Path) -> bool:
    """Whether an N-Triples file may hold a blank node (``_:`` anywhere, literals too)."""
    last = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 24):
            if b"_:" in chunk or (last == b"_" and chunk[:1] == b":"):
                return True
            last = chunk[-1:]
    return False


def _split(path: Path, stem: Path, parts: int) -> list[Path]:
    """``path`` in ``parts`` files of whole lines, about the same size each."""
    size = path.stat().st_size
    made = []
    with path.open("rb") as handle:
        start = 0
        for part in range(parts):
            end = size
            if part < parts - 1:
                handle.seek(max(size * (part + 1) // parts, start))
                handle.readline()  # to the end of the line
                end = handle.tell()
            target = Path(f"{stem}-{part}.nt")
            with target.open("wb") as out:
                handle.seek(start)
                remaining = end - start
                while remaining > 0:
                    chunk = handle.read(min(remaining, 1 << 24))
                    out.write(chunk)
                    remaining -= len(chunk)
            made.append(target)
            start = end
    for empty in [p for p in made if not p.stat().st_size]:  # a file of fewer lines
        empty.unlink()
        made.remove(empty)
    return made


class _Isql:
    """Runs SQL through Virtuoso's ``isql`` client; an error it prints becomes an exception."""

    def __init__(self, address: str, user: str, password: str, timeout: float) -> None:
        from kg.store.server import virtuoso_binaries

        if not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+:\d{1,5}", address):
            raise BulkLoadError(f"{address}: expected HOST:PORT of Virtuoso's SQL port "
                                "(e.g. 127.0.0.1:1111)")
        self.command = [virtuoso_binaries()[1], address, user, password, "VERBOSE=OFF",
                        "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF", "ERRORS=STDOUT"]
        self.deadline = time.monotonic() + timeout

    def __call__(self, script: str) -> str:
        return self._finish(self._start(script), script)

    def parallel(self, script: str, copies: int) -> None:
        """``script`` in ``copies`` sessions at once."""
        running = [self._start(script) for _ in range(copies)]
        try:
            for process in running:
                self._finish(process, script)
        finally:
            for process in running:
                if process.poll() is None:
                    process.kill()
                    process.wait()

    def _start(self, script: str) -> subprocess.Popen:
        return subprocess.Popen([*self.command, f"exec={script}"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def _finish(self, process: subprocess.Popen, script: str) -> str:
        try:
            out, _ = process.communicate(timeout=max(self.deadline - time.monotonic(), 1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise BulkLoadError("Virtuoso's bulk load passed its --timeout") from None
        if process.returncode != 0 or "*** Error" in out:
            first = next((line for line in out.splitlines() if "Error" in line), out.strip())
            raise BulkLoadError(f"Virtuoso refused {script.strip()[:60]!r}: {first[:300]}")
        return out
