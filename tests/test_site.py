"""The linked-data site (``kg serve``), driven as an analyst would: real uvicorn on
127.0.0.1, real headless Chromium (Debian's ``chromium``, Playwright), every request to
another host blocked and recorded, console errors recorded.

Facts checked come from the paper: SUAVE's budget is EUR 1.05 million in section 3.1
and printed "1,050 M €" in Box 5; DESIRE (Box 5) and the Digital Supercluster
(Table 1, section 5.2) meet in the Digital and Health ecosystems.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from tests.tools import kg_serve, require

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ID = "https://w3id.org/eucan/id/"
XSS = '</script><script>window.__xss=1;alert(1)</script>'

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """``kg serve`` in a folder without out/ (it serves the graph built from the package)."""
    folder = tmp_path_factory.mktemp("serve")
    with kg_serve(cwd=folder) as (base, _process):
        yield base


class Visit:
    """A browser tab on the site that records console errors and outside requests."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    def path(self) -> str:
        return urllib.parse.urlparse(self.page.url).path


@pytest.fixture()
def visit(browser, site):
    tab = Visit(browser, site)
    yield tab
    assert tab.errors == [] and tab.outside == []
    tab.page.close()


def test_suave_page_shows_its_box_5_citation_and_both_budget_figures(visit):
    visit.open("/id/partnership/suave")
    assert visit.page.inner_text("h1") == "SUAVE"
    assert "Box 5" in visit.page.inner_text("#citations")
    figures = visit.page.inner_text("#figure-groups")
    assert "EUR 1.05 million" in figures and "3.1 Enhancing" in figures
    assert "1,050 M €" in figures and "Box 5" in figures
    assert "SUAVA" in visit.page.inner_text(".kind")
    # Each fact shows the words that state it and their place: section 3.1, "Cluster
    # members of SUAVE come from France, Hungary, Lithuania, Poland and Spain".
    stated = visit.page.locator(".stated").all_inner_texts()
    france = [t for t in stated if "France" in t and "3.1" in t]
    assert france and france[0].startswith("“")
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "site-suave.png"), full_page=True)


@pytest.mark.parametrize("typed, lands_on", [
    ("ISED", "/id/body/ised/"), ("DG GROW", "/id/body/dg-grow/"),
    ("Quebec", "/id/region/quebec/"), ("québec", "/id/region/quebec/")])  # the pages of the IRIs
def test_search_box_lands_on_the_right_page(visit, typed, lands_on):
    visit.open("/")
    visit.page.fill("header input[name=q]", typed)
    visit.page.press("header input[name=q]", "Enter")
    visit.page.wait_for_load_state()
    assert visit.path() == lands_on


def test_search_results_are_ranked_and_grouped_by_kind(visit):
    visit.open("/search?q=" + urllib.parse.quote("protein industries"))
    first = visit.page.locator("ul.results li a").first
    assert first.inner_text() == "Protein Industries Canada"
    assert visit.page.locator("h2").first.inner_text() == "Global Innovation Clusters"


def test_named_query_from_the_menu_runs_and_its_result_links_to_a_page(visit):
    visit.open("/queries")
    visit.page.select_option("#menu", "gic-budgets")
    visit.page.wait_for_url("**/queries/gic-budgets")
    visit.page.click("#run")
    visit.page.wait_for_selector("#results")
    rows = visit.page.locator("#results tr").count() - 1
    assert rows >= 5  # Table 1: five Global Innovation Clusters
    link = visit.page.locator("#results a[href^='/id/']").first
    label = link.inner_text()
    link.click()
    visit.page.wait_for_load_state()
    assert visit.path().startswith("/id/") and visit.page.inner_text("h1") == label
    csv = urllib.request.urlopen(visit.base + "/queries/gic-budgets?format=csv").read()
    assert csv.decode("utf-8").splitlines()[0].startswith("cluster")


