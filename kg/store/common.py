"""What the embedded engines share (:mod:`kg.store.ox_engine`, :mod:`kg.store.rdflib_engine`):
the base class of their common code, the record of an on-disk store's content, damaged
files, syntax errors and serialising triples in the project's order and prefixes.

>>> syntax_message("error at 1:10: expected OPTIONAL", "SELECT * { ?s ?p }")
"SPARQL syntax error at line 1, column 10: expected OPTIONAL; near 'SELECT * { ?s ?p }'"
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.errors import KGError, QueryError
from kg.core.formats import GRAPH_SYNTAXES, Format, by_name
from kg.core.namespaces import PREFIXES
from kg.core.terms import Term

__all__ = ["EngineStore", "CONTENT_FILE", "CONTENT_NTRIPLES", "StoreDamagedError", "damaged",
           "reading", "syntax_message", "graph_syntax", "serialize_triples"]

#: In an on-disk store written by the project: the SHA-256 of the store's sorted N-Triples
#: and its triple count, as JSON. Any change through the store deletes it.
CONTENT_FILE = ".eucan-content.json"
#: Beside it: that sorted N-Triples text itself, from which a copy in memory is made
#: without reading the on-disk store (deleted with the record).
CONTENT_NTRIPLES = "content.nt"


class StoreDamagedError(KGError):
    """An on-disk store's files are damaged (a changed or cut ``.sst`` or ``MANIFEST``
    file): the engine's checksums or sizes do not match."""


def damaged(error: Exception, path: Path | None) -> Exception:
    """``error`` as a :class:`StoreDamagedError` naming ``path`` when it is the engine's
    report of damaged files (``Corruption: …``) in an on-disk store; else ``error``.

    >>> damaged(RuntimeError("Corruption: checksum mismatch"), Path("s"))  # doctest: +ELLIPSIS
    StoreDamagedError("s: the on-disk store is damaged (Corruption: checksum mismatch); ...")
    """
    text = " ".join(str(error).split()).rstrip(".")
    if path is None or not text.startswith("Corruption:"):
        return error
    return StoreDamagedError(f"{path}: the on-disk store is damaged ({text}); build it again "
                             f"with 'kg build --store {path}'")


@contextmanager
def reading(path: Path | None) -> Iterator[None]:
    """Turn the engine's report of damaged files while reading ``path`` into one error."""
    try:
        yield
    except RuntimeError as error:
        raise damaged(error, path) from None


class EngineStore(ABC):
    """The code both embedded engines share: the store's folder (``path``, None in memory),
    what lives as long as the store (``held``: an on-disk store's shared folder lock,
    :func:`kg.store.open.open_disk_store`) and the sorted dump kept until the next change.
    The interface itself is :class:`kg.core.protocols.EmbeddedStore`."""

    #: The engine's name (:data:`kg.store.embedded.ENGINES`).
    engine: str

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        self.held: Any = None
        self._canonical: bytes | None = None  # sorted N-Triples, until the next change

    def _changed(self) -> None:
        """Forget what was derived from the content: the sorted dump and, for an on-disk
        store, the record of its content (:data:`CONTENT_FILE`) that saved projections
        are checked against, and the text it records (:data:`CONTENT_NTRIPLES`)."""
        self._canonical = None
        if self.path is not None:
            (self.path / CONTENT_FILE).unlink(missing_ok=True)
            (self.path / CONTENT_NTRIPLES).unlink(missing_ok=True)

    @abstractmethod
    def iter_select(self, query: str,
                    bindings: Mapping[str, Term] | None = None) -> Iterator[dict[str, Term]]:
        """The rows of :meth:`select` as the engine produces them."""

    def select(self, query: str,
               bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        """Run a SELECT; rows map every variable, in order, to a pyoxigraph term or None."""
        return list(self.iter_select(query, bindings))

    @abstractmethod
    def serialize(self, format_name: str = "turtle", *, fresh: bool = False) -> bytes:
        """The graph in ``format_name``, byte-identical per content."""

    def serialize_all(self, format_names: Iterable[str]) -> dict[str, bytes]:
        """:meth:`serialize` for several formats."""
        return {name: self.serialize(name) for name in format_names}


def syntax_message(message: str, query: str) -> str:
    """A one-line syntax error with line, column and the offending text."""
    found = re.search(r"(?:at |line:?\s*)(\d+)[:,]\s*(?:col:?\s*)?(\d+)", message)
    first = message.strip().splitlines()[0] if message.strip() else "invalid query"
    if not found:
        return f"SPARQL syntax error: {first}"
    line, column = int(found.group(1)), int(found.group(2))
    lines = query.splitlines() or [""]
    text = lines[min(line, len(lines)) - 1].strip()
    detail = re.sub(r"^error at \d+:\d+(?:-\d+:\d+)?:\s*", "", first)
    return f"SPARQL syntax error at line {line}, column {column}: {detail}; near {text!r}"


def graph_syntax(format_name: str) -> Format:
    """The RDF graph syntax called ``format_name``.

    :raises QueryError: if there is none.
    """
    if format_name not in GRAPH_SYNTAXES:
        raise QueryError(f"unknown format {format_name!r}; expected one of "
                         f"{', '.join(GRAPH_SYNTAXES)}")
    return by_name(format_name)


def serialize_triples(triples: Iterable[ox.Triple], format_name: str = "turtle") -> bytes:
    """Serialise triples in their given order with the project's prefixes."""
    syntax = graph_syntax(format_name)
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"} if syntax.prefixes else None
    return ox.serialize(triples, format=syntax.rdf_format, prefixes=prefixes) or b""
