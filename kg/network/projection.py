"""Project the RDF graph onto a networkx graph of entities.

Nodes are described resources (they carry provenance); literals, schema terms
and, by default, the generic hubs (:data:`HUB_CLASSES`: source locators, the
paper, concept schemes, data sets and observations) are left out. Each edge
keeps its predicate, its direction (a :class:`networkx.MultiDiGraph`, keyed by
predicate) and its provenance: the citations of the record that states it
(its subject's ``prov:wasDerivedFrom`` locators).

Node attributes: ``label``, ``cls`` (most specific class, local name),
``types`` (that class and its ancestors), ``countries``, ``side`` ("EU",
"Canada", "EU-Canada" or ""), ``citations``. Edge attributes: ``predicate``
(IRI), ``label``, ``citations``.

Examples
--------
>>> from kg.store.open import build_graph
>>> graph = project(build_graph())
>>> suave = "https://w3id.org/eucan/id/partnership/suave"
>>> graph.nodes[suave]["label"], graph.nodes[suave]["cls"], graph.nodes[suave]["side"]
('SUAVE', 'Eurocluster', 'EU')
>>> agri = "https://w3id.org/eucan/id/ecosystem/agri-food"
>>> graph.edges[suave, agri, "activeInEcosystem"]["citations"]
('Box 5', 'Footnote 41', 'Section 3.1')
"""

from __future__ import annotations

import functools
import gc
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx

from kg.core.resources import internal_query as internal
from kg.core.terms import local_name

__all__ = ["project", "HUB_CLASSES", "class_ancestors", "local_name", "undirected",
           "asserted_edges", "keep_undirected"]

#: Classes left out of the projection by default: generic hubs (source locators, the
#: paper, concept schemes), statistical data (data sets, observations and the measures
#: and categories that only observations use) and dated happenings (dates of things,
#: not links between actors).
HUB_CLASSES = ("Source", "ConceptScheme", "DataSet", "Observation", "Measure", "Category",
               "Abbreviation", "Happening")

#: Undirected graphs of projections, by projection (dropped with it).
_UNDIRECTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def class_ancestors(store: Any) -> dict[str, tuple[str, ...]]:
    """Project class local name -> its own name and every ancestor's, sorted."""
    ancestors: dict[str, set[str]] = {}
    for row in store.select(internal("class-ancestors")):
        ancestors.setdefault(local_name(row["class"].value), set()).add(
            local_name(row["ancestor"].value))
    return {c: tuple(sorted(a)) for c, a in sorted(ancestors.items())}


def _side(sides: frozenset[str]) -> str:
    sides = sides - {""}
    return "EU-Canada" if sides == {"EU", "Canada"} else next(iter(sides), "")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are made and none freed (it
    would walk them again and again: about a third of the time of a large projection).

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def project(store: Any, *, predicates: Iterable[str] | None = None,
            exclude: Iterable[str] = HUB_CLASSES) -> nx.MultiDiGraph:
    """The entity network of ``store``.

    :param predicates: keep only edges whose predicate has one of these local names or
        IRIs (default: every entity-to-entity predicate).
    :param exclude: leave out instances of these classes (local names, subclasses
        included; default: :data:`HUB_CLASSES`).
    """
    with gc_paused():
        return _project(store, predicates, exclude)


