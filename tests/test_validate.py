"""SHACL conformance, the OWL Lite construct check and the violation checks."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.core.namespaces import EUCAN, OWL, RDF, RDFS
from kg.graph.validate import check_problems, owl_lite_problems, shacl_problems
from kg.store.open import build_graph
from tests.tools import CHECKS_DIR


def test_built_graph_conforms_to_the_shapes(store):
    assert shacl_problems(store) == []


def test_ontology_uses_only_owl_lite_constructs(store):
    assert owl_lite_problems(store) == []


@pytest.mark.parametrize("check", sorted(p.stem for p in CHECKS_DIR.glob("*-violation.rq")))
def test_every_violation_check_returns_no_rows(store, check):
    assert [p for p in check_problems(store) if p.startswith(check + ":")] == []


def _broken(records, triples_to_add=(), remove=None):
    store = build_graph(records)
    if remove:
        store.update(remove)
    store.add(list(triples_to_add))
    return store


def test_shacl_reports_a_monetary_amount_without_currency(records):
    store = _broken(records, remove="DELETE WHERE { ?o eucan:currency ?c ; eucan:statedAs "
                                    "\"$427 million (total)\" }")
    problems = shacl_problems(store)
    assert any("currency: EUR, CAD or USD" in p for p in problems)


def test_shacl_reports_a_year_out_of_range(records):
    gic = ox.NamedNode("https://w3id.org/eucan/id/programme/isi")
    bad = ox.Literal("1899", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    store = _broken(records, remove="DELETE WHERE { <https://w3id.org/eucan/id/programme/isi> "
                                    "eucan:startYear ?y }",
                    triples_to_add=[ox.Triple(gic, ox.NamedNode(EUCAN + "startYear"), bad)])
    assert any("1950 to 2035" in p for p in shacl_problems(store))


def test_owl_lite_check_flags_union_of(records):
    blank = ox.BlankNode("u")
    store = _broken(records, triples_to_add=[
        ox.Triple(ox.NamedNode(EUCAN + "Bad"), ox.NamedNode(OWL + "unionOf"), blank)])
    assert any("owl:unionOf" in p for p in owl_lite_problems(store))


def test_check_flags_a_labelled_resource_without_provenance(records):
    thing = ox.NamedNode("https://w3id.org/eucan/id/org/nobody")
    store = _broken(records, triples_to_add=[
        ox.Triple(thing, ox.NamedNode(RDFS + "label"), ox.Literal("Nobody")),
        ox.Triple(thing, ox.NamedNode(RDF + "type"), ox.NamedNode(EUCAN + "Organisation"))])
    assert any("labelled-without-provenance" in p and "nobody" in p
               for p in check_problems(store))
    assert any("wasDerivedFrom" in p for p in shacl_problems(store))


def test_every_ontology_term_has_label_comment_and_definition(store):
    rows = store.select("""
        SELECT ?t WHERE { ?t a ?k VALUES ?k { owl:Class owl:ObjectProperty owl:DatatypeProperty }
          FILTER STRSTARTS(STR(?t), STR(eucan:))
          FILTER (NOT EXISTS { ?t rdfs:label ?l } || NOT EXISTS { ?t rdfs:comment ?c }) }""")
    assert rows == []


def test_each_term_and_shape_is_defined_once_in_the_source_files():
    """Two blocks defining one term merge silently into one graph (two comments, two sets of
    characteristics); the sources must define each term once, so its definition is read in
    one place."""
    import re
    from collections import Counter
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "ontology"
    for name, prefix in (("eucan.ttl", "eucan"), ("shapes.ttl", "shape")):
        text = (folder / name).read_text(encoding="utf-8")
        # a definition: a block that types the term and labels it (the cube section's
        # one-line "eucan:value a qb:MeasureProperty ." adds a type, not a definition)
        blocks = re.findall(rf"^({prefix}:\w+) a [^\n]*\n(?:(?!\S).*\n)*?.* \.$", text, flags=re.M)
        labelled = re.findall(rf"^({prefix}:\w+) a (?:[^.]|\.(?!\n))*?rdfs:label", text,
                              flags=re.M)
        counts = Counter(labelled)
        assert len(blocks) >= len(counts)
        assert len(counts) > 20
        assert [term for term, n in counts.items() if n > 1] == [], name
