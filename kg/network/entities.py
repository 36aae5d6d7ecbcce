"""What the two projection algorithms share (:mod:`kg.network.projection`, the arrays;
:mod:`kg.network.reference`, the plain meaning): the classes left out, the class
hierarchy, a node's side and the edges that are not published entailments.

>>> side(frozenset({"EU", "Canada", ""})), side(frozenset({""}))
('EU-Canada', '')
"""

from __future__ import annotations

from typing import Any

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import local_name

__all__ = ["HUB_CLASSES", "class_ancestors", "side", "asserted_edges"]

#: Classes left out of the projection by default: generic hubs (source locators, the
#: paper, concept schemes), statistical data (data sets, observations and the measures
#: and categories that only observations use) and dated happenings (dates of things,
#: not links between actors).
HUB_CLASSES = ("Source", "ConceptScheme", "DataSet", "Observation", "Measure", "Category",
               "Abbreviation", "Happening")

def class_ancestors(store: SparqlStore) -> dict[str, tuple[str, ...]]:
    """Project class local name -> its own name and every ancestor's, sorted."""
    ancestors: dict[str, set[str]] = {}
    for row in store.select(internal("class-ancestors")):
        ancestors.setdefault(local_name(row["class"].value), set()).add(
            local_name(row["ancestor"].value))
    return {c: tuple(sorted(a)) for c, a in sorted(ancestors.items())}


def _side(sides: frozenset[str]) -> str:
    sides = sides - {""}
    return "EU-Canada" if sides == {"EU", "Canada"} else next(iter(sides), "")


def side(sides: frozenset[str]) -> str:
    """The side of an entity in the countries' ``sides`` ("EU", "Canada", "EU-Canada" or
    "")."""
    sides = sides - {""}
    return "EU-Canada" if sides == {"EU", "Canada"} else next(iter(sides), "")


def asserted_edges(edges: list[tuple[str, str, Any]]) -> list[tuple[str, str, Any]]:
    """The edges ``(s, o, (key, predicate IRI, label))`` without the published
    entailments (:mod:`kg.graph.entail`), so that each link is drawn once: of an inverse
    pair only the property that does not declare ``owl:inverseOf`` (``partOf``, not
    ``hasPart``; the data holds both directions), and of a transitive property only the
    links that no chain through another node implies."""
    from kg.graph.entail import declared_inverses, transitive_properties

    flipped = set(declared_inverses())
    kept = [e for e in edges if e[2][1] not in flipped]
    for prop in transitive_properties():
        successors: dict[str, set[str]] = {}
        for s, o, info in kept:
            if info[1] == prop:
                successors.setdefault(s, set()).add(o)
        if successors:
            kept = [(s, o, info) for s, o, info in kept
                    if info[1] != prop or not any(
                        o in successors.get(m, ()) for m in successors[s] if m not in (s, o))]
    return kept
