"""One store abstraction for everything downstream of the builder.

:class:`Store` holds the graph in an embedded engine: Oxigraph (default, in
memory or on disk with ``path``) or rdflib's in-memory graph (``engine=
"rdflib"``, the baseline). :class:`kg.store.remote.RemoteStore` offers the same
``select``/``ask``/``construct`` over any SPARQL 1.1 endpoint. Values are
bound as RDF terms (never pasted into the query text).

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
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, overload

import pyoxigraph as ox

from kg.core.errors import KGError, QueryError, QueryLimitError
from kg.core.formats import (
    ANSWER_FORMATS,
    GRAPH_SYNTAXES,
    RDF_SUFFIXES,
    Format,
    by_name,
    by_suffix,
)
from kg.core.namespaces import PREFIXES
from kg.core.sparql import inject_values
from kg.core.terms import Term, cell_value, ox_to_rdflib, rdflib_to_ox, term_cells, term_value

__all__ = ["Store", "ENGINES", "CONTENT_FILE", "CONTENT_NTRIPLES", "StoreDamagedError",
           "damaged", "serialize_triples", "syntax_message"]

#: In an on-disk store written by the project: the SHA-256 of the store's sorted N-Triples
#: and its triple count, as JSON. Any change through :class:`Store` deletes it.
CONTENT_FILE = ".eucan-content.json"
#: Beside it: that sorted N-Triples text itself, from which a copy in memory is made
#: without reading the on-disk store (deleted with the record).
CONTENT_NTRIPLES = "content.nt"

ENGINES = ("oxigraph", "rdflib")
#: Queries of :meth:`Store.select_many` evaluated at the same time.
_AHEAD = 2


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
def _reading(path: Path | None) -> Iterator[None]:
    """Turn the engine's report of damaged files while reading ``path`` into one error."""
    try:
        yield
    except RuntimeError as error:
        raise damaged(error, path) from None


