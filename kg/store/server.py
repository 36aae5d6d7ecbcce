"""Real SPARQL servers on 127.0.0.1: the Oxigraph server and Virtuoso.

The ``oxigraph`` server (from the PyPI package of the same name: the ``[server]``
extra) loads the graph into a store folder and serves it on 127.0.0.1: SPARQL queries
at ``/query``, the Graph Store Protocol at ``/store`` and a query page at ``/``.
:func:`start_virtuoso` runs a private Virtuoso (Debian's ``virtuoso-opensource``)
with its own database folder and ``virtuoso.ini``, bound to loopback: SPARQL at
``/sparql``, the Graph Store Protocol at ``/sparql-graph-crud``.

Examples
--------
>>> oxigraph_binary().endswith("oxigraph")
True
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import EndpointError, ExtraMissingError
from kg.core.extras import missing_message

__all__ = ["oxigraph_binary", "has_oxigraph_binary", "load_location", "start_server",
           "free_port", "wait_until_up", "start_virtuoso", "Virtuoso", "VIRTUOSO_GRANTS",
           "stop_process"]


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server executable.

    :raises ExtraMissingError: if it is not installed (the ``[server]`` extra).
    """
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ExtraMissingError(missing_message("the 'oxigraph' server", "server"))
    return found


def has_oxigraph_binary() -> bool:
    """Whether the ``oxigraph`` server executable is installed."""
    try:
        oxigraph_binary()
    except ExtraMissingError:
        return False
    return True


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_location(ntriples_path: Path, location: Path) -> None:
    """Bulk-load an RDF file (N-Triples, Turtle... by extension) into an Oxigraph store folder."""
    result = subprocess.run([oxigraph_binary(), "load", "--location", str(location),
                             "--file", str(ntriples_path)], capture_output=True, text=True)
    if result.returncode != 0:
        raise EndpointError(f"oxigraph load failed: {result.stderr.strip().splitlines()[-1:]}")


def start_server(location: Path, port: int, *, read_only: bool = True) -> subprocess.Popen:
    """Start ``oxigraph serve[-read-only]`` on 127.0.0.1:port and wait until it answers."""
    command = "serve-read-only" if read_only else "serve"
    process = subprocess.Popen([oxigraph_binary(), command, "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
    return process


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll ``url`` until it answers; raise if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode() if process.stderr else ""
            raise EndpointError(f"the SPARQL server exited: {err.strip()[-200:]}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise EndpointError(f"the SPARQL server did not start within {timeout:g} s")


#: Virtuoso's configuration for a private, loopback-only instance (``{folder}``, ports).
_VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
CaseMode = 2
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
"""
#: The grants the project documents: SPARQL Update (and so the Graph Store Protocol at
#: /sparql-graph-crud) for the anonymous SPARQL user — only on a loopback-only instance.
VIRTUOSO_GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL";',)


@dataclass
class Virtuoso:
    """A running private Virtuoso: its process and URLs (query, Graph Store Protocol)."""

    process: subprocess.Popen
    folder: Path
    http_port: int
    sql_port: int

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def store_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud"

    def stop(self) -> None:
        """Stop the server (terminate, then kill) and wait for it."""
        stop_process(self.process)


def virtuoso_binaries() -> tuple[str, str]:
    """Paths of Debian's ``virtuoso-t`` and ``isql-vt``.

    :raises EndpointError: if the Debian package virtuoso-opensource is not installed.
    """
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not server or not isql:
        raise EndpointError("Virtuoso is not installed: apt-get install virtuoso-opensource")
    return server, isql


def start_virtuoso(folder: Path, *, memory_mb: int = 2000, timeout: float = 60.0) -> Virtuoso:
    """Start a private Virtuoso with its database in ``folder``, bound to 127.0.0.1 only,
    with the grants of :data:`VIRTUOSO_GRANTS`, and wait until it answers SPARQL."""
    server, isql = virtuoso_binaries()
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    buffers = max(memory_mb * 1024 // 8 * 2 // 3, 10_000)  # 8 KiB pages, 2/3 of the memory
    (folder / "virtuoso.ini").write_text(_VIRTUOSO_INI.format(
        folder=folder, sql_port=sql_port, http_port=http_port, buffers=buffers,
        dirty=buffers * 3 // 4), encoding="utf-8")
    process = subprocess.Popen([server, "-f", "-c", str(folder / "virtuoso.ini")],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    running = Virtuoso(process, folder, http_port, sql_port)
    try:
        wait_until_up(f"{running.query_url}?query=ASK%7B%7D", process, timeout)
        for grant in VIRTUOSO_GRANTS:
            done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
                                  capture_output=True, text=True, timeout=60)
            if done.returncode != 0 or "Error" in done.stdout + done.stderr:
                raise EndpointError(f"Virtuoso refused {grant}: "
                                    f"{(done.stdout + done.stderr).strip()[-200:]}")
    except BaseException:
        running.stop()
        raise
    return running


def stop_process(process: subprocess.Popen, timeout: float = 20.0) -> None:
    """Terminate a server process, kill it if it does not stop in time, and reap it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
