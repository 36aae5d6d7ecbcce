"""The paper's apparatus as data: the list of abbreviations (page 5 of the paper).

The printed list has seventeen entries: six tagged "(CA)" (BL-NCEs, CECRs, GIC, ISED,
ISI, NCE), eight tagged "(EU)" (DG GROW, ECCP, ESCP, ESCP-4i, ESCP-4x, ESCP-S3, INNOSUP,
S3) and three without a tag (CAD, EU, EUR).
"""

from __future__ import annotations

from kg.query.catalogue import run


def test_the_list_of_abbreviations_is_complete_and_tagged_as_printed(store):
    rows = run("abbreviations", store)
    assert len(rows) == 17
    tags = {r["abbreviation"]: r["tagged"] for r in rows}
    assert sorted(a for a, t in tags.items() if t == "CA") == [
        "BL-NCEs", "CECRs", "GIC", "ISED", "ISI", "NCE"]
    assert sorted(a for a, t in tags.items() if t == "EU") == [
        "DG GROW", "ECCP", "ESCP", "ESCP-4i", "ESCP-4x", "ESCP-S3", "INNOSUP", "S3"]
    assert sorted(a for a, t in tags.items() if t is None) == ["CAD", "EU", "EUR"]
    assert len(run("abbreviations", store, tag="CA")) == 6


def test_each_abbreviation_links_to_the_resource_it_stands_for(store):
    rows = {r["abbreviation"]: r for r in run("abbreviations", store)}
    assert rows["ISED"]["expansion"] == "Innovation, Science and Economic Development Canada"
    assert rows["ISED"]["resource"] == "Innovation, Science and Economic Development Canada"
    assert rows["DG GROW"]["resource"].startswith("Directorate-General for Internal Market")
    assert rows["ESCP-4i"]["expansion"] == "ESCP for Going International"
    # Currencies abbreviate no resource of the graph.
    assert rows["CAD"]["resource"] is None and rows["EUR"]["expansion"] == "Euro"


def test_abbreviations_stay_out_of_the_network_and_name_resolution(store):
    from kg.network.projection import project
    from kg.query.resolve import resolve

    graph = project(store)
    assert not any(n.startswith("https://w3id.org/eucan/id/abbreviation/") for n in graph)
    assert resolve(store, "ISED") == "https://w3id.org/eucan/id/body/ised"
