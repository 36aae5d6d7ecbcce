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


#: Test files whose tests start servers, browsers, Java or Node tools, kill builds or build
#: stores of many triples: the slow tier (``pytest -m slow``; ``make test-fast`` leaves it).
SLOW_FILES = ("test_safety.py", "test_scale.py", "test_remote.py", "test_linked_data.py",
              "test_interop.py", "test_site.py", "test_viz.py", "test_standards.py",
              "test_saved_projection.py", "test_shacl_engines.py", "test_safety_low.py",
              "test_safety_serve.py", "test_readme.py", "test_docs.py")
#: Modules whose doctests build and write whole outputs.
SLOW_DOCTESTS = ("kg.publish.job", "kg.serve.export", "kg.publish.tables", "kg.network.saved",
                 "kg.graph.validate", "kg.scale.bench", "kg.publish.docs")


def pytest_collection_modifyitems(config, items) -> None:
    """Mark the slow tier: whole files (:data:`SLOW_FILES`), servers and browsers, and the
    doctests of :data:`SLOW_DOCTESTS`."""
    slow = pytest.mark.slow
    for item in items:
        name = Path(str(item.fspath)).name
        if name in SLOW_FILES or item.get_closest_marker("server") or \
                item.get_closest_marker("browser") or "browser" in getattr(item, "fixturenames", ()) \
                or any(item.name == module or item.name.startswith(module + ".")
                       for module in SLOW_DOCTESTS):
            item.add_marker(slow)
