"""Scale: the synthetic ECCP-shaped graph, the on-disk store, the scale-out path, kg bench.

Proportions come from the paper: Table 4 (cluster organisations per Member State; Spain
has the most, 176) and Table 2 (219,479 members, 76% SMEs).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.graph.validate import validate
from kg.query import catalogue as queries
from kg.scale.bench import markdown, run_bench, scale_targets
from kg.scale.synth import SYNTH_BASE, synthesise
from kg.store.embedded import Store
from kg.store.open import build_graph
from kg.store.push import push
from kg.store.remote import RemoteStore
from kg.store.server import free_port, start_server

ID = "https://w3id.org/eucan/id/"
SCALE = 0.06  # about 80,000 synthetic triples


@pytest.fixture(scope="module")
def synth_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "synth.nt"
    synthesise(path, scale=SCALE, seed=7)
    return path


@pytest.fixture(scope="module")
def big_store(records, synth_file) -> Store:
    store = build_graph(records)
    store.load(synth_file)
    return store


def _objects(path: Path, predicate: str, subject_part: str) -> Counter:
    found = Counter()
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES):
        if triple.predicate.value == predicate and subject_part in triple.subject.value:
            found[triple.object.value] += 1
    return found


def test_synthetic_graph_is_deterministic(synth_file, tmp_path):
    again = tmp_path / "again.nt"
    synthesise(again, scale=SCALE, seed=7)
    assert again.read_bytes() == synth_file.read_bytes()
    other = tmp_path / "other.nt"
    synthesise(other, scale=SCALE, seed=8)
    assert other.read_bytes() != synth_file.read_bytes()


def test_synthetic_proportions_follow_tables_2_and_4(synth_file):
    countries = _objects(synth_file, "https://w3id.org/eucan/ontology#basedIn", "/cluster/")
    # Table 4: Spain (176) and France have the most cluster organisations on the ECCP.
    assert countries.most_common(1)[0][0] in (ID + "country/spain", ID + "country/france")
    kinds = _objects(synth_file, "http://purl.org/dc/terms/type", "/member/")
    share = kinds[ID + "category/sme"] / sum(kinds.values())
    assert share == pytest.approx(166_034 / 219_479, abs=0.02)  # Table 2: 76% SMEs
    assert sum(kinds.values()) == round(219_479 * SCALE)


def test_synthetic_graph_passes_shapes_and_checks(big_store):
    assert validate(big_store) == {"shacl": [], "owl-lite": [], "checks": []}


def test_network_commands_work_on_the_larger_graph(big_store):
    from kg.network.linkages import linkages
    from kg.network.paths import find_paths
    from kg.network.projection import project

    graph = project(big_store)
    assert graph.number_of_nodes() > 10_000
    synthetic = [n for n in graph if n.startswith(SYNTH_BASE + "eurocluster/")]
    path = find_paths(graph, synthetic[0], ID + "cluster/protein-industries-canada", k=1)
    assert path and path[0].hops <= 4
    assert linkages(big_store, graph).pairs[0]["score"] > 0


def test_on_disk_store_outlives_the_process(tmp_path, capsys):
    db = tmp_path / "db"
    assert main(["build", "--out", str(tmp_path / "out"), "--store", str(db)]) == 0
    capsys.readouterr()
    assert main(["query", "gic-budgets", "--store", str(db), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    # Table 1: five GICs.
    assert len(rows) == 5
    assert main(["query", "gic-budgets", "--store", str(tmp_path / "none")]) == 1
    assert "no Oxigraph store here" in capsys.readouterr().err


@pytest.mark.server
def test_named_queries_run_unchanged_on_a_server_holding_the_larger_graph(big_store):
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        process = start_server(Path(tmp), port, read_only=False)
        try:
            sent = push(big_store.serialize("ntriples"), f"http://127.0.0.1:{port}/store",
                        chunk_size=25_000)
            assert sent == len(big_store)
            remote = RemoteStore(f"http://127.0.0.1:{port}/query", timeout=60)
            for name in ("gic-budgets", "canada-targeting-partnerships-with-gics",
                         "ecosystems-by-eu-canada-overlap", "where-does-the-paper-say"):
                assert queries.run(name, remote) == queries.run(name, big_store), name
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_bench_writes_json_and_markdown_with_ratios(tmp_path):
    results = run_bench(["paper"], ["oxigraph", "rdflib"], repeat=1, timeout=60,
                        shacl_max=0, out=tmp_path)
    data = json.loads((tmp_path / "bench.json").read_text())
    steps = data["sizes"]["paper"]["engines"]["oxigraph"]["steps"]
    assert {"load", "projection", "paths", "linkages", "analyse", "push",
            "query gic-budgets", "serialise turtle"} <= set(steps)
    gate = steps["SHACL validation (shacl, the build's gate)"]
    assert gate["agrees"] is True and "SHACL validation (pyshacl, the reference)" in steps
    job = data["main_job"]
    assert set(job) == {"floor", "cold", "cold, helper", "cold, one process", "warm", "edited",
                        "split"}
    assert job["floor"]["median"] < job["warm"]["median"] < job["cold"]["median"]
    assert job["warm"]["median"] < job["cold, one process"]["median"]
    # the split each build printed: the producers of the cold build, the reads of the warm
    assert "docs (helper)" in job["split"]["cold, helper"]
    assert "docs " in job["split"]["cold, one process"] and "read " in job["split"]["warm"]
    # an edit that keeps the graph makes it again but reuses the publishing extras
    assert job["warm"]["median"] < job["edited"]["median"] < job["cold"]["median"]
    # floors measured in the same run, beside the project's figures
    assert steps["floor: raw bulk_load"]["median"] > 0
    assert steps["floor: edges by one SELECT into igraph"]["median"] > 0
    # cold commands: each a fresh process on an on-disk store made by kg build --store
    cold = data["sizes"]["paper"]["cold"]
    assert set(cold) == {"build --store", "floor", "paths", "linkages"}
    assert cold["floor"]["median"] < cold["paths"]["median"] < cold["build --store"]["median"]
    assert cold["paths"]["peak_mib"] > cold["floor"]["peak_mib"]
    table = (tmp_path / "bench.md").read_text()
    assert "| load |" in table and "x |" in table and "peak RSS" in table
    assert "| kg paths SUAVE Protein Industries Canada --store DIR |" in table
    assert "main job warm <= 1.0 s:" in table and "main job cold <= 30x the floor:" in table
    assert "- cold, as the build printed it: " in table and "SHACL at paper in seconds" in table
    assert markdown(results) == table


def test_bench_targets_report_growth_per_triple_and_the_cold_command_against_its_target():
    def size(triples, load, projection, paths):
        steps = {"load": {"median": load}, "projection": {"median": projection},
                 "paths": {"median": 0.1, "max": 0.5},
                 "floor: raw bulk_load": {"median": load / 2}}
        return {"triples": triples, "engines": {"oxigraph": {"steps": steps,
                                                             "peak_core_mib": 700}},
                "cold": {"paths": {"median": paths, "peak_mib": 500},
                         "floor": {"median": 0.1}}}

    results = {"sizes": {"1M": size(1_000_000, 2.0, 5.0, 2.0),
                         "3M": size(3_000_000, 9.0, 15.0, 6.0)}}
    lines = scale_targets(results)
    load_growth = next(line for line in lines if line.startswith("load linear"))
    assert "MISSED" in load_growth and "1M 2.00, 3M 3.00" in load_growth and "1.50x" in load_growth
    projection_growth = next(line for line in lines if line.startswith("projection linear"))
    assert ": met" in projection_growth and "1.00x" in projection_growth
    cold = next(line for line in lines if line.startswith("cold kg paths"))
    assert ": met (2.00 s" in cold
    assert any(line.startswith("projection at 1M <= 2.5 s and <= 650 MiB: MISSED (5.00 s, 2.0x")
               for line in lines)
    assert any(line.startswith("load at 1M at the engine's floor") and "2.00x" in line
               for line in lines)


# -- Virtuoso's bulk loader --------------------------------------------------------------

@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    from kg.store.server import start_virtuoso
    from tests.tools import executable

    executable("virtuoso-t", "virtuoso-opensource")
    running = start_virtuoso(tmp_path_factory.mktemp("virtuoso"), memory_mb=500)
    try:
        yield running
    finally:
        running.stop()


@pytest.mark.server
def test_bulk_load_puts_the_graph_and_a_synthetic_file_into_virtuoso(virtuoso, big_store,
                                                                     synth_file, tmp_path):
    import os
    import subprocess
    import sys

    from kg.store.remote import DEFAULT_GRAPH

    # The synthetic file (no blank nodes) goes in two parts, one per loader; the paper's
    # graph, with blank nodes, whole.
    run = subprocess.run([sys.executable, "-m", "kg", "bulk-load", "--isql",
                          f"127.0.0.1:{virtuoso.sql_port}", "--dir", str(virtuoso.folder),
                          "--add", str(synth_file), "--loaders", "2"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=600,
                         env={**os.environ, "EUCAN_PASSWORD": "dba"})
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"loaded {len(big_store):,} triples into <{DEFAULT_GRAPH}>" in run.stdout
    assert "3 file(s), 2 loader(s)), counted" in run.stdout
    assert not list(virtuoso.folder.glob("eucan-bulk-*"))  # the parts are removed
    remote = RemoteStore(virtuoso.query_url, graph=DEFAULT_GRAPH, timeout=60)
    # Table 1: the five GICs and their budgets, as on the embedded store.
    assert queries.run("gic-budgets", remote) == queries.run("gic-budgets", big_store)


@pytest.mark.server
@pytest.mark.parametrize("args, expected", [
    (["--graph", "https://w3id.org/eucan/graph'); DROP TABLE x; --"], "not an IRI"),
    (["--graph", "not an iri"], "not an IRI"),
    (["--dir", "/nonexistent/folder"], "no such folder"),
    (["--isql", "127.0.0.1:1111; rm -rf /"], "expected HOST:PORT"),
    (["--add", "broken.nt"], "Virtuoso's loader failed on"),
    (["--add", "graph.jsonld"], "Virtuoso's loader reads files ending in .nt"),
])
def test_bulk_load_refuses_in_one_line(virtuoso, tmp_path, args, expected):
    import os
    import subprocess
    import sys

    from tests.test_safety import one_line_error

    (tmp_path / "broken.nt").write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    (tmp_path / "graph.jsonld").write_text("[]", encoding="utf-8")
    options = {"--isql": f"127.0.0.1:{virtuoso.sql_port}", "--dir": str(virtuoso.folder)}
    options.update(dict(zip(args[::2], args[1::2], strict=True)))
    run = subprocess.run([sys.executable, "-m", "kg", "bulk-load",
                          *[x for pair in options.items() for x in pair]],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300,
                         env={**os.environ, "EUCAN_PASSWORD": "dba"})
    assert expected in one_line_error(run)


@pytest.mark.server
def test_bench_times_every_named_query_on_a_bulk_loaded_virtuoso(synth_file, tmp_path):
    from kg.scale.bench import _cell, _stats
    from kg.scale.bulk_bench import bulk_lines, virtuoso_bulk_times

    paper = tmp_path / "paper.nt"
    paper.write_bytes(build_graph().serialize("ntriples"))
    bulk = virtuoso_bulk_times([paper, synth_file], repeat=1, timeout=60)
    assert bulk["files"] == 3 and bulk["loaders"] == 2 and bulk["peak_mib"] > 0
    names = [q.name for q in queries.catalogue()]
    assert {f"query {n}" for n in names} <= set(bulk["steps"])
    assert [s for s, v in bulk["steps"].items() if "times" not in v] == []  # every one ran
    bulk["steps"] = {k: _stats(v) for k, v in bulk["steps"].items()}
    embedded = {"engines": {"oxigraph": {"steps": {"query gic-budgets": _stats(
        {"times": [0.001]})}}}}
    lines = bulk_lines({"sizes": {"1M": embedded, "10M": {"virtuoso bulk": bulk}}}, _cell)
    assert lines[0].startswith(f"## 10M: {bulk['triples']:,} triples, Virtuoso's bulk loader")
    assert "| step | Virtuoso 10M | embedded 1M |" in lines
    assert any(line.startswith("| query gic-budgets | ") and line.endswith(" | 0.001 s |")
               for line in lines)
