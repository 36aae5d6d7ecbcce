"""The comment audit: what a description names is linked in the data, and the relations
the paper states in sentences are triples (places cited per case)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.core.namespaces import EUCAN, PREFIXES
from kg.data.load import load_records
from kg.data.mentions import audit

_HEAD = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
NAMES = _HEAD + "SELECT ?answer WHERE { ?x rdfs:label ?name ; ?property ?y . ?y rdfs:label ?answer }"


def test_every_name_a_description_mentions_is_linked_or_allowed_with_a_reason(records):
    report = audit(records)
    assert report.unlinked == [], [(m.record, m.target, m.name) for m in report.unlinked]
    assert report.stale_allowances == []
    assert report.summary()["mentions"] > 250


def test_a_planted_description_naming_an_unlinked_thing_is_reported_with_file_and_line(
        data_copy, capsys):
    (data_copy / "zz-planted.yaml").write_text(
        "- id: planted-body\n  type: PublicBody\n  label: Planted Body\n"
        "  comment: \"Works with Protein Industries Canada on plant proteins.\"\n"
        "  source: section-4-2\n", encoding="utf-8")
    report = audit(load_records(sorted(data_copy.glob("*.yaml")) + sorted(data_copy.glob("*.json"))))
    [found] = report.unlinked
    assert (found.record, found.target, found.name) == \
        ("planted-body", "protein-industries-canada", "Protein Industries Canada")
    assert found.path.endswith("zz-planted.yaml") and found.line == 1
    assert main(["mentions", "--data", str(data_copy)]) == 1
    assert "planted-body" in capsys.readouterr().out


def test_a_field_linking_the_named_thing_satisfies_the_audit(data_copy):
    (data_copy / "zz-planted.yaml").write_text(
        "- id: planted-body\n  type: PublicBody\n  label: Planted Body\n"
        "  comment: \"Works with Protein Industries Canada on plant proteins.\"\n"
        "  concerns: protein-industries-canada\n  source: section-4-2\n", encoding="utf-8")
    assert main(["mentions", "--data", str(data_copy)]) == 0


def test_a_one_word_name_matches_only_with_its_printed_capitals(records):
    # "digital" the adjective is not the Digital Supercluster (altLabel "Digital")
    report = audit(records)
    targets = {m.target for m in report.mentions if m.record == "dream"}
    assert "digital-supercluster" not in targets


@pytest.mark.parametrize("place, name, prop, expected", [
    # Section 4.2: "Canada, along with the USA, China, Singapore and Israel, was one of the
    # most often targeted markets."
    ("4.2", "ESCP for Going International", "frequentTargetMarket",
     {"Canada", "United States of America", "China", "Singapore", "Israel"}),
    # Section 3.3: "an official economic analysis commissioned by ISED and conducted by EY"
    ("3.3", "Innovation Superclusters Initiative: Economic Analysis", "commissionedBy",
     {"Innovation, Science and Economic Development Canada"}),
    ("3.3", "Innovation Superclusters Initiative: Economic Analysis", "author", {"EY"}),
    # Section 3.3: "the former Deputy Minister of ISED, John Knubley"
    ("3.3", "John Knubley", "affiliatedWith",
     {"Innovation, Science and Economic Development Canada"}),
    # Section 2.2: chemicals ... "This points to ... the EU Industrial ecosystem Health"
    ("2.2", "Chemicals and related products", "linkedToEcosystem", {"Health"}),
    # Section 2.2: aeroplanes and motor vehicles -> Aerospace & Defence, Mobility-Transport-Automotive
    ("2.2", "Machinery and transport equipment", "linkedToEcosystem",
     {"Aerospace and Defence", "Mobility, Transport & Automotive"}),
    # Box 6: "Earth X-ray for Low-Impact Mining" is a Digital Supercluster project
    ("Box 6", "Earth X-ray for Low-Impact Mining", "projectOf", {"Digital Supercluster"}),
    # Section 3.2: France's competitiveness clusters take part in Horizon 2020 and Horizon Europe
    ("3.2", "Pôles de compétitivité", "encouragesProjectsIn", {"Horizon 2020", "Horizon Europe"}),
    # Footnote 64: the annual reports of the five clusters
    ("Footnote 64", "Footnote 64", "mentions",
     {"Digital Supercluster", "Scale AI", "Canada's Ocean Supercluster", "Protein Industries Canada",
      "Next Generation Manufacturing Canada"}),
])
def test_relations_the_paper_states_in_sentences_are_triples(store, place, name, prop, expected):
    rows = store.select(NAMES, {"name": ox.Literal(name), "property": ox.NamedNode(EUCAN + prop)})
    found = {r["answer"].value for r in rows}
    assert expected <= found, (place, found)
