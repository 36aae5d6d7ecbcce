"""The main job reuses an output whose inputs did not change, and only then.

The reused bytes must equal what a fresh build writes; a change of the data, of a file
in ``out/`` or of the manifest makes the producer run again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.publish.job import build
from kg.publish.reuse import MANIFEST

PRODUCERS = ["graph", "network", "picture", "publication", "docs"]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fresh") / "out"
    assert build(folder).reused == []
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_second_build_reuses_every_producer_and_writes_the_same_bytes(fresh, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(fresh, out)
    result = build(out)
    assert result.reused == PRODUCERS
    assert _files(out) == _files(fresh)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert {e["producer"] for e in manifest["outputs"].values()} == set(PRODUCERS)
    assert "graph.html" in manifest["outputs"] and "docs/index.html" in manifest["outputs"]


def test_a_changed_output_file_is_made_again(fresh, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(fresh, out)
    (out / "graph.html").write_text("tampered", encoding="utf-8")
    result = build(out)
    assert "picture" not in result.reused and "docs" in result.reused
    assert (out / "graph.html").read_bytes() == (fresh / "graph.html").read_bytes()


def test_a_data_change_remakes_what_depends_on_the_data(fresh, tmp_path, data_copy):
    out = tmp_path / "out"
    shutil.copytree(fresh, out)
    clusters = data_copy / "clusters.yaml"
    # Box 5: SUAVE is an agri-food Eurocluster; a changed label is a changed graph.
    text = clusters.read_text(encoding="utf-8")
    assert "label: SUAVE" in text
    # renamed, and still SUAVE to the paper (every quote names SUAVE: the build's gate)
    clusters.write_text(text.replace("label: SUAVE\n  altLabel: [SUAVA,",
                                     "label: SUAVE (renamed)\n  altLabel: [SUAVE, SUAVA,", 1),
                        encoding="utf-8")
    result = build(out, data_dir=data_copy)
    assert "picture" not in result.reused and "publication" not in result.reused
    assert "SUAVE (renamed)" in (out / "graph.html").read_text(encoding="utf-8")
    assert "SUAVE (renamed)" in (out / "csv" / "Eurocluster.csv").read_text(encoding="utf-8")


def test_a_folder_without_the_projects_marker_offers_nothing(fresh, tmp_path):
    from kg.core.files import MARKER
    from kg.publish.reuse import Reuse

    copy = tmp_path / "copy"
    shutil.copytree(fresh, copy)
    (copy / MARKER).unlink()
    reuse = Reuse.from_folder(copy)
    reuse.outputs("picture", b"x", lambda: {"graph.html": b"made"})
    assert reuse.made == ["picture"]


def test_a_broken_manifest_offers_nothing(fresh, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(fresh, out)
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    assert build(out).reused == []


def test_an_edit_that_keeps_the_graph_makes_and_validates_it_again_and_reuses_the_rest(
        fresh, tmp_path, data_copy):
    out = tmp_path / "out"
    shutil.copytree(fresh, out)
    # The same data as the package's: the previous graph is reused.
    assert "graph" in build(out, data_dir=data_copy).reused
    # A YAML comment changes the inputs but not the graph: the graph is made and checked
    # again, and every output made from the graph's bytes is reused.
    with (data_copy / "clusters.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# a reader's note\n")
    result = build(out, data_dir=data_copy)
    assert "graph" not in result.reused and result.reused == PRODUCERS[1:]
    assert {"load", "build", "validate"} <= set(result.timings)
    made, before = _files(out), _files(fresh)
    assert made.pop(MANIFEST) != before.pop(MANIFEST)  # the new inputs' hash
    # The record of where the graph came from now names the edited data folder.
    recorded = json.loads(made.pop(".eucan-source.json"))
    assert recorded["data"] == str(data_copy)
    assert json.loads(before.pop(".eucan-source.json"))["data"] is None
    assert made == before


def test_a_changed_graph_file_or_fresh_makes_the_graph_again(fresh, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(fresh, out)
    (out / "eucan.nt").write_bytes(b"")
    assert "graph" not in build(out).reused
    assert _files(out) == _files(fresh)
    assert build(out, fresh=True).reused == []
    assert _files(out) == _files(fresh)


# -- the helper process ----------------------------------------------------------------

def test_the_helper_and_one_process_write_the_same_bytes(fresh, tmp_path, monkeypatch):
    monkeypatch.setenv("EUCAN_HELPER", "on")
    with_helper = build(tmp_path / "helper")
    assert {"tables", "syntaxes (helper)", "docs (helper)"} <= set(with_helper.prepare)
    monkeypatch.setenv("EUCAN_HELPER", "off")
    alone = build(tmp_path / "alone")
    assert {"publication", "docs"} <= set(alone.prepare) and "helper wait" not in alone.prepare
    assert _files(tmp_path / "helper") == _files(tmp_path / "alone") == _files(fresh)


def test_a_failing_helper_leaves_the_work_to_the_main_process(fresh, tmp_path, monkeypatch):
    from kg.publish.helper import Helper

    monkeypatch.setenv("EUCAN_HELPER", "on")
    monkeypatch.setattr(Helper, "command", ("-c", "import sys; sys.exit(3)"))
    result = build(tmp_path / "out")
    assert {"publication", "docs"} <= set(result.prepare)
    assert _files(tmp_path / "out") == _files(fresh)


def test_a_failed_build_stops_its_helper(tmp_path, data_copy, monkeypatch):
    from kg.core.errors import DataError
    from kg.publish import job

    started = []

    class Watched(job.Helper):
        def __init__(self) -> None:
            super().__init__()
            started.append(self)

    monkeypatch.setattr(job, "Helper", Watched)
    monkeypatch.setenv("EUCAN_HELPER", "on")
    clusters = data_copy / "clusters.yaml"
    # Box 5: SUAVE is active in agri-food; a misspelt ecosystem is a broken reference.
    clusters.write_text(clusters.read_text(encoding="utf-8").replace(
        "activeInEcosystem: agri-food\n", "activeInEcosystem: agrifood\n", 1), encoding="utf-8")
    with pytest.raises(DataError):
        build(tmp_path / "out", data_dir=data_copy)
    assert len(started) == 1
    assert started[0].stopped() and not started[0].folder.exists()
