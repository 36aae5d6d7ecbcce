"""The paper beside the graph (issue 32, item 5): the reading view ``/paper/``, each fact's
sentence in context, the tables of table and data-set pages, the static copy.

Facts come from the paper (/work/shared/seed/000_a91e641535a880c8.txt, shipped as
kg/data/paper/eccp-eu-canada-2023.md):

- section 3.3, paragraph 4: "The GIC programme is one of the Canadian government's central
  initiatives to overcome this "low-innovation equilibrium"<sup>54</sup> and enter an
  innovation- and productivity-driven growth path." (sentence 3, calling footnote 54; the
  graph holds the Global Innovation Clusters' objective from it), followed by "It was
  launched by the Canadian government's Department for Innovation, Science and" (sentence
  4, cut by the page break; the graph states nothing from it);
- Table 1 "Overview of the five Canadian Global Innovation Clusters": one column per
  cluster (Digital Supercluster, Scale AI, Canada's Ocean Supercluster, Protein Industries
  Canada, Next Generation Manufacturing), Protein Industries Canada's budget "$150 million
  (GIC) $173 million (ISI) $323 million (total)".
"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
from html import unescape
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from kg.core.namespaces import BASE

CLUSTERS = ["Digital Supercluster", "Scale AI", "Canada's Ocean Supercluster",
            "Protein Industries Canada", "Next Generation Manufacturing"]
GIC_SENTENCE = "section-3-3.p4.s3"  # "The GIC programme is one of …" (section 3.3)
PLAIN_SENTENCE = "section-3-3.p4.s4"  # "It was launched by …" (section 3.3)


class Page(HTMLParser):
    """The ids, links and elements (tag, attributes, text) of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: dict[str, dict[str, str]] = {}
        self.tags: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        found = {k: v or "" for k, v in attrs}
        if "href" in found:
            self.hrefs.append(found["href"])
        if "id" in found:
            self.ids[found["id"]] = found
            self.tags[found["id"]] = tag
            self.texts[found["id"]] = []
        if tag not in ("br", "img", "input", "meta", "link"):
            self.open.append(found.get("id", ""))

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        for name in self.open:
            if name:
                self.texts[name].append(data)

    def text(self, name: str) -> str:
        return "".join(self.texts[name])


@pytest.fixture(scope="module")
def client(store):
    from kg.serve.app import create_app

    app = create_app(store)
    with TestClient(app, base_url="http://127.0.0.1") as found:
        yield found
    app.state.kg.sandbox.close()


def _get(client, path: str) -> Page:
    answer = client.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    return Page(answer.text)


# -- the reading view --------------------------------------------------------------------

def test_a_quoted_sentence_is_marked_and_links_to_the_resources_it_speaks_of(client):
    """Section 3.3: the GIC sentence is marked and links to the Global Innovation
    Clusters (the programme whose objective the graph quotes from it)."""
    html = client.get("/paper/section-3-3/").text
    page = Page(html)
    assert "The GIC programme is one of the Canadian government" in page.text(GIC_SENTENCE)
    assert "quoted" in page.ids[GIC_SENTENCE]["class"]
    span = re.search(rf'<span id="{re.escape(GIC_SENTENCE)}".*?</span></span>', html).group(0)
    assert "<mark>The GIC programme is one of" in span
    assert re.search(r'<a href="/id/programme/gic">Global Innovation Clusters</a>', span)


def test_a_sentence_with_no_statement_stays_plain(client):
    """Section 3.3, paragraph 4, sentence 4 ("It was launched by …"): nothing in the
    graph quotes it, so it is neither marked nor linked."""
    html = client.get("/paper/section-3-3/").text
    page = Page(html)
    assert page.text(PLAIN_SENTENCE).startswith("It was launched by the Canadian government")
    assert page.ids[PLAIN_SENTENCE]["class"] == "unit"
    span = re.search(rf'<span id="{re.escape(PLAIN_SENTENCE)}".*?</span>', html).group(0)
    assert "<mark>" not in span and "<a " not in span


