"""The whole graph: the ontology, the records' data, the data cube and the entailments.

The graph is made as N-Triples (:func:`graph_ntriples`), what the store is filled from;
the store's sorted dump is the one order every output is written in.

Examples
--------
>>> graph_ntriples().count(b"annotatedSource") > 1000
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox

from kg.core.namespaces import DCTERMS, RDF, RDFS, SKOS
from kg.core.terms import Subject
from kg.data.load import load_records
from kg.data.model import Record
from kg.data.schema import ontology_triples
from kg.graph.build import build_triples, stable_blank_nodes
from kg.graph.cube import cube_triples
from kg.graph.entail import entailed
from kg.graph.happenings import happening_triples
from kg.graph.provenance import statement_ntriples
from kg.graph.units import unit_ntriples

__all__ = ["graph_ntriples", "assembled_ntriples", "skos_labels"]

_TYPE = ox.NamedNode(RDF + "type")


def graph_ntriples(records: dict[str, Record] | None = None) -> bytes:
    """:func:`assembled_ntriples` of ``records``; the package data's graph is made once per
    process (it cannot change while the process runs)."""
    return _package_graph() if records is None else assembled_ntriples(records)


@cache
def _package_graph() -> bytes:
    return assembled_ntriples(load_records())


def assembled_ntriples(records: dict[str, Record]) -> bytes:
    """The ontology (blank nodes renamed stably), the records' data triples (the package
    data when ``records`` is None), what the ontology entails from them
    (:mod:`kg.graph.entail`), the statement nodes of the quotes and the units of the paper
    they lie in (:mod:`kg.graph.units`), as N-Triples, each triple once, in no particular
    order (not yet SHACL-checked).
    """
    data = set(build_triples(records)) | set(cube_triples(records)) | \
        set(happening_triples(records))
    data.update(ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(
        "".join(unit_ntriples(records)).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    data.update(entailed(data))
    data.update(skos_labels(data))
    dumped = ox.serialize(stable_blank_nodes(ontology_triples()) + list(data),
                          format=ox.RdfFormat.N_TRIPLES) or b""
    return dumped + "".join(statement_ntriples(records)).encode("utf-8")


def skos_labels(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """``skos:prefLabel`` for every concept and ``dcterms:title`` for every concept scheme
    that lacks one, from its ``rdfs:label`` (SKOS consumers read those); ``skos:notation``
    for every concept that lacks one: its identifier (the last segment of its IRI), a
    stable code for measures and categories."""
    concept, scheme = SKOS + "Concept", SKOS + "ConceptScheme"
    kinds: dict[Subject, set[str]] = {}
    labels: dict[Subject, list[ox.Literal]] = {}
    have: set[tuple[Subject, str]] = set()
    for t in triples:
        subject, value = t.subject, t.object
        if isinstance(subject, ox.Triple) or isinstance(value, ox.Triple):
            continue
        if t.predicate == _TYPE and value.value in (concept, scheme):
            kinds.setdefault(subject, set()).add(value.value)
        elif t.predicate.value == RDFS + "label" and isinstance(value, ox.Literal):
            labels.setdefault(subject, []).append(value)
        elif t.predicate.value in (SKOS + "prefLabel", DCTERMS + "title", SKOS + "notation"):
            have.add((subject, t.predicate.value))
    added = []
    for subject, found in kinds.items():
        for kind, predicate in ((concept, SKOS + "prefLabel"), (scheme, DCTERMS + "title")):
            if kind in found and (subject, predicate) not in have:
                added += [ox.Triple(subject, ox.NamedNode(predicate), label)
                          for label in sorted(labels.get(subject, []), key=str)[:1]]
        if concept in found and (subject, SKOS + "notation") not in have and isinstance(
                subject, ox.NamedNode):
            added.append(ox.Triple(subject, ox.NamedNode(SKOS + "notation"),
                                   ox.Literal(subject.value.rstrip("/").rsplit("/", 1)[-1])))
    return added
