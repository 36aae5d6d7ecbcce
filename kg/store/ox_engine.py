"""The embedded Oxigraph engine (:class:`OxigraphStore`): in memory, or on disk with
``path``. Values are bound as RDF terms, never pasted into the query text.

Its plain algorithm — a term object per cell, one query after the other — is the meaning
of every read. On large stores (:data:`SPOOL_FROM` triples and more, and every on-disk
store) :meth:`OxigraphStore.select_values` and :meth:`OxigraphStore.select_many` give the
same rows from TSV results the engine writes itself, evaluated in other threads while
the rows are read (:mod:`kg.store.spool`).

>>> store = OxigraphStore()
>>> s, p = ox.NamedNode("urn:x"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
>>> store.add([ox.Triple(s, p, ox.Literal("X"))])
>>> store.select("SELECT ?l WHERE { ?s rdfs:label ?l }", {"s": s})[0]["l"].value
'X'
>>> store.ask("ASK { ?s ?p ?o }"), len(store)
(True, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.errors import QueryError
from kg.core.formats import ANSWER_FORMATS, RDF_SUFFIXES, by_name, by_suffix
from kg.core.namespaces import PREFIXES
from kg.core.sparql import inject_values
from kg.core.terms import Term, ox_to_rdflib, term_cells, term_value
from kg.store.common import (
    EngineStore,
    graph_syntax,
    reading,
    serialize_triples,
    syntax_message,
)
from kg.store.spool import bounded, cells_when_done, spool, spooled_rows

__all__ = ["OxigraphStore", "SPOOL_FROM"]

#: From this many triples on, SELECT rows are read from the engine's own TSV output and
#: several queries run at the same time: several times faster on large results, slower
#: than term objects on small ones (a file and a thread per query).
SPOOL_FROM = 10_000
#: Queries of :meth:`OxigraphStore.select_many` evaluated at the same time.
_AHEAD = 2

#: The SPARQL protocol's answers by media type (:data:`kg.core.formats.ANSWER_FORMATS`):
#: CONSTRUCT and DESCRIBE in the RDF syntaxes, SELECT and ASK in the others.
_TRIPLE_FORMATS = {f.served_as: f.rdf_format for f in map(by_name, ANSWER_FORMATS)
                   if f.holds == "graph"}
_RESULT_FORMATS = {f.served_as: f.results_format for f in map(by_name, ANSWER_FORMATS)
                   if f.holds != "graph"}


class OxigraphStore(EngineStore):
    """An RDF graph with SPARQL in Oxigraph (:class:`kg.core.protocols.EmbeddedStore`).

    :param path: a directory for an on-disk store (None: in memory).
    """

    engine = "oxigraph"
    #: Triples from which the scale-tuned reads are used (:data:`SPOOL_FROM`).
    spool_from = SPOOL_FROM

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__(path)
        self._ox = ox.Store(str(path)) if path else ox.Store()
        self._size: int | None = None

    # -- writing ------------------------------------------------------------------
    def _changed(self) -> None:
        super()._changed()
        self._size = None

    def add(self, triples: Iterable[ox.Triple]) -> None:
        """Add pyoxigraph triples."""
        self._changed()
        self._ox.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)

    def add_ntriples(self, data: bytes) -> None:
        """Add the triples of N-Triples ``data``, keeping blank-node labels (a file
        :meth:`load` gives fresh ones). The canonical form is still the store's own dump,
        sorted: Oxigraph writes every number in its canonical lexical form."""
        self._changed()
        self._ox.extend(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))

    def in_memory_copy(self, ntriples: bytes | None = None) -> OxigraphStore:
        """An in-memory copy of this store, blank-node labels kept (for answering from
        memory a store kept on disk: on this machine Oxigraph's on-disk store answers the
        site's name query five times slower), made from its dump or from ``ntriples``, its
        content as N-Triples when known (reading a 1M on-disk store takes 6 s).

        >>> original = OxigraphStore(); original.add_ntriples(b'_:b <http://e/p> "x" .')
        >>> copy = original.in_memory_copy()
        >>> copy.serialize("ntriples"), copy.path
        (b'_:b <http://e/p> "x" .\\n', None)
        """
        copy = OxigraphStore()
        copy.add_ntriples(self._dump(ox.RdfFormat.N_TRIPLES) if ntriples is None else ntriples)
        return copy

    def _dump(self, fmt: ox.RdfFormat) -> bytes:
        """The engine's own dump of the default graph in ``fmt``, unsorted."""
        with reading(self.path):
            return self._ox.dump(format=fmt, from_graph=ox.DefaultGraph()) or b""

    def load(self, path: str | Path, format_name: str | None = None) -> None:
        """Load an RDF file; the format is guessed from the extension if not given. On
        disk with the bulk loader, in memory with the loader of the lower peak (1M
        triples: 373 against 593 MiB, same time)."""
        syntax = by_name(format_name) if format_name else by_suffix(Path(path).suffix[1:])
        if syntax is None or syntax.holds not in ("graph", "dataset"):
            raise QueryError(f"{path}: unknown RDF file extension; expected one of "
                             + ", ".join("." + suffix for suffix in RDF_SUFFIXES))
        self._changed()
        loader = self._ox.load if self.path is None else self._ox.bulk_load
        loader(path=str(path), format=syntax.rdf_format)

    def update(self, update: str) -> None:
        """Run a SPARQL Update (the query layer only allows it on request)."""
        self._changed()
        try:
            self._ox.update(update, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None

    def flush(self) -> None:
        """Write pending changes of an on-disk store to disk."""
        self._ox.flush()

    # -- reading ------------------------------------------------------------------
    def triples(self) -> list[ox.Triple]:
        """Every triple, sorted by its N-Triples form (deterministic)."""
        return list(_own_dump(self._sorted_ntriples()))

    def _sorted_ntriples(self) -> bytes:
        """Oxigraph's N-Triples dump with its lines sorted: the canonical order of the
        project (the same as sorting triples by their N-Triples form, as UTF-8 bytes sort
        like code points), without building a Python object per triple. Sorted once and
        kept until the store changes: every format of a build is written from it."""
        if self._canonical is None:
            dump = self._dump(ox.RdfFormat.N_TRIPLES)
            lines = dump.split(b"\n")
            del dump
            if not lines[-1]:  # the dump ends in a newline; it has no other empty line
                lines.pop()
            lines.sort()
            lines.append(b"")  # the final newline, without copying the joined text again
            self._canonical = b"\n".join(lines) if len(lines) > 1 else b""
        return self._canonical

    def __len__(self) -> int:
        if self._size is None:
            with reading(self.path):
                self._size = len(self._ox)
        return self._size

    def _large(self) -> bool:
        """Whether the scale-tuned reads are used: on disk, or :attr:`spool_from` triples."""
        return self.path is not None or len(self) >= self.spool_from

    def _run(self, query: str, bindings: Mapping[str, Term] | None) -> Any:
        try:
            with reading(self.path):
                return self._ox.query(inject_values(query, dict(bindings or {})),
                                      prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(syntax_message(str(error), query)) from None

    def iter_select(self, query: str,
                    bindings: Mapping[str, Term] | None = None) -> Iterator[dict[str, Term]]:
        """Like :meth:`select`, but yields rows as the engine produces them (less memory)."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        names = [v.value for v in result.variables]
        with reading(self.path):
            for solution in result:
                yield {n: solution[n] for n in names}

    def select_values(self, query: str, bindings: Mapping[str, Term] | None = None
                      ) -> Iterator[tuple[str | None, ...]]:
        """Rows of a SELECT as plain strings, in the order of its variables: an IRI, a
        literal's lexical form or ``_:label``, None when unbound
        (:func:`kg.core.terms.term_value` of each term). On a large store the result is
        written as TSV by the engine and split, with no Python term object per cell:
        several times faster on large results."""
        if not self._large():
            for row in self.iter_select(query, bindings):
                yield tuple(term_value(t) for t in row.values())
            return
        with spool(self._run(query, bindings), self.path) as spooled:
            yield from spooled_rows(spooled)

    def select_many(self, queries: Sequence[str]) -> list[Iterator[tuple[str, ...]]]:
        """The rows of several SELECTs, one iterator per query, each cell as the SPARQL TSV
        format writes it: ``<iri>``, a quoted and escaped literal (read it with
        :func:`kg.core.terms.cell_value`), ``_:label``, or ``""`` when unbound
        (:func:`kg.core.terms.term_cells`). On a large store the engine writes each
        result itself, in other threads while the rows are read: it releases Python's lock
        while it works, so on two cores a large projection's four queries take about 60%
        of their serial time.

        >>> query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
        >>> store = OxigraphStore()
        >>> store.add([ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode(PREFIXES["rdfs"] + "label"),
        ...                      ox.Literal("X"))])
        >>> [list(rows) for rows in store.select_many([query, "SELECT ?nothing {}"])]
        [[('<urn:x>', '"X"')], [('',)]]
        >>> store.spool_from = 0  # the same rows, written by the engine
        >>> [list(rows) for rows in store.select_many([query, "SELECT ?nothing {}"])]
        [[('<urn:x>', '"X"')], [('',)]]
        """
        if not self._large():
            return [term_cells(self.iter_select(query)) for query in queries]
        ahead = ThreadPoolExecutor(max_workers=_AHEAD)
        pending = [ahead.submit(lambda q: spool(self._run(q, None), self.path), query)
                   for query in queries]
        ahead.shutdown(wait=False)  # the queries still run, in order
        return [cells_when_done(future) for future in pending]

    def query_serialized(self, query: str, media_type: str,
                         bindings: Mapping[str, Term] | None = None, *,
                         max_rows: int | None = None,
                         max_bytes: int | None = None) -> tuple[bytes, str]:
        """Run a read query and serialise its result in the engine (no Python object per
        row), for the SPARQL protocol: SELECT/ASK as ``application/sparql-results+json``,
        ``…+xml``, ``text/csv`` or ``text/tab-separated-values``; CONSTRUCT/DESCRIBE as
        ``text/turtle``, ``application/n-triples`` or ``application/rdf+xml``. Returns the
        bytes and the media type actually written (the first kind of each list when the
        asked type does not fit the result). ``max_rows`` (rows or triples) and
        ``max_bytes`` stop the query as soon as its answer grows past them.

        >>> OxigraphStore().query_serialized("ASK { ?s ?p ?o }", "text/csv")[1]
        'text/csv'

        :raises QueryLimitError: if the answer has more than ``max_rows`` rows or
            ``max_bytes`` bytes.
        """
        result = self._run(query, bindings)
        if isinstance(result, ox.QueryTriples):
            media = media_type if media_type in _TRIPLE_FORMATS else next(iter(_TRIPLE_FORMATS))
            with reading(self.path):
                lines = bounded(result, ox.RdfFormat.N_TRIPLES, max_rows, max_bytes)
            if media == "application/n-triples":
                return lines, media
            triples = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
            return ox.serialize(triples, format=_TRIPLE_FORMATS[media]) or b"", media
        media = media_type if media_type in _RESULT_FORMATS else next(iter(_RESULT_FORMATS))
        if isinstance(result, ox.QueryBoolean):
            return result.serialize(format=_RESULT_FORMATS[media]) or b"", media
        with reading(self.path):
            rows = bounded(result, ox.QueryResultsFormat.TSV, max_rows, max_bytes, header=1)
        if media == "text/tab-separated-values":
            return rows, media
        solutions = ox.parse_query_results(rows, format=ox.QueryResultsFormat.TSV)
        return solutions.serialize(format=_RESULT_FORMATS[media]) or b"", media

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query; the triples come back sorted."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        with reading(self.path):
            return sorted(result, key=str)

    # -- output -------------------------------------------------------------------
    def serialize(self, format_name: str = "turtle", *, fresh: bool = False) -> bytes:
        """The graph in ``format_name`` (one of :data:`kg.core.formats.GRAPH_SYNTAXES`),
        byte-identical per content.
        Every format is written from one sorted N-Triples dump, kept until the store
        changes (``fresh``: sort again, e.g. to time it)."""
        if fresh:
            self._canonical = None
        ordered = self._sorted_ntriples()
        if format_name == "ntriples":
            return ordered
        return serialize_triples(_own_dump(ordered), format_name)

    def serialize_all(self, format_names: Iterable[str]) -> dict[str, bytes]:
        """:meth:`serialize` for several formats, reading the sorted dump once (the
        triples are held in memory meanwhile: for the main job's few formats)."""
        names = list(format_names)
        if sum(name != "ntriples" for name in names) < 2:
            return super().serialize_all(names)
        ordered = self._sorted_ntriples()
        triples = list(_own_dump(ordered))
        return {name: ordered if name == "ntriples" else serialize_triples(triples, name)
                for name in names}

    def engine_serialize(self, format_name: str = "turtle") -> bytes:
        """Oxigraph's own dump, unsorted (the baseline the benchmark compares
        :meth:`serialize` with)."""
        return self._dump(graph_syntax(format_name).rdf_format)

    def to_rdflib(self) -> Any:
        """An rdflib copy of the graph (for pyshacl), built term by term: rdflib's
        N-Triples parser takes time quadratic in the length of a literal (a 1 MB label
        cost 15 s), converting terms is linear."""
        import rdflib

        graph = rdflib.Graph()
        graph.addN((ox_to_rdflib(q.subject), ox_to_rdflib(q.predicate), ox_to_rdflib(q.object),
                    graph) for q in self._ox.quads_for_pattern(None, None, None,
                                                             ox.DefaultGraph()))
        return graph


def _own_dump(ntriples: bytes) -> Any:
    """The triples of the engine's own N-Triples dump (sorted), parsed without validating
    the IRIs again (``lenient``): they were checked when the store took them, and the
    check is most of the parse (1M triples: 0.7 s instead of 1.8 s to Turtle)."""
    return ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