def test_linkage_explorer_finds_paths_from_desire_to_the_digital_supercluster(visit):
    visit.open("/paths")
    visit.page.fill("#path-from", "DESIRE")
    visit.page.fill("#path-to", "Digital Supercluster")
    visit.page.click("form.box button")
    visit.page.wait_for_selector("ol.paths")
    paths = visit.page.locator("ol.paths > li").all_inner_texts()
    assert len(paths) >= 2
    assert all("cited in" in p for p in paths)
    assert "DESIRE" in paths[0] and "Digital Supercluster" in paths[0]
    visit.page.screenshot(path=str(ARTIFACTS / "site-paths.png"), full_page=True)


def test_unknown_path_is_404_with_suggestions(visit):
    response = visit.page.goto(visit.base + "/id/cluster/protein-industries")
    assert response.status == 404
    assert "Protein Industries Canada" in visit.page.inner_text("main")
    # The browser logs the page's own 404 status as a console error: expected here.
    visit.errors[:] = [e for e in visit.errors if "status of 404" not in e]


def test_picture_and_pages_link_both_ways(visit):
    visit.open("/id/cluster/scale-ai")
    visit.page.click("text=in the picture")
    # a selector, not a JavaScript predicate: the site's CSP forbids the eval that
    # Playwright's polling of a predicate needs when the page is not ready at once
    visit.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    assert visit.page.evaluate("eucanGraph.network.getSelectedNodes()") == [ID + "cluster/scale-ai"]
    visit.page.click("#info a:has-text('Open its page')")
    visit.page.wait_for_load_state()
    assert visit.path() == "/id/cluster/scale-ai/"  # the IRI's path 303s to its page


def test_turtle_by_content_negotiation_is_the_resources_description(site, tmp_path):
    from kg.publish.job import build

    executable = shutil.which("curl")
    if executable is None:
        require("curl is not installed (apt-get install curl)")
    build(tmp_path / "out")
    whole = rdflib.Graph().parse(tmp_path / "out" / "eucan.ttl", format="turtle")
    for path in ("/id/cluster/scale-ai", "/id/partnership/suave", "/id/agreement/ceta"):
        run = subprocess.run([executable, "-s", "-L", "-H", "Accept: text/turtle", site + path],
                             capture_output=True, timeout=20, check=True)
        served = rdflib.Graph().parse(data=run.stdout, format="turtle")
        subject = rdflib.URIRef("https://w3id.org/eucan" + path)
        expected = rdflib.Graph()
        todo, seen = [subject], set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in whole.predicate_objects(node):
                expected.add((node, p, o))
                if isinstance(o, rdflib.BNode):
                    todo.append(o)
        assert len(served) > 10 and isomorphic(served, expected), path
    for suffix, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")):
        body = urllib.request.urlopen(site + "/id/agreement/ceta" + suffix).read()
        assert isomorphic(rdflib.Graph().parse(data=body, format=fmt), served), suffix


def test_sparql_protocol_answers_and_refuses_updates(site):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?g a eucan:GlobalInnovationCluster }"
    for endpoint in ("/sparql", "/query"):
        request = urllib.request.Request(site + endpoint + "?" + urllib.parse.urlencode(
            {"query": query}), headers={"Accept": "text/csv"})
        assert urllib.request.urlopen(request).read().decode().split() == ["n", "5"]
    update = urllib.request.Request(site + "/sparql", data=b"CLEAR ALL", method="POST",
                                    headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update)
    assert refused.value.code == 403


def test_hostile_labels_show_as_text(browser, data_copy, tmp_path):
    from kg.data.load import folder_files, load_records
    from kg.serve.app import create_app
    from kg.serve.run import listening_socket, site_server
    from kg.store.open import build_graph

    clusters = data_copy / "clusters.yaml"
    clusters.write_text(clusters.read_text(encoding="utf-8").replace(
        "label: SUAVE", f"label: '{XSS}'", 1), encoding="utf-8")
    store = build_graph(load_records(folder_files(data_copy)))
    sock = listening_socket("127.0.0.1", 0)
    server = site_server(create_app(store))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        tab = Visit(browser, base)
        for path in ("/id/partnership/suave", "/search?q=script", "/graph"):
            tab.open(path)
        tab.open("/id/partnership/suave")
        assert XSS in tab.page.inner_text("h1")
        assert tab.dialogs == [] and tab.page.evaluate("window.__xss") is None
        tab.page.close()
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def test_load_test_on_loopback_answers_every_request(site):
    from kg.scale.load import load_test

    result = load_test(site, clients=4, requests=25)
    assert result["all"]["requests"] == 100 and result["all"]["errors"] == 0
    assert set(result["kinds"]) == {"resource page", "search", "named query",
                                    "resource as Turtle"}
    assert 0 < result["all"]["p50_ms"] <= result["all"]["p99_ms"]


