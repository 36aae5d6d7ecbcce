"""The claims ledger as a whole, and competency questions on the claims of the executive
summary and sections 1 to 2.2 (group A of the ledger), asked of the built graph.

Each case cites the paper. Before the ledger's pass these claims were kept only in
descriptions (rdfs:comment) or not at all.
"""

from __future__ import annotations

import pytest

from kg.cli import main
from kg.core.namespaces import EUCAN, RDFS, SKOS
from kg.data.claims import claims_report, load_ledger
from kg.data.load import load_records


def _select(store, query: str) -> list[tuple[str, ...]]:
    """The rows of a constant query, as sorted tuples of plain strings."""
    prefixes = f"PREFIX eucan: <{EUCAN}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n"
    rows = store.select(prefixes + query)
    return sorted(tuple(v.value if v is not None else "" for v in row.values()) for row in rows)


@pytest.fixture(scope="module")
def report():
    return claims_report(load_records(), load_ledger())


def test_every_unit_of_the_paper_is_read_and_its_claims_are_data(report):
    """The whole ledger: every sentence, list or box item, table row and figure text of the
    paper is reviewed; no factual one is held only in a description unless it is allowed
    with a reason, and at most 5 % are allowed."""
    summary = report.summary()
    assert summary["unreviewed"] == 0
    assert summary["units reviewed"] == summary["units to review"] > 700
    assert summary["only described"] == 0
    assert summary["allowed"] <= 0.05 * summary["factual units"]
    assert report.problems == []
    # Every claim the ledger says is structured is found in the records, value for value.
    missing = [(r["unit"], r["state"]) for r in report.rows()
               if r["state"] == "partly described" and not r.get("described")]
    assert missing == []


def test_kg_coverage_claims_exits_0_on_the_package_ledger(capsys):
    assert main(["coverage", "--claims"]) == 0
    assert "unreviewed: 0" in capsys.readouterr().out


def test_the_most_important_commodities_of_eu_canada_trade_in_2021(store):
    # 2.2: "aeroplanes and other aircraft were the most important imported commodity from
    # Canada to the EU ... motor vehicles for the transport of persons were the most
    # important commodity exported from the EU27 to Canada in 2021".
    rows = _select(store, """
        SELECT ?commodity ?direction WHERE {
          ?o eucan:measure/rdfs:label "Rank among traded commodities" ; eucan:value ?rank ;
             eucan:category/rdfs:label ?commodity ; eucan:flowDirection/rdfs:label ?direction .
          FILTER (?rank = 1)
          FILTER NOT EXISTS { ?o eucan:valueMax ?max } }""")
    assert rows == [("Aeroplanes and other aircraft", "EU27 imports from Canada"),
                    ("Motor vehicles for the transport of persons", "EU27 exports to Canada")]


def test_the_russian_invasion_of_ukraine_is_dated_february_2022(store):
    # 2.2: "the economic impact of the Russian invasion of Ukraine in February 2022 also had
    # repercussions on the trade between the European Union and Canada".
    rows = _select(store, """
        SELECT ?when WHERE {
          ?h a eucan:Happening ; rdfs:label ?label ; eucan:printedDate ?when .
          FILTER (CONTAINS(?label, "Russian invasion of Ukraine")) }""")
    assert rows == [("February 2022",)]


def test_the_gpai_aims_at_the_digital_transition(store):
    # 5.2: "a Global Partnership on Artificial Intelligence (GPAI) has been introduced to
    # further increase synergies in tackling the digital transition with common actions".
    rows = _select(store, """
        SELECT ?objective WHERE {
          ?p rdfs:label "Global Partnership on Artificial Intelligence" ;
             eucan:objective ?objective }""")
    assert ("further increase synergies in tackling the digital transition with common "
            "actions",) in rows
