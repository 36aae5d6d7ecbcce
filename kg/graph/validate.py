"""Validation of the built graph: SHACL shapes, OWL Lite constructs, violation checks.

Each function returns a list of human-readable problems (empty when all is
well); :func:`validate` runs them all.

Examples
--------
>>> from kg.store.open import build_graph
>>> store = build_graph()
>>> owl_lite_problems(store)
[]
>>> check_problems(store)
[]
"""

from __future__ import annotations

from importlib.resources.abc import Traversable

from kg.core.namespaces import OWL
from kg.core.protocols import LocalGraph
from kg.core.resources import folder
from kg.core.terms import to_python
from kg.data.schema import shapes_turtle

__all__ = ["shacl_problems", "owl_lite_problems", "check_problems", "validate", "checks"]

def checks() -> list[Traversable]:
    """The ``queries/checks/*-violation.rq`` files, sorted by name."""
    found = [f for f in folder("queries").joinpath("checks").iterdir()
             if f.name.endswith("-violation.rq")]
    return sorted(found, key=lambda f: f.name)

#: OWL constructs outside OWL Lite (and OWL 2 additions) the ontology must not use.
FORBIDDEN = ("unionOf", "complementOf", "oneOf", "hasValue", "disjointWith", "intersectionOf",
             "AllDisjointClasses", "disjointUnionOf", "propertyChainAxiom", "hasSelf",
             "qualifiedCardinality", "minQualifiedCardinality", "maxQualifiedCardinality",
             "hasKey", "AllDisjointProperties", "propertyDisjointWith", "ReflexiveProperty",
             "IrreflexiveProperty", "AsymmetricProperty", "NegativePropertyAssertion")
_CARDINALITIES = ("cardinality", "minCardinality", "maxCardinality")


def shacl_problems(store: LocalGraph, shapes: bytes | None = None) -> list[str]:
    """Run pyshacl on an rdflib copy of the graph; one line per violation
    (``shapes``: Turtle, default the shipped ``ontology/shapes.ttl``)."""
    import pyshacl
    import rdflib

    shapes_graph = rdflib.Graph().parse(data=shapes or shapes_turtle(), format="turtle")
    conforms, report, _ = pyshacl.validate(store.to_rdflib(), shacl_graph=shapes_graph,
                                           inference="none", advanced=True, allow_warnings=True)
    if conforms:
        return []
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    problems = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        message = report.value(result, sh.resultMessage)
        problems.append(f"{focus}: {path or ''} {message}".replace("  ", " "))
    return sorted(problems)


def owl_lite_problems(store: LocalGraph) -> list[str]:
    """Constructs outside OWL Lite: forbidden terms and cardinalities other than 0/1."""
    problems = []
    for triple in store.triples():
        p, o = triple.predicate.value, getattr(triple.object, "value", "")
        for name in FORBIDDEN:
            if OWL + name in (p, o):
                problems.append(f"{triple.subject}: uses owl:{name}, not allowed in OWL Lite")
        if p in (OWL + c for c in _CARDINALITIES) and to_python(triple.object) not in (0, 1):
            problems.append(f"{triple.subject}: cardinality {o} (OWL Lite allows 0 or 1)")
    return problems


def check_problems(store: LocalGraph, files: list[Traversable] | None = None) -> list[str]:
    """Run every ``*-violation.rq`` (or the given files); each row returned is a problem."""
    problems = []
    for check in checks() if files is None else files:
        for row in store.select(check.read_text(encoding="utf-8")):
            values = ", ".join(f"{k}={to_python(v)}" for k, v in row.items() if v is not None)
            problems.append(f"{check.name.removesuffix('.rq')}: {values}")
    return problems


def validate(store: LocalGraph) -> dict[str, list[str]]:
    """All problems by kind: ``shacl``, ``owl-lite`` and ``checks``."""
    return {"shacl": shacl_problems(store), "owl-lite": owl_lite_problems(store),
            "checks": check_problems(store)}
