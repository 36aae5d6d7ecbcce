"""Write the graph to files, atomically: a temporary file renamed into place.

A failed write leaves the previous file untouched.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
>>> write_atomic(out, b"hello")
>>> out.read_bytes()
b'hello'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.store import FORMATS, Store

__all__ = ["write_atomic", "export_all", "rdf_payloads", "EXPORT_FORMATS"]

#: The formats the main job writes, in order.
EXPORT_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def rdf_payloads(store: Store) -> dict[str, bytes]:
    """The graph serialised in every format of :data:`EXPORT_FORMATS`, by format name."""
    return {name: store.serialize(name) for name in EXPORT_FORMATS}


def export_all(store: Store, out_dir: Path, stem: str = "eucan",
               payloads: dict[str, bytes] | None = None) -> dict[str, Path]:
    """Serialise every format first (or take ``payloads`` from :func:`rdf_payloads`), then
    rename all files into ``out_dir``.

    Returns the written paths by format name.
    """
    payloads = payloads or rdf_payloads(store)
    written = {}
    for name, data in payloads.items():
        path = out_dir / f"{stem}.{FORMATS[name][1]}"
        write_atomic(path, data)
        written[name] = path
    return written
