"""The claims of sections 4 and 5 (group D of the claims ledger) as data a query can select.

Each test asks what a reader of the paper would ask and answers it from the built graph
(SPARQL on the ``store`` fixture) or from the records; the facts and their places in the
paper are cited in comments. The patterns: one quantity printed as several figures, figures
restated in prose with the paper's contradictions, bounds as qualifiers, dates in prose,
caveats and scope, relations told in prose, and the agreements of section 5.2.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.core.namespaces import XSD
from kg.data.claims import claims_report
from kg.graph.figures import parse_period

#: The places of group D (kg/data/claims/PLACE.yaml).
PLACES = {"section-4", "section-4-1-1", "table-2", "section-4-1-2", "figure-9", "table-3",
          "section-4-2", "section-5", "section-5-1", "section-5-2"} | {
    f"footnote-{n}" for n in range(66, 76)}

OBS = "https://w3id.org/eucan/id/observation/"


def _values(store, query: str, **bindings) -> set[tuple[str, ...]]:
    """The rows of ``query`` as tuples of plain values (IRIs cut to their last segment)."""
    terms = {k: (ox.NamedNode(v) if v.startswith("http") else ox.Literal(v))
             for k, v in bindings.items()}
    rows = store.select(query, terms)
    return {tuple(("" if t is None else t.value.rsplit("/", 1)[-1] if isinstance(t, ox.NamedNode)
                   else t.value) for t in row.values()) for row in rows}


SAME_AS = """
SELECT ?other ?value ?statedAs ?place WHERE {
  ?obs eucan:sameQuantityAs ?other .
  ?other eucan:value ?value ; eucan:statedIn/rdfs:label ?place .
  OPTIONAL { ?other eucan:statedAs ?statedAs }
}"""


# -- One quantity, several figures ----------------------------------------------------------

def test_figure_9_and_box_6_state_one_count_of_the_digital_superclusters_members(store):
    # Figure 9: "Digital Supercluster 1,228" (ISED, data as of 31.03.2023); Box 6: "1000+
    # Organisations". Which figures state the same quantity, from either side?
    rows = _values(store, SAME_AS, obs=OBS + "figure-9-digital-supercluster")
    assert {(r[0], r[1], r[2]) for r in rows} == {
        ("digital-supercluster-members-box-6", "1000", "1000+ Organisations")}
    back = _values(store, SAME_AS, obs=OBS + "digital-supercluster-members-box-6")
    assert {(r[0], r[1]) for r in back} == {("figure-9-digital-supercluster", "1228")}


def test_the_preferred_figure_of_a_quantity_says_why(store):
    # Figure 9 holds ISED's exact counts; Box 6 and sections 3.3, 4.1.2 and 5.1 restate them.
    rows = _values(store, """
        SELECT ?preferred ?reason WHERE {
          ?box eucan:sameQuantityAs ?preferred .
          ?preferred eucan:isPreferredFigure true ; eucan:preferenceReason ?reason }""",
                   box=OBS + "digital-supercluster-members-box-6")
    assert len(rows) == 1
    preferred, reason = rows.pop()
    assert preferred == "figure-9-digital-supercluster" and "31.03.2023" in reason


def test_no_quantity_has_two_preferred_figures_and_linked_figures_agree_on_what_they_count(
        store):
    two = store.select("""
        SELECT ?a ?b WHERE { ?a eucan:sameQuantityAs ?b ;
          eucan:isPreferredFigure true . ?b eucan:isPreferredFigure true }""")
    assert two == []
    mismatched = store.select("""
        SELECT ?a ?b WHERE { ?a eucan:sameQuantityAs ?b .
          ?a eucan:measure ?m ; eucan:observedEntity ?e .
          FILTER NOT EXISTS { ?b eucan:measure ?m ; eucan:observedEntity ?e } }""")
    assert mismatched == []


# -- Figures restated in prose, with the paper's contradictions -------------------------------

MEMBERSHIP_GROUP = """
SELECT ?value ?qualifier ?place WHERE {
  ?obs eucan:sameQuantityAs? ?o .
  ?o eucan:value ?value ; eucan:qualifier/skos:notation ?qualifier ;
     eucan:statedIn/rdfs:label ?place .
}"""


def test_the_gics_membership_is_one_quantity_printed_three_ways(store):
    # Figure 9: "Total 8,217"; section 3.3: "membership now exceeding 8,200 members";
    # section 5.1: "collectively having over 8,200 members".
    rows = _values(store, MEMBERSHIP_GROUP, obs=OBS + "figure-9-gic")
    assert {(v, q) for v, q, _ in rows} == {("8217", "="), ("8200", ">")}
    assert len(rows) == 3
    assert {p.split(" ")[0] for _, _, p in rows} >= {"Figure", "3.3", "5.1"}


def test_exceeding_3000_members_is_linked_to_figure_9s_exact_counts(store):
    # Section 4.1.2: "Scale AI and Next Generation Manufacturing have the highest membership
    # levels, with both exceeding 3000 members"; section 5.1: "over 3000 members in the Next
    # Generation Manufacturing and Scale AI Global Innovation Clusters"; Figure 9: "Scale AI
    # 3,147", "Next Generation Manufacturing 3,080".
    for cluster, exact in (("scale-ai", "3147"), ("ngen", "3080")):
        rows = _values(store, MEMBERSHIP_GROUP, obs=OBS + f"figure-9-{cluster}")
        assert {(v, q) for v, q, _ in rows} == {(exact, "="), ("3000", ">")}
        assert len(rows) == 3  # Figure 9, section 4.1.2, section 5.1


def test_section_5_1s_partnerships_are_table_3s_totals(store):
    # Section 5.1: "from 419 partnerships in the Protein cluster to 765 partnerships for the
    # Digital cluster"; Table 3: "Protein ... 419", "Digital ... 765".
    for cluster, total in (("protein-industries-canada", "419"), ("digital-supercluster", "765")):
        rows = _values(store, SAME_AS, obs=OBS + f"{cluster}-partnerships-section-5-1")
        assert {(r[0], r[1]) for r in rows} == {(f"table-3-{cluster}", total)}


def test_several_hundred_partner_organisations_contradicts_the_other_counts_of_partners(store):
    # Section 5.1: "several hundred partner organisations directly involved in Cluster
    # projects"; section 4.1.2: "nearly 2,400 partners"; section 3.3: "over 2,500 partners".
    rows = _values(store, """
        SELECT ?value ?max ?qualifier WHERE {
          ?obs eucan:sameQuantityAs? ?o .
          ?o eucan:value ?value ; eucan:qualifier/skos:notation ?qualifier .
          OPTIONAL { ?o eucan:valueMax ?max } }""",
                   obs=OBS + "gic-partner-organisations-section-5-1")
    assert rows == {("200", "999", "~"), ("2400", "", "<~"), ("2500", "", ">")}


# -- Bounds as qualifiers, not in the measure's name ----------------------------------------

def test_the_euroclusters_bounds_are_qualifiers(store):
    # Section 5.1: "at least 75% of the consortia grants must be allocated to SMEs"; "The
    # maximum grant amount for each SME is EUR 60,000"; "three to ten cluster organisations".
    rows = _values(store, """
        SELECT ?measure ?value ?qualifier WHERE {
          ?o eucan:observedEntity ?e ; eucan:measure/rdfs:label ?measure ; eucan:value ?value ;
             eucan:qualifier/skos:notation ?qualifier }""",
                   e="https://w3id.org/eucan/id/programme/euroclusters")
    assert ("Share of grants allocated to SMEs", "75", ">=") in rows
    assert ("Grant per SME", "60000", "<=") in rows
    assert not any(m.startswith(("Minimum", "Maximum")) for m, _, _ in rows)
    size = _values(store, "SELECT ?v ?max WHERE { ?o eucan:value ?v ; eucan:valueMax ?max }",
                   o=OBS + "eurocluster-consortium-size")
    assert size == {("3", "10")}


def test_the_gic_project_rules_are_lower_bounds(store):
    # Section 5.1: "funds from the cluster organisation must be at least matched by private
    # funds ... and every project must include at least one SME partner" (also 4.1.2).
    rows = _values(store, """
        SELECT ?o ?value ?qualifier WHERE { ?o eucan:observedEntity ?gic ; eucan:value ?value ;
          eucan:qualifier/skos:notation ?qualifier }""",
                   gic="https://w3id.org/eucan/id/programme/gic")
    assert {("gic-sme-partners-per-project", "1", ">="),
            ("gic-private-match-ratio", "1", ">=")} <= rows


# -- Dates in prose --------------------------------------------------------------------------

def test_the_treaty_of_rome_is_dated_as_printed_the_late_1950s(store):
    # Section 5.2: "Strategic cooperation between Canada and the EU has a long tradition
    # reaching back to the Treaty of Rome in the late 1950s."
    rows = _values(store, """
        SELECT ?printed ?from ?to ?precision ?kind WHERE {
          ?h eucan:about ?treaty , ?partnership ; eucan:printedDate ?printed ;
             eucan:earliestDay ?from ; eucan:latestDay ?to ;
             eucan:datePrecision/skos:notation ?precision ;
             eucan:happeningKind/skos:notation ?kind }""",
                   treaty="https://w3id.org/eucan/id/agreement/treaty-of-rome",
                   partnership="https://w3id.org/eucan/id/agreement/eu-canada-strategic-partnership")
    assert rows == {("the late 1950s", "1957-01-01T00:00:00", "1959-12-31T00:00:00", "interval",
                     "reaching back to")}
    assert parse_period("late 1950s") == parse_period("the late 1950s")


def test_the_cluster_maps_dates_stand_side_by_side_with_their_places(store):
    # Section 4.1.2: "ISED's Cluster Map tool – a cluster mapping exercise dating from 2016";
    # footnote 68: "ISED (2023): Cluster Map."
    rows = _values(store, """
        SELECT ?printed ?place WHERE { ?h a eucan:Happening ; eucan:about ?map ;
          eucan:printedDate ?printed ; prov:wasDerivedFrom/rdfs:label ?place }""",
                   map="https://w3id.org/eucan/id/programme/ised-cluster-map")
    assert {(d, p.split(":")[0]) for d, p in rows} == {("2016", "4.1.2 Cluster Landscape in Canada"),
                                                       ("2023", "Footnote 68")}


# -- Caveats and scope -----------------------------------------------------------------------

def test_figure_13s_exchanges_cover_the_first_and_second_generation_only(store):
    # Figure 13's source line: "only information for the first and second generation of
    # ESCP-4i's is available"; section 4.2 gives its "more than 200 Cluster to Cluster (CSC)
    # and 400 Business to Business (B2B) events and meetings".
    rows = _values(store, """
        SELECT ?o ?generation WHERE { ?o eucan:observedEntity ?escp ; eucan:measure ?m ;
          eucan:coversGeneration ?generation ; eucan:caveat ?caveat
          FILTER CONTAINS(?caveat, "first and second generation") }""",
                   escp="https://w3id.org/eucan/id/programme/escp-4i",
                   m="https://w3id.org/eucan/id/measure/exchanges")
    assert rows == {(o, g) for o in ("escp4i-c2c-exchanges", "escp4i-b2b-exchanges")
                    for g in ("1", "2")}


def test_which_figures_carry_a_caveat_of_the_paper(store):
    # Section 4.1.2: project partnerships by region "do not necessarily reflect project
    # volumes"; the GIC figures because "there is no aggregated data available for all
    # Canadian clusters across programmes"; section 4.1.1: regional programmes "not displayed".
    rows = _values(store, "SELECT ?thing ?caveat WHERE { ?thing eucan:caveat ?caveat }")
    things = {t for t, _ in rows}
    assert {"partnerships-british-columbia", "partnerships-ontario", "partnerships-quebec",
            "figure-9-dataset", "table-3-dataset",
            "text-figures-european-union-dedicated-cluster-scheme"} <= things


# -- Relations told in prose -----------------------------------------------------------------

def test_which_federal_partners_do_the_gics_engage(store):
    # Section 4.2: "Each Cluster with activity or strategic interest in the EU has engaged key
    # federal partners, including Canada's Trade Commissioner Service, NRC-IRAP, or Invest in
    # Canada".
    rows = _values(store, "SELECT ?name WHERE { ?gic eucan:engagesPartner/rdfs:label ?name }",
                   gic="https://w3id.org/eucan/id/programme/gic")
    assert rows == {("Trade Commissioner Service",), ("NRC-IRAP",), ("Invest in Canada",)}


def test_membership_based_euroclusters_and_hybrid_gics(store):
    # Section 4.1.2: "while the European Euroclusters are membership-based, the Canadian Global
    # Innovation Clusters have a more hybrid approach".
    rows = _values(store, """SELECT ?programme ?model WHERE {
        ?p eucan:operatingModel/rdfs:label ?model ; rdfs:label ?programme }""")
    assert rows == {("Joint Cluster Initiative – Euroclusters", "Membership-based"),
                    ("Global Innovation Clusters", "Hybrid approach")}


def test_levels_of_cluster_support_and_porters_levels(store):
    # Section 4.1.2: "particularly national, provincial and territorial governments" (Canada);
    # "the EU's Euroclusters programme adds a supranational layer"; section 4: "as outlined by
    # Porter, ... virtually every national, regional, state, and even metropolitan economy".
    levels = _values(store, "SELECT ?polity ?level WHERE { ?polity eucan:clusterSupportLevel ?level }")
    assert {lv for p, lv in levels if p == "canada"} == {"national", "provincial", "territorial"}
    assert {"supranational", "national", "regional"} <= {lv for p, lv in levels
                                                        if p == "european-union"}
    porter = _values(store, """SELECT ?level WHERE { ?work eucan:clusterLevel ?level ;
        eucan:authorsAsPrinted "Porter, M." }""")
    assert porter == {("national",), ("regional",), ("state",), ("metropolitan",)}


def test_the_gics_and_euroclusters_exemplify_the_trend_to_larger_cluster_networks(store):
    # Section 5.2: "As cluster networks become larger, transregional and cross-border, Canada's
    # Global Innovation Clusters and the European Union's Euroclusters represent prime
    # examples of this major trend."
    rows = _values(store, "SELECT ?p WHERE { ?p eucan:exemplifies ?trend . ?trend a eucan:Trend }")
    assert rows == {("gic",), ("euroclusters",)}


# -- The agreements of section 5.2 ------------------------------------------------------------

def test_what_frames_the_strategic_eu_canadian_partnership(store):
    # Section 5.2: "Today the strategic EU-Canadian partnership is framed by the Canada-EU
    # Strategic Partnership Agreement (SPA) and the Canada-EU Comprehensive Economic and Trade
    # Agreement (CETA), both entering into force in 2017. ... The SPA complements CETA".
    rows = _values(store, """
        SELECT ?agreement ?date WHERE { ?partnership eucan:framedBy ?a .
          ?a skos:altLabel ?agreement . ?h eucan:about ?a ; eucan:printedDate ?date ;
          eucan:happeningKind/skos:notation "in force" }""",
                   partnership="https://w3id.org/eucan/id/agreement/eu-canada-strategic-partnership")
    assert rows == {("SPA", "2017"), ("CETA", "2017")}
    assert store.ask("ASK { ?spa skos:altLabel 'SPA' ; eucan:complements/skos:altLabel 'CETA' ;"
                     " eucan:covers 'security' , 'public health' }")


def test_the_2019_arrangement_its_parties_date_aim_and_target(store):
    # Section 5.2: "as of 2019, an administrative agreement between Canada's Department of
    # Industry (ISED), and the EU's ... (DG GROW), was established to facilitate cluster
    # cooperation ... linkages of around 25 cluster organisations and firms in the EU with
    # the five GICs"; footnotes 74 and 75.
    a = "https://w3id.org/eucan/id/agreement/admin-arrangement-2019"
    parties = _values(store, "SELECT ?p WHERE { ?a eucan:party ?p }", a=a)
    assert parties == {("ised",), ("dg-grow",)}
    assert _values(store, "SELECT ?d WHERE { ?h eucan:about ?a ; eucan:printedDate ?d }",
                   a=a) == {("2019",)}
    assert ("facilitate cluster cooperation",) in _values(
        store, "SELECT ?o WHERE { ?a eucan:objective ?o }", a=a)
    assert _values(store, """SELECT ?v ?q WHERE { ?o eucan:observedEntity ?a ; eucan:value ?v ;
        eucan:qualifier/skos:notation ?q }""", a=a) == {("25", "~")}
    assert len(_values(store, "SELECT ?c WHERE { ?a eucan:concerns ?c }", a=a)) == 5


# -- The ledger of group D --------------------------------------------------------------------

def test_every_unit_of_group_d_is_reviewed_and_few_are_allowed(records):
    report = claims_report(records)
    rows = [r for r in report.rows() if r["unit"].split("/")[0] in PLACES]
    states = [r["state"] for r in rows]
    assert len(rows) == 153 and "unreviewed" not in states and "only described" not in states
    factual = [s for s in states if s != "not factual"]
    assert states.count("allowed") <= 0.05 * len(factual)
    assert sum(r["structured"] for r in rows) > 600 and report.problems == []


@pytest.mark.parametrize("printed, start, end", [
    ("the late 1950s", "1957-01-01", "1959-12-31"),
    ("early 1990s", "1990-01-01", "1993-12-31"),
    ("1960s", "1960-01-01", "1969-12-31"),
])
def test_a_part_of_a_decade_is_an_interval_of_years(printed, start, end):
    period = parse_period(printed)
    assert (period.kind, period.start, period.end) == ("interval", start, end)


def test_a_decade_date_is_typed_as_the_other_happening_days(store):
    rows = store.select("SELECT ?d WHERE { ?h eucan:printedDate 'the late 1950s' ;"
                        " eucan:earliestDay ?d }")
    assert rows[0]["d"] == ox.Literal("1957-01-01T00:00:00",
                                      datatype=ox.NamedNode(XSD + "dateTime"))
