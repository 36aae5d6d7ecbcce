"""HTML documentation of the ontology, generated with pyLODE into ``out/docs/``.

Every class and property appears with its label, comment, domain, range and
an example from the data: before pyLODE renders the ontology, each term gets
a ``skos:example`` drawn from the built graph (an instance of the class, or
one statement using the property), so the documentation shows real use.

Examples
--------
>>> from kg.store.open import build_graph
>>> page = ontology_html(build_graph())
>>> "Global Innovation Cluster" in page and "Protein Industries Canada" in page
True
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain
from typing import Any

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.data.schema import ontology_turtle

__all__ = ["ontology_html", "ontology_page", "term_examples", "docs_inputs", "documented_ontology"]


def term_examples(store: SparqlStore) -> dict[str, str]:
    """Term IRI -> one example sentence from the data (first in IRI order)."""
    examples: dict[str, str] = {}
    for row in store.select(internal("class-examples")):
        examples.setdefault(row["term"].value,
                            f"{row['label'].value} <{row['s'].value}>")
    for row in store.select(internal("property-examples")):
        examples.setdefault(row["term"].value,
                            f"{row['sl'].value} — {row['pl'].value} — {row['ol'].value}")
    return examples


def docs_inputs(store: SparqlStore, examples: dict[str, str] | None = None) -> bytes:
    """Everything the page is made from: the ontology and the examples drawn from the data
    (``examples``: :func:`term_examples` if already known; a data change that leaves every
    example alone does not change the page)."""
    import json

    examples = term_examples(store) if examples is None else examples
    text = json.dumps(examples, sort_keys=True, ensure_ascii=False)
    return ontology_turtle() + b"\0" + text.encode("utf-8")


def ontology_html(store: SparqlStore, examples: dict[str, str] | None = None) -> str:
    """The ontology documentation page (pyLODE, OntPub profile) with data examples
    (``examples``: :func:`term_examples` if already known)."""
    return ontology_page(term_examples(store) if examples is None else examples)


def ontology_page(examples: dict[str, str]) -> str:
    """The ontology documentation page with the data ``examples`` (term IRI -> sentence),
    made without a store (the main job's helper process)."""
    return _ontpub()(ontology=documented_ontology(examples), sort_subjects=True).make_html()


def documented_ontology(examples: dict[str, str]) -> Any:
    """The ontology as pyLODE reads it: an rdflib graph, each term with its
    ``skos:example``."""
    import rdflib

    graph = rdflib.Graph().parse(data=ontology_turtle(), format="turtle")
    skos_example = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#example")
    for term, example in sorted(examples.items()):
        graph.add((rdflib.URIRef(term), skos_example, rdflib.Literal(example)))
    return graph


@lru_cache(maxsize=1)
def _ontpub() -> type:
    """pyLODE's OntPub with a faster namespace section (the same HTML, see
    ``_make_namespaces``); imported on first use."""
    import logging

    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    from pylode import OntPub  # its first import configures the root logger: undo just that

    root.setLevel(level)
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)

    class ProjectOntPub(OntPub):
        def _make_namespaces(self) -> None:
            """pyLODE 3.x's namespace section, whose loop asks the graph for its
            namespaces once per node of every triple (0.2-0.5 s of the page): here the
            used namespaces come from the set of node texts, each namespace tested once.
            The HTML below is pyLODE's own (BSD-3-Clause); tests/test_export.py checks
            that the page equals the stock OntPub's."""
            from dominate.tags import code, dd, div, dl, dt, h2

            texts = {str(n) for n in chain(self.ont.subjects(), self.ont.predicates(),
                                           self.ont.objects())}
            nses = {prefix: ns for prefix, ns in self.ont.namespaces()
                    if any(text.startswith(ns) for text in texts)}
            with self.content, div(id="namespaces"):
                h2("Namespaces")
                with dl():
                    if self.toc.get("namespaces") is None:
                        self.toc["namespaces"] = []
                    for prefix, ns in sorted(nses.items()):
                        p_ = prefix if prefix != "" else ":"
                        dt(p_, id=p_)
                        dd(code(ns))
                        self.toc["namespaces"].append(("#" + prefix, prefix))

    return ProjectOntPub
