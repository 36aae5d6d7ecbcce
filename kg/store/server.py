"""Serve the graph as a read-only SPARQL 1.1 endpoint with the Oxigraph server.

The ``oxigraph`` server (from the PyPI package of the same name) loads the
graph into a store folder and serves it on 127.0.0.1: SPARQL queries at
``/query`` and a query page at ``/`` whose scripts come from the server itself.

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
from pathlib import Path

from kg.core.errors import EndpointError

__all__ = ["oxigraph_binary", "load_location", "start_server", "free_port", "wait_until_up"]


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server executable.

    :raises EndpointError: if it is not installed.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise EndpointError("the 'oxigraph' server is not installed: pip install oxigraph")
    return found


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


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 20.0) -> None:
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
