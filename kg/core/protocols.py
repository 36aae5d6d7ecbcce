"""The interface every store offers, as a :class:`typing.Protocol`.

Layers below :mod:`kg.store` (graph validation) take any object with this
interface, so they need not import the store: :class:`kg.store.embedded.Store`
and :class:`kg.store.remote.RemoteStore` both satisfy :class:`SparqlStore`; the
embedded store also :class:`LocalGraph`. Code above the store names the protocol when
it only queries (it then works on a remote endpoint too), the class when it needs more.

>>> from kg.store.embedded import Store
>>> from kg.store.remote import RemoteStore
>>> isinstance(Store(), LocalGraph), isinstance(RemoteStore("http://127.0.0.1:1/q"), SparqlStore)
(True, True)
>>> isinstance(RemoteStore("http://127.0.0.1:1/q"), LocalGraph)
False
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.core.terms import Term

__all__ = ["SparqlStore", "LocalGraph"]


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
