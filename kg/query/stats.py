"""Counts of the graph: resources per class, uses per property, totals.

>>> from kg.store.open import build_graph
>>> counts = class_counts(build_graph())
>>> counts["GlobalInnovationCluster"]
5
"""

from __future__ import annotations

from kg.core.namespaces import EUCAN
from kg.core.protocols import EmbeddedStore
from kg.core.resources import internal_query as internal
from kg.core.terms import to_python

__all__ = ["class_counts", "property_counts", "summary"]



def _local(iri: str) -> str:
    return iri[len(EUCAN):] if iri.startswith(EUCAN) else iri


def class_counts(store: EmbeddedStore) -> dict[str, int]:
    """Instances per eucan class, subclasses included (a GIC counts as a cluster organisation)."""
    rows = store.select(internal("class-counts"))
    return {_local(r["class"].value): to_python(r["n"]) for r in rows}


def property_counts(store: EmbeddedStore) -> dict[str, int]:
    """Uses per property in the data (ontology triples excluded)."""
    rows = store.select(internal("property-counts"))
    return {_local(r["p"].value): to_python(r["n"]) for r in rows}


def summary(store: EmbeddedStore) -> dict[str, int]:
    """Triples, labelled resources and observations."""
    labelled = store.select(internal("resources-with-provenance"))
    return {"triples": len(store), "resources with provenance": to_python(labelled[0]["n"]),
            "observations": class_counts(store).get("Observation", 0)}
