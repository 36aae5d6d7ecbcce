"""The interface every store offers, as a :class:`typing.Protocol`.

Layers below :mod:`kg.store` (graph validation) take any object with this
interface, so they need not import the store: :class:`kg.store.embedded.Store`
and :class:`kg.store.remote.RemoteStore` both satisfy it.

>>> from kg.store.embedded import Store
>>> isinstance(Store(), SparqlStore)
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol, runtime_checkable

__all__ = ["SparqlStore", "LocalGraph"]


@runtime_checkable
class SparqlStore(Protocol):
    """A graph answering SPARQL: rows as dicts of pyoxigraph terms, values bound as terms."""

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> list[dict]: ...

    def iter_select(self, query: str,
                    bindings: Mapping[str, Any] | None = None) -> Iterator[dict]: ...

    def select_values(self, query: str,
                      bindings: Mapping[str, Any] | None = None) -> Iterator[tuple]: ...

    def ask(self, query: str, bindings: Mapping[str, Any] | None = None) -> bool: ...

    def construct(self, query: str, bindings: Mapping[str, Any] | None = None) -> list: ...

    def __len__(self) -> int: ...


@runtime_checkable
class LocalGraph(SparqlStore, Protocol):
    """A store holding the whole graph in this process (what validation needs)."""

    def triples(self) -> list: ...

    def to_rdflib(self) -> Any: ...
