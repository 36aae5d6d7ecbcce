"""The project's own tooling: the type check, the browser fixture without Playwright, the
format registry every table derives from, and the extras a missing dependency names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.core.errors import KGError

ROOT = Path(__file__).resolve().parents[1]


def _without(tmp_path: Path, *modules: str) -> dict[str, str]:
    """An environment in which importing each of ``modules`` fails (a stand-in package
    first on the path raises ImportError), as on a machine without them installed."""
    blocked = tmp_path / "blocked"
    for module in modules:
        (blocked / module).mkdir(parents=True)
        (blocked / module / "__init__.py").write_text(
            f"raise ImportError('{module} is not installed (blocked by the test)')\n")
    env = {k: v for k, v in os.environ.items() if k != "EUCAN_REQUIRE_TOOLS"}
    env["PYTHONPATH"] = os.pathsep.join([str(blocked), str(ROOT)])
    return env


def test_mypy_finds_no_error_in_the_package():
    mypy = shutil.which("mypy") or str(Path(sys.executable).parent / "mypy")
    if not Path(mypy).exists():
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    result = subprocess.run([mypy], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_the_browser_fixture_skips_without_playwright(tmp_path):
    # It called require() with one argument: a TypeError instead of a skip.
    test = tmp_path / "test_uses_browser.py"
    test.write_text("def test_page(browser):\n    assert browser\n")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                             "-p", "tests.conftest", "--rootdir", str(tmp_path), str(test)],
                            cwd=ROOT, env=_without(tmp_path, "playwright"), capture_output=True,
                            text=True)
    assert "1 skipped" in result.stdout, result.stdout[-2000:]
    assert "the playwright package is not installed" in result.stdout


def test_the_pyshacl_reference_names_its_extra_when_missing(tmp_path):
    code = ("from kg.graph.validate import shacl_results\n"
            "from kg.store.embedded import Store\n"
            "shacl_results(Store(), engine='pyshacl')\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path,
                            env=_without(tmp_path, "pyshacl"), capture_output=True, text=True)
    last = result.stderr.strip().splitlines()[-1]
    assert last == ("kg.core.errors.ExtraMissingError: the SHACL reference (pyshacl) is not "
                    "installed: pip install 'eucan-kg[bench]'")


def test_kg_bench_names_its_extra_when_pyshacl_is_missing(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "bench", "--sizes", "paper",
                             "--out", str(tmp_path / "bench")], cwd=tmp_path,
                            env=_without(tmp_path, "pyshacl"), capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "kg bench: error: kg bench needs the SHACL reference (pyshacl), which is not "
        "installed: pip install 'eucan-kg[bench]'"]


def test_a_missing_oxigraph_server_names_its_extra(monkeypatch, tmp_path):
    from kg.store import server

    monkeypatch.setattr(server.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(KGError) as caught:
        server.oxigraph_binary()
    assert str(caught.value) == ("the 'oxigraph' server is not installed: pip install "
                                 "'eucan-kg[server]'")


def test_every_format_table_derives_from_the_registry():
    from kg.core.formats import FORMATS, GRAPH_SYNTAXES, RDF_SUFFIXES, by_name
    from kg.publish.rdf import EXPORT_FORMATS
    from kg.serve.endpoint import RESULT_TYPES
    from kg.serve.negotiate import EXTENSIONS, OFFERED, RDF_TYPES

    assert EXPORT_FORMATS == GRAPH_SYNTAXES == ("turtle", "ntriples", "jsonld", "rdfxml")
    assert RDF_SUFFIXES == ("ttl", "nt", "jsonld", "rdf", "nq", "trig")
    assert {by_name(name).media_type: name for name in GRAPH_SYNTAXES} == RDF_TYPES
    assert OFFERED == ["text/html", "text/turtle", "application/rdf+xml",
                       "application/ld+json", "application/n-triples"]
    assert all(EXTENSIONS[media] == "." + by_name(name).suffix for media, name in RDF_TYPES.items())
    assert RESULT_TYPES == ["application/sparql-results+json", "application/sparql-results+xml",
                            "text/csv", "text/tab-separated-values", "text/turtle",
                            "application/n-triples", "application/rdf+xml"]
    assert len({f.name for f in FORMATS}) == len({f.suffix for f in FORMATS}) == len(FORMATS)
