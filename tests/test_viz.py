"""The HTML visualisation, driven in real headless Chromium (Debian's ``chromium``).

The page is opened from a ``file://`` URL at 1600x1000, as an analyst would, with
every other request blocked and recorded. Geometry is read from vis-network's own
state (label boxes as drawn, the scale, node positions), not from the page's code
that decided them. Screenshots are saved to ``test-artifacts/``. Without
Chromium or Playwright the tests skip with the reason, unless
``EUCAN_REQUIRE_TOOLS=1`` (set by ``.ci/run``) makes a missing tool a failure.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.network.projection import project
from kg.publish.viz import render_html, subgraph, write_html

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ID = "https://w3id.org/eucan/id/"
SUAVE, PIC = ID + "partnership/suave", ID + "cluster/protein-industries-canada"
XSS = '</script><script>window.__xss=1;alert(1)</script>'
IMG = '<img src=x onerror="window.__xss=2">'
NON_LATIN = 'Québec «Ω» 東京 "quoted" \'single\''

pytestmark = pytest.mark.browser


class Page:
    """A page opened offline, with console errors, dialogs and outside requests recorded."""

    def __init__(self, browser, path: Path, viewport=None) -> None:
        viewport = viewport or {"width": 1600, "height": 1000}
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport=viewport)
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


DIGITAL = ID + "cluster/digital-supercluster"
DESIRE = ID + "partnership/desire"
ISED = ID + "body/ised"

#: Every drawn label's box on screen (CSS pixels), from vis-network's label module.
LABEL_BOXES = """() => {
  const net = eucanGraph.network, s = net.getScale(), out = [];
  for (const id of net.body.nodeIndices) {
    const n = net.body.nodes[id];
    if (!n.options.label || n.options.hidden) continue;
    const z = n.labelModule.size;
    const a = net.canvasToDOM({x: z.left, y: z.top});
    out.push({id: id, left: a.x, top: a.y, width: z.width * s, height: z.height * s});
  }
  return out;
}"""


def _overlap_share(a: dict, b: dict) -> float:
    w = min(a["left"] + a["width"], b["left"] + b["width"]) - max(a["left"], b["left"])
    h = min(a["top"] + a["height"], b["top"] + b["height"]) - max(a["top"], b["top"])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / min(a["width"] * a["height"], b["width"] * b["height"])


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours.

    >>> round(contrast((0, 0, 0), (255, 255, 255)), 1)
    21.0
    """
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _rgb(css: str) -> tuple[float, ...]:
    import re

    if css.startswith("#"):
        css = css[1:]
        return tuple(int(css[i:i + 2], 16) for i in (0, 2, 4))
    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


@pytest.fixture(scope="module")
def paper_network(store):
    return project(store)


@pytest.fixture(scope="module")
def paper_graph(paper_network):
    return paper_network.networkx()


@pytest.fixture(scope="module")
def page_file(store, paper_graph, tmp_path_factory):
    return write_html(paper_graph, tmp_path_factory.mktemp("viz") / "graph.html", store)


@pytest.fixture()
def paper_page(browser, page_file):
    page = Page(browser, page_file)
    yield page
    page.page.close()


@pytest.fixture(scope="module")
def path_file(tmp_path_factory):
    from kg.cli import main

    out = tmp_path_factory.mktemp("viz-path") / "path.html"
    assert main(["viz", "--path", "SUAVE", "Protein Industries Canada", "--out", str(out)]) == 0
    return out


def test_page_is_self_contained():
    graph = nx.MultiDiGraph()
    page = render_html(graph)
    assert "<script src=" not in page and "<link" not in page
    assert "http://" not in page.split("/*", 1)[0] and "cdn" not in page.lower().split("<body")[1]


def test_page_loads_offline_and_draws_the_overview_without_hubs_or_authors(paper_page,
                                                                            paper_graph):
    assert paper_page.errors == []
    assert paper_page.outside == []
    hubs = {n for n, d in paper_graph.nodes(data=True) if "Place" in d["types"]}
    visible = set(paper_page.visible_nodes())
    # Hub places (the EU, Canada, Member States …) are attributes, not nodes, at first.
    assert visible and not visible & hubs
    assert ID + "country/european-union" not in visible and ID + "country/canada" not in visible
    # The paper's authors (title page) and Prognos are metadata of the source.
    assert ID + "person/jan-philipp-kramer" not in visible and ID + "org/prognos" not in visible
    assert visible == set(paper_graph) - hubs - {
        n for n in paper_graph if n.startswith(ID + "person/") and n != ID + "person/john-knubley"
    } - {ID + "org/prognos"}
    ARTIFACTS.mkdir(exist_ok=True)
    paper_page.page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 50_000


