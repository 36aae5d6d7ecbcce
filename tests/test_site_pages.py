"""Pages a person reads (issue 32, items 1, 2, 7 and the bugs of item 6), through
Starlette's TestClient: figures that say what they count, people's words rather than
RDF names, paths that avoid the hubs, an icon, a description, a form with an action.

Facts come from the paper (/work/shared/seed/…txt, kg/data/paper/eccp-eu-canada-2023.md):
- Table 3 (section 4.1.2, "Partnership composition across Global Innovation Clusters"):
  Protein: SMEs 192, Large firms 48, Research organisations 77, Other 102, Total 419.
- Table 1: Protein Industries Canada's budget "$323 million (total)".
- Section 2.2: the EU27 "exported goods with a value of EUR 38.8 billion to Canada in
  2021 leading to a trade surplus of EUR 13.89 billion"; "Machinery and transport
  equipment" exports of "more than EUR 14 billion".
- Figure 24 (annex): bioXclusters plus, an ESCP-4i partnership with partners in France,
  Spain, Italy and Germany, on personalised healthcare.
"""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from starlette.testclient import TestClient

from kg.network.paths import find_paths
from kg.serve.app import create_app

ID = "https://w3id.org/eucan/id/"
EU, CANADA = ID + "country/european-union", ID + "country/canada"