def _project(store: Any, predicates: Iterable[str] | None,
             exclude: Iterable[str]) -> nx.MultiDiGraph:
    ancestors = class_ancestors(store)
    excluded = set(exclude)
    wanted = set(predicates) if predicates is not None else None
    names: dict[str, str] = {}  # class IRI -> local name
    classes: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    # rows as plain strings, written by the engine (no Python term object per cell)
    for iri, label, cls in store.select_values(internal("network-nodes")):
        name = names.get(cls) or names.setdefault(cls, local_name(cls))
        own = classes.get(iri)
        if own is None:
            classes[iri] = {name}
            labels[iri] = label
        else:
            own.add(name)
    citations: dict[str, set[str]] = {}
    for iri, cite in store.select_values(internal("citations")):
        citations.setdefault(iri, set()).add(cite)
    countries: dict[str, set[str]] = {}
    sides: dict[str, set[str]] = {}
    for iri, _country, country_label, side in store.select_values(internal("entity-countries")):
        countries.setdefault(iri, set()).add(country_label)
        sides.setdefault(iri, set()).add(side)

    # one object per distinct value, computed once: many nodes share them
    nothing: frozenset[str] = frozenset()
    sorted_set = functools.cache(lambda values: tuple(sorted(values)))
    side = functools.cache(_side)

    @functools.cache
    def class_and_types(own: frozenset[str]) -> tuple[str, tuple[str, ...]] | None:
        types = tuple(sorted({a for c in own for a in ancestors.get(c, (c,))}))
        specific = sorted(c for c in own
                          if not any(c != o and c in ancestors.get(o, ()) for o in own))
        return None if excluded.intersection(types) else (specific[0], types)

    graph = nx.MultiDiGraph()
    node_citations: dict[str, tuple[str, ...]] = {}
    for iri in sorted(classes):
        typed = class_and_types(frozenset(classes[iri]))
        if typed is None:
            continue
        cites = node_citations[iri] = sorted_set(frozenset(citations.get(iri, nothing)))
        graph.add_node(iri, label=labels[iri], cls=typed[0], types=typed[1],
                       countries=sorted_set(frozenset(countries.get(iri, nothing))),
                       side=side(frozenset(sides.get(iri, nothing))), citations=cites)
    del classes, labels, citations, countries, sides
    node_key = {iri: iri for iri in graph}  # edges reuse the node's own key objects
    property_labels = {row["p"].value: row["label"].value
                       for row in store.select(internal("property-labels"))}
    predicates_seen: dict[str, tuple[str, str, str] | None] = {}
    edges = []
    for s, p, o in store.select_values(internal("network-edges")):
        s, o = node_key.get(s), node_key.get(o)
        if s is None or o is None or s == o:
            continue
        info = predicates_seen.get(p, False)
        if info is False:
            key = local_name(p)
            keep = wanted is None or key in wanted or p in wanted
            info = predicates_seen[p] = (key, p, property_labels.get(p, key)) if keep else None
        if info is not None:
            edges.append((s, o, info))
    edges = asserted_edges(edges)
    edges.sort(key=lambda e: (e[0], e[1], e[2][0]))
    for s, o, (key, p, label) in edges:
        graph.add_edge(s, o, key=key, predicate=p, label=label, citations=node_citations[s])
    return graph


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


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph behind path finding and measures: parallel edges merged,
    each pair's predicates in the edge attribute ``keys``, node attributes kept. Built once
    per projection object (a projection is not changed after it is made) and shared.

    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="p"); _ = g.add_edge("b", "a", key="q")
    >>> undirected(g)["a"]["b"]["keys"] == {"p", "q"}, undirected(g) is undirected(g)
    (True, True)
    """
    cached = _UNDIRECTED.get(graph)
    if cached is None:
        with gc_paused():
            cached = _UNDIRECTED[graph] = _undirected(graph)
    return cached


def keep_undirected(graph: nx.MultiDiGraph, simple: nx.Graph) -> None:
    """Take ``simple`` as :func:`undirected` of ``graph`` (both read back from a saved
    projection, where the view was saved beside the graph it was made from)."""
    _UNDIRECTED[graph] = simple


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    pairs: dict[tuple[str, str], set[str]] = {}
    for u, v, key in graph.edges(keys=True):
        pair = (u, v) if u <= v else (v, u)
        found = pairs.get(pair)
        if found is None:
            pairs[pair] = {key}
        else:
            found.add(key)
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from((u, v, {"keys": keys}) for (u, v), keys in pairs.items())
    return simple
