"""The compaction that knows the project's context gives exactly pyld's JSON.

:mod:`kg.publish.compact` does the few steps of the JSON-LD 1.1 compaction algorithm a
context of the project's form needs; pyld (the general processor) is the reference.
Small documents made to hit each rule (term selection by container, type and language,
compact IRIs, the shortest prefix, keyword aliases, one node, no node) and random ones are
compared here in the fast tier; the whole paper graph in the slow tier (pyld takes about
10 s). A context of another form goes to pyld.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.core.namespaces import ID, PREFIXES, RDF, XSD
from kg.publish.compact import Compactor, Unsupported, compact_nodes, indented_json
from kg.publish.context import compact_jsonld, expanded_nodes, jsonld_context

EUCAN = PREFIXES["eucan"]
SKOS = PREFIXES["skos"]
# Names from the paper: SUAVE (Box 5), Protein Industries Canada (Table 1), the
# agri-food ecosystem both are active in.
SUAVE = ID + "partnership/suave"
PIC = ID + "cluster/protein-industries-canada"
AGRI = ID + "ecosystem/agri-food"

CONTEXT = {"@context": {
    "@version": 1.1, "eucan": EUCAN, "res": ID, "skos": SKOS, "xsd": XSD,
    "ex": "http://example.org/", "exlong": "http://example.org/long/", "id": "@id",
    "type": "@type", "Eurocluster": "eucan:Eurocluster", "Cluster": "eucan:Cluster/",
    "label": {"@id": "skos:prefLabel", "@container": "@set"},
    "name": {"@id": "skos:prefLabel"},  # a second term for the same IRI, no container
    "title": {"@id": "eucan:title", "@container": "@set"},  # the shorter of two
    "heading": {"@id": "eucan:title", "@container": "@set"},
    "activeInEcosystem": {"@id": "eucan:activeInEcosystem", "@type": "@id",
                          "@container": "@set"},
    "year": {"@id": "eucan:year", "@type": "xsd:gYear", "@container": "@set"},
    "odd_type": {"@id": "eucan:odd", "@type": "http://example.org/my_type"}}}


def _expanded(nodes: list[dict]) -> bytes:
    return json.dumps(nodes).encode("utf-8")


def _same_as_pyld(nodes: list[dict], context: dict = CONTEXT) -> bytes:
    compact_nodes(expanded_nodes(_expanded(nodes)), context)  # no Unsupported: no fallback
    fast = compact_jsonld(_expanded(nodes), context)
    assert fast == compact_jsonld(_expanded(nodes), context, with_pyld=True)
    return fast


def _lit(value: str, **extra: str) -> dict:
    return {"@value": value, **extra}


CASES = {
    "terms, types and a CURIE for a literal of an IRI-valued property": [
        {"@id": SUAVE, RDF + "type": [{"@id": EUCAN + "Eurocluster"}, {"@id": EUCAN + "Other"}],
         SKOS + "prefLabel": [_lit("SUAVE")],
         EUCAN + "activeInEcosystem": [{"@id": AGRI}, _lit("agri-food, as printed")]},
        {"@id": PIC, RDF + "type": [{"@id": "http://example.org/long/Cluster"}],
         SKOS + "prefLabel": [_lit("Protein Industries Canada", **{"@language": "en"}),
                              _lit("PIC")]}],
    "datatypes: the term's own, another, one with an underscore": [
        {"@id": SUAVE, EUCAN + "year": [_lit("2021", **{"@type": XSD + "gYear"}),
                                        _lit("2021", **{"@type": XSD + "string"}),
                                        _lit("x", **{"@type": XSD + "integer"})],
         EUCAN + "odd": [_lit("1", **{"@type": "http://example.org/my_type"}),
                         _lit("2", **{"@type": "http://example.org/your_type"})]}],
    "IRIs: no prefix, a namespace itself, a blank node, the longer namespace": [
        {"@id": "_:b0", "urn:x:p": [{"@id": "urn:x:o"}, {"@id": "_:b1"}],
         "http://example.org/long/p": [{"@id": "http://example.org/long/"}],
         "http://example.org/p": [{"@id": EUCAN}, {"@id": EUCAN + "Eurocluster"}]},
        {"@id": "_:b1", RDF + "type": [{"@id": EUCAN}, _lit("a literal type")]}],
    "a class term used as a property; a term ending like a prefix": [
        {"@id": PIC, EUCAN + "Eurocluster": [_lit("odd"), {"@id": AGRI}],
         EUCAN + "Cluster/x": [{"@id": EUCAN + "Cluster/y"}],
         RDF + "type": [{"@id": EUCAN + "Cluster/"}]}],
    "one node": [{"@id": SUAVE, SKOS + "prefLabel": [_lit("SUAVE")],
                  EUCAN + "title": [_lit("SUAVE")]}],
    "no node": [],
}


@pytest.mark.parametrize("name", CASES)
def test_compaction_equals_pyld(name):
    _same_as_pyld(CASES[name])


def test_compaction_shape_by_example():
    made = json.loads(_same_as_pyld(CASES["terms, types and a CURIE for a literal of an "
                                          "IRI-valued property"]))
    suave = next(n for n in made["@graph"] if n["id"] == "res:partnership/suave")
    assert suave == {"id": "res:partnership/suave", "type": ["Eurocluster", "eucan:Other"],
                     "label": ["SUAVE"], "activeInEcosystem": ["res:ecosystem/agri-food"],
                     "eucan:activeInEcosystem": "agri-food, as printed"}


_IRIS = st.sampled_from([SUAVE, PIC, AGRI, EUCAN + "Eurocluster", EUCAN, "urn:x:1", "_:b2",
                         "http://example.org/long/a", "http://example.org/b", XSD + "gYear"])
_PROPS = st.sampled_from([SKOS + "prefLabel", EUCAN + "activeInEcosystem", EUCAN + "year",
                          EUCAN + "odd", EUCAN + "Eurocluster", "http://example.org/long/p",
                          "urn:x:p", RDF + "type"])
_VALUES = st.one_of(
    _IRIS.map(lambda iri: {"@id": iri}),
    st.sampled_from(["SUAVE", "2021", "Québec", ""]).map(lambda v: {"@value": v}),
    st.tuples(st.sampled_from(["2021", "x"]), st.sampled_from(
        [XSD + "gYear", XSD + "integer", "http://example.org/my_type", EUCAN])).map(
        lambda t: {"@value": t[0], "@type": t[1]}),
    st.tuples(st.sampled_from(["SUAVE", "PIC"]), st.sampled_from(["en", "fr", "en-CA"])).map(
        lambda t: {"@value": t[0], "@language": t[1]}))
_NODES = st.dictionaries(_IRIS, st.dictionaries(_PROPS, st.lists(_VALUES, min_size=1,
                                                                 max_size=3, unique_by=str),
                                                min_size=1, max_size=4), max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NODES)
def test_random_documents_compact_as_pyld_does(graph):
    nodes = [{"@id": subject, **properties} for subject, properties in graph.items()]
    # rdf:type takes node references only where the engine writes it (a literal stays)
    _same_as_pyld(nodes)


@pytest.mark.parametrize("extra", [{"@vocab": EUCAN}, {"@language": "en"},
                                   {"tags": {"@id": "eucan:tag", "@container": "@language"}},
                                   {"alias": "label"}])
def test_a_context_of_another_form_goes_to_pyld(extra):
    context = {"@context": {**CONTEXT["@context"], **extra}}
    with pytest.raises(Unsupported):
        Compactor(context)
    nodes = CASES["terms, types and a CURIE for a literal of an IRI-valued property"]
    made = compact_jsonld(_expanded(nodes), context)
    assert made == compact_jsonld(_expanded(nodes), context, with_pyld=True)


def test_indented_json_equals_the_standard_library(store):
    context = jsonld_context(store)
    assert indented_json(context) == json.dumps(context, ensure_ascii=False, indent=1,
                                                sort_keys=True)


@pytest.mark.slow
def test_the_paper_graph_compacts_as_pyld_does(store):
    expanded, context = store.serialize("jsonld"), jsonld_context(store)
    assert compact_jsonld(expanded, context) == compact_jsonld(expanded, context,
                                                               with_pyld=True)
