"""Statement-level provenance: every quoted fact points to the place of the paper that
states it and to the words that state it, and the coverage map of the paper.

Facts checked here come from the paper: section 3.1 ("Cluster members of SUAVE come from
France, Hungary, Lithuania, Poland and Spain"), Box 6 (the Digital Supercluster's
"1000+ Organisations"), Box 3 (ACCORD's beneficiaries), footnote 41 (SUAVE's profile).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.core.errors import DataError, MissingCitationError
from kg.core.namespaces import EUCAN, OA, OWL
from kg.data.coverage import coverage
from kg.data.load import folder_files, load_records
from kg.data.paper import fold, printed_text, read_paper, split_units
from kg.data.quotes import verify
from kg.query.catalogue import run
from kg.store.open import build_graph

ROOT = Path(__file__).resolve().parents[1]

STATEMENTS = """
SELECT ?s ?p ?o ?place ?exact ?prefix ?suffix WHERE {
  ?a a owl:Axiom ; owl:annotatedSource ?s ; owl:annotatedProperty ?p ;
     owl:annotatedTarget ?o ; eucan:assertedIn ?place .
  OPTIONAL { ?a oa:exact ?exact } OPTIONAL { ?a oa:prefix ?prefix }
  OPTIONAL { ?a oa:suffix ?suffix }
}"""


@pytest.fixture(scope="module")
def paper() -> str:
    return read_paper()  # the copy shipped in the package: never missing


@pytest.fixture(scope="module")
def report(records, paper):
    return coverage(records, paper)


def _prefixed(query: str) -> str:
    return (f"PREFIX owl: <{OWL}>\nPREFIX eucan: <{EUCAN}>\nPREFIX oa: <{OA}>\n" + query)


def test_every_stored_quote_occurs_in_the_paper(report):
    assert report.quotes > 3000
    assert report.bad_quotes == []
    assert report.unplaced == []


def test_no_factual_unit_of_the_paper_is_left_unexplained(report):
    summary = report.summary()
    assert summary["uncovered"] == 0, [u.unit.line for u in report.uncovered]
    assert report.stale_allowances == []
    assert report.stale_quotes == 0
    assert summary["covered"] >= 0.9 * summary["factual"]
    # Each kind of unit is there: paragraphs, table rows, box items and footnotes.
    kinds = {u.unit.kind for u in report.units}
    assert {"paragraph", "table row", "box item", "footnote", "source line"} <= kinds


def test_a_hundred_seeded_random_statements_check_out_against_the_paper(store, records,
                                                                          paper):
    rows = store.select(_prefixed(STATEMENTS))
    assert len(rows) > 3000
    # The project's interpretations quote no words (their reading is checked by kg.data.support).
    rows = [row for row in rows if row["exact"] is not None]
    units = split_units(paper, records)
    text = printed_text(paper)
    for row in random.Random(20231201).sample(rows, 100):
        # The plain triple is there beside its annotated axiom.
        assert store.ask("ASK { ?s ?p ?o }", {"s": row["s"], "p": row["p"], "o": row["o"]})
        place = row["place"].value.rsplit("/", 1)[-1]
        exact = row["exact"].value
        words = fold(" ".join(exact.split()))
        # The quoted words are printed in a unit of that place ...
        assert any(words in fold(" ".join(u.text.split())) for u in units
                   if u.place == place), (place, exact)
        # ... with its prefix and suffix, and in the unit the statement names.
        record = records[row["s"].value.rsplit("/", 1)[-1]]
        quote = next(q for q in record.quotes if q.exact == exact and q.source == place)
        assert verify(quote, text, []) is None
        unit = store.select("SELECT ?text WHERE { ?a oa:exact ?e ; eucan:assertedIn ?p ; "
                            "eucan:anchoredIn ?u . ?u eucan:text ?text }",
                            {"e": row["exact"], "p": row["place"]})
        assert unit and words in fold(" ".join(unit[0]["text"].value.split()))


def test_where_does_the_paper_say_answers_fact_by_fact(store):
    # Section 3.1: "Cluster members of SUAVE come from France, Hungary, Lithuania, ..."
    rows = run("where-does-the-paper-say", store, resource="SUAVE")
    facts = [r for r in rows if r["level"] == "statement"]
    france = [r for r in facts if r["property"] == "participant country"
              and r["value"] == "France"]
    assert france and france[0]["place"].startswith("3.1 ")
    assert "France" in france[0]["quote"]
    # Footnote 41 states SUAVE's ECCP profile address.
    urls = [r for r in facts if r["property"] == "cited URL"]
    assert urls and urls[0]["place"] == "Footnote 41"
    # The record-level places stay listed after the statements.
    assert rows[-1]["level"] == "record"
    assert {r["place"] for r in rows if r["level"] == "record"} >= {"Footnote 41"}


def test_box_rows_once_missing_are_data_now(store):
    # Box 6: "Members • 1000+ Organisations • Industry: Startups, SMEs, Large, Multinational"
    rows = store.select(_prefixed("""
        SELECT ?profile WHERE { <https://w3id.org/eucan/id/cluster/digital-supercluster>
                                eucan:memberProfile ?profile }"""))
    assert {r["profile"].value for r in rows} >= {
        "Industry: Startups, SMEs, Large, Multinational"}
    figures = run("figures-by-qualifier", store, qualifier=">=")
    assert any(r["statedAs"] == "1000+ Organisations" for r in figures)
    # Box 3: ACCORD's beneficiaries are a list, each as printed.
    rows = store.select(_prefixed("""
        SELECT ?b WHERE { ?p eucan:beneficiary ?b ; <http://www.w3.org/2000/01/rdf-schema#label>
                          "ACCORD: Action concertée de coopération régionale de développement" }"""))
    assert {r["b"].value for r in rows} >= {"business NGOs", "municipalities",
                                           "research centres"}


def test_an_inline_field_citation_is_read_checked_and_published(data_copy):
    clusters = data_copy / "clusters.yaml"
    clusters.write_text(clusters.read_text().replace(
        "  headquarteredIn: quebec\n",
        "  headquarteredIn: {value: quebec, source: table-1, quote: \"Regional headquarters: "
        "Quebec\"}\n", 1))
    records = load_records(folder_files(data_copy))
    assert records["scale-ai"].first("headquarteredIn") == "quebec"
    store = build_graph(records)
    rows = store.select(_prefixed("""
        SELECT ?place ?exact WHERE {
          ?a owl:annotatedSource <https://w3id.org/eucan/id/cluster/scale-ai> ;
             owl:annotatedProperty eucan:headquarteredIn ; eucan:assertedIn ?place ;
             oa:exact ?exact }"""))
    assert ("https://w3id.org/eucan/id/source/table-1", "Regional headquarters: Quebec") in {
        (r["place"].value, r["exact"].value) for r in rows}


def test_an_inline_citation_without_a_place_names_file_line_record_and_field(data_copy):
    clusters = data_copy / "clusters.yaml"
    clusters.write_text(clusters.read_text().replace(
        "  headquarteredIn: quebec\n", "  headquarteredIn: {value: quebec, quote: Quebec}\n", 1))
    with pytest.raises(MissingCitationError) as error:
        load_records(folder_files(data_copy))
    message = str(error.value)
    assert "clusters.yaml" in message and "scale-ai" in message
    assert "headquarteredIn" in message


def test_a_stale_quote_is_left_out_and_a_quote_of_no_place_refused(data_copy):
    # A generated quote whose value has changed since is stale: left out, and counted.
    quotes = data_copy / "quotes.json"
    document = json.loads(quotes.read_text(encoding="utf-8"))
    document["quotes"]["scale-ai"] = [{"field": "headquarteredIn", "value": "ontario",
                                       "source": "table-1", "exact": "Ontario"}]
    quotes.write_text(json.dumps(document), encoding="utf-8")
    records = load_records(folder_files(data_copy))
    assert [q.value for q in records["scale-ai"].stale_quotes] == ["ontario"]
    # (its inline quotes, written in clusters.yaml, stay)
    assert [q for q in records["scale-ai"].quotes if q.path.endswith("quotes.json")] == []
    # A quote that names no place of the paper is a mistake, not staleness.
    document["quotes"]["scale-ai"] = [{"field": "headquarteredIn", "value": "quebec",
                                       "source": "quebec", "exact": "Quebec"}]
    quotes.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataError, match="quotes.json.*scale-ai.*a place of the paper"):
        load_records(folder_files(data_copy))


def test_the_paper_splits_into_units_with_their_places(paper, records):
    units = split_units(paper, records)
    by_text = {u.text: u for u in units}
    # Table 3's first row and footnote 41's address.
    row = next(u for u in units if u.text.startswith("Digital 295 127 127 216 765"))
    assert (row.place, row.kind) == ("table-3", "table row")
    note = next(u for u in units if u.place == "footnote-41")
    assert note.kind == "footnote" and "SUAVE" in note.text
    assert note.section == "section-3-1"
    box = next(u for u in units if u.place == "box-5" and u.text.startswith("SUAVE"))
    assert box.kind == "box item"
    assert "Source: ISED. Results as of 31.03.2023." in by_text
    assert by_text["Source: ISED. Results as of 31.03.2023."].place == "figure-6"


def test_kg_coverage_reports_every_section_and_passes_strict(capsys):
    assert main(["coverage", "--strict", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    sections = {row["section"] for row in report["sections"]}
    assert {"executive-summary", "section-3-1", "section-4-2", "annex",
            "bibliography"} <= sections
    assert report["summary"]["uncovered"] == 0
    assert report["summary"]["quotes not verified"] == 0


def test_kg_coverage_without_the_paper_is_one_line_and_exit_1(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "coverage", "--paper",
                             str(tmp_path / "missing.txt")], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "missing.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_quote_file_is_what_the_locator_makes_from_the_paper(paper):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "quotes.py")],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-500:]
    shipped = (ROOT / "kg" / "data" / "quotes.json").read_text(encoding="utf-8")
    assert result.stdout == shipped