def test_a_footnote_is_shown_with_the_sentence_that_calls_it(client):
    """Footnote 54 is called from the GIC sentence (section 3.3): the sentence links to it
    and it is on the same page; its own address leads there."""
    html = client.get("/paper/section-3-3/").text
    page = Page(html)
    assert "#footnote-54.text" in page.hrefs and "footnote-54.text" in page.ids
    # sentence 2 calls footnotes 52 and 53: two calls, not "5253"
    assert re.search(r'>52</a>,<a href="#footnote-53.text"', html)
    # after the paragraph of its calling sentence, before the next paragraph
    assert html.index(f'id="{GIC_SENTENCE}"') < html.index("Footnote 54:") \
        < html.index('id="section-3-3.p5.s1"')
    answer = client.get("/paper/footnote-54/", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/paper/section-3-3/#footnote-54.text"


def test_table_1_is_an_html_table_with_its_head_row_and_a_csv(client):
    """Table 1: one column per cluster, the clusters' names heading the columns; the CSV
    has the same rows, among them Protein Industries Canada's $323 million budget."""
    html = client.get("/paper/table-1/").text
    heads = [unescape(h) for h in re.findall(r'<th scope="col"[^>]*>(?:<mark>)?([^<]*)', html)]
    assert heads == ["DIGITAL SUPERCLUSTER", "SCALE AI", "CANADA'S OCEAN SUPERCLUSTER",
                     "Protein Industries Canada", "NGen Next Generation Manufacturing Canada"]
    page = Page(html)
    assert "/paper/table-1.csv" in page.hrefs
    # the caption is quoted (Table 1's label) but does not link to the page's own place
    assert "quoted" in page.ids["table-1.caption"]["class"]
    caption = re.search(r'<span id="table-1.caption".*?</span>', html).group(0)
    assert "<mark>Table 1: Overview" in caption and "<a " not in caption
    assert all(name.replace("'", "&#39;") in html for name in CLUSTERS)
    answer = client.get("/paper/table-1.csv")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[1] == CLUSTERS and len(rows) == 6 and all(len(r) == 5 for r in rows)
    assert rows[3][3] == "$150 million (GIC) $173 million (ISI) $323 million (total)"


def test_the_contents_list_the_places_in_the_papers_order(client):
    """Section 3.3, then Table 1 (printed in it), then Box 2 and section 4; footnotes are
    read with their sentences, not listed."""
    hrefs = [h for h in _get(client, "/paper/").hrefs if h.startswith("/paper/")]
    order = [hrefs.index(f"/paper/{p}/") for p in
             ("executive-summary", "section-3-3", "table-1", "box-2", "section-4")]
    assert order == sorted(order)
    assert not any(h.startswith("/paper/footnote-") for h in hrefs)
    assert client.get("/paper", follow_redirects=False).headers["location"] == "/paper/"


# -- resource pages ----------------------------------------------------------------------

def test_each_quoted_fact_links_to_its_sentence_in_context(client):
    """The Global Innovation Clusters' objective "overcome this low-innovation equilibrium
    …" links to section 3.3's GIC sentence; every such link names an anchor that is on
    the page it names."""
    html = client.get("/id/programme/gic/").text
    links = sorted(set(re.findall(r'class="in-context" href="([^"]+)"', html)))
    assert f"/paper/section-3-3/#{GIC_SENTENCE}" in links
    pages: dict[str, Page] = {}
    for link in links:
        path, anchor = link.split("#")
        page = pages.get(path) or pages.setdefault(path, _get(client, path))
        assert anchor in page.ids, link


def test_table_and_data_set_pages_show_the_table_and_its_csv(client):
    """Table 1's place and its data set show the table (the five clusters head its
    columns) and offer its CSV."""
    for path in ("/id/source/table-1/", "/id/dataset/table-1-dataset/"):
        html = client.get(path).text
        assert re.search(r'<th scope="col"[^>]*>(<mark>)?Protein Industries Canada<', html), path
        assert 'href="/paper/table-1.csv"' in html, path
    assert 'href="/paper/table-1/"' in client.get("/id/source/table-1/").text
    # a unit's page and a footnote's lead to where they stand in the paper
    assert f'href="/paper/section-3-3/#{GIC_SENTENCE}"' in client.get(
        "/id/source/section-3-3/p4/s3/").text
    assert 'href="/paper/section-3-3/#footnote-54.text"' in client.get(
        "/id/source/footnote-54/").text
    # an entity derived from Table 1 does not carry the table
    assert '<th scope="col"' not in client.get("/id/cluster/scale-ai/").text


def test_every_link_of_the_reading_view_resolves_on_kg_serve(client, store):
    """Every page of the reading view; each link to it names an anchor on it; each link to
    a resource names one the graph describes."""
    from kg.serve.site import Site

    site = Site(store)
    contents = _get(client, "/paper/")
    paths = sorted({h for h in contents.hrefs if h.startswith("/paper/")})
    pages = {p: _get(client, p) for p in paths}
    broken = []
    for path, page in pages.items():
        for href in set(page.hrefs):
            target, _, anchor = href.partition("#")
            target = target or path
            if target.startswith("/paper/") and target.endswith("/"):
                found = pages.get(target) or pages.setdefault(target, _get(client, target))
                if anchor and anchor not in found.ids:
                    broken.append(f"{path}: {href}")
            elif target.endswith(".csv"):
                if client.get(target).status_code != 200:
                    broken.append(f"{path}: {href}")
            elif target.startswith("/id/"):
                if not site.exists(BASE + urllib.parse.unquote(target)):
                    broken.append(f"{path}: {href}")
    assert len(pages) > 40 and broken == []


def test_kg_site_writes_the_reading_view_and_every_link_resolves(store):
    """The static pages (kg site): every /paper/ link names a written page (and an anchor
    on it), every CSV link a written CSV, every resource link a described resource."""
    from kg.core.namespaces import ID
    from kg.core.resources import internal_query as internal
    from kg.serve.app import templates
    from kg.serve.reading_pages import paper_files
    from kg.serve.site import Site

    env = templates()
    site = Site(store)

    def render(name, **values):
        return env.get_template(name).render(title="t", base=BASE, static=True,
                                             **values).encode()

    files = paper_files(site, render)
    assert "paper/index.html" in files and "paper/section-3-3/index.html" in files
    assert files["paper/table-1.csv"].decode().splitlines()[1].split(",")[:2] == CLUSTERS[:2]
    pages = {name: Page(data.decode()) for name, data in files.items()
             if name.endswith(".html")}
    described = {row["s"].value[len(BASE):] for row in
                 store.select(internal("resources-under-base"), {"base": __import__(
                     "pyoxigraph").Literal(ID)})}
    broken = []
    for name, page in pages.items():
        for href in set(page.hrefs):
            target, _, anchor = href.partition("#")
            if target.startswith("/paper/"):
                file = target.lstrip("/") + ("index.html" if target.endswith("/") else "")
                if file not in files or (anchor and anchor not in pages[file].ids):
                    broken.append(f"{name}: {href}")
            elif target.startswith("/id/") and target not in described:
                broken.append(f"{name}: {href}")
    assert broken == []


@pytest.mark.slow
def test_kg_site_writes_paper_pages_beside_the_resource_pages(store, tmp_path):
    """``write_site`` itself: the reading view's files, and a resource page whose facts
    link to sentences that are in the written pages."""
    from kg.serve.export import write_site

    out = tmp_path / "site"
    write_site(store, out)
    assert (out / "paper" / "index.html").is_file()
    assert (out / "paper" / "table-1.csv").read_text().splitlines()[1].startswith(
        "Digital Supercluster,Scale AI")
    html = (out / "id" / "programme" / "gic" / "index.html").read_text()
    for link in set(re.findall(r'class="in-context" href="([^"]+)"', html)):
        path, anchor = link.split("#")
        page = Page((out / path.lstrip("/") / "index.html").read_text())
        assert anchor in page.ids, link


# -- in Chromium -------------------------------------------------------------------------

def test_in_chromium_a_fact_link_lands_on_the_marked_sentence(browser, tmp_path):
    """On the Global Innovation Clusters' page, "read in context" beside the objective
    quoted from section 3.3 opens section 3.3 at the GIC sentence, marked and in view."""
    from tests.tools import kg_serve

    with kg_serve(cwd=tmp_path) as (base, _process):
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            page.goto(base + "/id/programme/gic/")
            link = page.locator(f'a.in-context[href="/paper/section-3-3/#{GIC_SENTENCE}"]')
            link.first.click()
            page.wait_for_url(f"**/paper/section-3-3/#{GIC_SENTENCE}")
            target = page.locator(":target")
            assert target.get_attribute("id") == GIC_SENTENCE
            assert "quoted" in target.get_attribute("class")
            assert target.locator("mark").inner_text().startswith("The GIC programme is one")
            box = target.bounding_box()
            assert box is not None and box["y"] + box["height"] > 0 and box["y"] < 768  # in view
            assert target.locator('a[href="/id/programme/gic"]').count() == 1
        finally:
            page.close()
