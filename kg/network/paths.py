"""Linkage paths between two actors in the entity network, explained edge by edge.

Paths are simple paths in the undirected view of :func:`kg.network.projection.project`
(:meth:`~kg.network.entity_network.EntityNetwork.undirected`),
ranked by a *cost* (networkx's ``shortest_simple_paths`` with edge weights): each
step costs 1, and each intermediate node adds its degree divided by the network's mean
degree, so a path through a hub ("European Union", degree 107, or "Canada", 90: on
the paper's graph, mean degree 5.8, about 18 and 16) ranks below a specific one up to
two steps longer (a shared ecosystem, a trade fair or a partnership, degree 3 to 10:
0.5 to 1.7; a country such as France, 33: 5.7). ``hubs=False`` ranks the old way:
shortest first, then by the smaller total degree of the intermediate nodes
(``specificity``). Each step keeps the predicates, their direction and their citations.

``via`` and ``avoid`` name edge types (a predicate's local name or label, e.g.
``activeInEcosystem`` or ``active in``) or node types (a class's local
name or label, subclasses included, e.g. ``Agreement``), case-insensitively.
``via`` keeps only those edges and/or intermediate nodes of those types;
``avoid`` removes them.

Examples
--------
>>> from kg.store.open import build_graph
>>> from kg.network.projection import project
>>> network = project(build_graph())
>>> suave = "https://w3id.org/eucan/id/partnership/suave"
>>> pic = "https://w3id.org/eucan/id/cluster/protein-industries-canada"
>>> best = find_paths(network, suave, pic, via=["IndustrialEcosystem"])[0]
>>> best.chain()
'SUAVE -[active in]-> Agri-Food <-[active in]- Protein Industries Canada'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

import networkx as nx

from kg.core.errors import KGError
from kg.network.entity_network import EntityNetwork

__all__ = ["Relation", "Step", "LinkPath", "find_paths", "TypeFilter", "type_filter"]

#: Paths of equal length examined before ranking, per path asked for.
_TIES_PER_PATH = 20


class PathError(KGError):
    """No path satisfies the request, or the request itself is impossible."""


@dataclass(frozen=True)
class Relation:
    """One predicate between two consecutive nodes of a path."""

    key: str
    label: str
    forward: bool
    citations: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """Two consecutive nodes of a path and every relation between them."""

    source: str
    target: str
    source_label: str
    target_label: str
    relations: tuple[Relation, ...]

    def arrow(self) -> str:
        """``-[a]->``, ``<-[b]-`` or both, for the relations of this step."""
        forward = sorted({r.label for r in self.relations if r.forward})
        backward = sorted({r.label for r in self.relations if not r.forward})
        parts = ([f"-[{', '.join(forward)}]->"] if forward else []) + (
            [f"<-[{', '.join(backward)}]-"] if backward else [])
        return "/".join(parts)

    def citations(self) -> tuple[str, ...]:
        return tuple(sorted({c for r in self.relations for c in r.citations}))


@dataclass(frozen=True)
class LinkPath:
    """A path: its nodes, their labels and classes, and its steps."""

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    classes: tuple[str, ...]
    steps: tuple[Step, ...]
    specificity: int
    #: Steps plus each intermediate node's degree over the mean degree (the default rank).
    cost: float = 0.0

    @property
    def hops(self) -> int:
        return len(self.steps)

    def chain(self) -> str:
        """The path as one readable line with arrows naming each relation."""
        text = self.labels[0]
        for step in self.steps:
            text += f" {step.arrow()} {step.target_label}"
        return text

    def why(self) -> list[str]:
        """One line per step: the relation and where the paper states it."""
        return [f"{s.source_label} {s.arrow()} {s.target_label}: {'; '.join(s.citations())}"
                for s in self.steps]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "hops": self.hops, "chain": self.chain(), "cost": round(self.cost, 3),
            "nodes": [{"iri": n, "label": lab, "class": c}
                      for n, lab, c in zip(self.nodes, self.labels, self.classes, strict=True)],
            "steps": [{"from": s.source, "to": s.target,
                       "relations": [{"predicate": r.key, "label": r.label,
                                      "direction": "forward" if r.forward else "backward",
                                      "citations": list(r.citations)} for r in s.relations]}
                      for s in self.steps],
        }


@dataclass(frozen=True)
class TypeFilter:
    """Edge predicates (local names) and node classes (local names) named by the user."""

    predicates: frozenset[str] = frozenset()
    classes: frozenset[str] = frozenset()


def type_filter(network: EntityNetwork, names: Iterable[str]) -> TypeFilter:
    """Resolve type names against the network's predicates and classes.

    :raises PathError: for a name that is neither, with the closest names.
    """
    names = [name for name in names if name.strip()]
    if not names:  # no filter asked for
        return TypeFilter()
    predicates: dict[str, str] = {}
    for key, label in zip(network.keys, network.predicate_labels, strict=True):
        predicates[key.casefold()] = key
        predicates[label.casefold()] = key
    classes = {cls.casefold(): cls for types in set(network.types) for cls in types}
    found_p, found_c = set(), set()
    for name in names:
        key = name.strip().casefold()
        if key in predicates:
            found_p.add(predicates[key])
        elif key in classes:
            found_c.add(classes[key])
        else:
            close = difflib.get_close_matches(key, sorted(set(predicates) | set(classes)), n=4)
            hint = f"; did you mean: {', '.join(close)}?" if close else ""
            raise PathError(f"unknown edge or node type {name!r}{hint}")
    return TypeFilter(frozenset(found_p), frozenset(found_c))


def _restricted(network: EntityNetwork, ends: tuple[str, str], via: TypeFilter,
                avoid: TypeFilter) -> nx.Graph:
    """The undirected simple graph allowed by the filters (the two ends always stay), as a
    view of the network's undirected graph: nothing is copied."""
    base = network.undirected()
    if not (via.classes or via.predicates or avoid.classes or avoid.predicates):
        return base

    def node_ok(node: str) -> bool:
        if node in ends:
            return True
        types = set(base.nodes[node]["types"])
        if avoid.classes & types:
            return False
        return not via.classes or bool(via.classes & types)

    def edge_ok(u: str, v: str) -> bool:
        keys = base[u][v]["keys"] - avoid.predicates
        return bool(keys & via.predicates if via.predicates else keys)

    return nx.subgraph_view(base, filter_node=node_ok, filter_edge=edge_ok)


