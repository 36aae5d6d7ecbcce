"""The kg command: builds, reports user errors in one line, leaves output intact on failure."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kg.cli import COMMANDS, main


def test_build_writes_every_format_and_prints_a_summary(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "GlobalInnovationCluster  5" in out
    assert "conforms" in out
    # The time of each step, and of each producer of the publishing step: a cold build
    # prints its split as a warm one does.
    # (with the helper process: the tables here, the other syntaxes and the docs there)
    assert re.search(r"built in [\d.]+ s \(load [\d.]+, build [\d.]+, validate [\d.]+, "
                     r"serialise [\d.]+, prepare [\d.]+ \[examples [\d.]+, projection [\d.]+, "
                     r"network [\d.]+, picture [\d.]+, (publication [\d.]+, docs [\d.]+|"
                     r"tables [\d.]+, syntaxes \(helper\) [\d.]+, docs \(helper\) [\d.]+, "
                     r"helper wait [\d.]+)\], export [\d.]+\)", out), out
    for name in ("eucan.ttl", "eucan.nt", "eucan.jsonld", "eucan.rdf"):
        assert (tmp_path / name).stat().st_size > 1000


def test_broken_reference_exits_1_with_one_line_and_keeps_previous_output(tmp_path, data_copy):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    before = (out / "eucan.ttl").read_bytes()
    clusters = data_copy / "clusters.yaml"
    clusters.write_text(clusters.read_text().replace("activeInEcosystem: agri-food\n",
                                                     "activeInEcosystem: agrifood\n", 1))
    result = subprocess.run([sys.executable, "-m", "kg", "build", "--out", str(out),
                             "--data", str(data_copy)], capture_output=True, text=True)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if not line.startswith("·")]
    assert len(errors) == 1
    assert "clusters.yaml" in errors[0] and "'agrifood'" in errors[0]
    assert "Traceback" not in result.stderr
    assert (out / "eucan.ttl").read_bytes() == before


def test_stats_prints_counts_per_class(capsys):
    assert main(["stats", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "class,instances"
    assert "GlobalInnovationCluster,5" in lines
    assert "IndustrialEcosystem,14" in lines


def test_validate_passes_on_the_shipped_data(capsys):
    assert main(["validate"]) == 0
    assert "shacl     ok" in capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "Examples:" in capsys.readouterr().out


def test_version_comes_from_the_package_metadata(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"kg (eucan-kg) {version('eucan-kg')}"


TABLE_COMMANDS = [
    ["query", "--list"],
    ["stats"],
    ["stats", "--properties"],
    ["linkages"],
    ["linkages", "--all", "--top", "0"],
    ["analyse", "--top", "5"],
    ["query", "gic-budgets"],
    ["query", "where-does-the-paper-say", "--param", "resource=SUAVA"],
]


@pytest.mark.parametrize("argv", TABLE_COMMANDS, ids=" ".join)
def test_tables_keep_every_row_on_one_line_at_80_columns(argv, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 3
    assert [line for line in lines if len(line) > 80] == []


def test_every_named_query_renders_within_80_columns(store):
    """Real answers, real widths: every query of the catalogue as a table at 80 columns."""
    from kg.cli.tables import render
    from kg.query.catalogue import catalogue, run

    for query in catalogue():
        result = run(query, store)
        if isinstance(result, list) and result and isinstance(result[0], dict):
            text = render(result, "table", width=80)
            assert max(len(line) for line in text.splitlines()) <= 80, query.name


def test_csv_output_is_never_shortened(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    assert main(["query", "--list", "--format", "csv"]) == 0
    text = capsys.readouterr().out
    assert "…" not in text
    assert "EU partnerships targeting Canada and the GICs they share an ecosystem with" in text
