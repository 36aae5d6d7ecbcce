"""Reuse outputs of the previous build whose inputs did not change.

Every output the main job writes beyond the RDF syntaxes is made by one *producer*
(the network exports, the picture, the named graphs and tables, the ontology
documentation). Each producer's inputs are hashed together with the code that turns
them into bytes: the package's own sources and templates, the queries, and the
versions of the libraries involved. The hash of the inputs and the hash of the bytes
of every output are written next to the outputs, in ``.build-inputs.json``; the next
build reads the old folder's manifest and, for a producer whose input hash is the same,
takes the old bytes after checking them against their recorded hash, instead of
running the producer. Output is deterministic, so a reused file is byte-identical to
the one the producer would write.

Examples
--------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> reuse = Reuse.from_folder(folder)
>>> made = reuse.outputs("greeting", b"input", lambda: {"a.txt": b"hello"})
>>> reuse.made, reuse.reused
(['greeting'], [])
>>> _ = (folder / "a.txt").write_bytes(made["a.txt"])
>>> _ = (folder / MANIFEST).write_bytes(reuse.manifest())
>>> _ = (folder / MARKER).write_text("written by the project")
>>> again = Reuse.from_folder(folder)
>>> again.outputs("greeting", b"input", lambda: {"a.txt": b"other"})["a.txt"], again.reused
(b'hello', ['greeting'])
>>> Reuse.from_folder(folder).outputs("greeting", b"changed", lambda: {"a.txt": b"new"})["a.txt"]
b'new'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as dist_version
from importlib.resources import files
from pathlib import Path

from kg.core.files import MARKER
from kg.core.resources import folder

__all__ = ["Reuse", "MANIFEST", "code_fingerprint", "inside"]

#: The manifest written next to the outputs.
MANIFEST = ".build-inputs.json"
#: Libraries whose version changes what a producer writes.
_LIBRARIES = ("pyoxigraph", "networkx", "igraph", "pyvis", "PyLD", "pylode", "rdflib")
#: Files of the package that are code or templates (data files are inputs, not code).
_CODE_SUFFIXES = (".py", ".html", ".rq", ".css", ".js")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files_under(root) -> list[tuple[str, bytes]]:
    found = []
    stack = [(root, "")]
    while stack:
        node, prefix = stack.pop()
        for child in node.iterdir():
            name = f"{prefix}/{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    stack.append((child, name))
            elif child.name.endswith(_CODE_SUFFIXES):
                found.append((name, child.read_bytes()))
    return sorted(found)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's code, templates and queries and of the libraries' versions:
    when it changes, nothing of an older build is reused."""
    digest = hashlib.sha256()
    for name, data in _files_under(files("kg")) + _files_under(folder("queries")):
        digest.update(name.encode("utf-8") + b"\0" + _sha256(data).encode("ascii") + b"\n")
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={dist_version(library)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=-\n".encode())
    return digest.hexdigest()


def inside(name: object) -> bool:
    """Whether a manifest's output ``name`` stays inside the output folder: a relative
    path of plain parts (no ``..``, ``.``, empty part, backslash or control character).

    >>> [inside(n) for n in ("csv/Country.csv", "/etc/passwd", "csv/../../x", "csv//x", "./x")]
    [True, False, False, False, False]
    """
    if not isinstance(name, str) or not name or name.startswith("/"):
        return False
    if any(ord(c) < 32 or c in "\\\x7f" for c in name):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


class Reuse:
    """The outputs of the previous build in a folder, and the manifest of this one."""

    def __init__(self, previous: Path | None, old: dict[str, dict[str, str]]) -> None:
        self._previous = previous
        self._old = old
        self._new: dict[str, dict[str, str]] = {}
        self.made: list[str] = []
        self.reused: list[str] = []

    @classmethod
    def from_folder(cls, out_dir: Path | None) -> Reuse:
        """Read ``out_dir``'s manifest; a folder without one, or not written by the project
        (no :data:`~kg.core.files.MARKER`), or whose manifest names a file outside the
        folder (:func:`inside`), offers nothing to reuse: every output is made again."""
        if out_dir is None:
            return cls(None, {})
        try:
            if not (out_dir / MARKER).is_file() and any(out_dir.iterdir()):
                return cls(None, {})
            manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
            outputs = manifest["outputs"]
            if not isinstance(outputs, dict) or not all(
                    inside(name) and isinstance(entry, dict) for name, entry in outputs.items()):
                return cls(None, {})  # a name outside the folder: the whole manifest is ignored
        except (OSError, ValueError, KeyError, TypeError):
            return cls(None, {})
        return cls(out_dir, outputs)

    def outputs(self, producer: str, inputs: bytes,
                make: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
        """The files ``producer`` writes (relative path -> bytes): the previous build's when
        their input hash equals this one's and their bytes check out, else ``make()``."""
        found = self.previous(producer, inputs)
        return self.record(producer, inputs, make() if found is None else found,
                           reused=found is not None)

    def previous(self, producer: str, inputs: bytes) -> dict[str, bytes] | None:
        """The previous build's files of ``producer`` if it can give them for ``inputs``
        (then :meth:`record` them), else None (make them, then :meth:`record` them)."""
        return self._reusable(producer, self._key(producer, inputs))

    def record(self, producer: str, inputs: bytes, found: dict[str, bytes], *,
               reused: bool) -> dict[str, bytes]:
        """Enter ``producer``'s files ``found`` for ``inputs`` in this build's manifest;
        returns them."""
        key = self._key(producer, inputs)
        (self.reused if reused else self.made).append(producer)
        for name, data in found.items():
            self._new[name] = {"producer": producer, "inputs": key, "sha256": _sha256(data)}
        return found

    @staticmethod
    def _key(producer: str, inputs: bytes) -> str:
        return _sha256(producer.encode("utf-8") + b"\0" + code_fingerprint().encode("ascii")
                       + b"\0" + inputs)

    def _reusable(self, producer: str, key: str) -> dict[str, bytes] | None:
        names = sorted(n for n, e in self._old.items() if e.get("producer") == producer)
        if self._previous is None or not names:
            return None
        found = {}
        for name in names:
            entry = self._old[name]
            if entry.get("inputs") != key or not inside(name):
                return None
            path = self._previous / name
            try:
                if self._previous.resolve() not in path.resolve().parents:
                    return None  # a link out of the folder
                data = path.read_bytes()
            except OSError:
                return None
            if _sha256(data) != entry.get("sha256"):
                return None
            found[name] = data
        return found

    def manifest(self) -> bytes:
        """This build's manifest: per output, its producer, input hash and byte hash."""
        body = {"format": 1, "about": "Input and content hashes of the outputs of "
                "eucan-kg's main job; the next build reuses an output whose inputs match.",
                "outputs": dict(sorted(self._new.items()))}
        return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode("utf-8")
