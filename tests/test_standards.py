"""The exports pass the standards' own test suites, run by ``../shared/standards/check.py``
(W3C RDF Data Cube integrity constraints, SEMIC's DCAT-AP 3.0.1 shapes, the GraphML 1.0
and GEXF 1.2draft XSDs, the project's shapes on the data graph alone)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from kg.publish.job import build
from kg.publish.tables import class_tables
from tests.tools import ROOT, executable, require

CHECK = ROOT.parent / "shared" / "standards" / "check.py"
CHECKS = ("datacube", "dcat-ap", "graphml", "gexf", "shacl-data")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("standards") / "out"
    build(out)
    return out


def test_every_standards_check_passes(built):
    require(CHECK.exists(), f"the standards' checks are not beside the project ({CHECK})")
    executable("xmllint", "libxml2-utils")
    run = subprocess.run([sys.executable, str(CHECK), str(built)], capture_output=True,
                         text=True, timeout=600, cwd=ROOT)
    verdicts = {line.split()[1].rstrip(":"): line.split()[0]
                for line in run.stdout.splitlines() if line.startswith(("PASS", "FAIL"))}
    assert verdicts == dict.fromkeys(CHECKS, "PASS"), run.stdout[-3000:]
    assert run.returncode == 0


def test_the_cube_has_one_structure_with_eight_dimensions(store):
    rows = store.select("""SELECT ?dim ?order WHERE {
        ?dsd a qb:DataStructureDefinition ; qb:component ?c . ?c qb:dimension ?dim ; qb:order ?order
    } ORDER BY ?order""")
    assert [r["dim"].value.rsplit("#", 1)[-1] for r in rows] == [
        "observedEntity", "measure", "category", "counterpart", "flowDirection", "refPeriod",
        "unitOfMeasure", "statedIn"]
    datasets = store.select("SELECT (COUNT(?d) AS ?n) WHERE { ?d a qb:DataSet ; qb:structure ?s }")
    assert int(datasets[0]["n"].value) == 9


def test_trade_direction_is_data(store):
    """Section 2.2: around EUR 5.9 billion of machinery imports, more than EUR 14 billion of
    exports: the two observations differ in their flow direction, not only their label."""
    rows = store.select("""SELECT ?flow WHERE {
        ?o eucan:category <https://w3id.org/eucan/id/category/machinery-transport-equipment> ;
           eucan:flowDirection/rdfs:label ?flow } ORDER BY ?flow""")
    assert [r["flow"].value for r in rows] == ["EU27 exports to Canada", "EU27 imports from Canada"]


def test_conflicting_figures_differ_in_the_place_that_states_them(store):
    """EU27 goods imports from Canada in 2021: EUR 24.9 bn (executive summary) and EUR 24.3 bn
    (section 2.2) stay side by side, told apart by eucan:statedIn."""
    rows = store.select("""SELECT ?place ?value WHERE {
        ?o eucan:measure <https://w3id.org/eucan/id/measure/trade-goods> ;
           eucan:category <https://w3id.org/eucan/id/category/total> ;
           eucan:flowDirection <https://w3id.org/eucan/id/category/flow-imports> ;
           eucan:value ?value ; eucan:statedIn ?place } ORDER BY ?place""")
    assert [(r["place"].value.rsplit("/", 1)[-1], float(r["value"].value)) for r in rows] == [
        ("executive-summary", 24.9e9), ("section-2-2", 24.3e9)]


def test_every_concept_has_a_preferred_label(store):
    missing = store.select("""SELECT ?c WHERE { ?c a skos:Concept
        FILTER NOT EXISTS { ?c skos:prefLabel ?l } }""")
    assert missing == []


def test_csv_links_carry_their_iris_beside_the_labels(store):
    table = class_tables(store)["csv/GlobalInnovationCluster.csv"].decode("utf-8")
    rows = {r["label"]: r for r in csv.DictReader(io.StringIO(table))}
    pic = rows["Protein Industries Canada"]
    assert "Agri-Food" in pic["activeInEcosystem"].split("; ")
    assert "https://w3id.org/eucan/id/ecosystem/agri-food" in pic["activeInEcosystem_iri"].split("; ")


def test_csv_for_excel_starts_with_a_byte_order_mark(store):
    tables = class_tables(store, bom=True)
    assert all(data.startswith(b"\xef\xbb\xbf") for data in tables.values())
    assert not any(data.startswith(b"\xef\xbb\xbf") for data in class_tables(store).values())
