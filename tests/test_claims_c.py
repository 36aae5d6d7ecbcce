"""The paper's claims as data, group C (issue 30): section 3.3, Table 1, Boxes 2-4, 6 and 7
and footnotes 48-63. Each test asks what a reader of those places would ask, as SPARQL on
the built graph or on the records, and cites the paper's words."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.data.claims import claims_report
from kg.graph.validate import shacl_problems
from kg.store.embedded import Store

ID = "https://w3id.org/eucan/id/"
GICS = {"Canada's Ocean Supercluster", "Digital Supercluster", "Next Generation Manufacturing Canada",
        "Protein Industries Canada", "Scale AI"}
#: The ledger files of group C.
PLACES = ("section-3-3", "table-1", "box-2", "box-3", "box-4", "box-6", "box-7",
          *(f"footnote-{n}" for n in range(48, 64)))


def _values(store, query: str, **names: str) -> set:
    """The one column of ``query``'s rows, ``?name``-style bindings given as plain text."""
    bindings = {k: ox.Literal(v) for k, v in names.items()}
    rows = store.select(query, bindings)
    return {next(iter(row.values())).value for row in rows}


def _of(store, prop: str, name: str) -> set:
    return _values(store, "SELECT ?v WHERE { ?x rdfs:label ?name ; eucan:" + prop + " ?o ."
                   " OPTIONAL { ?o rdfs:label ?l } BIND (COALESCE(?l, ?o) AS ?v) }", name=name)


def test_the_federal_partners_the_gics_engage(store):
    # Section 4.2: "Each Cluster with activity or strategic interest in the EU has engaged key
    # federal partners, including Canada's Trade Commissioner Service, NRC-IRAP, or Invest in
    # Canada, to inform and support their initiatives".
    assert _of(store, "engagesPartner", "Global Innovation Clusters") == {
        "Trade Commissioner Service", "NRC-IRAP", "Invest in Canada"}


def test_the_missions_and_priorities_set_for_the_gic_renewal(store):
    # Section 3.3: "upon re-capitalisation, each cluster was challenged to deepen its impact
    # through the introduction of common missions related to fighting climate change and
    # strengthening supply chain resiliency"; "national priorities (e.g., COVID-19 response,
    # supporting inclusive innovation)".
    assert _of(store, "mission", "Global Innovation Clusters") == {
        "fighting climate change", "strengthening supply chain resiliency"}
    assert _of(store, "nationalPriority", "Global Innovation Clusters") == {
        "COVID-19 response", "supporting inclusive innovation"}


def test_the_clusters_not_ised_select_the_projects(store):
    # Section 3.3: "ISED's role in selection pertains to the clusters themselves, and not at
    # the project or activity level ... the clusters are responsible for day-to-day decisions,
    # including selecting projects".
    assert _of(store, "projectsSelectedBy", "Global Innovation Clusters") == GICS
    assert _of(store, "participantsSelectedBy", "Global Innovation Clusters") == {
        "Innovation, Science and Economic Development Canada"}
    assert not store.ask("ASK { ?p eucan:projectsSelectedBy ?b . ?b a eucan:PublicBody }")


def test_the_projects_of_the_gics_the_paper_tells(store):
    # Box 6: Earth X-ray (Digital Supercluster); section 3.3: Scale AI's COVID-19 AI solution
    # "to swiftly identify containers stocked with critical cargo", NGen's Transformation
    # Leadership Program and its "fully automated, indoor protein production facility to
    # process crickets".
    rows = store.select("SELECT ?cluster ?project WHERE { ?p eucan:projectOf/rdfs:label ?cluster ;"
                        " rdfs:label ?project }")
    found = {(r["cluster"].value, r["project"].value) for r in rows}
    assert {c for c, _ in found} == {"Digital Supercluster", "Scale AI",
                                     "Next Generation Manufacturing Canada"}
    assert len(found) == 4
    # What each applies to, as printed (3.3: "marine, train, and truck supply chains",
    # "including the aerospace sector", "direct application to many Canadian industries").
    applies = _values(store, "SELECT ?a WHERE { ?p eucan:projectOf ?c ; eucan:applicableTo ?a }")
    assert {"marine, train, and truck supply chains", "the aerospace sector",
            "many Canadian industries"} <= applies


def test_box_4_criteria_and_objectives_of_the_zones(store):
    # Box 4: "A zone d'innovation is characterized by its larger size, strategic importance,
    # and defined geography"; its two objective sentences stay two values.
    assert _of(store, "criterion", "Zones d'Innovation") == {
        "larger size", "strategic importance", "defined geography"}
    assert len(_of(store, "objective", "Zones d'Innovation")) == 2
    # "Québec's Department of Economy, Innovation and Energy is currently reviewing
    # applications for the establishment of zones d'innovation."
    assert _of(store, "participantsSelectedBy", "Zones d'Innovation") == {
        "Ministry of Economy, Innovation and Energy of Québec"}


def test_box_7_selection_criteria_of_the_five_clusters(store):
    # Box 7: "identified through a national competitive process to find the Canadian economic
    # areas with future global potential and offered the greatest opportunity for impact".
    assert "the Canadian economic areas with future global potential" in _of(
        store, "criterion", "Global Innovation Clusters")