def test_overview_puts_eu_left_canada_right_and_bridges_between(paper_page, paper_graph):
    x = paper_page.js("(() => { const p = eucanGraph.network.getPositions(); const o = {};"
                      " for (const k in p) o[k] = p[k].x; return o; })()")
    visible = set(paper_page.visible_nodes())
    eu = [x[n] for n in visible if paper_graph.nodes[n]["side"] == "EU"]
    canada = [x[n] for n in visible if paper_graph.nodes[n]["side"] == "Canada"]
    ecosystems = [x[n] for n in visible if paper_graph.nodes[n]["cls"] == "IndustrialEcosystem"]
    assert max(eu) < min(ecosystems) and max(ecosystems) < min(canada)


def test_first_view_labels_are_readable_and_do_not_overlap(paper_page):
    boxes = paper_page.js(LABEL_BOXES)
    assert len(boxes) >= 40  # culling keeps the picture readable, not empty
    heights = sorted(b["height"] for b in boxes)
    assert heights[len(heights) // 2] >= 11
    worst = max(_overlap_share(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert worst <= 0.10
    # The main actors keep their labels at the first view.
    labelled = {b["id"] for b in boxes}
    assert {SUAVE, PIC, DIGITAL, ID + "ecosystem/agri-food"} <= labelled


def test_zooming_in_shows_more_labels_at_the_same_size(paper_page):
    before = paper_page.js(LABEL_BOXES)
    paper_page.js("eucanGraph.network.moveTo({scale: eucanGraph.network.getScale() * 2.5,"
                  " animation: false}); eucanGraph.network.emit('zoom', {}); null")
    paper_page.page.wait_for_timeout(200)
    after = paper_page.js(LABEL_BOXES)
    heights = sorted(b["height"] for b in after)
    assert heights[len(heights) // 2] == pytest.approx(
        sorted(b["height"] for b in before)[len(before) // 2], abs=1)
    visible = paper_page.js("eucanGraph.nodes.get({filter: n => !n.hidden}).length")
    # A quarter of the picture at 2.5x: the labels on screen are a larger share of the nodes.
    on_screen = paper_page.js("""(() => { const net = eucanGraph.network, r = document
      .getElementById('graph').getBoundingClientRect(); let c = 0;
      for (const id of net.body.nodeIndices) { const n = net.body.nodes[id];
        if (n.options.hidden) continue; const p = net.canvasToDOM({x: n.x, y: n.y});
        if (p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height) c++; } return c; })()""")
    assert len(after) / on_screen > len(before) / visible


def test_layout_is_still(paper_page):
    first = paper_page.js("eucanGraph.network.getPositions()")
    paper_page.page.wait_for_timeout(5_000)
    assert paper_page.js("eucanGraph.network.getPositions()") == first
    assert paper_page.js("eucanGraph.network.physics.physicsEnabled") is False


def test_search_finds_acronyms_and_alternative_names(paper_page):
    for typed, expected in (("ISED", ISED), ("DG GROW", ID + "body/dg-grow"),
                            ("SUAVA", SUAVE), ("protein industries", PIC),
                            ("Quebec", ID + "region/quebec"), ("québec", ID + "region/quebec")):
        paper_page.page.fill("#search", typed)
        paper_page.page.press("#search", "Enter")
        assert paper_page.js("eucanGraph.network.getSelectedNodes()") == [expected], typed
    # A hub place found by search is shown (and labelled) although places are hidden.
    assert ID + "region/quebec" in paper_page.visible_nodes()
    assert "Québec" in paper_page.page.inner_text("#info")
    paper_page.page.fill("#search", "no such actor")
    paper_page.page.press("#search", "Enter")
    assert "Nothing is called" in paper_page.page.inner_text("#search-status")


def test_selected_node_shows_description_figures_and_keeps_its_side_colour(paper_page):
    paper_page.page.fill("#search", "SUAVE")
    paper_page.page.press("#search", "Enter")
    info = paper_page.page.inner_text("#info")
    # Box 5 and section 3.1 give SUAVE's budget twice (EUR 1.05 million; "1,050 M €").
    assert "Box 5" in info and "Agri-Food" in info and "SUAVA" in info
    assert "1,050,000 EUR" in info and "1,050 M €" in info and "Section 3.1" in info
    assert "Derivation:" in info and "urban agriculture" in info.lower()
    # Selection draws a ring: the fill stays the side colour (EU blue), not a new colour.
    fill = paper_page.js(f"(() => {{ const n = eucanGraph.network.body.nodes[{SUAVE!r}];"
                         " return n.options.color.highlight.background; })()")
    assert fill.lower() == "#2b59c3"


#: The edge vis-network shows a popup for at canvas point (x, y): the last edge (in its
#: order) within 10 canvas units of the point (vis-network's Edge.isOverlappingWith).
_POPUP_EDGE = """((x, y) => { const body = eucanGraph.network.body; let found = null;
  for (const id of body.edgeIndices) { const e = body.edges[id];
    if (!e.connected || e.options.hidden) continue;
    const ax = e.from.x, ay = e.from.y, dx = e.to.x - ax, dy = e.to.y - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    if (Math.hypot(ax + t * dx - x, ay + t * dy - y) < 10) found = id; }
  return found; })"""


def test_hovering_an_edge_shows_its_two_ends_and_its_own_citation(paper_page, paper_graph):
    # One of SUAVE's ecosystem edges (Box 5: agri-food, digital) that no other edge covers
    # at its midpoint: where two edges lie closer than the pointer's reach, the popup
    # shows the later one, so which edge a layout leaves free varies with the data.
    for target in sorted(v for _, v, k in paper_graph.out_edges(SUAVE, keys=True)
                         if k == "activeInEcosystem"):
        edge = f"{SUAVE} activeInEcosystem {target}"
        middle = paper_page.js(f"""(() => {{ const p = eucanGraph.network.getPositions(
          [{SUAVE!r}, {target!r}]); return [(p[{SUAVE!r}].x + p[{target!r}].x) / 2,
          (p[{SUAVE!r}].y + p[{target!r}].y) / 2]; }})()""")
        if paper_page.js(f"{_POPUP_EDGE}({middle[0]}, {middle[1]})") == edge:
            break
    else:
        pytest.fail("every ecosystem edge of SUAVE is covered by another edge")
    paper_page.js(f"eucanGraph.network.fit({{nodes: [{SUAVE!r}, {target!r}], animation: false}})")
    point = paper_page.js(f"""(() => {{ const d = eucanGraph.network.canvasToDOM(
      {{x: {middle[0]}, y: {middle[1]}}}); return [d.x, d.y]; }})()""")
    box = paper_page.page.locator("#graph").bounding_box()
    at = paper_page.js(f"eucanGraph.network.getEdgeAt({{x: {point[0]}, y: {point[1]}}})")
    assert at == edge
    paper_page.page.mouse.move(box["x"] + point[0], box["y"] + point[1])
    paper_page.page.mouse.move(box["x"] + point[0] + 1, box["y"] + point[1])
    paper_page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    tip = paper_page.page.inner_text("div.vis-tooltip")
    assert f"SUAVE → active in → {paper_graph.nodes[target]['label']}" in tip
    assert all(c in tip
               for c in paper_graph.edges[SUAVE, target, "activeInEcosystem"]["citations"])


def test_filters_refit_and_update_counts(paper_page, paper_graph):
    scale = paper_page.js("eucanGraph.network.getScale()")
    paper_page.page.select_option("#filter-ecosystem", "Agri-Food")
    visible = set(paper_page.visible_nodes())
    assert SUAVE in visible and PIC in visible and ID + "cluster/scale-ai" not in visible
    assert paper_page.js("eucanGraph.network.getScale()") > scale  # refitted to fewer nodes
    shown_edges = sum(1 for u, v in paper_graph.edges() if u in visible and v in visible)
    assert paper_page.page.inner_text("#counts") == (
        f"{len(visible)} of {paper_graph.number_of_nodes()} nodes and {shown_edges} of "
        f"{paper_graph.number_of_edges()} edges shown")
    paper_page.page.select_option("#filter-ecosystem", "")
    paper_page.page.check("#show-hubs")
    paper_page.page.check("#show-meta")
    assert len(paper_page.visible_nodes()) == paper_graph.number_of_nodes()
    assert paper_page.page.inner_text("#counts").startswith(
        f"{paper_graph.number_of_nodes()} of {paper_graph.number_of_nodes()} nodes and "
        f"{paper_graph.number_of_edges()} of")


def test_legend_is_visible_and_lists_only_kinds_present(browser, page_file):
    page = Page(browser, page_file, {"width": 1280, "height": 720})
    try:
        box = page.page.locator("#legend").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 720
        kinds = page.page.locator("#legend .legend-group").all_inner_texts()
        assert "Country or region" not in " ".join(kinds) and "Other" not in kinds
        assert any("Global Innovation Cluster" in k for k in kinds)
        page.page.check("#show-hubs")
        kinds = page.page.locator("#legend .legend-group").all_inner_texts()
        assert any("Country or region" in k for k in kinds)
    finally:
        page.page.close()


def test_every_text_colour_pair_has_contrast_of_at_least_4_5(paper_page):
    pairs = paper_page.js("""(() => {
      const out = [];
      const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e)
        .backgroundColor; if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; }
        return 'rgb(255, 255, 255)'; };
      for (const e of document.querySelectorAll('body *')) {
        if (['SCRIPT', 'STYLE', 'CANVAS'].includes(e.tagName)) continue;
        const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
        if (own && e.getClientRects().length) out.push([getComputedStyle(e).color, bg(e), e.tagName]);
      }
      const net = eucanGraph.network;
      for (const id of net.body.nodeIndices) { const f = net.body.nodes[id].options.font;
        out.push([f.color, getComputedStyle(document.getElementById('graph')).backgroundColor,
                  'canvas label']); }
      return out; })()""")
    assert len(pairs) > 100
    low = [(fg, bg, tag, round(contrast(_rgb(fg), _rgb(bg)), 2)) for fg, bg, tag in pairs
           if contrast(_rgb(fg), _rgb(bg)) < 4.5]
    assert low == []


def test_path_page_lists_paths_with_citations_and_shows_every_highlighted_node(browser,
                                                                                path_file):
    page = Page(browser, path_file)
    try:
        assert page.errors == [] and page.outside == []
        items = page.page.locator("#paths > li").all_inner_texts()
        assert len(items) == 3
        # Box 5 / Table 1: SUAVE and Protein Industries Canada meet in Agri-Food.
        assert "SUAVE -[active in]-> Agri-Food" in items[0]
        assert "Agri-Food <-[active in]- Protein Industries Canada" in items[0]
        assert "cited in Box 5" in items[0] and "Table 1" in items[0]
        lit = page.js("""(() => { const out = []; const net = eucanGraph.network;
          for (const id of net.body.nodeIndices) if (net.body.nodes[id].options.borderWidth === 5)
            out.push(id); return out; })()""")
        assert SUAVE in lit and PIC in lit and ID + "ecosystem/agri-food" in lit
        r = page.page.locator("#graph").bounding_box()
        for node in lit:
            p = page.js(f"eucanGraph.network.canvasToDOM(eucanGraph.network.getPositions("
                        f"[{node!r}])[{node!r}])")
            assert 0 <= p["x"] <= r["width"] and 0 <= p["y"] <= r["height"], node
        page.page.screenshot(path=str(ARTIFACTS / "graph-path.png"))
        # Clicking a path focuses it: only its nodes keep the ring.
        page.page.locator("#paths > li").nth(1).click()
        assert "active" in page.page.locator("#paths > li").nth(1).get_attribute("class")
        ringed = page.js("""(() => { const out = []; const net = eucanGraph.network;
          for (const id of net.body.nodeIndices) if (net.body.nodes[id].options.borderWidth === 5)
            out.push(id); return out; })()""")
        assert SUAVE in ringed and PIC in ringed and len(ringed) < len(lit) + 3
    finally:
        page.page.close()


def test_paths_between_two_nodes_are_found_in_the_page(paper_page, paper_network,
                                                       paper_graph):
    from kg.network.paths import find_paths
    from kg.publish.viz import hub_nodes

    paper_page.page.fill("#path-from", "DESIRE")
    paper_page.page.fill("#path-to", "Digital Supercluster")
    paper_page.page.click("#path-go")
    items = paper_page.page.locator("#paths > li").all_inner_texts()
    assert len(items) >= 2
    # The page ranks like kg paths (shortest, then the more specific), hubs left out.
    best = find_paths(paper_network, DESIRE, DIGITAL, k=1, avoid=["Place"])[0]
    assert items[0].splitlines()[0] == " — ".join(best.labels)
    assert "cited in" in items[0]
    assert not any(paper_graph.nodes[n]["label"] in items[0].splitlines()[0]
                   for n in hub_nodes(paper_graph))


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


def test_focus_depth_does_not_walk_through_hub_places(paper_graph):
    from kg.publish.viz import hub_nodes

    hubs = hub_nodes(paper_graph)
    near = subgraph(paper_graph, SUAVE, 1, through=hubs)
    assert SUAVE in near and ID + "ecosystem/agri-food" in near
    assert PIC not in near  # two hops away, through Agri-Food
    two = subgraph(paper_graph, SUAVE, 2, through=hubs)
    assert PIC in two
    # Without the hubs as walls, depth 2 reaches most of the graph through the EU.
    assert subgraph(paper_graph, SUAVE, 2).number_of_nodes() > 2 * two.number_of_nodes()


def test_viz_focus_and_linkages_commands(tmp_path, capsys):
    import json
    import re

    from kg.cli import main

    out = tmp_path / "l.html"
    assert main(["viz", "--linkages", "3", "--out", str(out)]) == 0
    assert "3 paths or pairs" in capsys.readouterr().out
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', out.read_text(encoding="utf-8"),
                                re.S).group(1))
    assert len(data["paths"]) == 3 and all(p["steps"] for p in data["paths"])
    assert len({p["colour"] for p in data["paths"]}) == 3
    assert main(["viz", "--focus", "DESIRE", "--depth", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert int(re.match(r".*?: (\d+) nodes", printed).group(1)) < 60


def test_the_same_graph_builds_the_same_page(store, paper_graph):
    assert render_html(paper_graph, store) == render_html(paper_graph, store)
