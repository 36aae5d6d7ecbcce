"""Shared fixtures: the built graph (once per session) and a copy of the data folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.data.load import data_files, load_records
from kg.store.embedded import Store
from kg.store.open import build_graph

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _fresh_working_folder(tmp_path_factory):
    """Run from an empty folder, so that commands use the package data and not whatever
    out/ a developer has built (kg query, push and serve read out/eucan.nt when present)."""
    previous = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    yield
    os.chdir(previous)


@pytest.fixture(scope="session")
def records():
    return load_records()


@pytest.fixture(scope="session")
def store(records) -> Store:
    return build_graph(records)


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of kg/data/ to break on purpose."""
    target = tmp_path / "data"
    target.mkdir()
    for source in data_files():
        shutil.copyfile(str(source), target / source.name)
    return target


def pytest_terminal_summary(terminalreporter) -> None:
    """Print what the independent tools said (rapper, N3.js, OWL API, HermiT)."""
    from tests.tools import REPORT

    if REPORT:
        terminalreporter.section("independent tools")
        for line in REPORT:
            terminalreporter.write_line(line)


#: Debian's Chromium, driven by Playwright in the browser tests.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (one per test session); skips, or fails under
    ``EUCAN_REQUIRE_TOOLS=1``, when Playwright or Chromium is missing."""
    from tests.tools import require

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package is not installed (pip install -e '.[test]')")
    require(Path(CHROMIUM).exists(), "Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


#: Test files whose tests start servers, browsers, Java or Node tools, kill builds, build
#: whole outputs or stores of many triples: the slow tier (``pytest -m slow``; ``make
#: test-fast`` leaves it). ``python tools/fast_tier.py`` lists the kg modules the fast
#: tier then leaves without a test (there must be none).
SLOW_FILES = ("test_safety.py", "test_scale.py", "test_remote.py", "test_linked_data.py",
              "test_interop.py", "test_site.py", "test_viz.py", "test_standards.py",
              "test_saved_projection.py", "test_shacl_engines.py", "test_safety_low.py",
              "test_safety_serve.py", "test_readme.py", "test_docs.py",
              "test_safety_remote.py", "test_reuse.py", "test_export.py",
              "test_journeys.py")
#: Single tests of the other files that take seconds on purpose (``file::name``; every
#: parameter of a parametrised test): whole builds, the rdflib engine against Oxigraph,
#: regenerating kg/data/quotes.json, mypy, the benchmark, pytest in pytest.
SLOW_TESTS = (
    "test_cli.py::test_build_writes_every_format_and_prints_a_summary",
    "test_cli.py::test_broken_reference_exits_1_with_one_line_and_keeps_previous_output",
    "test_graph_source.py::test_stats_validate_and_query_read_the_same_graph_the_build_made",
    "test_graph_source.py::test_the_build_records_its_data_folder",
    "test_graph_source.py::test_the_rule_picks_endpoint_store_data_out_package_in_that_order",
    "test_graph_source.py::test_data_given_on_the_command_line_is_read_instead_of_out",
    "test_graph_source.py::test_two_choices_at_once_are_refused_in_one_line",
    "test_graph_source.py::test_a_relation_its_quote_does_not_prove_stops_the_build",
    "test_network.py::test_projection_is_the_same_on_both_engines",
    "test_queries.py::test_every_named_query_gives_the_same_answer_on_both_engines",
    "test_provenance.py::test_the_quote_file_is_what_the_locator_makes_from_the_paper",
    "test_tooling.py::test_mypy_finds_no_error_in_the_package",
    "test_tooling.py::test_kg_bench_names_its_extra_when_pyshacl_is_missing",
    "test_tooling.py::test_the_browser_fixture_skips_without_playwright",
    "test_fast_tier.py::test_every_kg_module_keeps_a_fast_test",
    # the coverage of the whole paper, and builds of changed data (tens of seconds each)
    "test_provenance.py::test_every_stored_quote_occurs_in_the_paper",
    "test_provenance.py::test_no_factual_unit_of_the_paper_is_left_unexplained",
    "test_provenance.py::test_a_stale_quote_is_left_out_and_a_quote_of_no_place_refused",
    "test_provenance.py::test_kg_coverage_reports_every_section_and_passes_strict",
    "test_provenance.py::test_an_inline_field_citation_is_read_checked_and_published",
    "test_validate.py::test_check_flags_a_labelled_resource_without_provenance",
    "test_validate.py::test_owl_lite_check_flags_union_of",
    "test_validate.py::test_shacl_reports_a_year_out_of_range",
    "test_validate.py::test_shacl_reports_a_monetary_amount_without_currency",
    "test_build.py::test_two_builds_give_byte_identical_turtle",
    "test_hypothesis.py::test_mutated_record_is_accepted_or_raises_kgerror",
    "test_footnotes.py::test_the_check_finds_a_citation_that_says_nothing_and_a_stray_link",
    "test_happenings.py::test_an_unknown_date_form_stops_the_build_naming_the_record",
    "helper.py::kg.publish.helper",  # the module's example starts the helper process
    # each violation check alone (kg validate in test_cli.py runs them all in the fast tier),
    # and each broken copy of the graph the figure checks must catch
    "test_validate.py::test_every_violation_check_returns_no_rows",
    "test_figures.py::test_checks_catch_a_missing_or_wrong_qualifier_or_period",
)
#: Modules whose doctests build and write whole outputs, or run the plain projection.
SLOW_DOCTESTS = ("kg.publish.job", "kg.serve.export", "kg.publish.tables", "kg.network.saved",
                 "kg.graph.validate", "kg.scale.bench", "kg.publish.docs",
                 "kg.network.reference")


def _slow(item) -> bool:
    """Whether ``item`` belongs to the slow tier."""
    name = Path(str(item.fspath)).name
    if name in SLOW_FILES or f"{name}::{item.name.split('[')[0]}" in SLOW_TESTS:
        return True
    if item.get_closest_marker("server") or item.get_closest_marker("browser") or \
            "browser" in getattr(item, "fixturenames", ()):
        return True
    return any(item.name == module or item.name.startswith(module + ".")
               for module in SLOW_DOCTESTS)


def pytest_collection_modifyitems(config, items) -> None:
    """Mark the slow tier: :data:`SLOW_FILES`, :data:`SLOW_TESTS`, servers and browsers,
    and the doctests of :data:`SLOW_DOCTESTS`."""
    for item in items:
        if _slow(item):
            item.add_marker(pytest.mark.slow)