def _step(network: EntityNetwork, u: str, v: str) -> Step:
    relations = [Relation(k, label, True, cites) for k, label, cites in network.relations(u, v)]
    relations += [Relation(k, label, False, cites)
                  for k, label, cites in network.relations(v, u)]
    return Step(u, v, network.label(u), network.label(v), tuple(relations))


def _filtered_relations(step: Step, via: TypeFilter, avoid: TypeFilter) -> Step:
    kept = tuple(r for r in step.relations if r.key not in avoid.predicates
                 and (not via.predicates or r.key in via.predicates))
    return Step(step.source, step.target, step.source_label, step.target_label, kept)


def _hub_costs(graph: nx.Graph) -> Any:
    """The cost of passing through a node: its degree over the graph's mean degree."""
    mean = max(2 * graph.number_of_edges() / max(graph.number_of_nodes(), 1), 1.0)
    return lambda node: graph.degree(node) / mean


def _hub_weight(graph: nx.Graph) -> Any:
    """The weight of an edge: 1, plus half the cost of each end, so that a path's weight
    is its steps plus the cost of each intermediate node (plus half the cost of each of
    its two ends, the same for every path between them)."""
    cost = _hub_costs(graph)

    def weight(u: str, v: str, _data: Any) -> float:
        return 1 + (cost(u) + cost(v)) / 2

    return weight


def _cost(graph: nx.Graph, path: list[str]) -> float:
    cost = _hub_costs(graph)
    return len(path) - 1 + sum(cost(n) for n in path[1:-1])


def _candidates(simple: nx.Graph, source: str, target: str, k: int, max_hops: int,
                hubs: bool) -> list[list[str]]:
    """The paths to rank: in cost order (``hubs``) or shortest first."""
    found: list[list[str]] = []
    paths = nx.shortest_simple_paths(simple, source, target,
                                     weight=_hub_weight(simple) if hubs else None)
    try:
        for path in islice(paths, k * _TIES_PER_PATH):
            if len(path) - 1 > max_hops:
                if hubs:
                    continue
                break
            if not hubs and len(found) >= k and len(path) > len(found[k - 1]):
                break
            found.append(path)
            if hubs and len(found) >= k:
                break
    except nx.NetworkXNoPath:
        pass
    return found


def find_paths(network: EntityNetwork, source: str, target: str, *, max_hops: int = 4,
               k: int = 5, via: Iterable[str] = (), avoid: Iterable[str] = (),
               hubs: bool = True) -> list[LinkPath]:
    """Up to ``k`` simple paths of at most ``max_hops`` edges from ``source`` to ``target``.

    By cost (``hubs``, the default): steps plus each intermediate node's degree over the
    mean degree, so paths through hubs such as "European Union" or "Canada" come after specific
    ones; else shortest first, equal lengths by specificity (smaller total degree of the
    intermediate nodes). Ties by labels, so the order is deterministic.

    :raises PathError: for an unknown end, impossible limits or no path at all.
    """
    for end in (source, target):
        if end not in network:
            raise PathError(f"{end} is not in the network (literals, classes, source "
                            "locators and observations are left out)")
    if source == target:
        raise PathError("FROM and TO are the same resource")
    if max_hops < 1 or k < 1:
        raise PathError(f"--max-hops and --k must be at least 1 (got {max_hops} and {k})")
    via_f, avoid_f = type_filter(network, via), type_filter(network, avoid)
    simple = _restricted(network, (source, target), via_f, avoid_f)
    candidates = _candidates(simple, source, target, k, max_hops, hubs)
    if not candidates:
        constraints = "".join(f" {flag} {', '.join(v)}" for flag, v in
                              (("--via", list(via)), ("--avoid", list(avoid))) if v)
        raise PathError(f"no path between {network.label(source)} and "
                        f"{network.label(target)} within {max_hops} hops{constraints}")

    def build(path: list[str]) -> LinkPath:
        steps = tuple(_filtered_relations(_step(network, u, v), via_f, avoid_f)
                      for u, v in zip(path, path[1:], strict=False))
        degree = sum(simple.degree(n) for n in path[1:-1])
        return LinkPath(tuple(path), tuple(network.label(n) for n in path),
                        tuple(network.node(n)["cls"] for n in path), steps, degree,
                        _cost(simple, path))

    order = (lambda p: (round(p.cost, 9), p.hops, p.labels, p.nodes)) if hubs else (
        lambda p: (p.hops, p.specificity, p.labels, p.nodes))
    ranked = sorted((build(p) for p in candidates), key=order)
    return ranked[:k]
