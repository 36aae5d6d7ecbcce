"""The catalogue of named SPARQL queries in ``queries/*.rq`` and running them.

Each file opens with header comments that keep it valid SPARQL::

    #+ title: Euroclusters targeting Canada
    #+ description: ...
    #+ param: ecosystem (resource) — an industrial ecosystem by label, slug or IRI (default: none)

Parameter types: ``resource`` (resolved from a label, alternative label, slug or
IRI), ``iri``, ``string``, ``integer``, ``decimal``. Values are bound as RDF
terms, never pasted into the query text.

Examples
--------
>>> rows = run("gic-budgets")
>>> rows[0]["cluster"]
'Next Generation Manufacturing Canada'
>>> [q.name for q in catalogue()][:2]
['abbreviations', 'agreements-framing-cooperation']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.errors import QueryError
from kg.core.namespaces import XSD
from kg.core.protocols import SparqlStore
from kg.core.resources import folder
from kg.core.sparql import READ_FORMS, query_form
from kg.core.terms import Term

__all__ = ["NamedQuery", "Param", "catalogue", "get", "parse_text", "bind_params", "run",
           "execute", "query_files"]
_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*(?:\((\w+)\))?\s*[—-]+\s*(.*?)\s*(?:\(default:?\s*(.*)\))?$")
TYPES = ("resource", "iri", "string", "integer", "decimal")


@dataclass(frozen=True)
class Param:
    """A declared parameter of a named query."""

    name: str
    type: str
    meaning: str
    default: str | None


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header: name, title, description, parameters, text."""

    name: str
    path: Path | Traversable
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    form: str


def parse_file(path: Path | Traversable) -> NamedQuery:
    """Read a ``.rq`` file and its ``#+`` header."""
    return parse_text(path.read_text(encoding="utf-8"), path.name.removesuffix(".rq"), path)


def parse_text(text: str, name: str = "query",
               path: Path | Traversable = Path("-")) -> NamedQuery:
    """SPARQL text (a file's, or one the user typed) with its ``#+`` header."""
    headers: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            headers.setdefault(match.group(1), []).append(match.group(2).strip())
    params = []
    for spec in headers.get("param", []):
        match = _PARAM.match(spec)
        if not match:
            raise QueryError(f"{name}: cannot read parameter header {spec!r}; expected "
                             "'name (type) — meaning (default: value)'")
        pname, ptype, meaning, default = match.groups()
        ptype = ptype or "string"
        if ptype not in TYPES:
            raise QueryError(f"{name}: parameter {pname!r} has type {ptype!r}; "
                             f"expected one of {', '.join(TYPES)}")
        if default in ("none", ""):
            default = None
        params.append(Param(pname, ptype, meaning, default))
    title = (headers.get("title") or headers.get("summary") or [name])[0]
    return NamedQuery(name, path, title, " ".join(headers.get("description", [])),
                      tuple(params), text, query_form(text))


def query_files() -> dict[str, Traversable]:
    """The named query files shipped with the package (``queries/*.rq``), by name."""
    found = {f.name.removesuffix(".rq"): f for f in folder("queries").iterdir()
             if f.name.endswith(".rq") and f.is_file()}
    return dict(sorted(found.items()))


def catalogue() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return [parse_file(f) for f in query_files().values()]


def get(name_or_path: str) -> NamedQuery:
    """A named query by name, or a ``.rq`` file by path.

    :raises QueryError: if unknown, with the closest names.
    """
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return parse_file(path)
    named = query_files()
    if name_or_path in named:
        return parse_file(named[name_or_path])
    close = difflib.get_close_matches(name_or_path, list(named), n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see 'kg query --list'"
    raise QueryError(f"unknown query {name_or_path!r}{hint}")


def _term(param: Param, value: str, store: SparqlStore) -> ox.NamedNode | ox.Literal:
    if param.type == "resource":
        from kg.query.resolve import resolve

        return ox.NamedNode(resolve(store, value))
    if param.type == "iri":
        if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value, re.I):
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an IRI")
        return ox.NamedNode(value)
    if param.type in ("integer", "decimal"):
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise QueryError(f"parameter {param.name!r}: {value!r} is not a number") from None
        if param.type == "integer" and number != number.to_integral_value():
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an integer")
        lexical = str(int(number)) if param.type == "integer" else str(number)
        return ox.Literal(lexical, datatype=ox.NamedNode(XSD + param.type))
    return ox.Literal(value)


def bind_params(query: NamedQuery, values: dict[str, str],
                store: SparqlStore) -> dict[str, Term]:
    """Typed RDF terms for the given and default parameter values.

    :raises QueryError: for an undeclared parameter or a value of the wrong type.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} "
                         f"(its parameters: {known})")
    bindings: dict[str, Term] = {}
    for name, param in declared.items():
        value = values.get(name, param.default)
        if value is not None:
            bindings[name] = _term(param, str(value), store)
    return bindings


def run(query: str | NamedQuery, store: SparqlStore | None = None, *,
        allow_update: bool = False, **params: str) -> list[dict[str, Any]] | bool | list[ox.Triple]:
    """Run a named query (a name, a ``.rq`` path or a :class:`NamedQuery`) with parameters.

    SELECT rows come back as dicts of plain Python values. ``store`` defaults to
    :func:`kg.store.open.default_store` (the built ``out/`` graph, else the package data).
    """
    from kg.core.terms import to_python

    named = query if isinstance(query, NamedQuery) else get(query)
    if store is None:
        from kg.store.open import default_store

        store = default_store()
    return execute(store, named.text, bind_params(named, params, store),
                   allow_update=allow_update, to_value=to_python)


def execute(store: SparqlStore, text: str, bindings: Mapping[str, Term] | None = None, *,
            allow_update: bool = False, to_value: Callable[[Any], Any] | None = None
            ) -> list[dict[str, Any]] | bool | list[ox.Triple]:
    """Run SPARQL text on a store: SELECT -> rows, ASK -> bool, CONSTRUCT -> triples."""
    form = query_form(text)
    if form not in READ_FORMS:
        if not allow_update:
            raise QueryError(f"refusing a SPARQL {form} update: the query layer is read-only "
                             "(use --allow-update to change the graph)")
        store.update(text)
        return []
    if form == "SELECT":
        rows = store.select(text, bindings)
        if to_value is None:
            return rows
        return [{k: to_value(v) for k, v in row.items()} for row in rows]
    if form == "ASK":
        return store.ask(text, bindings)
    return store.construct(text, bindings)
