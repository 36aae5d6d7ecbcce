"""One way to find the graph: every reading command reads the graph the same rule picks
(kg.store.source), and says which in its first progress line.

The sixth cluster added here stands beside the five Global Innovation Clusters of Table 1
(funded by the ISI programme, so that the paper's "the five GICs" still names the five).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store.source import SOURCE_RECORD, choose_graph, recorded_data

KG = [sys.executable, "-m", "kg"]
GICS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a eucan:GlobalInnovationCluster }"
SIXTH = """
- id: sixth-cluster
  type: GlobalInnovationCluster
  label: Sixth Cluster
  focus: Artificial intelligence
  headquarteredIn: ontario
  fundedBy: isi
  jurisdiction: canada
  source: table-1
"""


def kg(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=cwd, input=stdin,
                          timeout=600)


@pytest.fixture(scope="module")
def sixth(tmp_path_factory, data_copy_module) -> Path:
    """A folder with data/ (the package data and a sixth GIC) and out/ built from it."""
    home = tmp_path_factory.mktemp("sixth")
    shutil.copytree(data_copy_module, home / "data")
    with (home / "data" / "clusters.yaml").open("a", encoding="utf-8") as clusters:
        clusters.write(SIXTH)
    result = kg("build", "--data", "data", cwd=home)
    assert result.returncode == 0, result.stderr[-2000:]
    return home


@pytest.fixture(scope="module")
def data_copy_module(tmp_path_factory) -> Path:
    from kg.data.load import data_files

    target = tmp_path_factory.mktemp("data")
    for source in data_files():
        shutil.copyfile(str(source), target / source.name)
    return target


def test_stats_validate_and_query_read_the_same_graph_the_build_made(sixth):
    stats = kg("stats", "--format", "json", cwd=sixth)
    counts = {r["class"]: r["instances"] for r in json.loads(stats.stdout)}
    assert counts["GlobalInnovationCluster"] == 6
    assert "reading the graph built in out (from the data in" in stats.stderr
    query = kg("query", "-", "--format", "csv", cwd=sixth, stdin=GICS)
    assert query.stdout.split() == ["n", "6"]
    validate = kg("validate", cwd=sixth)
    assert validate.returncode == 0 and "reading the graph built in out" in validate.stderr
    mentions = kg("mentions", cwd=sixth)
    assert mentions.returncode in (0, 1)  # the audit of the build's data, not the package's


def test_the_build_records_its_data_folder(sixth):
    assert recorded_data(sixth / "out") == (sixth / "data").resolve()
    record = json.loads((sixth / "out" / SOURCE_RECORD).read_text())
    assert record["paper"] == "the copy shipped in the package"


def test_the_rule_picks_endpoint_store_data_out_package_in_that_order(sixth, tmp_path):
    out = sixth / "out"
    assert choose_graph(out=out, endpoint="http://127.0.0.1:1/q").kind == "endpoint"
    assert choose_graph(out=out, store=tmp_path).kind == "store"
    assert choose_graph(out=out, data=tmp_path).kind == "data"
    assert choose_graph(out=out).kind == "out"
    assert choose_graph(out=tmp_path / "none").kind == "package"


def test_data_given_on_the_command_line_is_read_instead_of_out(sixth):
    package = kg("query", "-", "--format", "csv", "--out", "nowhere", cwd=sixth, stdin=GICS)
    assert package.stdout.split() == ["n", "5"]
    assert "the data shipped in the package" in package.stderr
    chosen = kg("query", "-", "--format", "csv", "--data", "data", "--out", "nowhere",
                cwd=sixth, stdin=GICS)
    assert chosen.stdout.split() == ["n", "6"]


def test_two_choices_at_once_are_refused_in_one_line(sixth):
    result = kg("stats", "--store", "s", "--data", "data", cwd=sixth)
    assert result.returncode == 1 and "not allowed with argument" in result.stderr
    assert result.stderr.count("\n") == 1


def test_kg_help_imports_nothing_heavy():
    """``kg --help`` sets up every command's options: none may import a graph, web or data
    library (it started in 1.3-1.6 s when it imported Starlette and networkx)."""
    code = ("import sys; from kg.cli import _parser; _parser(None); print(sorted(m for m in "
            "('networkx', 'numpy', 'starlette', 'rdflib', 'pyoxigraph', 'jinja2', 'igraph', "
            "'pyvis', 'pyld', 'pylode', 'uvicorn', 'yaml', 'SPARQLWrapper') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_a_relation_its_quote_does_not_prove_stops_the_build(tmp_path):
    """The support rule as the build's gate: a relation quoted by words that name neither
    end (SUAVE's partner country France, Box 5, quoted by the caption of Table 1) stops the
    build with the file, line, record and field, and nothing is written."""
    from kg.data.load import data_files

    data = tmp_path / "data"
    data.mkdir()
    for source in data_files():
        shutil.copyfile(str(source), data / source.name)
    clusters = data / "clusters.yaml"
    text = clusters.read_text(encoding="utf-8")
    clusters.write_text(text + """
- id: planted-partnership
  type: Eurocluster
  label: Planted Partnership
  participantCountry:
    - {value: france, source: table-1, quote: "Overview of the five Canadian Global Innovation Clusters"}
  source: table-1
""", encoding="utf-8")
    result = kg("build", "--data", str(data), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1 and not (tmp_path / "out").exists()
    line = [x for x in result.stderr.splitlines() if not x.startswith("·")][0]
    assert "clusters.yaml" in line and "planted-partnership" in line
    assert "participantCountry" in line and "is not proved" in line


def test_jurisdiction_follows_funding_through_every_step(store):
    """Figure 24's partnerships are funded by ESCP-4i, an action funded by COSME (Figure 2),
    an EU programme: each partnership belongs to the EU's framework, entailed step by step
    (eucan:jurisdiction eucan:entailedFrom "eucan:fundedBy/eucan:jurisdiction")."""
    import pyoxigraph as ox

    rows = store.select("SELECT ?j WHERE { ?x eucan:jurisdiction ?j }",
                        {"x": ox.NamedNode("https://w3id.org/eucan/id/partnership/escp4i-laser-go")})
    assert [r["j"].value for r in rows] == ["https://w3id.org/eucan/id/country/european-union"]
