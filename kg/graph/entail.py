"""The entailments the ontology licenses, published with the data.

A consumer that loads the data without the ontology, or a server whose property
paths misbehave, still finds what the ontology implies, with plain triple patterns:

* every resource carries the types above its own (``rdfs:subClassOf``), so a
  Eurocluster is also a ``eucan:ClusterPartnership`` and an ``org:Organization``;
* both directions of every ``owl:inverseOf`` pair (``partOf``/``hasPart``,
  ``succeededBy``/``precededBy``);
* the closure of every ``owl:TransitiveProperty`` (a programme's successors and
  successors' successors);
* every ``rdfs:subPropertyOf`` (a rebranding is a succession);
* every ``eucan:entailedFrom`` path of two properties (a partnership funded by an EU
  programme belongs to the EU's policy framework: ``fundedBy`` then ``jurisdiction``; a
  rule of the project, as an annotation since OWL Lite has no property chains).

Only data triples are entailed from; the ontology itself is left as written.

Examples
--------
>>> import pyoxigraph as ox
>>> from kg.core.namespaces import EUCAN, RDF
>>> suave = ox.NamedNode("https://w3id.org/eucan/id/partnership/suave")
>>> typed = ox.Triple(suave, ox.NamedNode(RDF + "type"), ox.NamedNode(EUCAN + "Eurocluster"))
>>> types = {t.object.value for t in entailed([typed])}
>>> EUCAN + "ClusterPartnership" in types, "http://www.w3.org/ns/org#Organization" in types
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import EUCAN, OWL, PREFIXES, RDF, RDFS
from kg.data.schema import Schema, load_schema, ontology_triples

__all__ = ["entailed", "inverse_pairs", "declared_inverses", "transitive_properties",
           "super_properties", "property_chains"]

_TYPE = ox.NamedNode(RDF + "type")
_TRANSITIVE = ox.NamedNode(OWL + "TransitiveProperty")


def declared_inverses() -> dict[str, str]:
    """Property IRI -> the property it is declared the inverse of (``p owl:inverseOf q``).

    >>> declared_inverses()["https://w3id.org/eucan/ontology#hasPart"].rsplit("#")[-1]
    'partOf'
    """
    return {t.subject.value: t.object.value for t in ontology_triples()
            if t.predicate.value == OWL + "inverseOf" and isinstance(t.subject, ox.NamedNode)
            and isinstance(t.object, ox.NamedNode)}


def inverse_pairs() -> dict[str, str]:
    """Property IRI -> its inverse, both ways, from ``owl:inverseOf``."""
    declared = declared_inverses()
    return {**declared, **{q: p for p, q in declared.items()}}


def transitive_properties() -> set[str]:
    """IRIs of the properties declared ``owl:TransitiveProperty``."""
    return {t.subject.value for t in ontology_triples()
            if t.predicate == _TYPE and t.object == _TRANSITIVE
            and isinstance(t.subject, ox.NamedNode)}


def super_properties() -> dict[str, set[str]]:
    """Property IRI -> the properties it is declared a sub-property of (directly or not)."""
    parents: dict[str, set[str]] = {}
    for t in ontology_triples():
        if t.predicate.value == RDFS + "subPropertyOf" and isinstance(t.subject, ox.NamedNode) \
                and isinstance(t.object, ox.NamedNode):
            parents.setdefault(t.subject.value, set()).add(t.object.value)
    return {p: _reach(p, parents) for p in parents}


def _reach(start: str, parents: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(parents.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(parents.get(node, ()))
    return seen


def property_chains() -> list[tuple[str, str, str]]:
    """``(first, second, implied)`` for every ``implied eucan:entailedFrom "first/second"``
    of the ontology (two prefixed properties).

    >>> [(a.rsplit("#")[-1], b.rsplit("#")[-1], c.rsplit("#")[-1]) for a, b, c in property_chains()]
    [('fundedBy', 'jurisdiction', 'jurisdiction')]
    """
    found = []
    for t in ontology_triples():
        if t.predicate.value == EUCAN + "entailedFrom" and isinstance(t.subject, ox.NamedNode) \
                and isinstance(t.object, ox.Literal):
            steps = [PREFIXES[name.split(":")[0]] + name.split(":")[1]
                     for name in t.object.value.split("/")]
            if len(steps) == 2:
                found.append((steps[0], steps[1], t.subject.value))
    return sorted(found)


def _closure(edges: set[tuple[Any, Any]]) -> set[tuple[Any, Any]]:
    """The transitive closure of the ``(subject, object)`` pairs ``edges``, loops left out."""
    successors: dict[Any, set[Any]] = {}
    for s, o in edges:
        successors.setdefault(s, set()).add(o)
    closed: set[tuple[Any, Any]] = set()
    for start in successors:
        seen: set[Any] = set()
        todo = list(successors[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(successors.get(node, ()))
        closed.update((start, node) for node in seen if node != start)
    return closed


def entailed(data: Iterable[ox.Triple], schema: Schema | None = None) -> list[ox.Triple]:
    """The triples the ontology entails from ``data`` that ``data`` does not hold, sorted."""
    schema = schema or load_schema()
    data = list(data)
    have = set(data)
    new: set[ox.Triple] = set()
    for t in data:
        if t.predicate == _TYPE and isinstance(t.object, ox.NamedNode):
            for ancestor in schema.ancestors(t.object.value) - {t.object.value}:
                new.add(ox.Triple(t.subject, _TYPE, ox.NamedNode(ancestor)))
    inverses = inverse_pairs()
    links = [t for t in data if isinstance(t.object, ox.NamedNode)]
    for t in links:
        if t.predicate.value in inverses and isinstance(t.object, ox.NamedNode):
            new.add(ox.Triple(t.object, ox.NamedNode(inverses[t.predicate.value]), t.subject))
    supers = super_properties()
    for t in links:
        new.update(ox.Triple(t.subject, ox.NamedNode(p), t.object)
                   for p in supers.get(t.predicate.value, ()))
    linked = links + [t for t in new if t.predicate != _TYPE]
    for prop in sorted(transitive_properties()):
        edges = {(t.subject, t.object) for t in linked if t.predicate.value == prop}
        predicate = ox.NamedNode(prop)
        new.update(ox.Triple(s, predicate, o) for s, o in _closure(edges))
    while True:  # a chain may feed itself: escp-4i's jurisdiction, from its funder, gives
        known = links + [t for t in new if t.predicate != _TYPE]  # its partnerships theirs
        more = _chained(known) - set(known)
        if not more:
            break
        new.update(more)
    return sorted(new - have, key=str)


def _chained(links: list[ox.Triple]) -> set[ox.Triple]:
    """What the property chains give from ``links`` in one step (:func:`entailed` repeats
    it until nothing new comes)."""
    by_predicate: dict[str, dict[Any, set[Any]]] = {}
    for t in links:
        by_predicate.setdefault(t.predicate.value, {}).setdefault(t.subject, set()).add(
            t.object)
    found: set[ox.Triple] = set()
    for first, second, implied in property_chains():
        predicate = ox.NamedNode(implied)
        later = by_predicate.get(second, {})
        for subject, middles in by_predicate.get(first, {}).items():
            found.update(ox.Triple(subject, predicate, end)
                         for middle in middles for end in later.get(middle, ()))
    return found
