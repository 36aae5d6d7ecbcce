"""Facets and lists (issue 32, item 4): the browse pages per kind with filters and CSV,
the linkage scores filtered by ecosystem and side with a message and CSV, and the
query page's answer as CSV; driven through the site (TestClient).

Facts from the paper:

* Figure 24 (annex) lists the 39 ESCP-4i partnerships targeting (besides others) the
  Canadian market, generations 1 to 4, with the origin of their clusters; 21 of its
  rows name Spain (rows 5-8, 10, 11, 13, 14, 16, 17, 19, 22, 23, 24, 26, 27, 28, 29, 34,
  35, 36); row 26, FASCINATE: "Spain, Denmark, ..."; generation 4 has six rows (34-39).
* Table 1: the five Global Innovation Clusters.
* Section 5.2: "the Digital Supercluster in digital technologies and health; Scale AI
  in health and transport"; Box 5: DESIRE, "Development of E-Health Solutions".
* Section 4.1.1: no EU27 cluster organisation on the ECCP is active in "Retail".
"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse

import pytest
from starlette.testclient import TestClient

from kg.serve.app import create_app

ID = "https://w3id.org/eucan/id/"
PREFIXES = ("PREFIX eucan: <https://w3id.org/eucan/ontology#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")


@pytest.fixture(scope="module")
def client(store):
    app = create_app(store)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client
    app.state.kg.sandbox.close()


def table(answer) -> list[dict[str, str]]:
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(answer.text)))


def test_browse_lists_the_kinds_in_plain_words(client):
    page = client.get("/browse").text
    assert '<a href="/browse/ESCP4iPartnership">ESCP-4i partnerships</a>' in page
    assert '<a href="/browse/GlobalInnovationCluster">Global Innovation Clusters</a>' in page
    assert page.index("What the paper describes") < page.index("Sentences")


def test_partnerships_targeting_canada_that_involve_spain_in_two_filters(client):
    page = client.get("/browse/ESCP4iPartnership?market=canada&country=spain").text
    assert "Showing 21 of 39" in page  # Figure 24: 21 of its 39 rows name Spain
    rows = table(client.get("/browse/ESCP4iPartnership.csv?market=canada&country=spain"))
    assert len(rows) == 21
    assert all("Spain" in r["country"] and "Canada" in r["market"] for r in rows)
    assert "FASCINATE" in {r["name"] for r in rows}  # Figure 24, row 26
    same = table(client.get("/browse/ESCP4iPartnership?market=canada&country=spain"
                            "&format=csv"))
    assert same == rows


def test_the_filters_offered_are_those_of_the_kind(client):
    page = client.get("/browse/ESCP4iPartnership").text
    for name in ("side", "country", "ecosystem", "programme", "generation", "market"):
        assert f'<select name="{name}">' in page
    assert re.search(r'<option value="4">4 \(6\)</option>', page)  # Figure 24: rows 34-39
    gics = client.get("/browse/GlobalInnovationCluster").text
    assert '<select name="generation">' not in gics


def test_gics_table_and_csv(client):
    rows = table(client.get("/browse/GlobalInnovationCluster.csv"))
    assert len(rows) == 5  # Table 1
    health = {r["name"] for r in table(client.get(
        "/browse/GlobalInnovationCluster.csv?ecosystem=health"))}
    assert {"Digital Supercluster", "Scale AI"} <= health  # section 5.2


def test_browse_answers_nothing_with_a_message_and_unknown_kinds_with_404(client):
    page = client.get("/browse/GlobalInnovationCluster?ecosystem=retail").text
    assert "Showing 0 of 5" in page and 'id="nothing"' in page
    assert client.get("/browse/NoSuchKind").status_code == 404
    assert client.get("/browse/" + urllib.parse.quote("<script>")).status_code == 404


def test_linkages_typing_health_filters_by_the_ecosystem(client):
    page = client.get("/linkages?actor=Health").text
    assert 'id="nothing"' not in page and "sharing Health" in page
    pairs = re.findall(r"<tr><td><a[^>]*>([^<]+)</a></td><td><a[^>]*>([^<]+)</a>", page)
    assert ("DESIRE", "Digital Supercluster") in pairs  # Box 5; section 5.2
    assert {gic for _, gic in pairs} <= {"Digital Supercluster", "Scale AI"}
    # the typed name becomes the chosen ecosystem, so choosing another one later wins
    assert '<option selected>Health</option>' in page and 'name="actor" value=""' in page
    digital = client.get("/linkages?actor=Health&ecosystem=Digital").text
    assert "sharing Digital" in digital


def test_linkages_filter_by_side_and_kind(client):
    rows = table(client.get("/linkages.csv?gic=Scale+AI&eu_kind=Eurocluster"))
    assert rows and {r["gic"] for r in rows} == {"Scale AI"}
    assert {r["eu_kind"] for r in rows} == {"Eurocluster"}
    rows = table(client.get("/linkages.csv?eu=DESIRE&ecosystem=Health"))
    assert {r["gic"] for r in rows} == {"Digital Supercluster", "Scale AI"}


def test_linkages_say_when_nothing_matches(client):
    page = client.get("/linkages?ecosystem=Retail").text  # section 4.1.1: none in Retail
    assert 'id="nothing"' in page and "No pair matches" in page
    assert table(client.get("/linkages.csv?ecosystem=Retail")) == []
    page = client.get("/linkages?actor=" + urllib.parse.quote("nothing at all xyz")).text
    assert 'class="error"' in page


def test_linkages_csv_holds_every_pair_without_filters(client):
    rows = table(client.get("/linkages?format=csv"))
    assert len(rows) > 25 and rows[0]["rank"] == "1"


def test_sparql_answer_as_csv(client):
    query = PREFIXES + ("SELECT ?label WHERE { ?c a eucan:GlobalInnovationCluster ; "
                        "rdfs:label ?label } ORDER BY ?label")
    rows = table(client.post("/queries/run", data={"query": query, "format": "csv"}))
    assert [r["label"] for r in rows] == [
        "Canada's Ocean Supercluster", "Digital Supercluster",
        "Next Generation Manufacturing Canada", "Protein Industries Canada", "Scale AI"]
    assert 'name="format" value="csv"' in client.get("/queries").text


def test_sparql_csv_refuses_what_is_not_a_table_in_one_line(client):
    answer = client.post("/queries/run", data={"query": "CONSTRUCT WHERE { ?s ?p ?o }",
                                               "format": "csv"})
    assert answer.status_code == 400 and answer.text.count("\n") == 1
    answer = client.post("/queries/run", data={"query": "DROP ALL", "format": "csv"})
    assert answer.status_code == 403


# -- the static site (kg site): one page and one CSV per kind, filters in the page ------

@pytest.fixture(scope="module")
def static_browse(store, tmp_path_factory):
    from kg.serve.browse import static_files
    from kg.serve.context import templates
    from kg.serve.site import Site

    env = templates()

    def render(name, **values):
        return env.get_template(name).render(title="t", base="", static=True,
                                             **values).encode("utf-8")

    folder = tmp_path_factory.mktemp("static-browse")
    for name, data in static_files(Site(store), render).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_static_site_writes_a_page_and_a_csv_per_kind(static_browse):
    index = (static_browse / "browse" / "index.html").read_text(encoding="utf-8")
    assert 'href="/browse/ESCP4iPartnership/"' in index
    rows = list(csv.DictReader(io.StringIO(
        (static_browse / "browse" / "ESCP4iPartnership.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 39  # Figure 24: 39 partnerships
    assert len([r for r in rows if "Spain" in r["country"]]) == 21


@pytest.mark.browser
def test_static_browse_page_filters_in_the_page(browser, static_browse):
    page = browser.new_page()
    try:
        page.goto((static_browse / "browse" / "ESCP4iPartnership" / "index.html").as_uri())
        page.select_option("select[name=country]", "spain")
        page.select_option("select[name=market]", "canada")
        assert page.locator("#rows tr[data-country]:visible").count() == 21  # Figure 24
        assert page.inner_text("#count") == "21 match the filters."
    finally:
        page.close()


# -- journeys in Chromium on the running site, with no SPARQL ------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from tests.tools import kg_serve

    with kg_serve(cwd=tmp_path_factory.mktemp("serve-browse")) as (base, _process):
        yield base


@pytest.mark.browser
def test_journey_partnerships_targeting_canada_that_involve_spain(browser, served):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(served + "/")
        page.click("header a[href='/browse']")
        page.click("a[href='/browse/ESCP4iPartnership']")
        page.select_option("select[name=market]", "canada")
        page.select_option("select[name=country]", "spain")
        page.click("#filters button[type=submit]")
        page.wait_for_selector("#count")
        assert page.locator("#rows tr").count() - 1 == 21  # Figure 24: 21 rows name Spain
        with page.expect_download() as caught:
            page.click("#csv")
        rows = list(csv.DictReader(open(caught.value.path(), encoding="utf-8")))
        assert len(rows) == 21
    finally:
        page.close()


@pytest.mark.browser
def test_journey_best_pairs_for_health_and_a_typo(browser, served):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(served + "/linkages")
        page.fill("input[name=actor]", "Health")
        page.click("#linkage-filters button[type=submit]")
        page.wait_for_selector("#count")
        first = page.locator("#pairs tr").nth(1).inner_text()
        assert "Health" in first  # section 5.2: the Digital Supercluster and Scale AI
        page.goto(served + "/search?q=protien")
        page.click("#suggestion a")
        page.wait_for_load_state()
        assert page.locator("ul.results li a").first.inner_text() == "Protein Industries Canada"
    finally:
        page.close()
