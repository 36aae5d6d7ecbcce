"""The projection written plainly: the meaning of :func:`kg.network.projection.project`.

A term object per row, one node and edge at a time, into a networkx ``MultiDiGraph``
(:func:`plain_projection`) and its undirected view (:func:`plain_undirected`).
:func:`~kg.network.projection.project` uses it below
:data:`~kg.network.projection.ARRAYS_FROM` triples (:func:`as_network`); above, its
integer arrays give the same network (the tests compare the two).

>>> from kg.store.open import build_graph
>>> graph = plain_projection(build_graph())
>>> suave = "https://w3id.org/eucan/id/partnership/suave"
>>> graph.nodes[suave]["label"], graph.nodes[suave]["side"]
('SUAVE', 'EU')
>>> as_network(graph).node(suave)["cls"]
'Eurocluster'
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import local_name, term_value
from kg.network.entities import HUB_CLASSES, asserted_edges, class_ancestors, side
from kg.network.entity_network import EntityNetwork

__all__ = ["plain_projection", "plain_undirected", "as_network"]


def _sets(store: SparqlStore, query: str, key: str, value: str) -> dict[str, set[str]]:
    """``key`` value -> the set of its ``value`` values, over the rows of ``query``."""
    found: dict[str, set[str]] = {}
    for row in store.select(internal(query)):
        found.setdefault(str(term_value(row[key])), set()).add(row[value].value)
    return found


def _nodes(store: SparqlStore, exclude: Iterable[str]) -> nx.MultiDiGraph:
    """The graph of the entities of ``store`` (not of a class in ``exclude``), no edges."""
    ancestors = class_ancestors(store)
    classes: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for row in store.select(internal("network-nodes")):
        node = str(term_value(row["s"]))  # an IRI, or _:label for a blank node
        labels.setdefault(node, row["label"].value)
        classes.setdefault(node, set()).add(local_name(row["class"].value))
    cites = _sets(store, "citations", "s", "cite")
    countries = _sets(store, "entity-countries", "s", "countryLabel")
    sides = _sets(store, "entity-countries", "s", "side")
    graph = nx.MultiDiGraph()
    for iri in sorted(classes):
        own = classes[iri]
        types = tuple(sorted({a for c in own for a in ancestors.get(c, (c,))}))
        if set(exclude) & set(types):
            continue
        specific = sorted(c for c in own if not any(c != o and c in ancestors.get(o, ())
                                                    for o in own))
        graph.add_node(iri, label=labels[iri], cls=specific[0], types=types,
                       countries=tuple(sorted(countries.get(iri, ()))),
                       side=side(frozenset(sides.get(iri, ()))),
                       citations=tuple(sorted(cites.get(iri, ()))))
    return graph


def plain_projection(store: SparqlStore, *, predicates: Iterable[str] | None = None,
                     exclude: Iterable[str] = HUB_CLASSES) -> nx.MultiDiGraph:
    """The entity network of ``store`` as a networkx ``MultiDiGraph`` keyed by predicate
    local name (the parameters of :func:`kg.network.projection.project`)."""
    graph = _nodes(store, exclude)
    wanted = set(predicates) if predicates is not None else None
    plabels = {r["p"].value: r["label"].value for r in store.select(internal("property-labels"))}
    edges = []
    for row in store.select(internal("network-edges")):
        s, p, o = str(term_value(row["s"])), row["p"].value, str(term_value(row["o"]))
        key = local_name(p)
        if s in graph and o in graph and s != o and (
                wanted is None or key in wanted or p in wanted):
            edges.append((s, o, (key, p, plabels.get(p, key))))
    for s, o, (key, p, label) in sorted(asserted_edges(edges),
                                        key=lambda e: (e[0], e[1], e[2][0])):
        graph.add_edge(s, o, key=key, predicate=p, label=label,
                       citations=graph.nodes[s]["citations"])
    return graph


def plain_undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected view of ``graph``: one edge per pair of nodes, with the keys of every
    edge between them (what :meth:`EntityNetwork.undirected` gives)."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, key in graph.edges(keys=True):
        if simple.has_edge(u, v):
            simple[u][v]["keys"].add(key)
        else:
            simple.add_edge(u, v, keys={key})
    return simple


def as_network(graph: nx.MultiDiGraph) -> EntityNetwork:
    """The :class:`EntityNetwork` of the plain ``graph`` (nodes in IRI order, edges by
    source, target and key)."""
    iris = sorted(graph.nodes)
    index = {iri: i for i, iri in enumerate(iris)}
    described = {key: (data["predicate"], data["label"])
                 for _, _, key, data in graph.edges(keys=True, data=True)}
    keys = sorted(described)
    number = {key: k for k, key in enumerate(keys)}
    edges = sorted((index[u], index[v], number[key]) for u, v, key in graph.edges(keys=True))
    found = np.array(edges, dtype=np.int64).reshape(-1, 3)
    nodes = [graph.nodes[iri] for iri in iris]
    return EntityNetwork(
        iris=iris, labels=[n["label"] for n in nodes], classes=[n["cls"] for n in nodes],
        types=[n["types"] for n in nodes], countries=[n["countries"] for n in nodes],
        sides=[n["side"] for n in nodes], citations=[n["citations"] for n in nodes],
        keys=keys, predicates=[described[k][0] for k in keys],
        predicate_labels=[described[k][1] for k in keys],
        source=found[:, 0].astype(np.int32), target=found[:, 1].astype(np.int32),
        kind=found[:, 2].astype(np.int16))
