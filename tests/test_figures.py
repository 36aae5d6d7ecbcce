"""Qualifiers and structured periods of the paper's figures.

Each case is a figure as the paper prints it: the qualifier must follow the wording, the
period must be data (kind, start, end or duration) beside the printed text, and the two
checks in ``queries/checks`` must catch a graph where either is missing or wrong.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.core.errors import DataError
from kg.graph.figures import parse_period, qualifier_of
from kg.graph.validate import check_problems
from kg.store.embedded import Store

FIGURE = """SELECT ?q ?kind ?start ?end ?duration WHERE {
  ?obs eucan:statedAs ?printed ; eucan:qualifier/skos:notation ?q ;
       eucan:periodKind/skos:notation ?kind .
  OPTIONAL { ?obs eucan:periodStart ?start } OPTIONAL { ?obs eucan:periodEnd ?end }
  OPTIONAL { ?obs eucan:periodYears ?duration }
}"""


def _figure(store, printed: str) -> dict:
    rows = store.select(FIGURE, {"printed": ox.Literal(printed)})
    assert rows, printed
    return {k: (v.value if v is not None else None) for k, v in rows[0].items()}


@pytest.mark.parametrize("printed, notation", [
    ("more than EUR 14 billion", ">"),                 # section 2.2, EU27-Canada trade
    ("over 1,087 clusters in the European Union that are registered on the ECCP", ">"),  # 4.2
    ("around 25 cluster organisations and firms in the EU", "~"),  # section 5.2, 2019 arrangement
    ("nearly 2,400 partners are actively participating in projects", "<~"),  # section 4.1.2
    ("up to EUR ~450.000 for ESCP-4i strand 2 and ESCP-4x projects", "<="),  # section 3.1
    # Box 4, Québec's zones d'innovation
    ("CAD 690 million (EUR 481 million) over five years for the two confirmed zones d'innovation",
     "="),
    ("$298 million (total)", "="),                      # Table 1, Digital Supercluster
])
def test_qualifier_follows_the_printed_wording(store, printed, notation):
    assert _figure(store, printed)["q"] == notation


def test_periods_are_data_beside_the_printed_text(store):
    # Table 1: the GIC phase of each cluster runs 2022/23-2028.
    table_1 = store.select("SELECT ?start ?end WHERE { ?o eucan:refPeriod '2022/23-2028' ; "
                           "eucan:periodStart ?start ; eucan:periodEnd ?end }")
    assert len(table_1) == 7
    assert {(r["start"].value, r["end"].value) for r in table_1} == {
        ("2022-01-01T00:00:00", "2028-12-31T00:00:00")}
    assert table_1[0]["start"].datatype.value.endswith("#dateTime")
    # Figure 9: memberships as of 31.03.2023 are snapshots of one day.
    snap = store.select("SELECT ?start ?kind WHERE { ?o eucan:refPeriod 'as of 31.03.2023' ; "
                        "eucan:periodStart ?start ; eucan:periodKind/skos:notation ?kind }")
    assert {(r["start"].value, r["kind"].value) for r in snap} == {
        ("2023-03-31T00:00:00", "snapshot")}
    # "over five years" (the zones d'innovation) is a length of time, not a bound.
    zones = "CAD 690 million (EUR 481 million) over five years for the two confirmed zones"
    assert _figure(store, zones + " d'innovation")["duration"] == "5"
    assert parse_period("five years").years == 5


def test_every_observation_has_a_qualifier_and_a_period_kind(store):
    missing = store.select("SELECT ?o WHERE { ?o a eucan:Observation "
                           "FILTER NOT EXISTS { ?o eucan:qualifier ?q ; eucan:periodKind ?k } }")
    assert missing == []
    sortable = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?o eucan:periodStart ?s }")
    assert int(sortable[0]["n"].value) > 200


def test_periods_sort_as_dates(store):
    rows = store.select("SELECT ?p WHERE { ?o eucan:periodStart ?s ; eucan:refPeriod ?p } "
                        "ORDER BY DESC(?s) LIMIT 1")
    # The latest period start in the paper's figures: the second quarter of 2023 or later.
    assert parse_period(rows[0]["p"].value).start >= "2023-04-01"
    assert store.ask("ASK { ?o eucan:refPeriod '2022/23-2028' ; eucan:periodEnd ?e "
                     "FILTER (?e > '2028-01-01T00:00:00'^^xsd:dateTime) }")


@pytest.mark.parametrize("update, check", [
    ("DELETE WHERE { ?o eucan:qualifier ?q ; eucan:statedAs 'more than EUR 14 billion' }",
     "figure-qualifier-violation"),
    ("DELETE { ?o eucan:qualifier ?q } INSERT { ?o eucan:qualifier <https://w3id.org/eucan/id/"
     "category/exact> } WHERE { ?o eucan:qualifier ?q ; eucan:statedAs 'around EUR 28.5 billion' }",
     "figure-qualifier-violation"),
    ("DELETE { ?o eucan:periodStart ?s } WHERE { ?o eucan:periodStart ?s ; "
     "eucan:refPeriod '2014-2020' }", "unstructured-period-violation"),
    ("DELETE { ?o eucan:periodKind ?k } WHERE { ?o eucan:periodKind ?k ; "
     "eucan:refPeriod 'five years' }", "unstructured-period-violation"),
    # a count typed as a decimal again (Spain's 30 Eurocluster participations, section 3.1)
    ("DELETE { ?o eucan:value 30 } INSERT { ?o eucan:value 30.0 } WHERE { ?o eucan:value 30 ; "
     "eucan:observedEntity/rdfs:label 'Spain' }", "count-not-integer-violation"),
    # an amount of money typed as a count (ACCORD's budget is money, Box 3)
    ("DELETE { ?o eucan:value ?v } INSERT { ?o eucan:value ?i } WHERE { ?o eucan:value ?v ; "
     "eucan:currency 'EUR' BIND (xsd:integer(?v) AS ?i) }", "count-not-integer-violation"),
    # Table 1's NGen total without its flag, beside its GIC and ISI columns
    ("DELETE { ?o eucan:isPaperTotal true } WHERE { ?o eucan:isPaperTotal true ; "
     "eucan:statedAs '$427 million (total)' }", "total-model-violation"),
    # a total as a category of its own again
    ("INSERT { ?c a skos:Concept ; skos:inScheme ?s ; rdfs:label 'Total of ISI and GIC phases' . "
     "?o eucan:category ?c } WHERE { ?o eucan:statedAs '$427 million (total)' ; eucan:category/skos:inScheme ?s "
     "BIND (<https://w3id.org/eucan/id/category/gic-isi-total> AS ?c) }", "total-model-violation"),
    # a printed total with no rows to total
    ("INSERT { ?o eucan:isPaperTotal true } WHERE { ?o eucan:statedAs 'around 25 cluster organisations and firms in the EU' }",
     "total-model-violation"),
])
def test_checks_catch_a_missing_or_wrong_qualifier_or_period(store, update, check):
    broken = Store()
    broken.add(store.triples())
    broken.update(update)
    assert any(p.startswith(check) for p in check_problems(broken)), check


def test_an_unknown_period_form_stops_the_build_naming_the_record(data_copy):
    from kg.data.load import folder_files, load_records
    from kg.store.open import build_graph

    path = data_copy / "observations.yaml"
    text = path.read_text(encoding="utf-8")
    assert "refPeriod: \"2023\"" in text or "refPeriod: '2023'" in text or "refPeriod: 2023" in text
    for form in ('refPeriod: "2023"', "refPeriod: '2023'", "refPeriod: 2023"):
        text = text.replace(form, 'refPeriod: "sometime soon"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"observations\.yaml:\d+: .*field 'refPeriod': "
                                        r"found 'sometime soon'"):
        build_graph(load_records(folder_files(data_copy)))


def test_qualifier_words_need_a_number_after_them():
    assert qualifier_of("over five years") == "exact"
    assert qualifier_of("over 75% of business partners being SMEs") == "more-than"
    assert qualifier_of("+") == "exact"  # Figure 24 marks, not bounds


def test_counts_are_integers_so_a_pattern_with_the_number_finds_them(store):
    # Section 3.1: "Spanish clusters exhibit the highest level of activity with 30 project
    # participations" — found by the number in a triple pattern, not only by a FILTER.
    rows = store.select("SELECT ?who WHERE { ?o eucan:value 30 ; eucan:observedEntity/rdfs:label ?who }")
    assert "Spain" in {r["who"].value for r in rows}
    # Money and percentages stay decimals: Section 2.1's 16.5 % and Box 3's amounts.
    assert not store.ask("ASK { ?o eucan:currency ?c ; eucan:value ?v "
                         "FILTER (DATATYPE(?v) = xsd:integer) }")
    assert not store.ask("ASK { ?o eucan:unit 'percent' ; eucan:value ?v "
                         "FILTER (DATATYPE(?v) = xsd:integer) }")


def test_a_printed_total_is_the_total_code_with_the_flag_and_its_parts_add_up(store):
    # Table 1: Next Generation Manufacturing, $177 million (GIC) + $250 million (ISI) =
    # $427 million (total) — the total as the cube's total code, flagged as printed.
    rows = store.select(
        "SELECT ?total (SUM(?part) AS ?parts) WHERE { "
        "?t eucan:statedAs '$427 million (total)' ; eucan:isPaperTotal true ; "
        "eucan:category/skos:notation '_T' ; eucan:value ?total ; eucan:observedEntity ?e ; "
        "qb:dataSet ?set . ?p qb:dataSet ?set ; eucan:observedEntity ?e ; eucan:value ?part "
        "FILTER NOT EXISTS { ?p eucan:isPaperTotal true } } GROUP BY ?total")
    assert [(int(r["total"].value), int(r["parts"].value)) for r in rows] == [(427000000, 427000000)]
