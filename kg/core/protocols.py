"""The interface every store offers, as a :class:`typing.Protocol`.

Layers below :mod:`kg.store` (graph validation) take any object with this
interface, so they need not import the store: the embedded engines
(:class:`kg.store.ox_engine.OxigraphStore`, :class:`kg.store.rdflib_engine.RdflibStore`,
made by :func:`kg.store.embedded.Store`) and :class:`kg.store.remote.RemoteStore` all
satisfy :class:`SparqlStore`; the embedded ones also :class:`LocalGraph` and the whole
:class:`EmbeddedStore`. Code above the store names :class:`SparqlStore` when it only
queries (it then works on a remote endpoint too), :class:`EmbeddedStore` when it needs more.

>>> from kg.store.embedded import Store
>>> from kg.store.remote import RemoteStore
>>> isinstance(Store(), LocalGraph), isinstance(RemoteStore("http://127.0.0.1:1/q"), SparqlStore)
(True, True)
>>> isinstance(RemoteStore("http://127.0.0.1:1/q"), LocalGraph)
False
>>> isinstance(Store(engine="rdflib"), EmbeddedStore)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pathlib import Path

    import pyoxigraph as ox

    from kg.core.terms import Term

__all__ = ["SparqlStore", "LocalGraph", "EmbeddedStore"]


@runtime_checkable
class SparqlStore(Protocol):
    """A graph answering SPARQL: rows as dicts of pyoxigraph terms (None where a variable
    is unbound), values bound as terms."""

    def select(self, query: str,
               bindings: Mapping[str, Term] | None = None) -> list[dict[str, Any]]: ...

    def iter_select(self, query: str,
                    bindings: Mapping[str, Term] | None = None) -> Iterator[dict[str, Any]]: ...

    def select_values(self, query: str, bindings: Mapping[str, Term] | None = None
                      ) -> Iterator[tuple[str | None, ...]]: ...

    def select_many(self, queries: Sequence[str]) -> list[Iterator[tuple[str, ...]]]: ...

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool: ...

    def construct(self, query: str,
                  bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]: ...

    def update(self, update: str) -> None: ...

    def __len__(self) -> int: ...


@runtime_checkable
class LocalGraph(SparqlStore, Protocol):
    """A store holding the whole graph in this process (what validation needs)."""

    def triples(self) -> list[ox.Triple]: ...

    def serialize(self, format_name: str = "turtle", *, fresh: bool = False) -> bytes: ...

    def to_rdflib(self) -> Any: ...


@runtime_checkable
class EmbeddedStore(LocalGraph, Protocol):
    """A store of this process that is also written to, loaded, serialised and served:
    every embedded engine (:data:`kg.store.embedded.ENGINES`) has these members, with the
    same meaning; ``engine`` names it, ``path`` is its folder on disk (None: in memory),
    ``held`` what lives as long as it (an on-disk store's folder lock)."""

    engine: str
    path: Path | None
    held: Any

    def add(self, triples: Iterable[ox.Triple]) -> None: ...

    def add_ntriples(self, data: bytes) -> None: ...

    def load(self, path: str | Path, format_name: str | None = None) -> None: ...

    def in_memory_copy(self, ntriples: bytes | None = None) -> EmbeddedStore: ...

    def query_serialized(self, query: str, media_type: str,
                         bindings: Mapping[str, Term] | None = None, *,
                         max_rows: int | None = None,
                         max_bytes: int | None = None) -> tuple[bytes, str]: ...

    def serialize_all(self, format_names: Iterable[str]) -> dict[str, bytes]: ...

    def engine_serialize(self, format_name: str = "turtle") -> bytes: ...

    def flush(self) -> None: ...
