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
