"""The site on a phone (390×844) and on a laptop (1366×768), in Debian's Chromium (issue 32,
item 6): no page scrolls sideways, the neighbourhood picture scales, wide tables scroll in
their own box, the picture keeps the screen's width with its panel folded, and its legend
never covers the "Selected" panel.

The pages are those of ``kg serve`` on the paper's graph; their facts come from the paper
(/work/shared/seed/000_a91e641535a880c8.txt): Protein Industries Canada's budget figures
(Table 1, "Overview of the five Canadian Global Innovation Clusters"), the European Union's
many relations (Section 4.2 and after), the linkage explorer's DESIRE → Digital Supercluster
(Box 5 and Table 1).
"""

from __future__ import annotations

import pytest

from tests.tools import kg_serve

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
ID = "https://w3id.org/eucan/id/"
PIC = "/id/cluster/protein-industries-canada/"
EU = ID + "country/european-union"

#: One address per page type of the site (the picture last: it loads the most).
PAGES = {
    "home": "/",
    "resource": PIC,  # Table 1: five budget figures, a wide figures table
    "resource-hub": "/id/country/european-union/",  # a long neighbourhood and fact list
    "search": "/search?q=cluster",
    "queries": "/queries",
    "query": "/queries/bibliography?run=1",
    "paths": "/paths?from=DESIRE&to=Digital+Supercluster",
    "linkages": "/linkages",
    "ontology": "/ontology",
    "not-found": "/id/nothing-is-called-this",
    "graph": "/graph",
}


@pytest.fixture(scope="module")
def site():
    with kg_serve() as (base, _):
        yield base


def _open(browser, base: str, path: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + path)
    if path.startswith("/graph"):
        page.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)
    page.errors = errors
    return page


@pytest.fixture()
def phone(browser, site):
    pages = []

    def open_(path: str, viewport: dict = PHONE):
        pages.append(_open(browser, site, path, viewport))
        return pages[-1]

    yield open_
    for page in pages:
        page.close()


#: The widest element sticking out of the page, for the failure message.
_OVERFLOW = """() => { const w = document.documentElement.clientWidth;
  return [document.documentElement.scrollWidth, w, Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > w + 1 && e.offsetParent !== null
            && !e.closest('table, pre'))
    .slice(0, 3).map(e => e.tagName + '#' + e.id + '.' + e.className)]; }"""


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390x844", "1366x768"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_scrolls_sideways(phone, name, viewport):
    page = phone(PAGES[name], viewport)
    scroll_width, client_width, wide = page.evaluate(_OVERFLOW)
    assert scroll_width <= client_width, (name, wide)
    assert page.errors == []


def test_neighbourhood_picture_scales_and_its_links_are_not_inside_an_image(phone):
    page = phone(PIC)
    svg = page.locator("main svg").first
    box = svg.bounding_box()
    assert box["width"] <= 390 - 2 * 12 + 1  # within main's padding
    assert svg.get_attribute("viewBox") == "0 0 600 340"
    # Links inside role="img" are hidden from assistive technology (axe: nested-interactive).
    assert svg.get_attribute("role") != "img"
    assert svg.locator("a").count() > 3
    assert svg.get_attribute("aria-label").startswith("Protein Industries Canada")


def test_wide_table_scrolls_in_its_own_box(phone):
    page = phone(PIC)
    # The figures table of Table 1: six columns, wider than a phone.
    table = page.locator("main table").first
    inner, outer = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert inner > outer  # it scrolls inside itself …
    assert table.bounding_box()["width"] <= 390  # … within the screen
    table.evaluate("t => { t.scrollLeft = t.scrollWidth; }")
    assert table.evaluate("t => t.scrollLeft") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_picture_keeps_the_screens_width_with_its_panel_folded(phone):
    page = phone("/graph")
    graph = page.locator("#graph").bounding_box()
    assert graph["width"] >= 389 and graph["height"] >= 844 * 0.6
    toggle = page.locator("#panel-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#info").is_visible()
    # Search works folded; the status line says what was found.
    page.fill("#search", "SCALE AI")
    page.press("#search", "Enter")
    assert "Scale AI" in page.inner_text("#search-status")
    # Unfolded: the panel shows the selection, the picture keeps its width.
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#info").is_visible() and "Scale AI" in page.inner_text("#info")
    page.wait_for_timeout(100)
    assert page.locator("#graph").bounding_box()["width"] >= 389
    assert page.locator("#graph").bounding_box()["height"] >= 844 * 0.35
    assert page.evaluate("eucanGraph.network.canvas.frame.canvas.clientWidth") >= 389
    toggle.click()
    assert not page.locator("#info").is_visible()


def test_picture_on_a_laptop_has_its_panel_open_and_no_fold_button(phone):
    page = phone("/graph", LAPTOP)
    assert not page.locator("#panel-toggle").is_visible()
    assert page.locator("#info").is_visible()
    assert page.locator("#graph").bounding_box()["width"] >= 1366 - 340


def test_legend_never_covers_the_selected_panel(phone):
    page = phone("/graph#" + EU, LAPTOP)  # the EU: the longest panel of facts
    legend = page.locator("#legend").bounding_box()
    assert legend["y"] >= 0 and legend["y"] + legend["height"] <= 768  # in view
    assert "European Union" in page.inner_text("#info")
    # Wherever the panel is scrolled, each point of "Selected" that shows is "Selected".
    for where in ("start", "end"):
        page.locator("#info").evaluate(f"e => e.scrollIntoView({{block: '{where}'}})")
        hidden = page.evaluate("""() => {
          const info = document.getElementById('info'), box = info.getBoundingClientRect();
          const view = document.getElementById('side-scroll').getBoundingClientRect();
          const out = [];
          for (let y = Math.max(box.top, view.top) + 2; y < Math.min(box.bottom, view.bottom) - 2; y += 7)
            for (const x of [box.left + 4, (box.left + box.right) / 2, box.right - 4]) {
              const hit = document.elementFromPoint(x, y);
              if (!info.contains(hit)) out.push([x, y, hit && (hit.id || hit.tagName)]);
            }
          return out; }""")
        assert hidden == [], hidden[:5]
    overlap = page.evaluate("""() => {
      const a = document.getElementById('legend').getBoundingClientRect();
      const b = document.getElementById('side-scroll').getBoundingClientRect();
      return Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)); }""")
    assert overlap == 0
