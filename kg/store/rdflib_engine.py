"""rdflib's in-memory graph behind the store interface (:class:`RdflibStore`): the
baseline the benchmark and the engine comparisons measure Oxigraph against.

>>> store = RdflibStore()
>>> store.add_ntriples(b'<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .')
>>> store.select("SELECT ?l WHERE { ?s rdfs:label ?l }", {"s": ox.NamedNode("urn:x")})[0]["l"].value
'X'
>>> store.update("DELETE WHERE { ?s ?p ?o }"); len(store)
0
>>> store.load("dataset.nq")
Traceback (most recent call last):
kg.core.errors.QueryError: dataset.nq: the rdflib engine reads graphs only, not N-Quads
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.errors import QueryError
from kg.core.formats import RDF_SUFFIXES, by_name, by_suffix
from kg.core.namespaces import PREFIXES
from kg.core.terms import Term, ox_to_rdflib, rdflib_to_ox, term_cells, term_value
from kg.store.common import EngineStore, graph_syntax, serialize_triples, syntax_message
from kg.store.ox_engine import OxigraphStore

__all__ = ["RdflibStore"]


class RdflibStore(EngineStore):
    """An RDF graph with SPARQL in rdflib, in memory only
    (:class:`kg.core.protocols.EmbeddedStore`)."""

    engine = "rdflib"

    def __init__(self, path: str | Path | None = None) -> None:
        if path:
            raise QueryError(f"{path}: the rdflib engine keeps its graph in memory only")
        super().__init__()
        import rdflib

        self._rdf = rdflib.Graph()

    # -- writing ------------------------------------------------------------------
    def add(self, triples: Iterable[ox.Triple]) -> None:
        """Add pyoxigraph triples."""
        self._changed()
        for t in triples:
            self._rdf.add((ox_to_rdflib(t.subject), ox_to_rdflib(t.predicate),
                           ox_to_rdflib(t.object)))

    def add_ntriples(self, data: bytes) -> None:
        """Add the triples of N-Triples ``data``, keeping blank-node labels."""
        parsed = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        self.add(ox.Triple(q.subject, q.predicate, q.object) for q in parsed)

    def in_memory_copy(self, ntriples: bytes | None = None) -> OxigraphStore:
        """An in-memory Oxigraph copy of this graph (or of ``ntriples``)."""
        copy = OxigraphStore()
        copy.add_ntriples(self.serialize("ntriples") if ntriples is None else ntriples)
        return copy

    def load(self, path: str | Path, format_name: str | None = None) -> None:
        """Load an RDF graph file; the format is guessed from the extension if not given.

        :raises QueryError: for an unknown extension, or a dataset syntax (N-Quads, TriG).
        """
        syntax = by_name(format_name) if format_name else by_suffix(Path(path).suffix[1:])
        if syntax is None or syntax.holds not in ("graph", "dataset"):
            raise QueryError(f"{path}: unknown RDF file extension; expected one of "
                             + ", ".join("." + suffix for suffix in RDF_SUFFIXES))
        if syntax.rdflib is None:
            raise QueryError(f"{path}: the rdflib engine reads graphs only, not "
                             f"{syntax.label}")
        self._changed()
        self._rdf.parse(str(path), format=syntax.rdflib)

    def update(self, update: str) -> None:
        """Run a SPARQL Update."""
        self._changed()
        try:
            self._rdf.update(update, initNs=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None

    # -- reading ------------------------------------------------------------------
    def triples(self) -> list[ox.Triple]:
        """Every triple, sorted by its N-Triples form (deterministic)."""
        found = (ox.Triple(*(rdflib_to_ox(x) for x in t)) for t in self._rdf)
        return sorted(found, key=str)

    def __len__(self) -> int:
        return len(self._rdf)

    def _run(self, query: str, bindings: Mapping[str, Term] | None) -> Any:
        try:
            return self._rdf.query(query, initNs=PREFIXES, initBindings={
                k: ox_to_rdflib(v) for k, v in dict(bindings or {}).items()})
        except Exception as error:  # rdflib raises pyparsing errors
            if isinstance(error, SyntaxError) or type(error).__name__ in (
                    "ParseException", "ParseSyntaxException"):
                raise QueryError(syntax_message(str(error), query)) from None
            raise

    def iter_select(self, query: str,
                    bindings: Mapping[str, Term] | None = None) -> Iterator[dict[str, Term]]:
        """The rows of :meth:`select`, one by one."""
        result = self._run(query, bindings)
        if result.type != "SELECT":
            raise QueryError("not a SELECT query")
        names = [str(v) for v in result.vars]
        for row in result:
            yield {n: rdflib_to_ox(row[n]) for n in names}

    def select_values(self, query: str, bindings: Mapping[str, Term] | None = None
                      ) -> Iterator[tuple[str | None, ...]]:
        """Rows of a SELECT as plain strings (:func:`kg.core.terms.term_value`)."""
        for row in self.iter_select(query, bindings):
            yield tuple(term_value(t) for t in row.values())

    def select_many(self, queries: Sequence[str]) -> list[Iterator[tuple[str, ...]]]:
        """The rows of several SELECTs, cells as SPARQL TSV writes them
        (:func:`kg.core.terms.term_cells`), one iterator per query."""
        return [term_cells(self.iter_select(query)) for query in queries]

    def query_serialized(self, query: str, media_type: str,
                         bindings: Mapping[str, Term] | None = None, *,
                         max_rows: int | None = None,
                         max_bytes: int | None = None) -> tuple[bytes, str]:
        """Not offered: the SPARQL protocol is served from Oxigraph.

        :raises QueryError: always.
        """
        raise QueryError("the SPARQL protocol is served from the Oxigraph engine only")

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query."""
        result = self._run(query, bindings)
        if result.type != "ASK":
            raise QueryError("not an ASK query")
        return bool(result.askAnswer)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query; the triples come back sorted."""
        result = self._run(query, bindings)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return sorted((ox.Triple(*(rdflib_to_ox(x) for x in t)) for t in result), key=str)

    # -- output -------------------------------------------------------------------
    def serialize(self, format_name: str = "turtle", *, fresh: bool = False) -> bytes:
        """The graph in ``format_name``, written from the sorted triples."""
        return serialize_triples(self.triples(), format_name)

    def engine_serialize(self, format_name: str = "turtle") -> bytes:
        """rdflib's own serializer (the benchmark's baseline).

        :raises QueryError: for a syntax rdflib does not write.
        """
        syntax = graph_syntax(format_name)
        if syntax.rdflib is None:
            raise QueryError(f"the rdflib engine does not write {syntax.label}")
        return self._rdf.serialize(format=syntax.rdflib, encoding="utf-8")

    def flush(self) -> None:
        """Nothing to write: the graph is in memory only."""

    def to_rdflib(self) -> Any:
        """An rdflib copy of the graph (for pyshacl)."""
        import rdflib

        copy = rdflib.Graph()
        copy += self._rdf
        return copy
