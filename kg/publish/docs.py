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

from typing import Any

from kg.core.resources import internal_query as internal
from kg.data.schema import ontology_turtle

__all__ = ["ontology_html", "term_examples", "docs_inputs"]


def term_examples(store: Any) -> dict[str, str]:
    """Term IRI -> one example sentence from the data (first in IRI order)."""
    examples: dict[str, str] = {}
    for row in store.select(internal("class-examples")):
        examples.setdefault(row["term"].value,
                            f"{row['label'].value} <{row['s'].value}>")
    for row in store.select(internal("property-examples")):
        examples.setdefault(row["term"].value,
                            f"{row['sl'].value} — {row['pl'].value} — {row['ol'].value}")
    return examples


def docs_inputs(store: Any) -> bytes:
    """Everything the page is made from: the ontology and the examples drawn from the data
    (a data change that leaves every example alone does not change the page)."""
    import json

    examples = json.dumps(term_examples(store), sort_keys=True, ensure_ascii=False)
    return ontology_turtle() + b"\0" + examples.encode("utf-8")


def ontology_html(store: Any) -> str:
    """The ontology documentation page (pyLODE, OntPub profile) with data examples."""
    import logging

    import rdflib

    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    from pylode import OntPub  # its first import configures the root logger: undo just that

    root.setLevel(level)
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)

    graph = rdflib.Graph().parse(data=ontology_turtle(), format="turtle")
    skos_example = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#example")
    for term, example in sorted(term_examples(store).items()):
        graph.add((rdflib.URIRef(term), skos_example, rdflib.Literal(example)))
    return OntPub(ontology=graph, sort_subjects=True).make_html()
