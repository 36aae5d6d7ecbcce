"""Low-severity attacks and tracebacks, each ending in one line (or in nothing happening).

* a planted build manifest never makes a build write outside ``out/``;
* ``kg site --base-url`` takes one http(s) URL and nothing that adds a redirect rule;
* CSV cells a spreadsheet would run as formulas start with a single quote;
* bad numbers, damaged stores and broken records end in one line naming what is wrong;
* a full disk names the file; a broken ``LOCK`` says what it is; a store served from
  disk is not replaced under the server.

Facts used come from the paper: Scale AI is one of Canada's Global Innovation Clusters
(Table 1); SUAVE is a Eurocluster (section 3.1, Box 5); Figure 14 prints its correlation
classes as ``+`` and ``++``.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.core.errors import KGError
from tests.test_safety import KG, checksums, kg, one_line_error


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A folder with out/ and an on-disk store from one real build."""
    home = tmp_path_factory.mktemp("low")
    result = kg("build", "--out", "out", "--store", "store", cwd=home)
    assert result.returncode == 0, result.stderr[-2000:]
    return home


def _state(path: Path) -> tuple:
    info = path.stat()
    return path.read_bytes(), info.st_mode, info.st_ino, info.st_nlink


# -- 1. the build manifest stays inside out/ ------------------------------------------------

def _plant(out: Path, name: str, victim: Path) -> None:
    """Add ``name`` to the docs producer's outputs, with the victim's hash (what an
    attacker who can write out/ would do to have the build rewrite another file)."""
    from kg.publish.reuse import MANIFEST

    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    docs = manifest["outputs"]["docs/index.html"]
    manifest["outputs"][name] = {"producer": "docs", "inputs": docs["inputs"],
                                 "sha256": hashlib.sha256(victim.read_bytes()).hexdigest()}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("form", ["absolute", "dotdot"])
