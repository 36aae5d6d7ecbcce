"""Project the RDF graph onto the network of its entities (:class:`EntityNetwork`).

Nodes are described resources (they carry provenance); literals, schema terms
and, by default, the generic hubs (:data:`HUB_CLASSES`: source locators, the
paper, concept schemes, data sets and observations) are left out. Each edge
keeps its predicate, its direction and its provenance: the citations of the
record that states it (its subject's ``prov:wasDerivedFrom`` locators).

Node attributes: ``label``, ``cls`` (most specific class, local name),
``types`` (that class and its ancestors), ``countries``, ``side`` ("EU",
"Canada", "EU-Canada" or ""), ``citations``. Edge attributes (in the networkx
form, :meth:`EntityNetwork.networkx`: a ``MultiDiGraph`` keyed by predicate):
``predicate`` (IRI), ``label``, ``citations``.

On large stores (:data:`ARRAYS_FROM` triples) the network is made from four large SELECTs
read as the engine writes them (TSV), evaluated in other threads while the rows are read,
straight into integer arrays; no graph library object is made until one is asked for.
The plain algorithm (:mod:`kg.network.reference`) is the meaning, used on smaller stores. The
countries of the entities are worked out from their place links (:mod:`kg.network.countries`).

Examples
--------
>>> from kg.store.open import build_graph
>>> network = project(build_graph())
>>> suave = "https://w3id.org/eucan/id/partnership/suave"
>>> network.node(suave)["label"], network.node(suave)["cls"], network.node(suave)["side"]
('SUAVE', 'Eurocluster', 'EU')
>>> agri = "https://w3id.org/eucan/id/ecosystem/agri-food"
>>> network.networkx().edges[suave, agri, "activeInEcosystem"]["citations"]
('Box 5', 'Footnote 41', 'Section 3.1')
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, cast

import numpy as np

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import bound_rows, cell_value, local_name
from kg.network.countries import entity_countries
from kg.network.entities import HUB_CLASSES, asserted_edges, class_ancestors, side
from kg.network.entity_network import EntityNetwork
from kg.network.reference import as_network, plain_projection

#: :func:`~kg.core.terms.cell_value` for cells known to be bound (never ``""``, so never
#: None): the same function, typed as giving ``str``.
_bound = cast(Callable[[str], str], cell_value)

__all__ = ["project", "project_arrays", "ARRAYS_FROM", "HUB_CLASSES", "class_ancestors",
           "local_name", "asserted_edges", "EntityNetwork"]

#: From this many triples on, :func:`project` makes the network from TSV cells into
#: integer arrays (:func:`project_arrays`); below, it runs the plain algorithm
#: (:func:`kg.network.reference.plain_projection`), which is its meaning.
ARRAYS_FROM = 10_000

#: The four large SELECTs of the projection, in the order they are read.
LARGE_QUERIES = ("network-nodes", "place-links", "network-edges", "citations")
#: Every internal query the projection runs (their text is part of the saved projection's
#: code fingerprint, :func:`kg.network.saved.projection_code`), and the meaning of the
#: countries (entity-countries, :mod:`kg.network.countries`).
QUERIES = ("class-ancestors", "property-labels", "country-sides", *LARGE_QUERIES,
           "entity-countries")


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


def project(store: SparqlStore, *, predicates: Iterable[str] | None = None,
            exclude: Iterable[str] = HUB_CLASSES, arrays: bool | None = None) -> EntityNetwork:
    """The entity network of ``store``: :func:`kg.network.reference.plain_projection`
    (the meaning), made with :func:`project_arrays` from :data:`ARRAYS_FROM` triples on.

    :param predicates: keep only edges whose predicate has one of these local names or
        IRIs (default: every entity-to-entity predicate).
    :param exclude: leave out instances of these classes (local names, subclasses
        included; default: :data:`HUB_CLASSES`).
    :param arrays: use the arrays (True) or the plain algorithm (False) whatever the size.
    """
    if arrays is None:
        arrays = len(store) >= ARRAYS_FROM
    if not arrays:
        return as_network(plain_projection(store, predicates=predicates, exclude=exclude))
    return project_arrays(store, predicates=predicates, exclude=exclude)


def project_arrays(store: SparqlStore, *, predicates: Iterable[str] | None = None,
                   exclude: Iterable[str] = HUB_CLASSES) -> EntityNetwork:
    """:func:`project` for large stores: four large SELECTs read as TSV cells
    (:meth:`~kg.core.protocols.SparqlStore.select_many`) straight into integer arrays."""
    with gc_paused():
        return _project(store, predicates, exclude)


def _project(store: SparqlStore, predicates: Iterable[str] | None,
             exclude: Iterable[str]) -> EntityNetwork:
    ancestors = class_ancestors(store)
    property_labels = {p: label for p, label in
                       bound_rows(store.select_values(internal("property-labels")))}
    excluded = set(exclude)
    wanted = set(predicates) if predicates is not None else None
    # the four large results as TSV cells ("<iri>", '"literal"'), evaluated in other
    # threads while the rows are read (kg.store: select_many)
    country_rows, node_rows, link_rows, edge_rows, citation_rows = store.select_many(
        [internal(name) for name in ("country-sides", *LARGE_QUERIES)])
    classes: dict[str, Any] = {}  # node cell -> its class cell, or a set of several
    labels: dict[str, str] = {}
    for node, label, cls in node_rows:
        own = classes.get(node)
        if own is None:
            classes[node] = cls
            labels[node] = label
        elif isinstance(own, set):
            own.add(cls)
        elif own != cls:
            classes[node] = {own, cls}

    @functools.cache
    def class_and_types(cells: str | frozenset[str]) -> tuple[str, tuple[str, ...]] | None:
        own = {local_name(c[1:-1]) for c in ([cells] if isinstance(cells, str) else cells)}
        types = tuple(sorted({a for c in own for a in ancestors.get(c, (c,))}))
        specific = sorted(c for c in own
                          if not any(c != o and c in ancestors.get(o, ()) for o in own))
        return None if excluded.intersection(types) else (specific[0], types)

    kept = {}
    for node, own in classes.items():
        typed = class_and_types(own if isinstance(own, str) else frozenset(own))
        if typed is not None:
            kept[node] = typed
    del classes
    # nodes in the order of their IRIs (or blank node labels), numbered by their cells
    named = sorted(zip(map(_bound, kept), kept, strict=True))  # a node's value is its own
    iris, cells = [iri for iri, _ in named], [cell for _, cell in named]
    del named
    index = {cell: i for i, cell in enumerate(cells)}
    places = {i: pair for node, pair in entity_countries(link_rows, country_rows).items()
              if (i := index.get(node)) is not None}
    source, target, kind, keys = _edges(edge_rows, index, wanted, property_labels)
    citation_sets: dict[int, Any] = {}
    get = index.get
    for node, cite in citation_rows:  # one string, or a set of several (most have one)
        i = get(node)
        if i is not None:
            own = citation_sets.get(i)
            if own is None:
                citation_sets[i] = cite
            elif own.__class__ is set:
                own.add(cite)
            elif own != cite:
                citation_sets[i] = {own, cite}

    # one object per distinct value, computed once: many nodes share them
    @functools.cache
    def values(found: str | frozenset[str]) -> tuple[str, ...]:
        return ((_bound(found),) if isinstance(found, str)
                else tuple(sorted(_bound(c) for c in found)))

    side_of = functools.cache(lambda found: side(frozenset(values(found))))

    def column(found: dict[int, Any], value: Any) -> list[Any]:
        empty = value(frozenset())
        return [empty if own is None else value(own if own.__class__ is str else frozenset(own))
                for own in map(found.get, range(len(cells)))]

    def country_column(part: int, value: Any) -> list[Any]:
        empty = value(frozenset())
        return [empty if pair is None else value(pair[part])
                for pair in map(places.get, range(len(cells)))]

    return EntityNetwork(
        iris=iris, labels=[_bound(labels[c]) for c in cells],
        classes=[kept[c][0] for c in cells], types=[kept[c][1] for c in cells],
        countries=country_column(0, values), sides=country_column(1, side_of),
        citations=column(citation_sets, values),
        keys=[k for k, _, _ in keys], predicates=[p for _, p, _ in keys],
        predicate_labels=[label for _, _, label in keys],
        source=source, target=target, kind=kind)


def _edges(rows: Iterable[tuple[str, ...]], index: dict[str, int],
           wanted: set[str] | None, property_labels: dict[str, str]
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[str, str, str]]]:
    """The asserted edges between nodes of ``index`` (by TSV cell) as arrays (source,
    target, predicate number) sorted by source, target and key, with the (key, IRI, label)
    of each number."""
    number: dict[str, int | None] = {}  # predicate cell -> its number, None: not kept
    keys: list[tuple[str, str, str]] = []
    found: list[int] = []  # source, target and predicate number, flat
    get = index.get
    for s, p, o in rows:
        i, j = get(s), get(o)
        if i is None or j is None or i == j:
            continue
        k = number.get(p, -1)
        if k == -1:
            iri = p[1:-1]
            key = local_name(iri)
            k = number[p] = (len(keys) if wanted is None or key in wanted or iri in wanted
                             else None)
            if k is not None:
                keys.append((key, iri, property_labels.get(iri, key)))
        if k is not None:
            found += (i, j, k)
    triples = np.array(found, dtype=np.int64).reshape(-1, 3)
    triples = triples[_asserted(triples, keys)]
    # number the predicates that have edges in key order, then sort the edges by
    # (source, target, key)
    order = sorted(np.unique(triples[:, 2]).tolist(), key=lambda k: keys[k][0])
    renumber = np.zeros(len(keys), dtype=np.int64)
    renumber[order] = np.arange(len(order))
    kind = renumber[triples[:, 2]]
    edge_order = np.lexsort((kind, triples[:, 1], triples[:, 0]))
    return (triples[edge_order, 0].astype(np.int32), triples[edge_order, 1].astype(np.int32),
            kind[edge_order].astype(np.int16), [keys[k] for k in order])


def _asserted(triples: np.ndarray, keys: list[tuple[str, str, str]]) -> np.ndarray:
    """Which rows of ``triples`` (source, target, predicate number) :func:`asserted_edges`
    keeps, as a boolean mask (only the rows of inverse and transitive properties are
    looked at)."""
    from kg.graph.entail import declared_inverses, transitive_properties

    entailed = set(declared_inverses()) | set(transitive_properties())
    numbers = [k for k, (_, p, _) in enumerate(keys) if p in entailed]
    mask = np.ones(len(triples), dtype=bool)
    if numbers:
        rows = np.flatnonzero(np.isin(triples[:, 2], numbers)).tolist()
        candidates = [(s, o, (keys[k][0], keys[k][1], row))
                      for row, (s, o, k) in zip(rows, triples[rows].tolist(), strict=True)]
        survivors = {info[2] for _, _, info in asserted_edges(candidates)}
        mask[[row for row in rows if row not in survivors]] = False
    return mask
