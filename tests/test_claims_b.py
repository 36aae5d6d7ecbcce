"""Competency questions on the claims of sections 3.1 and 3.2, Figure 2 and Box 5 (group B
of the claims ledger): what the paper says there in sentences, asked of the built graph.

Each case cites the paper. Before the ledger's pass these claims were kept only in
descriptions (rdfs:comment), in one merged literal, or in a measure's name.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.core.namespaces import EUCAN, RDFS, SKOS
from kg.data.claims import claims_report, load_ledger
from kg.data.load import load_records

PLACES = ["section-3", "section-3-1", "figure-2", "section-3-2", "box-5"] + [
    f"footnote-{n}" for n in range(35, 48)]


def _select(store, query: str) -> list[tuple[str, ...]]:
    """The rows of a constant query, as sorted tuples of plain strings."""
    prefixes = f"PREFIX eucan: <{EUCAN}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n"
    rows = store.select(prefixes + query)
    return sorted(tuple(v.value if v is not None else "" for v in row.values()) for row in rows)


def _values(store, label: str, prop: str) -> set[str]:
    """The values of ``prop`` of the resource labelled ``label``, given as query bindings."""
    query = (f"PREFIX rdfs: <{RDFS}>\n"
             "SELECT ?v WHERE { ?s rdfs:label ?label ; ?p ?v }")
    rows = store.select(query, {"label": ox.Literal(label), "p": ox.NamedNode(EUCAN + prop)})
    return {row["v"].value for row in rows}


POLAND = "Internationalisation of the Key National Cluster Programme"


def test_poland_beneficiaries_eligibility_and_participation_are_separate(store):
    # 3.2: "SMEs are the main beneficiaries, and the programme is exclusively available to
    # organisations designated as Key National Clusters. These organisations can
    # participate either through their cluster coordination or as individual cluster
    # members implementing a project." Once one literal of eucan:beneficiary.
    assert _values(store, POLAND, "beneficiary") == {"SMEs"}
    assert _values(store, POLAND, "eligibility") == {
        "exclusively available to organisations designated as Key National Clusters"}
    assert _values(store, POLAND, "participationMode") == {
        "through their cluster coordination",
        "as individual cluster members implementing a project"}
    # 3.2: "The programme is not sector-specific"; Saxony's policy "is exclusively geared
    # towards cluster organisations": who may take part, apart from who benefits.
    assert _values(store, POLAND, "programmeScope") == {"not sector-specific"}
    saxony = "Cluster and Network Support Saxony"
    assert _values(store, saxony, "beneficiary") == {"cluster organisations"}
    assert _values(store, saxony, "eligibility") == {
        "exclusively geared towards cluster organisations"}


def test_bounds_are_qualifiers_of_figures_not_names_of_measures(store):
    # 3.2: "Self-financing must therefore account for at least 20% of the total cost."
    # 5.1: "at least 75% of the consortia grants must be allocated to SMEs";
    # "The maximum grant amount for each SME is EUR 60,000."
    rows = _select(store, """
        SELECT ?entity ?measure ?value ?bound WHERE {
          ?o a eucan:Observation ; eucan:observedEntity/rdfs:label ?entity ;
             eucan:measure/rdfs:label ?measure ; eucan:value ?value ;
             eucan:qualifier/skos:notation ?bound .
          FILTER (?bound IN (">=", "<="))
          FILTER (?measure IN ("Self-financing share", "Share of grants allocated to SMEs",
                               "Grant per SME"))
        }""")
    assert rows == [
        (POLAND, "Self-financing share", "20", ">="),
        ("Joint Cluster Initiative – Euroclusters", "Grant per SME", "60000", "<="),
        ("Joint Cluster Initiative – Euroclusters", "Share of grants allocated to SMEs", "75",
         ">="),
    ]
    # No measure carries a bound in its name any more.
    bounded = _select(store, """
        SELECT ?label WHERE { ?m a eucan:Measure ; rdfs:label ?label .
          FILTER (REGEX(?label, "^(minimum|maximum|at least|up to)", "i")) }""")
    assert bounded == []


def test_a_row_with_its_own_id_keeps_its_qualifier(records):
    # 3.2: "at least 20%": the ledger's claim is the record's own statement.
    assert records["poland-self-financing"].values("qualifier") == ("at-least",)
    # Table 2's rows use "qualifier: share" only to tell their ids apart.
    assert not any(r.values("qualifier") for r in records.values()
                   if r.id.startswith("table-2-"))


def test_purposes_of_the_catalonia_calls(store):
    # 3.2: "The programme is bifurcated into two distinct calls, namely IRC and NON ...
    # The IRC aims to strengthen competitiveness by supporting dynamic agents and
    # competitive projects. Meanwhile, the NON-call is designed to promote new business
    # opportunities by focusing on strategic and structural change projects."
    rows = _select(store, """
        SELECT ?call ?purpose WHERE {
          ?p rdfs:label "Catalonia Clusters Programme" ; eucan:hasPart ?c .
          ?c skos:altLabel ?call ; eucan:objective ?purpose .
          FILTER (?call IN ("IRC", "NON")) }""")
    assert rows == [
        ("IRC", "strengthen competitiveness by supporting dynamic agents and competitive projects"),
        ("NON", "promote new business opportunities by focusing on strategic and structural "
                "change projects")]


def test_membership_based_euroclusters_against_hybrid_gics(store):
    # 4.1.2: "while the European Euroclusters are membership-based, the Canadian Global
    # Innovation Clusters have a more hybrid approach"
    rows = _select(store, """
        SELECT ?programme ?model WHERE {
          ?p eucan:operatingModel/rdfs:label ?model ; rdfs:label ?programme }""")
    assert rows == [("Global Innovation Clusters", "Hybrid approach"),
                    ("Joint Cluster Initiative – Euroclusters", "Membership-based")]


def test_box_5_euroclusters_objectives_markets_and_partners(store):
    # Box 5: "Brief descriptions of the Euroclusters with Canada as target market": each of
    # the eight has objectives stated as data, and targets Canada.
    rows = _select(store, """
        SELECT ?name (COUNT(DISTINCT ?objective) AS ?n) WHERE {
          ?e a eucan:Eurocluster ; rdfs:label ?name ; eucan:objective ?objective ;
             eucan:targetsMarket/rdfs:label "Canada" }
        GROUP BY ?name""")
    assert [name for name, _ in rows] == ["CIRCINWATER", "DESIRE", "DREAM", "E-BOOST",
                                          "GEMSTONE", "LEVIATAD", "METASTARS", "SUAVE"]
    # DREAM: "through 6 specific objectives", besides its aim and contribution (eucan:aim).
    assert dict(rows)["DREAM"] == "6"
    assert len(_values(store, "DREAM", "aim")) == 2
    # E-BOOST: "Based on the E-BOOST clusters links in both Canada and the United States
    # of America"; its market is North America (item 6).
    assert _select(store, """
        SELECT ?place WHERE { ?e rdfs:label "E-BOOST" ; eucan:linksIn/rdfs:label ?place }""") \
        == [("Canada",), ("United States of America",)]
    # DESIRE: "1 business support organisation and 4 clusters (AT, FR, RO, PL)".
    assert _select(store, """
        SELECT ?unit ?n WHERE { ?o eucan:observedEntity/rdfs:label "DESIRE" ;
          eucan:measure/rdfs:label "Consortium partners" ; eucan:unit ?unit ; eucan:value ?n }""") \
        == [("business support organisations", "1"), ("clusters", "4")]
    # SUAVE: "aligned with EC policy ... particularly the Green Deal and the Farm to Fork
    # programme"; LEVIATAD: "thematic training workshops and financial support actions".
    assert _select(store, """
        SELECT ?policy WHERE { ?e rdfs:label "SUAVE" ; eucan:alignedWith/rdfs:label ?policy }""") \
        == [("Farm to Fork programme",), ("Green Deal",)]
    assert _values(store, "LEVIATAD", "supportOffered") == {
        "thematic training workshops", "financial support actions"}
    assert _values(store, "DESIRE", "challengeAddressed") == {
        "challenges the SMEs face when accessing the European e-health and digital health market"}


def test_figures_that_state_one_quantity(store):
    # 3.1: SUAVE's "calls and vouchers, amounting to a total budget of EUR 1.05 million";
    # Box 5: its "services and vouchers value of 1,050 M €": one sum, both kept.
    rows = _select(store, """
        SELECT ?a ?b WHERE {
          ?x eucan:sameQuantityAs ?y ; eucan:observedEntity/rdfs:label "SUAVE" ;
             eucan:statedAs ?a . ?y eucan:statedAs ?b }""")
    assert rows == [("a total budget of EUR 1.05 million", "vouchers value of 1,050 M €"),
                    ("vouchers value of 1,050 M €", "a total budget of EUR 1.05 million")]


def test_what_programmes_build_on_and_what_evaluations_found(store):
    # 3.2: France's policy "builds on earlier initiatives in France ... past evaluations
    # ... have demonstrated a positive impact"; Spain's "builds on earlier national Spanish
    # cluster policies, past evaluations have demonstrated a positive impact".
    rows = _select(store, """
        SELECT ?programme ?earlier ?result WHERE {
          ?p eucan:buildsOn ?earlier ; eucan:evaluationResult ?result ;
             eucan:jurisdiction/rdfs:label ?programme .
          FILTER (?result = "demonstrated a positive impact") }""")
    assert rows == [("France", "earlier initiatives in France", "demonstrated a positive impact"),
                    ("Spain", "earlier national Spanish cluster policies",
                     "demonstrated a positive impact")]
    # 3.1: "All EU cluster initiatives of 2014-2020 have been evaluated in 2021."
    assert _select(store, """
        SELECT ?date ?kind WHERE { ?h eucan:about/rdfs:label "EU cluster policy" ;
          eucan:printedDate ?date ; eucan:happeningKind/rdfs:label ?kind .
          FILTER (?kind = "Evaluation") }""") == [("2021", "Evaluation")]


def test_kinds_of_2014_2020_initiatives(store):
    # 3.1: "EU cluster initiatives included (1) partnering projects between cluster
    # organisations ... (2) platforms to support cluster collaboration ... (3) the research
    # initiatives such as the European Observatory for Clusters and Industrial change".
    rows = _select(store, """
        SELECT ?kind ?name WHERE { ?i eucan:policyType ?kind ; skos:altLabel ?name ;
          eucan:inFundingPeriod/rdfs:label "2014-2020 funding period" .
          FILTER (?name IN ("ESCP", "INNOSUP-1", "ECCP", "EOCIC")) }""")
    assert rows == [("partnering projects between cluster organisations", "ESCP"),
                    ("partnering projects between cluster organisations", "INNOSUP-1"),
                    ("platforms to support cluster collaboration", "ECCP"),
                    ("research initiatives", "EOCIC")]


@pytest.fixture(scope="module")
def ledger_report():
    records = load_records()
    return claims_report(records, load_ledger())


def test_every_unit_of_group_b_is_reviewed_and_structured(ledger_report):
    rows = [r for r in ledger_report.rows() if r["unit"].split("/")[0] in PLACES]
    assert len(rows) == 148
    states = {r["state"] for r in rows}
    assert "unreviewed" not in states
    factual = [r for r in rows if r["state"] != "not factual"]
    allowed = [r for r in factual if r["state"] == "allowed"]
    assert len(allowed) <= 0.05 * len(factual)
    assert [r for r in factual if r["state"] in ("partly described", "only described")] == []
    assert ledger_report.problems == []
