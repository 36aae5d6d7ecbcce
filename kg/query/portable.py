"""Which queries rely on transitive property paths where servers disagree.

Some SPARQL servers (Virtuoso 7 among them) answer ``*`` and ``+`` property paths
wrongly inside ``OPTIONAL`` or under ``GROUP BY``, without a warning. The graph
publishes the entailed types, inverses and transitive closures
(:mod:`kg.graph.entail`), so named queries can use plain triple patterns instead;
this module finds the ones that do not, by walking the query algebra of rdflib's
SPARQL parser. A query whose header carries ``#+ portable: REASON`` is exempt.

Examples
--------
>>> unsafe_paths("SELECT ?p (COUNT(?x) AS ?n) WHERE { ?p a ?c . "
...              "OPTIONAL { ?x eucan:partOf+ ?p } } GROUP BY ?p")
['eucan:partOf+ under GROUP BY, inside OPTIONAL']
>>> unsafe_paths("SELECT ?x WHERE { ?x eucan:partOf ?p }")
[]
"""

from __future__ import annotations

from typing import Any

from kg.core.errors import QueryError
from kg.core.namespaces import PREFIXES

__all__ = ["unsafe_paths"]


def _name(term: Any) -> str:
    text = str(term)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri):
            return f"{prefix}:{text[len(iri):]}"
    return f"<{text}>"


def _mul_paths(path: Any) -> list[str]:
    """The ``*``/``+`` parts of a property path, written back in SPARQL syntax."""
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

    if isinstance(path, MulPath):
        inner = _mul_paths(path.path)
        return inner + ([f"{_name(path.path)}{path.mod}"] if path.mod in ("*", "+") else [])
    if isinstance(path, (SequencePath, AlternativePath)):
        return [found for part in path.args for found in _mul_paths(part)]
    if isinstance(path, (InvPath, NegatedPath)):
        return _mul_paths(getattr(path, "arg", None) or getattr(path, "args", [None])[0])
    return []


def _walk(node: Any, context: tuple[str, ...], found: list[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        name = node.name
        for key, value in node.items():
            inner = context
            if name == "LeftJoin" and key == "p2":
                inner = context + ("inside OPTIONAL",)
            elif name in ("Group", "AggregateJoin") and "under GROUP BY" not in context:
                inner = context + ("under GROUP BY",)
            if key == "triples" and context:
                for _, predicate, _ in value:
                    found.extend(f"{p} {', '.join(context)}" for p in _mul_paths(predicate))
            else:
                _walk(value, inner, found)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _walk(item, context, found)


def unsafe_paths(text: str) -> list[str]:
    """Each ``*`` or ``+`` path of the query used inside OPTIONAL or under GROUP BY.

    :raises QueryError: if the query does not parse.
    """
    from rdflib.plugins.sparql import prepareQuery

    try:
        query = prepareQuery(text, initNs=PREFIXES)
    except Exception as error:  # pyparsing's errors carry the position
        raise QueryError(f"SPARQL syntax error: {error}") from None
    found: list[str] = []
    _walk(query.algebra, (), found)
    return sorted(set(found))