class Store:
    """An RDF graph with SPARQL: Oxigraph-backed by default.

    :param path: a directory for an on-disk Oxigraph store (None: in memory).
    :param engine: ``"oxigraph"`` (default) or ``"rdflib"`` (baseline).
    """

    def __init__(self, path: str | Path | None = None, engine: str = "oxigraph") -> None:
        if engine not in ENGINES:
            raise QueryError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
        self.engine = engine
        self.path = Path(path) if path else None
        self._canonical: bytes | None = None  # sorted N-Triples, until the next change
        #: What lives as long as the store: an on-disk store's shared folder lock
        #: (:func:`kg.store.open.open_disk_store`).
        self.held: Any = None
        self._ox: ox.Store | None  # one of the two engines is None
        self._rdf: Any  # rdflib.Graph, imported only for that engine
        if engine == "oxigraph":
            self._ox = ox.Store(str(path)) if path else ox.Store()
            self._rdf = None
        else:
            import rdflib

            self._ox = None
            self._rdf = rdflib.Graph()

    # -- writing ------------------------------------------------------------------
    def add(self, triples: Iterable[ox.Triple]) -> None:
        """Add pyoxigraph triples."""
        self._changed()
        if self._ox is not None:
            self._ox.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        else:
            for t in triples:
                self._rdf.add((ox_to_rdflib(t.subject), ox_to_rdflib(t.predicate),
                               ox_to_rdflib(t.object)))

    def add_ntriples(self, data: bytes) -> None:
        """Add the triples of N-Triples ``data``, keeping blank-node labels (a file
        :meth:`load` gives fresh ones). The canonical form is still the store's own dump,
        sorted: Oxigraph writes every number in its canonical lexical form."""
        self._changed()
        parsed = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        if self._ox is not None:
            self._ox.extend(parsed)
        else:
            self.add(ox.Triple(q.subject, q.predicate, q.object) for q in parsed)

    def in_memory_copy(self, ntriples: bytes | None = None) -> Store:
        """An in-memory Oxigraph copy of this store, blank-node labels kept (for answering
        from memory a store kept on disk: on this machine Oxigraph's on-disk store answers
        the site's name query five times slower), made from its dump or from ``ntriples``,
        its content as N-Triples when known (reading a 1M on-disk store takes 6 s).

        >>> original = Store(); original.add_ntriples(b'_:b <http://e/p> "x" .')
        >>> copy = original.in_memory_copy()
        >>> copy.serialize("ntriples"), copy.path
        (b'_:b <http://e/p> "x" .\\n', None)
        """
        copy = Store()
        if ntriples is not None:
            copy.add_ntriples(ntriples)
        elif self._ox is not None:
            copy.add_ntriples(self._dump(ox.RdfFormat.N_TRIPLES))
        else:
            copy.add(self.triples())
        return copy

    def _dump(self, fmt: ox.RdfFormat) -> bytes:
        """The Oxigraph engine's own dump of the default graph in ``fmt``, unsorted."""
        if self._ox is None:
            raise QueryError("the rdflib engine has no Oxigraph dump")
        with _reading(self.path):
            return self._ox.dump(format=fmt, from_graph=ox.DefaultGraph()) or b""

    def _changed(self) -> None:
        """Forget what was derived from the content: the sorted dump and, for an on-disk
        store, the record of its content (:data:`CONTENT_FILE`) that saved projections
        are checked against, and the text it records (:data:`CONTENT_NTRIPLES`)."""
        self._canonical = None
        if self.path is not None:
            (self.path / CONTENT_FILE).unlink(missing_ok=True)
            (self.path / CONTENT_NTRIPLES).unlink(missing_ok=True)

    def load(self, path: str | Path, format_name: str | None = None) -> None:
        """Load an RDF file; the format is guessed from the extension if not given. On
        disk with the bulk loader, in memory with the loader of the lower peak (1M
        triples: 373 against 593 MiB, same time)."""
        syntax = by_name(format_name) if format_name else by_suffix(Path(path).suffix[1:])
        if syntax is None or syntax.holds not in ("graph", "dataset"):
            raise QueryError(f"{path}: unknown RDF file extension; expected one of "
                             + ", ".join("." + suffix for suffix in RDF_SUFFIXES))
        self._changed()
        if self._ox is not None and self.path is None:
            self._ox.load(path=str(path), format=syntax.rdf_format)
        elif self._ox is not None:
            self._ox.bulk_load(path=str(path), format=syntax.rdf_format)
        elif syntax.rdflib is None:
            raise QueryError(f"{path}: the rdflib engine reads graphs only, not "
                             f"{syntax.label}")
        else:
            self._rdf.parse(str(path), format=syntax.rdflib)

    # -- reading ------------------------------------------------------------------
    def triples(self) -> list[ox.Triple]:
        """Every triple, sorted by its N-Triples form (deterministic)."""
        if self._ox is not None:
            return list(_own_dump(self._sorted_ntriples()))
        found = (ox.Triple(*(rdflib_to_ox(x) for x in t)) for t in self._rdf)
        return sorted(found, key=str)

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
        if self._ox is not None:
            with _reading(self.path):
                return len(self._ox)
        return len(self._rdf)

    def _run(self, query: str, bindings: Mapping[str, Term] | None) -> Any:
        bindings = dict(bindings or {})
        try:
            if self._ox is not None:
                with _reading(self.path):
                    return self._ox.query(inject_values(query, bindings), prefixes=PREFIXES)
            return self._rdf.query(query, initNs=PREFIXES,
                                   initBindings={k: ox_to_rdflib(v) for k, v in bindings.items()})
        except SyntaxError as error:
            raise QueryError(syntax_message(str(error), query)) from None
        except Exception as error:  # rdflib raises pyparsing errors
            if type(error).__name__ in ("ParseException", "ParseSyntaxException"):
                raise QueryError(syntax_message(str(error), query)) from None
            raise

    def select(self, query: str,
               bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        """Run a SELECT; rows map every variable, in order, to a pyoxigraph term or None."""
        return list(self.iter_select(query, bindings))

    def iter_select(self, query: str,
                    bindings: Mapping[str, Term] | None = None) -> Iterator[dict[str, Term]]:
        """Like :meth:`select`, but yields rows as the engine produces them (less memory)."""
        result = self._run(query, bindings)
        if self._ox is not None:
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("not a SELECT query")
            names = [v.value for v in result.variables]
            with _reading(self.path):
                for solution in result:
                    yield {n: solution[n] for n in names}
        else:
            if result.type != "SELECT":
                raise QueryError("not a SELECT query")
            names = [str(v) for v in result.vars]
            for row in result:
                yield {n: rdflib_to_ox(row[n]) for n in names}

    def select_values(self, query: str, bindings: Mapping[str, Term] | None = None
                      ) -> Iterator[tuple[str | None, ...]]:
        """Rows of a SELECT as plain strings, in the order of its variables: an IRI, a
        literal's lexical form or ``_:label``, None when unbound (:func:`cell_value`). On
        Oxigraph the result is written as TSV by the engine and split, with no Python term
        object per cell: several times faster than :meth:`iter_select` on large results."""
        if self._ox is None:
            for row in self.iter_select(query, bindings):
                yield tuple(term_value(t) for t in row.values())
            return
        with self._spooled(query, bindings) as spool:
            yield from _spooled_rows(spool)

    def select_many(self, queries: Sequence[str]) -> list[Iterator[tuple[str, ...]]]:
        """The rows of several SELECTs, one iterator per query, each cell as the SPARQL TSV
        format writes it: ``<iri>``, a quoted and escaped literal (read it with
        :func:`kg.core.terms.cell_value`), ``_:label``, or ``""`` when unbound. On Oxigraph
        the queries are evaluated in other threads while the rows are read: the engine
        releases Python's lock while it works, so on two cores a large projection's four
        queries take about 60% of their serial time.

        >>> query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
        >>> store = Store()
        >>> store.add([ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode(PREFIXES["rdfs"] + "label"),
        ...                      ox.Literal("X"))])
        >>> [list(rows) for rows in store.select_many([query, "SELECT ?nothing {}"])]
        [[('<urn:x>', '"X"')], [('',)]]
        """
        if self._ox is None:
            return [term_cells(self.iter_select(query)) for query in queries]
        ahead = ThreadPoolExecutor(max_workers=_AHEAD)
        pending = [ahead.submit(self._spooled, query, None) for query in queries]
        ahead.shutdown(wait=False)  # the queries still run, in order
        return [_cells_when_done(future) for future in pending]

    def _spooled(self, query: str, bindings: Mapping[str, Term] | None) -> Any:
        """A temporary file holding the TSV result of a SELECT, at its first row (streamed:
        no whole result in memory). The engine writes it to the file's path, with no call
        into Python (and its lock) per buffer, so other threads run meanwhile."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        handle, name = tempfile.mkstemp(prefix="kg-select-", suffix=".tsv")
        try:
            os.close(handle)
            with _reading(self.path):
                result.serialize(name, format=ox.QueryResultsFormat.TSV)
            return open(name, "rb")  # noqa: SIM115 (closed by its reader)
        finally:
            os.unlink(name)

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

        >>> store = Store()
        >>> store.query_serialized("ASK { ?s ?p ?o }", "text/csv")[1]
        'text/csv'

        :raises QueryLimitError: if the answer has more than ``max_rows`` rows or
            ``max_bytes`` bytes.
        """
        if self._ox is None:
            raise QueryError("the SPARQL protocol is served from the Oxigraph engine only")
        result = self._run(query, bindings)
        if isinstance(result, ox.QueryTriples):
            media = media_type if media_type in _TRIPLE_FORMATS else next(iter(_TRIPLE_FORMATS))
            with _reading(self.path):
                lines = _bounded(result, ox.RdfFormat.N_TRIPLES, max_rows, max_bytes)
            if media == "application/n-triples":
                return lines, media
            triples = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
            return ox.serialize(triples, format=_TRIPLE_FORMATS[media]) or b"", media
        media = media_type if media_type in _RESULT_FORMATS else next(iter(_RESULT_FORMATS))
        if isinstance(result, ox.QueryBoolean):
            return result.serialize(format=_RESULT_FORMATS[media]) or b"", media
        with _reading(self.path):
            rows = _bounded(result, ox.QueryResultsFormat.TSV, max_rows, max_bytes, header=1)
        if media == "text/tab-separated-values":
            return rows, media
        solutions = ox.parse_query_results(rows, format=ox.QueryResultsFormat.TSV)
        return solutions.serialize(format=_RESULT_FORMATS[media]) or b"", media

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query."""
        result = self._run(query, bindings)
        if self._ox is not None:
            if not isinstance(result, ox.QueryBoolean):
                raise QueryError("not an ASK query")
            return bool(result)
        if result.type != "ASK":
            raise QueryError("not an ASK query")
        return bool(result.askAnswer)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query; the triples come back sorted."""
        result = self._run(query, bindings)
        if self._ox is not None:
            if not isinstance(result, ox.QueryTriples):
                raise QueryError("not a CONSTRUCT or DESCRIBE query")
            with _reading(self.path):
                return sorted(result, key=str)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return sorted((ox.Triple(*(rdflib_to_ox(x) for x in t)) for t in result), key=str)

    def update(self, update: str) -> None:
        """Run a SPARQL Update (the query layer only allows it on request)."""
        self._changed()
        try:
            if self._ox is not None:
                self._ox.update(update, prefixes=PREFIXES)
            else:
                self._rdf.update(update, initNs=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None

    # -- output -------------------------------------------------------------------
    def serialize(self, format_name: str = "turtle", *, fresh: bool = False) -> bytes:
        """The graph in ``format_name`` (one of :data:`kg.core.formats.GRAPH_SYNTAXES`),
        byte-identical per content.
        Every format is written from one sorted N-Triples dump, kept until the store
        changes (``fresh``: sort again, e.g. to time it)."""
        if fresh:
            self._canonical = None
        if self._ox is None:
            return serialize_triples(self.triples(), format_name)
        ordered = self._sorted_ntriples()
        if format_name == "ntriples":
            return ordered
        return serialize_triples(_own_dump(ordered), format_name)

    def serialize_all(self, format_names: Iterable[str]) -> dict[str, bytes]:
        """:meth:`serialize` for several formats, reading the sorted dump once (the
        triples are held in memory meanwhile: for the main job's few formats)."""
        names = list(format_names)
        if self._ox is None or sum(name != "ntriples" for name in names) < 2:
            return {name: self.serialize(name) for name in names}
        ordered = self._sorted_ntriples()
        triples = list(_own_dump(ordered))
        return {name: ordered if name == "ntriples" else serialize_triples(triples, name)
                for name in names}

    def flush(self) -> None:
        """Write pending changes of an on-disk store to disk."""
        if self._ox is not None:
            self._ox.flush()

    def engine_serialize(self, format_name: str = "turtle") -> bytes:
        """The engine's own serialiser, unsorted: Oxigraph's dump or rdflib's serializer
        (the baseline the benchmark compares :meth:`serialize` with)."""
        syntax = _graph_syntax(format_name)
        if self._ox is not None:
            return self._dump(syntax.rdf_format)
        return self._rdf.serialize(format=syntax.rdflib, encoding="utf-8")

    def to_rdflib(self) -> Any:
        """An rdflib copy of the graph (for pyshacl), built term by term: rdflib's
        N-Triples parser takes time quadratic in the length of a literal (a 1 MB label
        cost 15 s), converting terms is linear."""
        import rdflib

        if self._ox is None:
            copy = rdflib.Graph()
            copy += self._rdf
            return copy
        graph = rdflib.Graph()
        graph.addN((ox_to_rdflib(q.subject), ox_to_rdflib(q.predicate), ox_to_rdflib(q.object),
                    graph) for q in self._ox.quads_for_pattern(None, None, None,
                                                             ox.DefaultGraph()))
        return graph


#: The SPARQL protocol's answers by media type (:data:`kg.core.formats.ANSWER_FORMATS`):
#: CONSTRUCT and DESCRIBE in the RDF syntaxes, SELECT and ASK in the others.
_TRIPLE_FORMATS = {f.served_as: f.rdf_format for f in map(by_name, ANSWER_FORMATS)
                   if f.holds == "graph"}
_RESULT_FORMATS = {f.served_as: f.results_format for f in map(by_name, ANSWER_FORMATS)
                   if f.holds != "graph"}


class _Capped:
    """A binary writer that stops the engine once ``rows`` lines or ``size`` bytes
    are written (one line per row in TSV and N-Triples: they escape newlines)."""

    def __init__(self, rows: int | None, size: int | None, header: int) -> None:
        self.rows, self.size, self.header = rows, size, header
        self.parts: list[bytes] = []
        self.lines = self.written = 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        self.lines += data.count(b"\n")
        if self.size is not None and self.written > self.size:
            raise QueryLimitError(f"the answer is larger than {self.size >> 20} MiB "
                                  "(the limit); ask for less")
        if self.rows is not None and self.lines - self.header > self.rows:
            raise QueryLimitError(f"the answer has more than {self.rows:,} rows (the limit); "
                                  "add a LIMIT")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _bounded(result: Any, fmt: Any, rows: int | None, size: int | None,
             header: int = 0) -> bytes:
    """``result`` serialised in the line-based ``fmt``, stopped past the limits."""
    if rows is None and size is None:
        return result.serialize(format=fmt)
    writer = _Capped(rows, size, header)
    try:
        result.serialize(writer, format=fmt)
    except QueryLimitError:
        raise
    except OSError as error:  # the engine wraps the writer's exception in some versions
        if isinstance(error.__cause__, QueryLimitError):
            raise error.__cause__ from None
        raise
    return b"".join(writer.parts)


def _own_dump(ntriples: bytes) -> Any:
    """The triples of the engine's own N-Triples dump (sorted), parsed without validating
    the IRIs again (``lenient``): they were checked when the store took them, and the
    check is most of the parse (1M triples: 0.7 s instead of 1.8 s to Turtle)."""
    return ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)


def _cells_when_done(future: Future) -> Iterator[tuple[str, ...]]:
    """The rows of the TSV result ``future`` gives."""
    with future.result() as spool:
        yield from _spooled_rows(spool, decode=False)


@overload
def _spooled_rows(spool: Any, *, decode: Literal[False]) -> Iterator[tuple[str, ...]]: ...


@overload
def _spooled_rows(spool: Any, *, decode: Literal[True] = ...) -> Iterator[tuple[str | None, ...]]:
    ...


def _spooled_rows(spool: Any, *, decode: bool = True) -> Iterator[tuple[str | None, ...]]:
    """The rows of a TSV result file: plain strings (:func:`cell_value`) or, with
    ``decode=False``, the cells as written."""
    width = spool.readline().count(b"\t") + 1  # the header names the variables
    rest = b""
    while chunk := spool.read(1 << 22):  # about 4 MiB of rows at a time
        chunk = rest + chunk
        end = chunk.rfind(b"\n") + 1
        rest = chunk[end:]
        # one split per chunk of whole lines (cells never hold a tab or newline: TSV
        # escapes them)
        cells: list[Any] = chunk[:end].decode("utf-8").replace("\n", "\t").split("\t")
        cells.pop()  # after the last row's newline
        if decode:
            cells = [c[1:-1] if c[:1] == "<" else cell_value(c) for c in cells]
        yield from zip(*[iter(cells)] * width, strict=True)


def syntax_message(message: str, query: str) -> str:
    """A one-line syntax error with line, column and the offending text.

    >>> syntax_message("error at 1:10: expected OPTIONAL", "SELECT * { ?s ?p }")
    "SPARQL syntax error at line 1, column 10: expected OPTIONAL; near 'SELECT * { ?s ?p }'"
    """
    import re

    found = re.search(r"(?:at |line:?\s*)(\d+)[:,]\s*(?:col:?\s*)?(\d+)", message)
    first = message.strip().splitlines()[0] if message.strip() else "invalid query"
    if not found:
        return f"SPARQL syntax error: {first}"
    line, column = int(found.group(1)), int(found.group(2))
    lines = query.splitlines() or [""]
    text = lines[min(line, len(lines)) - 1].strip()
    detail = re.sub(r"^error at \d+:\d+(?:-\d+:\d+)?:\s*", "", first)
    return f"SPARQL syntax error at line {line}, column {column}: {detail}; near {text!r}"


def _graph_syntax(format_name: str) -> Format:
    """The RDF graph syntax called ``format_name``.

    :raises QueryError: if there is none.
    """
    if format_name not in GRAPH_SYNTAXES:
        raise QueryError(f"unknown format {format_name!r}; expected one of "
                         f"{', '.join(GRAPH_SYNTAXES)}")
    return by_name(format_name)


def serialize_triples(triples: Iterable[ox.Triple], format_name: str = "turtle") -> bytes:
    """Serialise triples in their given order with the project's prefixes."""
    syntax = _graph_syntax(format_name)
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"} if syntax.prefixes else None
    return ox.serialize(triples, format=syntax.rdf_format, prefixes=prefixes) or b""
