"""Comparing answers of different SPARQL engines: values as RDF terms, numbers by value,
``GROUP_CONCAT`` cells as sets of their parts (SPARQL leaves their order undefined)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import XSD
from kg.query import catalogue as queries

_NUMERIC = {XSD + n for n in ("integer", "int", "long", "short", "decimal", "double", "float",
                              "nonNegativeInteger", "positiveInteger")}


def comparable(term: Any) -> Any:
    """A value equal across engines when the RDF terms mean the same."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else XSD + "string"
        if datatype in _NUMERIC:
            try:
                return ("number", Decimal(term.value).normalize())
            except InvalidOperation:
                pass
        if term.language:
            return ("text", term.value, term.language.lower())
        if "; " in term.value:
            return ("parts", tuple(sorted(term.value.split("; "))))
        return ("literal", term.value, None if datatype == XSD + "string" else datatype)
    return ("triple", str(term))


def answer(name: str, store: Any) -> Any:
    """A named query's answer on ``store`` in comparable form."""
    query = queries.get(name)
    bindings = queries.bind_params(query, {}, store)
    result = queries.execute(store, query.text, bindings)
    if isinstance(result, bool):
        return result
    if result and isinstance(result[0], dict):
        return [{k: comparable(v) for k, v in row.items()} for row in result]
    return sorted(str(t) for t in result)
