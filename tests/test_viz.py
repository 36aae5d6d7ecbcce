"""The HTML visualisation, driven in real headless Chromium (Debian's ``chromium``).

The page is opened from a ``file://`` URL with every other request blocked and
recorded. A screenshot is saved to ``test-artifacts/graph.png``. Without
Chromium or Playwright the tests skip with the reason, unless
``EUCAN_REQUIRE_TOOLS=1`` (set by ``.ci/run``) makes a missing tool a failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.network.projection import project
from kg.publish.viz import render_html, subgraph, write_html
from tests.tools import require

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ID = "https://w3id.org/eucan/id/"
SUAVE, PIC = ID + "partnership/suave", ID + "cluster/protein-industries-canada"
XSS = '</script><script>window.__xss=1;alert(1)</script>'
IMG = '<img src=x onerror="window.__xss=2">'
NON_LATIN = 'Québec «Ω» 東京 "quoted" \'single\''

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require("the playwright package is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        require("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


class Page:
    """A page opened offline, with console errors, dialogs and outside requests recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def visible_nodes(self) -> list[str]:
        return self.js("eucanGraph.nodes.get({filter: n => !n.hidden}).map(n => n.id)")


@pytest.fixture(scope="module")
def paper_graph(store):
    return project(store)


@pytest.fixture(scope="module")
def paper_page(browser, store, paper_graph, tmp_path_factory):
    path = write_html(paper_graph, tmp_path_factory.mktemp("viz") / "graph.html", store)
    page = Page(browser, path)
    yield page
    page.page.close()


def test_page_is_self_contained():
    graph = nx.MultiDiGraph()
    page = render_html(graph)
    assert "<script src=" not in page and "<link" not in page
    assert "http://" not in page.split("/*", 1)[0] and "cdn" not in page.lower().split("<body")[1]


def test_page_loads_offline_without_errors_and_draws_every_node_and_edge(paper_page, paper_graph):
    assert paper_page.errors == []
    assert paper_page.outside == []
    drawn = paper_page.js("[eucanGraph.network.body.nodeIndices.length,"
                          " eucanGraph.network.body.edgeIndices.length]")
    assert drawn == [paper_graph.number_of_nodes(), paper_graph.number_of_edges()]
    ARTIFACTS.mkdir(exist_ok=True)
    paper_page.page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 50_000


def test_search_box_focuses_the_node(paper_page):
    paper_page.page.fill("#search", "protein industries")
    paper_page.page.press("#search", "Enter")
    assert paper_page.js("eucanGraph.network.getSelectedNodes()") == [PIC]
    assert paper_page.js("eucanGraph.network.getScale()") == pytest.approx(1.4, rel=0.01)
    assert "Protein Industries Canada" in paper_page.page.inner_text("#info")
    paper_page.page.fill("#search", "no such actor")
    paper_page.page.press("#search", "Enter")
    assert "No node is called" in paper_page.page.inner_text("#search-status")


def test_clicking_a_node_shows_its_facts_and_citation(paper_page):
    box = paper_page.page.locator("#graph").bounding_box()
    paper_page.js(f"eucanGraph.network.focus({SUAVE!r}, {{scale: 1.5, animation: false}})")
    x, y = paper_page.js(f"(() => {{ const p = eucanGraph.network.getPositions([{SUAVE!r}])"
                         f"[{SUAVE!r}]; const d = eucanGraph.network.canvasToDOM(p);"
                         " return [d.x, d.y]; })()")
    paper_page.page.mouse.click(box["x"] + x, box["y"] + y)
    info = paper_page.page.inner_text("#info")
    # Box 5 and footnote 41 describe SUAVE (an agri-food Eurocluster).
    assert "SUAVE" in info and "Box 5" in info and "Agri-Food" in info
    paper_page.page.mouse.move(box["x"] + x + 1, box["y"] + y + 1)
    paper_page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert "Cited in" in paper_page.page.inner_text("div.vis-tooltip")


def test_filters_hide_what_they_should(paper_page, paper_graph):
    places = {n for n, d in paper_graph.nodes(data=True) if "Place" in d["types"]}
    paper_page.page.uncheck("input.group-filter[value='Country or region']")
    visible = set(paper_page.visible_nodes())
    assert visible == set(paper_graph) - places
    paper_page.page.check("input.group-filter[value='Country or region']")
    paper_page.page.select_option("#filter-ecosystem", "Agri-Food")
    visible = set(paper_page.visible_nodes())
    assert SUAVE in visible and PIC in visible
    assert ID + "cluster/scale-ai" not in visible
    paper_page.page.select_option("#filter-ecosystem", "")
    assert len(paper_page.visible_nodes()) == paper_graph.number_of_nodes()


def test_hostile_labels_stay_text(browser, tmp_path):
    graph = nx.MultiDiGraph()
    for i, label in enumerate((XSS, IMG, NON_LATIN)):
        graph.add_node(f"urn:x:{i}", label=label, cls="Organisation", types=("Organisation",),
                       countries=(NON_LATIN,), side="", citations=(XSS,))
    graph.add_edge("urn:x:0", "urn:x:1", key="partner", label=XSS, citations=(IMG,))
    page = Page(browser, write_html(graph, tmp_path / "x.html"))
    assert page.dialogs == [] and page.errors == []
    assert page.js("window.__xss") is None
    assert page.js("eucanGraph.network.body.nodeIndices.length") == 3
    page.page.fill("#search", "東京")
    page.page.press("#search", "Enter")
    assert NON_LATIN in page.page.inner_text("#info")
    page.page.fill("#search", "onerror")
    page.page.press("#search", "Enter")
    assert IMG in page.page.inner_text("#info")
    assert page.js("document.querySelectorAll('#info img').length") == 0
    assert page.js("window.__xss") is None
    page.page.close()


def test_focus_draws_a_neighbourhood(paper_graph):
    near = subgraph(paper_graph, SUAVE, 1)
    assert SUAVE in near and ID + "ecosystem/agri-food" in near
    assert PIC not in near  # two hops away, through Agri-Food
    assert PIC in subgraph(paper_graph, SUAVE, 2)


def test_path_highlighting_marks_the_path_nodes_and_edges(tmp_path, capsys):
    import json
    import re

    from kg.cli import main

    out = tmp_path / "p.html"
    assert main(["viz", "--path", "SUAVE", "Protein Industries Canada", "--k", "1",
                 "--out", str(out)]) == 0
    assert "3 highlighted" in capsys.readouterr().out
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', out.read_text(encoding="utf-8"),
                                re.S).group(1))
    lit = {n["id"] for n in data["nodes"] if n["borderWidth"] == 5}
    # Box 5 / Table 1: SUAVE and Protein Industries Canada meet in Agri-Food.
    assert lit == {SUAVE, PIC, ID + "ecosystem/agri-food"}
    assert {(e["from"], e["to"]) for e in data["edges"] if e["width"] == 5} == {
        (SUAVE, ID + "ecosystem/agri-food"), (PIC, ID + "ecosystem/agri-food")}