def test_accord_eligibility_is_not_a_beneficiary(store):
    # Box 3: "Individual enterprises can only benefit from direct support on an exceptional
    # basis" is a condition, not one of those ACCORD supports.
    name = "ACCORD: Action concertée de coopération régionale de développement"
    assert _of(store, "eligibility", name) == {
        "Individual enterprises can only benefit from direct support on an exceptional basis"}
    assert not any(v.startswith("Individual") for v in _of(store, "beneficiary", name))


def test_a_body_called_research_networks_only_in_words(store):
    # Section 3.3: "NCEs were national research networks that contributed research".
    assert _of(store, "policyType", "Networks of Centres of Excellence") == {
        "national research networks"}


def test_the_knubley_report_is_dated_april_2021(store):
    # Footnote 61: "Knubley, J. (2021): Building Superclusters for Canada. ... April 2021."
    rows = store.select(
        "SELECT ?printed ?first ?kind WHERE { ?h eucan:about/rdfs:label ?name ;"
        " eucan:printedDate ?printed ; eucan:earliestDay ?first ;"
        " eucan:happeningKind/rdfs:label ?kind }", {"name": ox.Literal("Building Superclusters for Canada")})
    assert [(r["printed"].value, r["first"].value[:10], r["kind"].value) for r in rows] == [
        ("April 2021", "2021-04-01", "Publication")]


def test_the_two_dates_of_the_ey_analysis_stay_side_by_side(store):
    # Section 3.3: "conducted by EY in 2021"; footnote 60: "EY (2022). ... Final Report.
    # March 2022."
    rows = store.select(
        "SELECT ?printed ?place WHERE { ?h eucan:about ?r ; eucan:printedDate ?printed ;"
        " prov:wasDerivedFrom/rdfs:label ?place . ?r rdfs:label ?name }",
        {"name": ox.Literal("Innovation Superclusters Initiative: Economic Analysis")})
    found = {(r["printed"].value, r["place"].value.split(" ")[0]) for r in rows}
    assert ("2021", "3.3") in found and ("March 2022", "Footnote") in found
    assert {p for p, _ in found} == {"2021", "March 2022"}


def test_box_6_members_is_a_record_of_its_own_with_its_bound(store):
    # Box 6: "1000+ Organisations" (Figure 9 prints 1,228 for the same cluster; the link
    # between the two is another group's).
    s = ox.NamedNode(ID + "observation/digital-supercluster-members-box-6")
    rows = store.select("SELECT ?v ?q WHERE { ?s eucan:value ?v ; eucan:qualifier/skos:notation ?q ;"
                        " prov:wasDerivedFrom <" + ID + "source/box-6> }", {"s": s})
    assert [(int(r["v"].value), r["q"].value) for r in rows] == [(1000, ">=")]


def test_thousands_of_jobs_is_a_lower_bound(store):
    # Section 3.3: "thousands of new jobs having been created".
    rows = store.select("SELECT ?v ?q WHERE { ?o eucan:measure/rdfs:label 'Jobs created' ;"
                        " eucan:observedEntity/rdfs:label 'Global Innovation Clusters' ;"
                        " eucan:value ?v ; eucan:qualifier/skos:notation ?q }")
    assert [(int(r["v"].value), r["q"].value) for r in rows] == [(2000, ">=")]


def test_the_wrong_pointer_to_box_5_is_data(store):
    # Section 3.3: "the Digital Supercluster explores ... (see also Box 5 in the Annex)";
    # the Digital Supercluster's box is Box 6.
    rows = store.select("SELECT ?in ?printed ?meant WHERE { ?e a eucan:Erratum ;"
                        " eucan:erratumIn/eucan:locatorNumber ?in ;"
                        " eucan:printedPointer/eucan:locatorNumber ?printed ;"
                        " eucan:intendedPointer/eucan:locatorNumber ?meant }")
    assert [(r["in"].value, r["printed"].value, r["meant"].value) for r in rows] == [
        ("3.3", "5", "6")]


def test_an_erratum_without_its_printed_pointer_fails_the_shapes(store):
    broken = Store()
    broken.add(store.triples())
    broken.update("DELETE { ?e eucan:printedPointer ?p } WHERE { ?e eucan:printedPointer ?p }")
    assert any("printedPointer" in p for p in shacl_problems(broken))


def test_projects_selected_by_a_non_actor_fails_the_shapes(store):
    broken = Store()
    broken.add(store.triples())
    broken.update("INSERT { ?g eucan:projectsSelectedBy ?box } WHERE {"
                  " ?g eucan:projectsSelectedBy ?c . ?box eucan:locatorNumber '6' }")
    assert any("projectsSelectedBy" in p for p in shacl_problems(broken))


@pytest.fixture(scope="module")
def report(records):
    return claims_report(records)


def test_every_unit_of_group_c_is_reviewed_and_few_are_allowed(report):
    mine = [u for u in report.units if u.place.split("/")[0] in PLACES]
    states = [report.state(u) for u in mine]
    assert len(mine) == 160 and "unreviewed" not in states
    factual = [s for s in states if s != "not factual"]
    assert states.count("allowed") <= 0.05 * len(factual)
    assert states.count("structured") >= 0.8 * len(factual)
    # every claim a statement names is one the data holds (only described ones are gaps)
    unheld = [(u.id, c.label()) for u in mine for c in report.ledger[u.id].claims
              if c.kind != "described" and not report.structured(c)]
    assert unheld == []
