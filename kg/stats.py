"""Counts of the graph: resources per class, uses per property, totals.

>>> from kg.build import build_graph
>>> counts = class_counts(build_graph())
>>> counts["GlobalInnovationCluster"]
5
"""

from __future__ import annotations

from kg.namespaces import EUCAN
from kg.store import Store
from kg.terms import to_python

__all__ = ["class_counts", "property_counts", "summary"]

_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?class a owl:Class . FILTER STRSTARTS(STR(?class), STR(eucan:))
  ?s a/rdfs:subClassOf* ?class .
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""
_PROPERTY_COUNTS = """
SELECT ?p (COUNT(*) AS ?n) WHERE {
  ?s ?p ?o .
  FILTER NOT EXISTS { ?s a ?k . VALUES ?k { owl:Class owl:ObjectProperty owl:DatatypeProperty
                                            owl:AnnotationProperty owl:Ontology owl:Restriction } }
} GROUP BY ?p ORDER BY DESC(?n) ?p
"""


def _local(iri: str) -> str:
    return iri[len(EUCAN):] if iri.startswith(EUCAN) else iri


def class_counts(store: Store) -> dict[str, int]:
    """Instances per eucan class, subclasses included (a GIC counts as a cluster organisation)."""
    return {_local(r["class"].value): to_python(r["n"]) for r in store.select(_CLASS_COUNTS)}


def property_counts(store: Store) -> dict[str, int]:
    """Uses per property in the data (ontology triples excluded)."""
    rows = store.select(_PROPERTY_COUNTS)
    return {_local(r["p"].value): to_python(r["n"]) for r in rows}


def summary(store: Store) -> dict[str, int]:
    """Triples, labelled resources and observations."""
    labelled = store.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s prov:wasDerivedFrom ?x }")
    return {"triples": len(store), "resources with provenance": to_python(labelled[0]["n"]),
            "observations": class_counts(store).get("Observation", 0)}