@pytest.fixture(scope="module")
def app(store):
    made = create_app(store)
    yield made
    made.state.kg.sandbox.close()


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, base_url="http://127.0.0.1") as tab:
        yield tab


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _figure_rows(page: str, place: str) -> list[list[str]]:
    """The cells of the figures table under the heading that names ``place``."""
    found = re.search(r'<h3 class="figure-place">(?:(?!</h3>).)*' + re.escape(place)
                      + r'.*?</h3>\s*<table class="figures">(.*?)</table>', page, re.S)
    assert found, f"no figures stated in {place}"
    return [[_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", found.group(1), re.S)
            if "<td" in row]


def _visible(page: str) -> str:
    """The page's text as a reader sees it (no head, scripts or styles)."""
    body = page.split("<body>", 1)[-1]
    return _text(re.sub(r"<script.*?</script>", " ", body, flags=re.S))


# -- 1. Figures as a reader needs them ---------------------------------------------------

def test_protein_industries_canada_partnerships_name_smes_large_companies_and_total(client):
    page = client.get("/id/cluster/protein-industries-canada/").text
    rows = _figure_rows(page, "Table 3")
    partnerships = {row[1]: row[2] for row in rows if row[0] == "Project partnerships"}
    # Table 3, row "Protein": 192 SMEs, 48 large firms, 77 research organisations, 102
    # other, 419 in total
    assert partnerships == {"SMEs": "192 project partnerships",
                            "Large companies": "48 project partnerships",
                            "Research organisations": "77 project partnerships",
                            "Other": "102 project partnerships",
                            "Total": "419 project partnerships"}
    shares = {row[1]: (row[2], row[3]) for row in rows if row[0].startswith("Share")}
    assert shares["SMEs"] == ("46 %", "46%") and shares["Large companies"] == ("11 %", "11%")
    assert all(row[4] == "31.03.2023" for row in rows)  # "Data as of 31.03.2023"


def test_money_is_written_for_people_beside_the_printed_form(client):
    page = client.get("/id/cluster/protein-industries-canada/").text
    budgets = {row[1]: (row[2], row[3]) for row in _figure_rows(page, "Table 1")}
    assert budgets["Total"] == ("CAD 323 million", "$323 million (total)")  # Table 1
    assert "323000000" not in _visible(page) and "323,000,000" not in _visible(page)


def test_the_eus_trade_in_goods_rows_name_direction_and_product_group(client):
    page = client.get("/id/country/european-union/").text
    rows = [row for row in _figure_rows(page, "2.2 Key value chains")
            if row[0] == "Trade in goods"]
    assert len(rows) >= 8
    directions = ("EU27 imports from Canada", "EU27 exports to Canada",
                  "EU27 trade balance with Canada", "Both directions")
    assert all(any(d in row[1] for d in directions) for row in rows)
    # section 2.2: a trade surplus of EUR 13.89 billion; machinery exports of more than
    # EUR 14 billion
    surplus = [row for row in rows if row[1] == "Total · EU27 trade balance with Canada · with"
               " Canada"]
    assert surplus and surplus[0][2] == "EUR 13.89 billion" and surplus[0][4] == "2021"
    assert surplus[0][3].startswith("trade surplus of EUR 13.89 billion")
    machinery = [row for row in rows if row[1].startswith("Machinery and transport equipment ·"
                                                          " EU27 exports")]
    assert machinery and machinery[0][2] == "more than EUR 14 billion"


def test_the_pages_figures_download_as_csv(client):
    page = client.get("/id/cluster/protein-industries-canada/").text
    assert 'id="figures-csv" href="?figures=csv"' in page
    answer = client.get("/id/cluster/protein-industries-canada/?figures=csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    smes = [r for r in rows if r["category"] == "SMEs" and r["measure"] == "Project partnerships"]
    assert smes and smes[0]["value"] == "192" and smes[0]["place"] == "Table 3"
    assert smes[0]["unit"] == "project partnerships" and smes[0]["period"] == "31.03.2023"
    total = [r for r in rows if r["stated as"] == "$323 million (total)"]
    assert total[0]["value in words"] == "CAD 323 million" and total[0]["unit"] == "CAD"


# -- 2. People's words everywhere ----------------------------------------------------------

def test_the_home_page_names_kinds_in_words_and_in_the_plural(client):
    text = _visible(client.get("/").text)
    assert "Global Innovation Clusters 5" in text and "ESCP-4i partnerships 39" in text
    assert "GlobalInnovationCluster" not in text and "ESCP4iPartnership" not in text
    assert "MonetaryAmount" not in text and "Other" not in text


def test_an_observation_shows_no_datatypes_and_no_rdf_names(client):
    text = _visible(client.get("/id/observation/trade-surplus-2021/").text)
    for raw in ("(decimal)", "(dateTime)", "13890000000", "dataSet", "wasDerivedFrom",
                "MonetaryAmount", "T00:00:00"):
        assert raw not in text, raw
    assert "value EUR 13.89 billion" in text and "period end 31 December 2021" in text
    assert "in the data set Figure 1" in text and "a kind of monetary amount" in text


def test_a_concept_says_list_and_code_not_skos_names(client):
    text = _visible(client.get("/id/category/flow-balance/").text)
    assert "in the list Directions of EU27-Canada trade flows" in text
    assert "code flow-balance" in text
    for raw in ("inScheme", "notation", "prefLabel", "hiddenLabel"):
        assert raw not in text, raw


def test_types_are_listed_once_in_words_most_specific_first(client):
    page = client.get("/id/cluster/protein-industries-canada/").text
    row = re.search(r'<td class="prop">a kind of</td><td>(.*?)</td>', page, re.S)
    assert row
    types = [t.strip() for t in _text(row.group(1)).split(",")]
    assert types[0] == "Global Innovation Cluster" and len(types) == len(set(types))
    assert "Organization" not in types and "Agent" not in types


def test_relations_that_point_here_read_from_the_pages_side(client):
    page = client.get("/id/country/germany/").text
    inbound = page.split("What points here", 1)[1]
    # Next Generation Manufacturing Canada targets Germany as a market (section 4.2)
    targeted = re.search(r'<td class="prop">targeted by</td><td>(.*?)</td>', inbound, re.S)
    assert targeted and "Next Generation Manufacturing Canada" in _text(targeted.group(1))
    assert "targets market" not in _text(inbound.split("<h2>Neighbourhood", 1)[0])


def test_cited_addresses_are_links(client):
    page = client.get("/id/bibliography/bib-accio-agencia-per-la-competitivitat-del-2023/").text
    # the bibliography's entry (footnote 46): "… Available under: https://www.accio… "
    reference = re.search(r'>reference</a></td><td>(.*?)</td>', page, re.S)
    assert reference and "Available under: " in reference.group(1)
    assert ('<a href="https://www.accio.gencat.cat/ca/serveis/processos-acreditacio/clusters/">'
            in reference.group(1))
    page = client.get("/id/agreement/admin-arrangement-2019/").text
    assert re.search(r'<a href="https://clustercollaboration\.eu/sites/default/files/'
                     r'administrative_arrangement_can-eu_clusters_signed\.pdf">', page)


def test_a_quote_repeated_on_a_page_is_shown_once(client):
    page = client.get("/id/observation/trade-surplus-2021/").text
    # section 2.2's sentence, which states nine facts of the observation
    words = "leading to a trade surplus of EUR 13.89 billion for the European Union"
    assert html.unescape(page).count(words) == 1
    assert page.count("same words:") >= 8 and 'href="#quote-' in page


# -- 7. Paths through hubs --------------------------------------------------------------------

def test_a_path_from_a_german_partnership_to_a_canadian_cluster_avoids_the_hubs(app):
    network = app.state.kg.site.network
    start, end = ID + "partnership/escp4i-bioxclusters-plus", ID + "cluster/protein-industries-canada"
    assert ID + "country/germany" in set(network.undirected()[start])  # Figure 24
    plain = find_paths(network, start, end, k=3, max_hops=4, hubs=False)
    assert {EU, CANADA} & set(plain[0].nodes)  # the shortest path goes through a hub
    best = find_paths(network, start, end, k=3, max_hops=4)[0]
    assert not {EU, CANADA} & set(best.nodes) and best.hops <= 4
    assert all(r.citations for s in best.steps for r in s.relations)


def test_hubs_come_first_only_when_no_specific_path_exists(app):
    import networkx as nx

    network = app.state.kg.site.network
    plain = network.undirected()
    german = [n for n in plain[ID + "country/germany"] if "/partnership/" in n]
    gics = [n for n in network if network.node(n)["cls"] == "GlobalInnovationCluster"]
    without_hubs = nx.restricted_view(plain, [EU, CANADA], [])
    checked = 0
    for start in german:
        for end in gics:
            try:
                specific = nx.shortest_path_length(without_hubs, start, end) <= 4
            except nx.NetworkXNoPath:
                specific = False
            first = find_paths(network, start, end, k=1, max_hops=4)[0]
            if specific:
                checked += 1
                assert not {EU, CANADA} & set(first.nodes), first.chain()
    assert checked >= 20


def test_each_step_of_the_explorer_shows_the_papers_words(client):
    page = client.get("/paths", params={"from": "SUAVE", "to": "Protein Industries Canada"}).text
    first = page.split('<ol class="paths">', 1)[1].split("</li></ul></li>", 1)[0]
    # Box 5 / section 3.1 say SUAVE is agri-food; section 5.2: "Protein Industries Canada in
    # agri-food"
    assert "Agri-Food" in first and "“" in first
    assert "Protein Industries Canada in agri-food" in html.unescape(first)


# -- 6. Bugs ---------------------------------------------------------------------------------------

def test_the_site_has_an_icon(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/x-icon"
    assert answer.content[:4] == b"\x00\x00\x01\x00" and b"PNG" in answer.content[:40]
    assert '<link rel="icon" href="/favicon.ico">' in client.get("/").text


@pytest.mark.parametrize("path", ["/", "/id/cluster/scale-ai/", "/paths", "/linkages",
                                  "/queries", "/queries/gic-budgets", "/search?q=scale",
                                  "/ontology", "/no/such/page"])
def test_every_page_has_a_meta_description(client, path):
    page = client.get(path).text
    found = re.findall(r'<meta name="description" content="([^"]+)">', page)
    assert len(found) == 1 and len(found[0]) > 40


def test_a_resource_pages_description_names_it(client):
    page = client.get("/id/cluster/scale-ai/").text
    described = re.search(r'<meta name="description" content="([^"]+)">', page).group(1)
    assert described.startswith("Scale AI: Global Innovation Cluster")


def test_the_query_menu_form_has_an_action_and_works_without_script(client):
    page = client.get("/queries").text
    assert '<form action="/queries" method="get" class="box" id="menu-form">' in page
    assert 'action=""' not in page
    answer = client.get("/queries", params={"name": "gic-budgets"}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/queries/gic-budgets"
    assert client.get("/queries", params={"name": "nothing"}).status_code == 200


def test_an_address_in_a_footnotes_text_is_a_link(client):
    page = client.get("/id/source/footnote-10/").text
    # footnote 10: "… Available under: <https://www150.statcan.gc.ca/t1/tbl1/en/tv.action?
    # pid=3610043402> (last access on 05.05.2023)"
    comment = page.split("</div>\n<p>", 1)[1].split("</p>", 1)[0]
    assert "Statistics Canada (2023)" in comment
    assert '<a href="https://www150.statcan.gc.ca/t1/tbl1/en/tv.action?pid=3610043402">' in comment
