"""The pages a person reads, in headless Chromium at 1366×768 on ``kg serve`` (issue 32,
items 1, 2 and 7): three page loads, each saved as a screenshot in /tmp (s1-*.png).

From the paper: Table 3 (section 4.1.2) gives Protein Industries Canada's project
partnerships as SMEs 192, large firms 48, research organisations 77, other 102, total
419; section 2.2 the EU27's 2021 trade surplus with Canada, EUR 13.89 billion; Figure 24
bioXclusters plus, with partners in Germany, on personalised healthcare.
"""

from __future__ import annotations

import pytest

from tests.tools import kg_serve

pytestmark = pytest.mark.browser
SHOTS = "/tmp/s1-{}.png"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with kg_serve(cwd=tmp_path_factory.mktemp("serve")) as (url, _process):
        yield url


@pytest.fixture()
def tab(browser, base):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page
    page.close()
    assert errors == []


def test_protein_industries_canadas_figures_say_what_they_count(tab, base):
    tab.goto(base + "/id/cluster/protein-industries-canada/")
    table3 = tab.locator("h3.figure-place", has_text="Table 3").locator(
        "xpath=following-sibling::table[1]")
    rows = {cells[1]: cells[2] for cells in (
        row.locator("td").all_inner_texts() for row in table3.locator("tr").all())
        if cells and cells[0] == "Project partnerships"}
    assert rows["SMEs"] == "192 project partnerships"
    assert rows["Large companies"] == "48 project partnerships"
    assert rows["Total"] == "419 project partnerships"
    budget = tab.locator("h3.figure-place", has_text="Table 1").locator(
        "xpath=following-sibling::table[1]").inner_text()
    assert "CAD 323 million" in budget and "$323 million (total)" in budget
    assert tab.locator("#figures-csv").get_attribute("href") == "?figures=csv"
    assert "Global Innovation Cluster" in tab.inner_text(".kind")
    tab.screenshot(path=SHOTS.format("protein-industries-canada"), full_page=True)


def test_an_observation_reads_in_words_with_each_quote_once(tab, base):
    tab.goto(base + "/id/observation/trade-surplus-2021/")
    assert "EUR 13.89 billion" in tab.inner_text("h1")
    facts = tab.locator("main table").first.inner_text()
    assert "31 December 2021" in facts and "(decimal)" not in facts and "dataSet" not in facts
    quotes = tab.locator(".stated[id^=quote-]").all_inner_texts()
    assert len(quotes) == len(set(quotes)) <= 4  # nine facts, four sentences of the paper
    assert tab.locator(".stated").count() > 2 * len(quotes)
    tab.locator(".stated", has_text="same words:").first.locator("a").click()
    assert tab.evaluate("location.hash").startswith("#quote-")
    tab.screenshot(path=SHOTS.format("observation"), full_page=True)


def test_the_explorer_puts_a_specific_path_before_the_hubs(tab, base):
    tab.goto(base + "/paths")
    tab.fill("#path-from", "bioXclusters plus")
    tab.fill("#path-to", "Protein Industries Canada")
    tab.click("button:has-text('Find paths')")
    tab.wait_for_selector("ol.paths")
    first = tab.locator("ol.paths > li").first
    chain = first.locator("strong").inner_text()
    assert "Canada —" not in chain.replace("Protein Industries Canada", "")
    assert "European Union" not in chain
    assert first.locator(".stated").count() >= 1
    tab.screenshot(path=SHOTS.format("paths"), full_page=True)
