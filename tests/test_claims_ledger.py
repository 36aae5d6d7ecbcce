"""The claims ledger's own checks (kg/data/claims.py), proven on planted ledgers: a claim
the data does not hold is reported as not structured (with why), a broken ledger stops
with one line naming its file and line, a unit marked not factual needs its reason, a
draft is no review, and ``kg coverage --claims`` stays fast and fits the terminal.

The planted claims come from Table 4 of the paper (Annex): Austria 28, Belgium 45 and
Bulgaria 31 cluster organisations profiled on the ECCP, 1108 in total.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.core.errors import DuplicateIdError, UnknownReferenceError
from kg.data.claims import CLAIMS_FOLDER, claims_report, load_ledger
from kg.data.units import load_units

KG = [sys.executable, "-m", "kg"]


def kg(*args: str, columns: int = 80) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": str(columns)})


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The single error line of a failed command (progress lines start with '·')."""
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = [x for x in result.stderr.splitlines() if x.strip() and not x.startswith("·")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def plant(folder: Path, **files: str) -> Path:
    """A ledger folder ``folder/claims`` holding ``files`` (name without .yaml -> text)."""
    ledger = folder / CLAIMS_FOLDER
    ledger.mkdir(exist_ok=True)
    for name, text in files.items():
        (ledger / f"{name}.yaml").write_text(text, encoding="utf-8")
    return ledger


# Table 4 (Annex): "Austria 28", "Belgium 45", "Bulgaria 31".
PLANTED = """\
- unit: table-4/row2
  claims:
    - [table-4-austria, value, 28]
    - record: table-4-austria
- unit: table-4/row3
  claims:
    - [table-4-belgium, value, 54]
    - [no-such-record, label, "Belgium"]
    - [table-4-belgium, noSuchField, 45]
    - record: no-such-observation
- unit: table-4/row4
  claims:
    - [table-4-bulgaria, value, 31]
    - described: "Bulgaria has 31 cluster organisations on the ECCP"
"""


def test_a_claim_naming_a_missing_record_field_or_value_is_not_structured(tmp_path):
    report = claims_report(ledger=load_ledger(plant(tmp_path, planted=PLANTED)))
    rows = {r["unit"]: r for r in report.rows()}
    assert rows["table-4/row2"]["state"] == "structured"
    assert rows["table-4/row2"]["described"] == []
    assert rows["table-4/row3"]["state"] == "only described"
    assert rows["table-4/row3"]["structured"] == 0
    assert rows["table-4/row3"]["described"] == [
        "table-4-belgium value 54 (table-4-belgium value is 45, not 54)",
        "no-such-record label Belgium (no record no-such-record)",
        "table-4-belgium noSuchField 45 (table-4-belgium has no noSuchField)",
        "no-such-observation (no record no-such-observation)"]
    assert rows["table-4/row4"]["state"] == "partly described"
    assert rows["table-4/row4"]["described"] == [
        "described: Bulgaria has 31 cluster organisations on the ECCP"]
    summary = report.summary()
    assert (summary["claims"], summary["claims structured"], summary["claims described"]) \
        == (8, 3, 5)


def test_the_cli_lists_the_claims_the_data_lacks_from_a_data_folders_ledger(data_copy):
    plant(data_copy, planted=PLANTED)
    result = kg("coverage", "--claims", "--uncovered", "--format", "json",
                "--data", str(data_copy))
    assert result.returncode == 1, result.stderr
    gaps = {g["unit"]: g["state"] for g in json.loads(result.stdout)["gaps"]}
    assert gaps["table-4/row3"] == "only described"
    assert gaps["table-4/row4"] == "partly described"
    assert "table-4/row2" not in gaps


def test_a_unit_listed_twice_is_one_line_naming_both_places(tmp_path, data_copy):
    entry = "# Table 4: Austria 28\n- unit: table-4/row2\n  claims:\n    - [table-4-austria, value, 28]\n"
    folder = plant(tmp_path, a=entry, b="\n" + entry)
    with pytest.raises(DuplicateIdError) as raised:
        load_ledger(folder)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{folder / 'b.yaml'}:3: record 'table-4/row2', field 'unit'")
    assert f"already at {folder / 'a.yaml'}:2" in message
    plant(data_copy, a=entry, b="\n" + entry)
    line = one_line_error(kg("coverage", "--claims", "--data", str(data_copy)))
    assert "b.yaml:3" in line and "a.yaml:2" in line and "table-4/row2" in line


def test_an_unknown_unit_id_is_one_line_naming_file_and_line(tmp_path, data_copy):
    text = "- unit: table-4/row2\n  claims: []\n- unit: table-4/row99\n  claims: []\n"
    with pytest.raises(UnknownReferenceError) as raised:
        load_ledger(plant(tmp_path, wrong=text))
    assert "\n" not in str(raised.value)
    assert "wrong.yaml:3: record 'table-4/row99'" in str(raised.value)
    plant(data_copy, wrong=text)
    line = one_line_error(kg("coverage", "--claims", "--data", str(data_copy)))
    assert line.startswith("kg coverage: error: ") and "wrong.yaml:3" in line
    assert "table-4/row99" in line


def test_a_claim_of_no_known_shape_is_one_line_naming_file_and_line(data_copy):
    plant(data_copy, shape="- unit: table-4/row2\n  claims:\n    - [table-4-austria, value]\n")
    line = one_line_error(kg("coverage", "--claims", "--data", str(data_copy)))
    assert "shape.yaml:1" in line and "[record, field, value]" in line


def test_not_factual_without_why_is_reported_once(tmp_path, data_copy):
    text = ("- unit: table-4/row1\n  factual: false\n"
            "- unit: table-4/row2\n  factual: false\n  why: \"a row of numbers\"\n"
            "  claims:\n    - [table-4-austria, value, 28]\n"
            "- unit: table-4/row2/cell2\n  claims:\n    - [table-4-austria, value, 28]\n")
    folder = plant(tmp_path, heads=text)
    report = claims_report(ledger=load_ledger(folder))
    report.rows(), report.by_section(), report.summary(), report.by_section(True)
    assert report.problems == [
        f"{folder / 'heads.yaml'}:1: table-4/row1 is marked not factual without a reason (why)",
        f"{folder / 'heads.yaml'}:3: table-4/row2 is marked not factual but lists claims",
        f"{folder / 'heads.yaml'}:8: table-4/row2/cell2 is not a unit the ledger reviews "
        "(sentences, list and box items, table rows, figure text)"]
    plant(data_copy, heads=text)
    result = kg("coverage", "--claims", "--data", str(data_copy))
    assert result.returncode == 1
    assert result.stdout.count("is marked not factual without a reason (why)") == 1


def test_drafts_count_as_unreviewed(tmp_path):
    text = ("- unit: table-4/row2\n  draft: true\n  claims:\n    - [table-4-austria, value, 28]\n"
            "- unit: table-4/row3\n  claims:\n    - [table-4-belgium, value, 45]\n"
            "- unit: table-4/row4\n  claims: []\n")
    report = claims_report(ledger=load_ledger(plant(tmp_path, drafts=text)))
    states = {r["unit"]: r["state"] for r in report.rows()}
    assert (states["table-4/row2"], states["table-4/row3"], states["table-4/row4"]) \
        == ("unreviewed", "structured", "unreviewed")
    summary = report.summary()
    assert summary["units reviewed"] == 1
    assert summary["claims"] == 1  # the draft's claim is not counted
    table4 = next(r for r in report.by_section() if r["section"] == "table-4")
    assert (table4["units"], table4["unreviewed"], table4["claims"]) == (29, 28, 1)


def test_the_claims_table_is_fast_and_fits_the_terminal():
    started = time.monotonic()
    result = kg("coverage", "--claims", columns=80)
    elapsed = time.monotonic() - started
    assert result.returncode in (0, 1), result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    table = lines[:lines.index("")]
    assert len(table) <= 45  # the footnotes in one row: the table fits a screen
    assert table[-1].startswith("footnotes ")
    assert elapsed < 30, elapsed  # about 1 s on an idle machine


def test_the_uncovered_list_keeps_unit_ids_whole():
    result = kg("coverage", "--claims", "--uncovered", columns=80)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    units = [line.split()[0] for line in lines[2:lines.index("")]]
    known = load_units()
    assert units and all(u in known for u in units)  # "executive-summary…" before