def test_a_manifest_naming_a_file_outside_out_leaves_that_file_alone(built, tmp_path, form):
    """Treated as no manifest: everything is made again (before, a ``..`` name was
    refused for its producer only, and an absolute one rewrote the file, mode 0644)."""
    shutil.copytree(built / "out", tmp_path / "out")
    victim = tmp_path / "secret.txt"
    victim.write_text("private notes\n")
    victim.chmod(0o600)
    os.link(victim, tmp_path / "secret-link.txt")
    before = _state(victim)
    _plant(tmp_path / "out", str(victim) if form == "absolute" else "../secret.txt", victim)
    result = kg("build", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert _state(victim) == before  # bytes, mode 0600, same inode, hard link kept
    assert "previous files kept" not in result.stdout


def test_a_link_out_of_out_is_not_reused(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built / "out", out)
    victim = tmp_path / "secret.txt"
    victim.write_text("private notes\n")
    (out / "docs" / "index.html").unlink()
    (out / "docs" / "index.html").symlink_to(victim)
    _plant(out, "docs/index.html", victim)
    assert kg("build", "--out", "out", cwd=tmp_path).returncode == 0
    page = out / "docs" / "index.html"
    assert not page.is_symlink() and page.read_bytes() != victim.read_bytes()


# -- 2. kg site --base-url ------------------------------------------------------------------

BAD_URLS = ["https://eucan.example.org\nRewriteRule ^(.*)$ https://evil.example/$1 [R=302,L]",
            "https://eucan.example.org/ [R=302]", 'https://eucan.example.org/"x', "https://",
            "ftp://eucan.example.org", "javascript:alert(1)", "https://eucan.example.org/\r"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_base_url_that_would_add_rewrite_rules_is_refused_in_one_line(tmp_path, url):
    line = one_line_error(kg("site", "--out", "site", "--base-url", url, cwd=tmp_path))
    assert "--base-url" in line and "expected an http(s) URL" in line
    assert not (tmp_path / "site").exists()


def test_the_library_refuses_the_same_urls_before_writing(tmp_path):
    from kg.serve.export import SiteUrlError, htaccess, write_site

    for url in BAD_URLS:
        with pytest.raises(SiteUrlError):
            htaccess(url)
        with pytest.raises(KGError):
            write_site(None, tmp_path / "site", site_url=url)  # refused before the store is read
    assert not (tmp_path / "site").exists()
    rules = htaccess("https://eucan.example.org/kg/")
    assert "RewriteRule ^$ https://eucan.example.org/kg/ [R=303,L]" in rules.splitlines()


# -- 3. CSV cells that spreadsheets would run -----------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example","Scale AI")'
CELLS_QUERY = ('SELECT ?label ?n ?e ?at ?tab ?rating WHERE { VALUES (?label ?n ?e ?at ?tab ?rating) '
               '{ ("=HYPERLINK(1)" -5 "-3.2e4" "@SUM(A1)" "\\tcmd" "++") } }')


def _query_output(capsys, monkeypatch, *args: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO(CELLS_QUERY))
    assert main(["query", "-", *args]) == 0
    return capsys.readouterr().out


def test_query_csv_and_tsv_quote_formulas_and_leave_numbers(capsys, monkeypatch):
    assert _query_output(capsys, monkeypatch, "--format", "csv") == (
        "label,n,e,at,tab,rating\n'=HYPERLINK(1),-5,-3.2e4,'@SUM(A1),'\tcmd,++\n")
    assert _query_output(capsys, monkeypatch, "--format", "tsv") == (
        "label\tn\te\tat\ttab\trating\n'=HYPERLINK(1)\t-5\t-3.2e4\t'@SUM(A1)\t\"'\tcmd\"\t++\n")


def test_csv_raw_writes_cells_unchanged(capsys, monkeypatch):
    assert _query_output(capsys, monkeypatch, "--format", "csv", "--csv-raw") == (
        "label,n,e,at,tab,rating\n=HYPERLINK(1),-5,-3.2e4,@SUM(A1),\tcmd,++\n")


def test_every_command_with_format_csv_offers_csv_raw():
    import argparse

    from kg.cli.common import COMMANDS

    options = {}
    for name, (_, _, _, add_args) in COMMANDS.items():
        parser = argparse.ArgumentParser()
        add_args(parser)
        options[name] = {o: a.choices for a in parser._actions for o in a.option_strings}
    with_csv = [n for n, found in options.items() if "csv" in (found.get("--format") or ())]
    assert {"query", "stats", "paths", "linkages", "analyse", "coverage"} <= set(with_csv)
    assert [n for n in with_csv if "--csv-raw" not in options[n]] == []


def test_the_builds_csv_tables_quote_a_formula_label(data_copy, tmp_path):
    clusters = data_copy / "clusters.yaml"
    text = clusters.read_text(encoding="utf-8")
    assert "  label: Scale AI\n" in text
    clusters.write_text(text.replace("  label: Scale AI\n", f"  label: '{FORMULA}'\n", 1),
                        encoding="utf-8")
    result = kg("build", "--out", "out", "--data", str(data_copy), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    cells = {name.name: [c for row in csv.reader(name.open(encoding="utf-8")) for c in row]
             for name in (tmp_path / "out" / "csv").glob("*.csv")}
    assert "'" + FORMULA in cells["GlobalInnovationCluster.csv"]
    assert not any(c.startswith("=HYPERLINK") for found in cells.values() for c in found)
    assert "++" in cells["Observation.csv"]  # Figure 14's classes: signs only, left as printed


# -- 4. tracebacks that become one line -----------------------------------------------------

@pytest.mark.parametrize("scale", ["nan", "inf", "-inf", "0", "-1"])
def test_synth_scale_must_be_a_finite_number_above_zero(tmp_path, scale):
    line = one_line_error(kg("synth", f"--scale={scale}", "--out", str(tmp_path / "x.nt")))
    assert f"--scale {scale}: expected a finite number above 0" in line
    assert list(tmp_path.iterdir()) == []


def _damage(store: Path, part: str) -> None:
    if part == "sst":  # cut the largest table file in half
        table = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
        table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])
    else:  # change bytes of the engine's manifest (not the project's build manifest)
        manifest = next(store.glob("MANIFEST-*"))
        data = bytearray(manifest.read_bytes())
        data[10] ^= 0xFF
        manifest.write_bytes(bytes(data))


@pytest.mark.parametrize("part", ["sst", "MANIFEST"])
@pytest.mark.parametrize("command", [["query", "gic-budgets"], ["paths", "SUAVE", "Scale AI"]])
def test_a_damaged_store_gives_one_line(built, tmp_path, part, command):
    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    _damage(store, part)
    line = one_line_error(kg(*command, "--store", str(store)))
    assert f"{store}: the on-disk store is damaged" in line
    assert f"kg build --store {store}" in line


@pytest.mark.parametrize("record", [{"triples": "abc"}, {"triples": -1}, {"triples": True},
                                    {"sha256": 5}, []])
def test_a_broken_content_record_counts_as_none(built, tmp_path, record):
    from kg.store.embedded import CONTENT_FILE
    from kg.store.open import content_record, memory_copy, open_disk_store

    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    good = json.loads((store / CONTENT_FILE).read_text(encoding="utf-8"))
    broken = {**good, **record} if isinstance(record, dict) else record
    (store / CONTENT_FILE).write_text(json.dumps(broken), encoding="utf-8")
    assert content_record(store) is None
    disk = open_disk_store(store)
    try:
        copy = memory_copy(disk)  # what kg serve --store does (it used to fail on "abc")
        assert copy is None or len(copy) == good["triples"]
    finally:
        del disk


# -- 5. messages that say what is wrong -----------------------------------------------------

class _FullDisk:
    """A file whose every write fails as on a full disk (``write`` names no file)."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture()
def full_disk(monkeypatch) -> None:
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _FullDisk(real(fd, *a, **k)))


def test_a_full_disk_names_the_file_and_leaves_no_temporary_file(tmp_path, full_disk):
    from kg.core.files import replace_folder, write_atomic

    target = tmp_path / "out" / "eucan.nt"
    with pytest.raises(OSError) as caught:
        write_atomic(target, b"<a> <b> <c> .\n")
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(target))
    assert list(target.parent.iterdir()) == []
    folder = tmp_path / "site"
    with pytest.raises(OSError) as caught:
        with replace_folder(folder, "site") as staging:
            write_atomic(staging / "id" / "index.html", b"<html>")
    assert caught.value.filename == str(folder / "id" / "index.html")  # not the staging name
    assert not folder.exists() and {p.name for p in tmp_path.iterdir()} == {"out", ".site.lock"}


def test_a_full_disk_in_a_command_is_one_line_naming_the_file(tmp_path, full_disk, capsys):
    out = tmp_path / "eccp.nt"
    assert main(["synth", "--scale", "0.001", "--out", str(out)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"kg synth: error: {out}: No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_synth_never_replaces_a_pipe(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    line = one_line_error(kg("synth", "--scale", "0.001", "--out", str(pipe)))
    assert f"{pipe}: not a regular file" in line
    assert pipe.is_fifo()


def test_a_lock_that_is_a_folder_is_named_not_reported_as_in_use(built, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    (store / "LOCK").unlink()
    (store / "LOCK").mkdir()
    line = one_line_error(kg("query", "gic-budgets", "--store", str(store)))
    assert f"{store}/LOCK: the store's lock file is a folder, not a file" in line
    assert "in use" not in line


def test_a_store_held_by_a_reader_is_not_replaced(built, tmp_path):
    from kg.store.open import hold_store

    shutil.copytree(built / "store", tmp_path / "store")
    before = checksums(tmp_path / "store")
    held = hold_store(tmp_path / "store")
    try:
        line = one_line_error(kg("build", "--out", "out", "--store", "store", cwd=tmp_path))
    finally:
        held.close()
    assert line.endswith("store is being served by another process (kg serve --on-disk) or "
                         "read by another kg command; stop it first")
    assert checksums(tmp_path / "store") == before and not (tmp_path / "out").exists()


def test_kg_serve_on_disk_keeps_kg_build_store_out(built, tmp_path):
    from kg.store.server import free_port

    shutil.copytree(built / "store", tmp_path / "store")
    port = free_port()
    server = subprocess.Popen([*KG, "serve", "--store", "store", "--on-disk", "--port",
                               str(port)], cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        assert f"127.0.0.1:{port}" in server.stdout.readline()
        line = one_line_error(kg("build", "--out", "out", "--store", "store", cwd=tmp_path))
        assert "is being served by another process (kg serve --on-disk)" in line
    finally:
        server.terminate()
        server.wait(timeout=30)
    with socket.socket() as sock:  # the server is gone
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
    assert kg("build", "--out", "out", "--store", "store", cwd=tmp_path).returncode == 0
