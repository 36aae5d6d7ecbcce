"""Links out to shared identifiers: every ``owl:sameAs``/``skos:exactMatch`` and every ISO
3166-2 notation is an entry of a code list shipped in ``kg/data/codelists/`` (its source,
version and licence in the README there); the paper's web addresses are links.

Facts from the paper: Saxony (the Freistaat Sachsen) and Catalonia run the regional cluster
programmes of section 3.2; Table 1 names the GICs' headquarters regions British Columbia,
Ontario and Québec; footnote 41 gives SUAVE's ECCP profile address.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.tools import report

CODELISTS = Path(__file__).resolve().parent.parent / "kg" / "data" / "codelists"
ID = "https://w3id.org/eucan/id/"
COUNTRY = "http://publications.europa.eu/resource/authority/country/"
NUTS = "http://data.europa.eu/nuts/code/"
#: Kept from earlier releases without a shipped list (README of kg/data/codelists).
KEPT = {"http://publications.europa.eu/resource/authority/corporate-body/GROW",
        "http://www.wikidata.org/entity/Q16", "http://www.wikidata.org/entity/Q458"}


def _codes(name: str) -> dict[str, dict[str, str]]:
    with (CODELISTS / name).open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


def _namespace(iri: str) -> str:
    return iri.rsplit("/", 1)[0] + "/"


def test_every_link_out_is_an_entry_of_a_shipped_code_list(store):
    rows = store.select("SELECT ?s ?o WHERE { ?s owl:sameAs|skos:exactMatch ?o }")
    lists = {COUNTRY: _codes("eu-country.csv"), NUTS: _codes("nuts-2024.csv")}
    unlisted, by_namespace = [], {}
    for row in rows:
        target = row["o"].value
        by_namespace[_namespace(target)] = by_namespace.get(_namespace(target), 0) + 1
        codes = lists.get(_namespace(target))
        if target not in KEPT and (codes is None or target.rsplit("/", 1)[1] not in codes):
            unlisted.append((row["s"].value, target))
    report("links out (owl:sameAs, skos:exactMatch) by target: " + ", ".join(
        f"{ns} {n}" for ns, n in sorted(by_namespace.items())))
    assert unlisted == []
    assert len(by_namespace) >= 4


def test_regions_link_to_nuts_and_the_eu_to_the_country_table(store):
    """Before: no region of the paper linked to NUTS; the EU only to Wikidata."""
    def links(slug: str) -> set[str]:
        return {r["o"].value for r in store.select(
            "SELECT ?o WHERE { ?s owl:sameAs ?o }", {"s": ox.NamedNode(ID + slug)})}

    assert NUTS + "DED" in links("region/saxony")  # Sachsen, NUTS 1
    assert NUTS + "ES51" in links("region/catalonia")  # Cataluña, NUTS 2
    assert COUNTRY + "EUR" in links("country/european-union")
    assert _codes("nuts-2024.csv")["DED"]["label"] == "Sachsen"
    assert _codes("eu-country.csv")["EUR"]["label_en"] == "European Union"


def test_provinces_carry_their_iso_3166_2_codes(store):
    rows = store.select("SELECT ?p ?code WHERE { ?p a eucan:Province ; skos:notation ?code }")
    found = {r["p"].value: r["code"].value for r in rows}
    assert found == {ID + "region/british-columbia": "CA-BC", ID + "region/ontario": "CA-ON",
                     ID + "region/quebec": "CA-QC"}
    assert set(found.values()) <= set(_codes("iso-3166-2-ca.csv"))


def test_the_iso_3166_2_extract_is_the_installed_iso_codes_list():
    installed = Path("/usr/share/iso-codes/json/iso_3166-2.json")
    if not installed.exists():
        pytest.skip("Debian package iso-codes is not installed")
    entries = json.loads(installed.read_text(encoding="utf-8"))["3166-2"]
    expected = {e["code"]: e["name"] for e in entries if e["code"].startswith("CA-")}
    assert {c: row["name"] for c, row in _codes("iso-3166-2-ca.csv").items()} == expected


def test_void_spatial_coverage_uses_the_eu_country_table(out_void):
    """Before: the project's own country IRIs, which DCAT-AP's code-list rules flag."""
    spatial = {t.object.value for t in out_void if t.predicate.value.endswith("/spatial")}
    assert spatial == {COUNTRY + "EUR", COUNTRY + "CAN"}
    assert {s.rsplit("/", 1)[1] for s in spatial} <= set(_codes("eu-country.csv"))


def test_the_papers_addresses_are_links_not_literals(store):
    """Before: 150 web addresses were xsd:anyURI literals."""
    literals = store.select("SELECT ?s WHERE { ?s eucan:citedUrl ?u FILTER isLiteral(?u) }")
    links = store.select("SELECT ?s ?u WHERE { ?s eucan:citedUrl ?u FILTER isIRI(?u) }")
    assert literals == [] and len(links) >= 150
    # Footnote 41: SUAVE's ECCP profile.
    assert "https://profile.clustercollaboration.eu/profile/cluster-partnership-initiative/" \
           "bb0add61-ed3f-4d3d-9b2e-77cdef83b7bd" in {r["u"].value for r in links}
    report(f"links out to the paper's addresses (eucan:citedUrl, a foaf:page): {len(links)}")


@pytest.fixture(scope="module")
def out_void(store) -> list[ox.Triple]:
    from kg.publish.describe import describe

    return describe(store, {"eucan.ttl": 1})
