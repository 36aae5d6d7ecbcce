"""Validation of the built graph: SHACL shapes, OWL Lite constructs, violation checks.

SHACL runs on the ``shacl`` package (a Rust engine, compiled shapes reused) by default;
pyshacl stays available as the reference (``engine="pyshacl"``), and the tests require
both to give the same results on the graph and on planted violations.

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

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib.resources.abc import Traversable
from typing import Any

from kg.core.extras import required
from kg.core.namespaces import OWL
from kg.core.protocols import LocalGraph
from kg.core.resources import folder, internal_query
from kg.core.terms import to_python
from kg.data.schema import shapes_turtle

__all__ = ["shacl_problems", "shacl_results", "ShaclResult", "SHACL_ENGINES",
           "owl_lite_problems", "check_problems", "validate", "checks"]

def checks() -> list[Traversable]:
    """The ``queries/checks/*-violation.rq`` files, sorted by name."""
    found = [f for f in folder("queries").joinpath("checks").iterdir()
             if f.name.endswith("-violation.rq")]
    return sorted(found, key=lambda f: f.name)

#: SHACL engines: ``shacl`` (Rust, the build's gate) and ``pyshacl`` (the reference).
SHACL_ENGINES = ("shacl", "pyshacl")
_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class ShaclResult:
    """One SHACL validation result, engine-neutral: terms in N-Triples syntax, the path
    as SPARQL property-path text (or ``[complex path]`` where an engine gives a node),
    the constraint component's local name."""

    focus: str
    path: str
    component: str
    message: str = field(compare=False, default="")

    def line(self) -> str:
        return f"{self.focus.strip('<>')}: {self.path.strip('<>')} {self.message}".replace(
            "  ", " ").strip()


@lru_cache(maxsize=4)
def _compiled_shapes(shapes: bytes) -> Any:
    import shacl

    compiled = shacl.Shapes.from_turtle(shapes.decode("utf-8"))
    if not len(compiled):
        raise ValueError("the shapes graph declares no shapes")
    return compiled


def shacl_results(store: LocalGraph, shapes: bytes | None = None, *,
                  engine: str = "shacl") -> list[ShaclResult]:
    """Validate ``store`` against ``shapes`` (Turtle, default the shipped
    ``ontology/shapes.ttl``) with ``engine``; the results, sorted (empty: conforms).

    >>> from kg.store.open import build_graph
    >>> store = build_graph()
    >>> shacl_results(store) == shacl_results(store, engine="pyshacl") == []
    True
    """
    shapes = shapes or shapes_turtle()
    if engine == "shacl":
        report = _compiled_shapes(shapes).validate_text(
            store.serialize("ntriples").decode("utf-8"), format="ntriples",
            allow_warnings=True)
        return sorted(ShaclResult(r.focus_node, r.path or "", r.component, r.message or "")
                      for r in report.results)
    if engine != "pyshacl":
        raise ValueError(f"unknown SHACL engine {engine!r} (known: {', '.join(SHACL_ENGINES)})")
    import rdflib

    pyshacl = required("pyshacl", "the SHACL reference (pyshacl)", "bench")

    shapes_graph = rdflib.Graph().parse(data=shapes, format="turtle")
    conforms, report, _ = pyshacl.validate(store.to_rdflib(), shacl_graph=shapes_graph,
                                           inference="none", advanced=True, allow_warnings=True)
    if conforms:
        return []
    sh = rdflib.Namespace(_SH)
    found = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        path = report.value(result, sh.resultPath)
        component = str(report.value(result, sh.sourceConstraintComponent))
        found.append(ShaclResult(
            report.value(result, sh.focusNode).n3(),
            path.n3() if isinstance(path, rdflib.URIRef) else "[complex path]" if path else "",
            component.removeprefix(_SH), str(report.value(result, sh.resultMessage) or "")))
    return sorted(found)


def shacl_problems(store: LocalGraph, shapes: bytes | None = None, *,
                   engine: str = "shacl") -> list[str]:
    """One line per SHACL violation (:func:`shacl_results`); empty when the graph conforms."""
    return sorted(r.line() for r in shacl_results(store, shapes, engine=engine))


def owl_lite_problems(store: LocalGraph) -> list[str]:
    """Constructs outside OWL Lite (``queries/internal/owl-lite-constructs.rq``): forbidden
    terms and cardinalities other than 0/1."""
    problems = []
    for row in store.select(internal_query("owl-lite-constructs")):
        name = row["construct"].value.removeprefix(OWL)
        if name.endswith("ardinality"):
            problems.append(f"{row['s']}: cardinality {row['n'].value} (OWL Lite allows 0 or 1)")
        else:
            problems.append(f"{row['s']}: uses owl:{name}, not allowed in OWL Lite")
    return problems


def check_problems(store: LocalGraph, files: list[Traversable] | None = None) -> list[str]:
    """Run every ``*-violation.rq`` (or the given files); each row returned is a problem."""
    problems = []
    for check in checks() if files is None else files:
        for row in store.select(check.read_text(encoding="utf-8")):
            values = ", ".join(f"{k}={to_python(v)}" for k, v in row.items() if v is not None)
            problems.append(f"{check.name.removesuffix('.rq')}: {values}")
    return problems


def validate(store: LocalGraph, *, workers: int | None = None) -> dict[str, list[str]]:
    """All problems by kind: ``shacl``, ``owl-lite`` and ``checks``.

    On Oxigraph the SHACL run and the SPARQL checks go to ``workers`` threads (default:
    the machine's cores, at most 4): both engines release Python's lock while they work,
    so the gate takes about as long as its slowest part. The problems and their order are
    the same as one after the other.
    """
    tasks: list[tuple[str, Callable[[], list[str]]]] = [
        ("shacl", partial(shacl_problems, store)), ("owl-lite", partial(owl_lite_problems, store))]
    tasks += [("checks", partial(check_problems, store, [check])) for check in checks()]
    workers = workers or min(4, os.cpu_count() or 1)
    if getattr(store, "engine", "oxigraph") != "oxigraph" or workers < 2:
        results = [run() for _, run in tasks]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run) for _, run in tasks]
            results = [future.result() for future in futures]
    found: dict[str, list[str]] = {"shacl": [], "owl-lite": [], "checks": []}
    for (kind, _), problems in zip(tasks, results, strict=True):
        found[kind] += problems
    return found
