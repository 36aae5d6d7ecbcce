"""Ten everyday tasks of an EU or Canadian policy analyst, as scripted Chromium journeys on
``kg serve`` with no SPARQL (issue 32, "Done means"), each at 1366×768 and at 390×844.

Each journey starts at the home page and goes on only as a person would: typing in a
search box, clicking links and buttons, choosing filters (no address is typed but the home
page's). At 390×844 every page a journey visits must not scroll sideways, and the journey
leaves a screenshot of its last page in /tmp/journeys/NN-name.png.

1. The GICs in agri-food with their budgets: Lists → Global Innovation Clusters → ecosystem
   Agri-Food → Protein Industries Canada, CAD 150 + 173 = 323 million (Table 1).
2. The ESCP-4i partnerships targeting Canada that involve Spain: Lists → ESCP-4i
   partnerships → country Spain, target market Canada → the 21 rows of Figure 24 (Annex)
   that list Spain (Figure 13 counts the exchanges of these partnerships).
3. The 2019 ISED–DG GROW arrangement: search "administrative arrangement 2019" → its page:
   the two signatories, the year, and the paper's words (executive summary; section 5.2;
   footnotes 74 and 75), then the sentence in the reading view.
4. A path from a German partnership to a Canadian cluster with why: Lists → ESCP-4i
   partnerships → Germany, mobility → MobiGoIn; Linkage explorer → MobiGoIn to Next
   Generation Manufacturing Canada; each step with the place of the paper that states it,
   Figure 24's row quoted (MobiGoIn: Sweden, Italy, France, Germany).
5. The figures the paper gives twice: search "European Union" → its figures: EU27 imports
   from Canada in 2021, EUR 24.9 billion (executive summary) and EUR 24.3 billion (section
   2.2), with the note; search "Digital Supercluster" → 1,228 members (Figure 9) and
   "1000+ Organisations" (Box 6).
6. The EU's 2021 trade surplus and its source: search "surplus 2021" → EUR 13.89 billion,
   stated in section 2.2 and the executive summary; "read in context" → section 2.2.
7. The best EU–Canada pairs for health: Linkage scores → shared ecosystem Health → every
   pair shares Health, its GICs are the two the paper puts in health (Digital Supercluster,
   Scale AI: section 5.2), and bioXclusters plus (Figure 24, personalised healthcare) is
   among the EU actors.
8. The 14 industrial ecosystems in the paper's order: The paper → Box 1 → 1. Tourism …
   14. Health.
9. Québec's cluster policy and what it funds: search "quebec cluster" → Zones d'Innovation
   (Box 4): CAD 690 million over five years for the two zones (Bromont microelectronics,
   Sherbrooke quantum technology), initiated in 2019.
10. A table's data as CSV: The paper → Table 3 → "This table as CSV": Protein 192, 48, 77,
    102, 419; Total 1171, 329, 364, 444, 2308 (Table 3, section 4.1.2).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.tools import kg_serve

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/journeys")
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with kg_serve(cwd=tmp_path_factory.mktemp("serve")) as (url, _process):
        yield url


class Journey:
    """One person's walk through the site: every arrival on a page is checked (no
    sideways scroll on a phone) and remembered."""

    def __init__(self, page, base: str, phone: bool) -> None:
        self.page, self.base, self.phone, self.visited = page, base, phone, []

    def arrived(self) -> None:
        self.page.wait_for_load_state()
        self.visited.append(self.page.url)
        if self.phone:
            widths = self.page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1], f"{self.page.url} scrolls sideways: {widths}"

    def home(self) -> None:
        self.page.goto(self.base + "/")
        self.arrived()

    def click(self, locator) -> None:
        with self.page.expect_navigation():
            locator.click()
        self.arrived()

    def link(self, name: str, within: str = "body") -> None:
        self.click(self.page.locator(within).get_by_role("link", name=name, exact=True).first)

    def search(self, words: str, pick: str = "", box: str = "#site-search") -> None:
        self.page.fill(box, words)
        with self.page.expect_navigation():
            self.page.press(box, "Enter")
        self.arrived()
        if pick and "/search" in self.page.url:
            self.link(pick, "main")

    def choose(self, select: str, text: str) -> None:
        option = self.page.locator(f"{select} option").filter(
            has_text=re.compile(rf"^\s*{re.escape(text)}( \(\d+\))?\s*$"))
        self.page.select_option(select, label=option.first.inner_text().strip())

    def rows(self, table: str = "main table") -> list[list[str]]:
        return [r for r in (row.locator("td").all_inner_texts()
                            for row in self.page.locator(table).first.locator("tr").all()) if r]

    def shot(self, name: str) -> None:
        if self.phone:
            SHOTS.mkdir(exist_ok=True)
            self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(params=list(VIEWPORTS))
def walk(request, browser, base):
    page = browser.new_page(viewport=VIEWPORTS[request.param], accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    journey = Journey(page, base, request.param == "phone")
    journey.home()
    yield journey
    page.close()
    assert errors == []


def figures(walk: Journey, place: str) -> str:
    """The text of the figures table under the heading naming ``place``."""
    return walk.page.locator("h3.figure-place", has_text=place).first.locator(
        "xpath=following-sibling::table[1]").inner_text()


def test_01_agri_food_clusters_with_budgets(walk):
    walk.link("Lists")
    walk.link("Global Innovation Clusters", "main")
    walk.choose("select[name=ecosystem]", "Agri-Food")
    walk.click(walk.page.locator("#filters button[type=submit]"))
    names = [r[0] for r in walk.rows()]
    assert names == ["Protein Industries Canada"]  # Table 1: the GIC for agri-food
    walk.link("Protein Industries Canada", "main table")
    budget = figures(walk, "Table 1")  # Table 1: $150m (GIC) $173m (ISI) $323m (total)
    assert "CAD 323 million" in budget and "$323 million (total)" in budget
    assert "CAD 150 million" in budget and "CAD 173 million" in budget
    walk.shot("01-agri-food-budgets")


#: Figure 24 (Annex): the ESCP-4i partnerships targeting Canada whose row lists Spain.
SPAIN = {"SPACE2ID", "EACP ABROAD", "bioXclusters plus", "REINA PLUS", "ELBE", "DIA", "FoodNet",
         "GEO-ENERGY EUROPE", "LASER-GO GLOBAL", "AdPack²", "NF4", "C2Future", "ELCA4i",
         "PRESTIGIOUS", "FASCINATE", "EUT", "ELBE PLUS", "eT4S", "ADMANTEX2i",
         "F2F Health Matters", "FGOI"}


def test_02_partnerships_targeting_canada_with_spain(walk):
    walk.link("Lists")
    walk.link("ESCP-4i partnerships", "main")
    walk.choose("select[name=country]", "Spain")
    walk.choose("select[name=market]", "Canada")
    walk.click(walk.page.locator("#filters button[type=submit]"))
    assert "Showing 21 of 39" in walk.page.inner_text("main")
    assert {r[0] for r in walk.rows()} == SPAIN
    walk.shot("02-spain-partnerships")


def test_03_the_2019_arrangement_its_signatories_and_words(walk):
    walk.search("administrative arrangement 2019", "Administrative Arrangement on Cluster "
                "Cooperation", box="#q-home")
    assert walk.page.inner_text("h1") == "Administrative Arrangement on Cluster Cooperation"
    facts = walk.page.locator("main table", has_text="party").last
    party = facts.locator("tr", has_text="party").first.inner_text()
    assert "Innovation, Science and Economic Development Canada" in party
    assert "Directorate-General for Internal Market, Industry, Entrepreneurship and SMEs" in party
    year = facts.locator("tr", has_text="start year").first.locator("td").nth(1).inner_text()
    assert year.splitlines()[0].strip() == "2019"  # executive summary: "established in 2019"
    said = ("an administrative agreement between Canada's Department of Industry and the EU's "
            "Directorate-General for Internal Market, Industry, Entrepreneurship and SMEs "
            "(DG GROW) was established in 2019.")
    quote = walk.page.locator(".stated", has_text=said).first
    walk.click(quote.get_by_role("link", name="read in context"))
    assert "/paper/executive-summary/" in walk.page.url
    assert said in walk.page.locator(":target").inner_text()
    walk.shot("03-arrangement-2019")


def test_04_a_path_from_a_german_partnership_to_a_canadian_cluster(walk):
    walk.link("Lists")
    walk.link("ESCP-4i partnerships", "main")
    walk.choose("select[name=country]", "Germany")
    walk.choose("select[name=ecosystem]", "Mobility, Transport & Automotive")
    walk.click(walk.page.locator("#filters button[type=submit]"))
    assert [r[0] for r in walk.rows()] == ["MobiGoIn", "MobiGoIn-Action"]  # Figure 24
    walk.link("Linkage explorer")
    walk.page.fill("#path-from", "MobiGoIn")
    walk.page.fill("#path-to", "Next Generation Manufacturing Canada")
    walk.click(walk.page.get_by_role("button", name="Find paths"))
    paths = walk.page.locator("ol.paths > li")
    assert "(2 steps)" in paths.first.inner_text()
    german = paths.filter(has=walk.page.locator("strong", has_text="Germany")).first
    steps = german.locator("ul > li")
    assert steps.count() == 2
    for step in steps.all():  # each step says where the paper states it
        assert step.locator(".cite").inner_text().startswith("cited in ")
        assert step.locator(".stated a").count() >= 1
    # Figure 24, row 3: "MobiGoIn Mobility Goes International • Sweden • Italy • France • Germany"
    assert "MobiGoIn Mobility Goes International" in steps.first.locator(".stated").inner_text()
    assert "Germany" in steps.first.locator(".stated").inner_text()
    walk.shot("04-german-partnership-path")


def test_05_the_figures_the_paper_gives_twice(walk):
    walk.search("European Union", "European Union", box="#q-home")
    # executive summary: "imported goods from Canada worth EUR 24.9 billion in 2021";
    # section 2.2: "imported goods from Canada with a trading volume of EUR 24.3 billion"
    assert "EUR 24.9 billion" in figures(walk, "Executive Summary")
    assert "EUR 24.3 billion" in figures(walk, "2.2 Key value chains")
    assert "section 2.2 gives EUR 24.3 billion for the same 2021 imports" in walk.page.inner_text(
        "main")
    walk.search("Digital Supercluster", "Digital Supercluster")
    members = figures(walk, "Figure 9") + figures(walk, "Box 6")
    assert "1,228 members" in members  # Figure 9: "Digital Supercluster 1,228"
    assert "1000+ Organisations" in members and "at least 1,000 members" in members  # Box 6
    walk.shot("05-figures-given-twice")


def test_06_the_eu_trade_surplus_and_its_source(walk):
    walk.search("surplus 2021", "European Union — Trade in goods (Total) with Canada: "
                "EUR 13.89 billion, 2021", box="#q-home")
    assert "EUR 13.89 billion" in walk.page.inner_text("h1")
    stated = walk.page.inner_text("#citations")
    assert "2.2 Key value chains" in stated and "Executive Summary" in stated
    # section 2.2, p1 s2: "... leading to a trade surplus of EUR 13.89 billion for the EU"
    quote = walk.page.locator(".stated", has_text="leading to a trade surplus").first
    walk.click(quote.get_by_role("link", name="read in context"))
    assert "/paper/section-2-2/" in walk.page.url
    assert "trade surplus of EUR 13.89 billion" in walk.page.locator(":target").inner_text()
    walk.shot("06-trade-surplus")


def test_07_the_best_pairs_for_health(walk):
    walk.link("Linkage scores")
    walk.choose("#linkage-filters select[name=ecosystem]", "Health")
    walk.click(walk.page.locator("#linkage-filters button[type=submit]"))
    rows = walk.rows()
    assert rows
    scores = [int(r[2]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert all("Health" in r[3] for r in rows)
    # section 5.2: "the Digital Supercluster in digital technologies and health; Scale AI in
    # health and transport"
    assert {r[1] for r in rows} <= {"Digital Supercluster", "Scale AI"}
    assert "bioXclusters plus" in {r[0] for r in rows}  # Figure 24: personalised healthcare
    walk.shot("07-health-pairs")


#: Box 1: "The EU has identified 14 Industrial ecosystems which are: 1. Tourism ..."
ECOSYSTEMS = ["Tourism", "Aerospace and Defence", "Retail", "Digital",
              "Creative & Cultural Industries", "Textiles", "Proximity & Social Economy",
              "Construction", "Energy Intensive Industries", "Electronics", "Agri-Food",
              "Renewable Energy", "Mobility, Transport & Automotive", "Health"]


def test_08_the_fourteen_ecosystems_in_the_papers_order(walk):
    walk.link("The paper")
    walk.link('Box 1: The concept of "EU Industrial Ecosystems"', "main")
    text = walk.page.inner_text("main")
    found = dict((int(n), name.strip()) for n, name in
                 re.findall(r"(?m)(?:^|\t|\s)(\d{1,2})\. ([A-Z][^\t\n]*?)(?=\s+\d{1,2}\. |\t|\n|$)",
                            text))
    assert [found[n] for n in range(1, 15)] == ECOSYSTEMS
    walk.shot("08-fourteen-ecosystems")


def test_09_quebecs_cluster_policy_and_what_it_funds(walk):
    walk.search("quebec cluster", box="#q-home")
    walk.link("Zones d'Innovation", "main")
    assert walk.page.inner_text("h1") == "Zones d'Innovation"
    box4 = figures(walk, "Box 4")
    # Box 4: "a total contribution of CAD 690 million (EUR 481 million) over five years for
    # the two confirmed zones d'innovation"
    assert "CAD 690 million" in box4 and "EUR 481 million" in box4 and "five years" in box4
    main = walk.page.inner_text("main")
    assert "Zone d'innovation on microelectronics (Bromont)" in main
    assert "Zone d'innovation on quantum technology (Sherbrooke)" in main
    year = walk.page.locator("main tr", has_text="start year").first.locator("td").nth(1)
    assert year.inner_text().splitlines()[0].strip() == "2019"  # Box 4: "Initiated in 2019"
    walk.shot("09-quebec-zones-innovation")


def test_10_a_tables_data_as_csv(walk):
    walk.link("The paper")
    walk.link("Table 3: Partnership composition across Global Innovation Clusters, by number "
              "and percentage", "main")
    walk.arrived()
    with walk.page.expect_download() as info:
        walk.page.get_by_role("link", name="This table as CSV").click()
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows[0][1:] == ["SMEs", "Large firms", "Research organisations", "Other", "Total"]
    by_name = {r[0]: r[1:] for r in rows if r and r[0]}
    assert by_name["Protein"] == ["192", "48", "77", "102", "419"]  # Table 3
    assert by_name["Total"] == ["1171", "329", "364", "444", "2308"]
    walk.shot("10-table-3-csv")
