"""Validation of the built graph: SHACL shapes, OWL Lite constructs, violation checks.

Each function returns a list of human-readable problems (empty when all is
well); :func:`validate` runs them all.

Examples
--------
>>> from kg.build import build_graph
>>> store = build_graph()
>>> owl_lite_problems(store)
[]
>>> check_problems(store)
[]
"""

from __future__ import annotations

from pathlib import Path

from kg.namespaces import OWL
from kg.schema import ROOT, SHAPES_PATH
from kg.store import Store
from kg.terms import to_python

__all__ = ["shacl_problems", "owl_lite_problems", "check_problems", "validate", "CHECKS_DIR"]

CHECKS_DIR = ROOT / "queries" / "checks"

#: OWL constructs outside OWL Lite (and OWL 2 additions) the ontology must not use.
FORBIDDEN = ("unionOf", "complementOf", "oneOf", "hasValue", "disjointWith", "intersectionOf",
             "AllDisjointClasses", "disjointUnionOf", "propertyChainAxiom", "hasSelf",
             "qualifiedCardinality", "minQualifiedCardinality", "maxQualifiedCardinality",
             "hasKey", "AllDisjointProperties", "propertyDisjointWith", "ReflexiveProperty",
             "IrreflexiveProperty", "AsymmetricProperty", "NegativePropertyAssertion")
_CARDINALITIES = ("cardinality", "minCardinality", "maxCardinality")


def shacl_problems(store: Store, shapes: Path = SHAPES_PATH) -> list[str]:
    """Run pyshacl on an rdflib copy of the graph; one line per violation."""
    import pyshacl
    import rdflib

    shapes_graph = rdflib.Graph().parse(str(shapes), format="turtle")
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


def owl_lite_problems(store: Store) -> list[str]:
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


def check_problems(store: Store, checks_dir: Path = CHECKS_DIR) -> list[str]:
    """Run every ``*-violation.rq``; each row returned is a problem."""
    problems = []
    for path in sorted(checks_dir.glob("*-violation.rq")):
        for row in store.select(path.read_text(encoding="utf-8")):
            values = ", ".join(f"{k}={to_python(v)}" for k, v in row.items() if v is not None)
            problems.append(f"{path.stem}: {values}")
    return problems


def validate(store: Store) -> dict[str, list[str]]:
    """All problems by kind: ``shacl``, ``owl-lite`` and ``checks``."""
    return {"shacl": shacl_problems(store), "owl-lite": owl_lite_problems(store),
            "checks": check_problems(store)}
