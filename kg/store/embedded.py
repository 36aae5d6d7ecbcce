"""The embedded store: one class per engine behind one interface
(:class:`kg.core.protocols.EmbeddedStore`), made by :func:`Store`.

- :class:`~kg.store.ox_engine.OxigraphStore`: Oxigraph, in memory or on disk (the default);
- :class:`~kg.store.rdflib_engine.RdflibStore`: rdflib's in-memory graph (the baseline);
- :class:`kg.store.remote.RemoteStore` offers the querying part
  (:class:`kg.core.protocols.SparqlStore`) over any SPARQL 1.1 endpoint.

Values are bound as RDF terms (never pasted into the query text).

Examples
--------
>>> import pyoxigraph as ox
>>> store = Store()
>>> s, p = ox.NamedNode("urn:x"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
>>> store.add([ox.Triple(s, p, ox.Literal("X"))])
>>> store.select("SELECT ?l WHERE { ?s rdfs:label ?l }", {"s": s})[0]["l"].value
'X'
>>> store.ask("ASK { ?s ?p ?o }")
True
>>> type(store).__name__, type(Store(engine="rdflib")).__name__
('OxigraphStore', 'RdflibStore')
>>> isinstance(store, EmbeddedStore) and isinstance(Store(engine="rdflib"), EmbeddedStore)
True
"""

from __future__ import annotations

from pathlib import Path

from kg.core.errors import QueryError
from kg.core.protocols import EmbeddedStore
from kg.store.common import (
    CONTENT_FILE,
    CONTENT_NTRIPLES,
    StoreDamagedError,
    damaged,
    serialize_triples,
    syntax_message,
)
from kg.store.ox_engine import OxigraphStore
from kg.store.rdflib_engine import RdflibStore

__all__ = ["Store", "ENGINES", "EmbeddedStore", "OxigraphStore", "RdflibStore",
           "CONTENT_FILE", "CONTENT_NTRIPLES", "StoreDamagedError", "damaged",
           "serialize_triples", "syntax_message"]

#: The embedded engines by name; the first is the default.
ENGINES: dict[str, type[OxigraphStore] | type[RdflibStore]] = {
    "oxigraph": OxigraphStore, "rdflib": RdflibStore}


def Store(path: str | Path | None = None, engine: str = "oxigraph") -> EmbeddedStore:  # noqa: N802
    """A new embedded store of ``engine`` (:data:`ENGINES`), on disk in ``path`` (Oxigraph
    only) or in memory. The name is a class's: it was one, holding both engines.

    >>> Store(engine="virtuoso")
    Traceback (most recent call last):
    kg.core.errors.QueryError: unknown engine 'virtuoso'; expected one of oxigraph, rdflib

    :raises QueryError: for an unknown engine.
    """
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    return ENGINES[engine](path)