@pytest.fixture(scope="module")
def static_site(tmp_path_factory):
    from kg.serve.export import write_site
    from kg.store.open import build_graph

    folder = tmp_path_factory.mktemp("static") / "site"
    write_site(build_graph(), folder, site_url="https://eucan.example.org")
    return folder


def test_static_site_has_pages_rdf_and_w3id_redirects(static_site, tmp_path):
    from kg.serve.export import write_site
    from kg.store.open import build_graph

    page = (static_site / "id" / "partnership" / "suave" / "index.html").read_text(
        encoding="utf-8")
    assert "Box 5" in page and "1,050 M €" in page and "/paths" not in page
    served = rdflib.Graph().parse(static_site / "id" / "cluster" / "scale-ai.ttl")
    same = rdflib.Graph().parse(static_site / "id" / "cluster" / "scale-ai.nt")
    assert len(served) > 10 and isomorphic(served, same)
    rules = (static_site / "w3id" / ".htaccess").read_text(encoding="utf-8")
    assert "RewriteCond %{ENV:LD_PICK} =ttl" in rules  # q-values: tests/test_linked_data.py
    assert "https://eucan.example.org/$1.ttl [R=303,L,E=LD_VARY:1]" in rules
    assert "https://eucan.example.org/$1/ [R=303,L,E=LD_VARY:1]" in rules
    assert "AddType text/turtle .ttl" in (static_site / ".htaccess").read_text(encoding="utf-8")
    again = tmp_path / "site"
    write_site(build_graph(), again, site_url="https://eucan.example.org")
    first = {p.relative_to(static_site): p.read_bytes() for p in static_site.rglob("*")
             if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second  # deterministic


def test_static_site_opens_offline_and_its_search_box_finds_a_page(browser, static_site):
    import http.server
    import socketserver

    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(  # noqa: E731
        *a, directory=str(static_site), **k)
    with socketserver.TCPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            tab = Visit(browser, f"http://127.0.0.1:{httpd.server_address[1]}")
            tab.open("/")
            tab.page.wait_for_load_state("networkidle")
            # The search box knows the names once names.json has arrived.
            tab.page.wait_for_selector("#site-names option:nth-child(101)", state="attached")
            tab.page.fill("header input[name=q]", "Scale AI")
            tab.page.press("header input[name=q]", "Enter")
            tab.page.wait_for_url("**/id/cluster/scale-ai/")
            assert tab.page.inner_text("h1") == "Scale AI"
            assert tab.errors == [] and tab.outside == []
            tab.page.close()
        finally:
            httpd.shutdown()


def test_named_query_pages_run_only_the_shipped_catalogue(site, tmp_path):
    for path in ("/queries/gic-budgets.rq", "/queries/no-such-query",
                 "/queries/..%2Fpyproject.toml"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(site + path)
        assert refused.value.code == 404, path


def test_sparql_protocol_accepts_a_form_encoded_post(site):
    """The SPARQL 1.1 protocol's query via POST, URL-encoded (what SPARQLWrapper sends):
    SUAVE's label is "SUAVE" (Box 5)."""
    import json

    body = urllib.parse.urlencode({"query": 'ASK { <https://w3id.org/eucan/id/partnership/suave> '
                                            '<http://www.w3.org/2000/01/rdf-schema#label> "SUAVE" }'})
    request = urllib.request.Request(f"{site}/query", data=body.encode("ascii"), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status == 200 and json.loads(answer.read())["boolean"] is True
