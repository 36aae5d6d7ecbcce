"""The entity network as integer-indexed arrays: what :func:`kg.network.projection.project` makes.

Nodes are numbered in IRI order; their attributes are columns (lists of shared values).
Edges are three numpy arrays (source, target, predicate number) sorted by source IRI,
target IRI and predicate local name. The graph libraries are made from the arrays only
when asked: :meth:`EntityNetwork.networkx` (the networkx ``MultiDiGraph`` keyed by
predicate, for exports, pictures and users' own networkx code),
:meth:`EntityNetwork.undirected` (the simple undirected networkx graph of path finding and
measures) and :meth:`EntityNetwork.igraph`.

Examples
--------
>>> from kg.store.open import build_graph
>>> from kg.network.projection import project
>>> network = project(build_graph())
>>> suave = "https://w3id.org/eucan/id/partnership/suave"
>>> agri = "https://w3id.org/eucan/id/ecosystem/agri-food"
>>> network.node(suave)["label"], network.node(suave)["cls"], network.node(suave)["side"]
('SUAVE', 'Eurocluster', 'EU')
>>> agri in network.successors(suave, "activeInEcosystem")
True
>>> network.relations(suave, agri)
[('activeInEcosystem', 'active in', ('Box 5', 'Footnote 41', 'Section 3.1'))]
>>> graph = network.networkx()
>>> graph.edges[suave, agri, "activeInEcosystem"]["citations"]
('Box 5', 'Footnote 41', 'Section 3.1')
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["EntityNetwork", "as_networkx"]

@dataclass(eq=False)
class EntityNetwork:
    """Nodes (IRIs in sorted order and their attribute columns), predicates and edges.

    ``keys``, ``predicates`` and ``predicate_labels`` describe each predicate (local name,
    IRI, label) in local-name order; ``kind[e]`` numbers edge ``e``'s predicate in them.
    """

    iris: list[str]
    labels: list[str]
    classes: list[str]
    types: list[tuple[str, ...]]
    countries: list[tuple[str, ...]]
    sides: list[str]
    citations: list[tuple[str, ...]]
    keys: list[str]
    predicates: list[str]
    predicate_labels: list[str]
    source: np.ndarray
    target: np.ndarray
    kind: np.ndarray

    def __repr__(self) -> str:
        return f"<EntityNetwork: {len(self.iris)} nodes, {len(self.source)} edges>"

    # -- nodes ---------------------------------------------------------------------------

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """Node number by IRI."""
        return {iri: i for i, iri in enumerate(self.iris)}

    def __len__(self) -> int:
        return len(self.iris)

    def __contains__(self, iri: object) -> bool:
        return iri in self.index

    def __iter__(self) -> Iterator[str]:
        """The node IRIs, in order."""
        return iter(self.iris)

    def number_of_nodes(self) -> int:
        return len(self.iris)

    def number_of_edges(self) -> int:
        return len(self.source)

    def node(self, iri: str) -> dict[str, Any]:
        """The attributes of one node: ``label``, ``cls``, ``types``, ``countries``,
        ``side`` and ``citations``."""
        return self._node(self.index[iri])

    def _node(self, i: int) -> dict[str, Any]:
        return {"label": self.labels[i], "cls": self.classes[i], "types": self.types[i],
                "countries": self.countries[i], "side": self.sides[i],
                "citations": self.citations[i]}

    def nodes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every node with its attributes, in IRI order."""
        return ((iri, self._node(i)) for i, iri in enumerate(self.iris))

    def label(self, iri: str) -> str:
        return self.labels[self.index[iri]]

    # -- edges ---------------------------------------------------------------------------

    @functools.cached_property
    def _out_offsets(self) -> np.ndarray:
        return np.searchsorted(self.source, np.arange(len(self.iris) + 1))

    @functools.cached_property
    def _in_order(self) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(self.target, kind="stable")
        return order, np.searchsorted(self.target[order], np.arange(len(self.iris) + 1))

    @functools.cached_property
    def _key_numbers(self) -> dict[str, int]:
        return {key: k for k, key in enumerate(self.keys)}

    def _key_number(self, key: str) -> int:
        return self._key_numbers.get(key, -1)

    def successors(self, iri: str, key: str) -> set[str]:
        """The targets of ``iri``'s edges with predicate ``key`` (local name)."""
        i, k = self.index.get(iri), self._key_number(key)
        if i is None or k < 0:
            return set()
        lo, hi = self._out_offsets[i], self._out_offsets[i + 1]
        found = self.target[lo:hi][self.kind[lo:hi] == k]
        return {self.iris[j] for j in found.tolist()}

    def predecessors(self, iri: str, key: str) -> set[str]:
        """The sources of the edges with predicate ``key`` (local name) into ``iri``."""
        i, k = self.index.get(iri), self._key_number(key)
        if i is None or k < 0:
            return set()
        order, offsets = self._in_order
        edges = order[offsets[i]:offsets[i + 1]]
        found = self.source[edges][self.kind[edges] == k]
        return {self.iris[j] for j in found.tolist()}

    def relations(self, u: str, v: str) -> list[tuple[str, str, tuple[str, ...]]]:
        """The edges from ``u`` to ``v`` as (key, label, citations), by key."""
        i, j = self.index[u], self.index[v]
        lo, hi = self._out_offsets[i], self._out_offsets[i + 1]
        first = lo + np.searchsorted(self.target[lo:hi], j)
        last = lo + np.searchsorted(self.target[lo:hi], j, side="right")
        return [(self.keys[k], self.predicate_labels[k], self.citations[i])
                for k in self.kind[first:last].tolist()]

    def edges(self) -> Iterator[tuple[str, str, str]]:
        """Every edge as (source IRI, target IRI, key), in the arrays' order."""
        iris, keys = self.iris, self.keys
        for s, o, k in zip(self.source.tolist(), self.target.tolist(), self.kind.tolist(),
                           strict=True):
            yield iris[s], iris[o], keys[k]

    # -- graph libraries -----------------------------------------------------------------

    def networkx(self) -> nx.MultiDiGraph:
        """The network as a networkx ``MultiDiGraph`` keyed by predicate local name, with
        the node attributes and the edge attributes ``predicate`` (IRI), ``label`` and
        ``citations`` (of the edge's subject). Made once per network (it is not changed
        after it is made)."""
        return self._networkx

    def undirected(self) -> nx.Graph:
        """The simple undirected networkx graph behind path finding and measures: parallel
        edges merged, each pair's predicate keys in the edge attribute ``keys`` (a set),
        node attributes kept. Made once per network."""
        return self._undirected

    def keep_undirected(self, simple: nx.Graph) -> None:
        """Take ``simple`` as :meth:`undirected` (both read back from a saved projection,
        where the view was saved beside the network it was made from)."""
        self.__dict__["_undirected"] = simple

    @functools.cached_property
    def _networkx(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self.nodes())
        iris, cites = self.iris, self.citations
        attributes = [{"predicate": p, "label": lab} for p, lab in
                      zip(self.predicates, self.predicate_labels, strict=True)]
        graph.add_edges_from(
            (iris[s], iris[o], self.keys[k], {**attributes[k], "citations": cites[s]})
            for s, o, k in zip(self.source.tolist(), self.target.tolist(), self.kind.tolist(),
                               strict=True))
        return graph

    @functools.cached_property
    def _undirected(self) -> nx.Graph:
        # one edge per pair of nodes, added in the order the pair first appears among the
        # sorted edges (so each node's neighbours come in the same order as when the view
        # was made from the networkx graph: path finding breaks ties by that order)
        n = len(self.iris)
        pair = (np.minimum(self.source, self.target).astype(np.int64) * n
                + np.maximum(self.source, self.target))
        unique, first, which = np.unique(pair, return_index=True, return_inverse=True)
        by_pair = np.argsort(which, kind="stable")
        grouped = which[by_pair]
        bounds = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1], True])
        kinds, keys, iris = self.kind[by_pair].tolist(), self.keys, self.iris
        keysets = [{keys[k] for k in kinds[a:b]}
                   for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]
        simple = nx.Graph()
        simple.add_nodes_from(self.nodes())
        simple.add_edges_from((iris[p // n], iris[p % n], {"keys": keysets[u]})
                              for u, p in ((u, int(unique[u])) for u in np.argsort(first)))
        return simple

    def igraph(self, directed: bool = True) -> Any:
        """The network as an igraph ``Graph`` (vertex ``i`` is node ``i``; one edge per
        edge of the arrays, attribute ``kind``)."""
        import igraph

        graph = igraph.Graph(n=len(self.iris), directed=directed,
                             edges=np.column_stack((self.source, self.target)).tolist())
        graph.es["kind"] = self.kind.tolist()
        return graph

    # -- plain state, for the saved projection -------------------------------------------

    def state(self) -> dict[str, Any]:
        """The network as builtin values only (arrays as bytes), for :meth:`from_state`."""
        plain: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            plain[f.name] = ((str(value.dtype), value.tobytes())
                             if isinstance(value, np.ndarray) else value)
        return plain

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> EntityNetwork:
        """The network :meth:`state` describes.

        :raises ValueError: when ``state`` is not such a description.
        """
        try:
            values = {f.name: state[f.name] for f in fields(cls)}
            for name in ("source", "target", "kind"):
                dtype, data = values[name]
                values[name] = np.frombuffer(data, dtype=np.dtype(dtype))
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a saved entity network: {error}") from None
        return cls(**values)


def as_networkx(graph: EntityNetwork | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` as a networkx ``MultiDiGraph``: an :class:`EntityNetwork`'s
    :meth:`~EntityNetwork.networkx`, or ``graph`` itself (what the exports and the picture
    take, so that a user's own networkx graph works too).

    >>> g = nx.MultiDiGraph(); as_networkx(g) is g
    True
    """
    return graph.networkx() if isinstance(graph, EntityNetwork) else graph
