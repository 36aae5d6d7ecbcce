"""Conversions of RDF terms at the boundaries: pyoxigraph <-> rdflib <-> Python.

pyoxigraph terms are the project's own currency; rdflib terms appear only
where rdflib is needed (SHACL, the rdflib baseline engine).

>>> to_python(ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")))
42
>>> to_python(ox.NamedNode("https://w3id.org/eucan/id/country/canada"))
'https://w3id.org/eucan/id/country/canada'
>>> str(parse_term('"ES"'))
'"ES"'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, cast

import pyoxigraph as ox

from kg.core.namespaces import XSD

__all__ = ["to_python", "ox_to_rdflib", "rdflib_to_ox", "parse_term", "local_name", "Term",
           "Subject", "cell_value", "term_value", "term_cells", "bound_rows"]

#: An RDF term as the project uses them (no RDF-star triple terms: pyoxigraph's types
#: allow a triple as subject or object, the graph never holds one).
Term = ox.NamedNode | ox.BlankNode | ox.Literal
#: What a triple's subject is in the project's graph.
Subject = ox.NamedNode | ox.BlankNode
_INTEGERS = {XSD + n for n in ("integer", "int", "long", "short", "nonNegativeInteger",
                               "positiveInteger", "gYear")}


def to_python(term: Term | None) -> Any:
    """A plain Python value: IRIs and strings as ``str``, numbers as int/Decimal."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTEGERS:
                return int(term.value)
            if dt == XSD + "decimal":
                return Decimal(term.value)
            if dt in (XSD + "double", XSD + "float"):
                return float(term.value)
            if dt == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            return term.value
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


def parse_term(text: str) -> Term:
    """Parse one term in N-Triples syntax (``<iri>``, ``"lit"@en``, ``"1"^^<...>``)."""
    dummy = f"<urn:s> <urn:p> {text} ."
    triples = list(ox.parse(dummy.encode(), format=ox.RdfFormat.N_TRIPLES))
    return triples[0].object


def ox_to_rdflib(term: Any) -> Any:
    """Convert a pyoxigraph term to the equal rdflib term."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD + "string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value),
                          normalize=False)


def rdflib_to_ox(term: Any) -> Any:
    """Convert an rdflib term to the equal pyoxigraph term."""
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is None:
        return ox.Literal(str(term))
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))


def decimal_of(term: Term) -> Decimal | None:
    """The numeric value of a literal, or None."""
    value = to_python(term)
    return Decimal(value) if isinstance(value, (int, Decimal)) else None


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/eucan/ontology#activeInEcosystem")
    'activeInEcosystem'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'",
          "\\": "\\"}


def _unescape(match: re.Match) -> str:
    short, long, char = match.groups()
    return chr(int(short or long, 16)) if short or long else _ECHAR.get(char, char)


def cell_value(cell: str) -> str | None:
    """The value of one cell of a SPARQL TSV result: an IRI without its brackets, a
    literal's lexical form (unescaped, without language or datatype), a blank node's
    label with ``_:``; None for an unbound cell.

    >>> cell_value("<https://w3id.org/eucan/id/partnership/suave>")
    'https://w3id.org/eucan/id/partnership/suave'
    >>> cell_value('"Qu\\u00E9bec \\"QC\\""@fr'), cell_value("42"), cell_value("")
    ('Québec "QC"', '42', None)
    """
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return cell[1:-1]
    if first == '"':
        body = cell[1:cell.rindex('"')]
        return _ESCAPE.sub(_unescape, body) if "\\" in body else body
    return cell


def term_cells(rows: Iterable[Mapping[str, Term | None]]) -> Iterator[tuple[str, ...]]:
    """Rows of terms as SPARQL TSV cells: N-Triples syntax, ``""`` for no term.

    >>> list(term_cells([{"s": ox.NamedNode("urn:x"), "l": ox.Literal("Qu\u00e9bec", language="fr"),
    ...                   "n": None}]))
    [('<urn:x>', '"Québec"@fr', '')]
    """
    return (tuple("" if t is None else str(t) for t in row.values()) for row in rows)


def term_value(term: Term | None) -> str | None:
    """The plain value :func:`cell_value` gives for the same term: an IRI, a literal's
    lexical form, ``_:label`` for a blank node, None for no term.

    >>> term_value(ox.BlankNode("q1")), term_value(ox.Literal("Québec", language="fr"))
    ('_:q1', 'Québec')
    """
    if term is None:
        return None
    return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value


def bound_rows(rows: Iterator[tuple[str | None, ...]]) -> Iterator[tuple[str, ...]]:
    """The rows of ``select_values`` for a query that binds every variable in every row
    (no ``OPTIONAL``): the same iterator, typed as holding no None (no copy, no check).

    >>> list(bound_rows(iter([("a", "b")])))
    [('a', 'b')]
    """
    return cast("Iterator[tuple[str, ...]]", rows)
