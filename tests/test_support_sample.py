"""The sample of issue 29 (item 5), read against the paper and kept as a regression test.

``python -m kg coverage --sample 100 --seed 2023 --format json`` drew 100 statements (at the
commit named in the fixture); each was read with its quote, in its unit and in the paper
around it (kg/data/paper/eccp-eu-canada-2023.md). ``tests/fixtures/support-sample.json``
keeps, per statement, the unit of the quote read, the verdict and its reason in the paper's
words:

- "states it": the quoted words state exactly this fact. The statement must stay in the
  data and some quote of it must be proved by the support rule
  (:meth:`kg.data.support.Support.verdict`), unless a rule change made it no statement;
- "names but does not state": both ends are named, but the words say something else. Fixing
  the cause means the rule no longer proves it in that unit, and a quote in the unit that
  does state it (listed in the fixture) is proved;
- "wrong fact": the data's value is not the paper's (none in this sample);
- "not the paper's": the project's reading. Fixing the cause means the statement is gone,
  is no statement, or carries an interpretation instead of a quote.

Each entry that is not yet as it should be (and each stated fact no quote proves yet) names
its cause, one of the ``causes`` of the fixture with the change it needs; its test is an
``xfail(strict=True)``: it fails today, and once the cause is fixed the XPASS fails the suite
until the mark is removed, so the verdict becomes a plain regression test. A cause that
has been fixed says how (``fixed``) and its entries carry no mark.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.data.quotes import Quote, statements, value_key
from kg.data.support import Support, Verdict

SAMPLE = Path(__file__).parent / "fixtures" / "support-sample.json"
DOCUMENT: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
ENTRIES: list[dict[str, Any]] = DOCUMENT["entries"]
VERDICTS = ("states it", "names but does not state", "wrong fact", "not the paper's")
_MISSING = object()


def _params(*verdicts: str) -> list[Any]:
    """The entries with one of ``verdicts``, each an xfail while its cause stands."""
    found = []
    for entry in ENTRIES:
        if entry["verdict"] not in verdicts:
            continue
        marks = []
        cause = DOCUMENT["causes"].get(entry.get("cause") or "", {})
        if cause and not cause.get("fixed"):
            marks.append(pytest.mark.xfail(strict=True, reason=(
                f"{entry['cause']}: {cause['title']}; fix ({cause['kind']}): {cause['short']} "
                f"(causes.{entry['cause']} in {SAMPLE.name})")))
        found.append(pytest.param(entry, marks=marks,
                                  id=f"n{entry['n']:02d}-{entry['record']}-{entry['field']}"))
    return found


@pytest.fixture(scope="module")
def check(records) -> Support:
    return Support(records)


def _value(check: Support, entry: dict[str, Any]) -> Any:
    """The entry's value as the data holds it (typed), or _MISSING when it is gone."""
    record = check.records.get(entry["record"])
    if record is None:
        return _MISSING
    return next((v for v in record.values(entry["field"])
                 if entry["value"] in (str(v), value_key(v))), _MISSING)


def _is_statement(check: Support, entry: dict[str, Any], value: Any) -> bool:
    record = check.records[entry["record"]]
    return any(f == entry["field"] and value_key(v) == value_key(value)
               for f, v in statements(record, check.records))


def _verdicts(check: Support, entry: dict[str, Any]) -> list[Verdict]:
    record = check.records[entry["record"]]
    return [check.verdict(q) for q in record.quotes if q.field == entry["field"]
            and entry["value"] in (str(q.value), value_key(q.value))]


def _where(verdicts: list[Verdict]) -> list[tuple[str | None, str]]:
    return [(v.unit, v.why or "proved") for v in verdicts]


def test_the_sample_is_whole():
    """100 statements, each once, each with a verdict and a reason; every entry that is not
    yet right names a cause the fixture describes, and the counts add up."""
    assert DOCUMENT["command"] == "python -m kg coverage --sample 100 --seed 2023 --format json"
    assert [e["n"] for e in ENTRIES] == list(range(100))
    assert len({(e["record"], e["field"], e["value"]) for e in ENTRIES}) == 100
    assert all(e["verdict"] in VERDICTS and e["reason"] for e in ENTRIES)
    assert dict(Counter(e["verdict"] for e in ENTRIES)) == {
        k: n for k, n in DOCUMENT["verdicts"].items() if n}
    for entry in ENTRIES:
        if entry["verdict"] != "states it":
            assert entry.get("cause") and entry.get("expect"), entry["n"]
        if entry.get("cause"):
            assert entry["cause"] in DOCUMENT["causes"], entry["n"]
    explained = Counter(e["cause"] for e in ENTRIES if e.get("cause"))
    assert {k: c["explains"] for k, c in DOCUMENT["causes"].items()} == dict(explained)
    assert all(c["title"] and c["short"] and c["fix"] for c in DOCUMENT["causes"].values())


@pytest.mark.parametrize("entry", _params("states it"))
def test_a_stated_fact_stays_proved(entry, check):
    """The quoted words state the fact: the statement is still in the data and a quote of it
    is proved (in one of the units listed, where the fixture lists them)."""
    value = _value(check, entry)
    assert value is not _MISSING, f"{entry['record']} {entry['field']} {entry['value']!r} is gone"
    if not _is_statement(check, entry, value):
        return  # no longer a statement of the paper (a rule change): nothing to prove
    verdicts = _verdicts(check, entry)
    proved = [v.unit for v in verdicts if v.proved]
    assert proved, f"no quote proves it; the paper: {entry['reason']} (now: {_where(verdicts)})"
    wanted = entry.get("expect", {}).get("proved_in")
    if wanted:
        assert set(proved) & set(wanted), f"proved in {proved}, not in {wanted}"


@pytest.mark.parametrize("entry", _params("names but does not state", "wrong fact"))
def test_words_that_say_something_else_prove_nothing(entry, check):
    """The unit read names both ends but states another fact: the rule must not prove the
    statement there, and a quote in the unit that states it must be proved."""
    expect = entry["expect"]
    value = _value(check, entry)
    assert value is not _MISSING, f"{entry['record']} {entry['field']} {entry['value']!r} is gone"
    unit = check.units.by_id.get(expect["not_proved_in"])
    if unit is not None:
        there = check.verdict(Quote(entry["record"], entry["field"], value, unit.place,
                                    unit.text, unit=unit.id))
        assert not there.proved, f"still proved by {unit.id}: {unit.text[:80]!r}"
    verdicts = _verdicts(check, entry)
    proved = {v.unit for v in verdicts if v.proved}
    assert proved & set(expect["proved_in"]), (
        f"no quote in {expect['proved_in']} proves it (now: {_where(verdicts)})")


@pytest.mark.parametrize("entry", _params("not the paper's"))
def test_the_projects_reading_is_marked(entry, check):
    """The paper does not word it: the statement is gone, is no statement of the paper, or
    carries the project's interpretation and no quote proves it."""
    value = _value(check, entry)
    if value is _MISSING or not _is_statement(check, entry, value):
        return
    verdicts = _verdicts(check, entry)
    assert any(v.interpretation for v in verdicts), (
        f"still a statement of the paper, not marked as the project's reading "
        f"(quotes: {_where(verdicts)})")
    assert not any(v.proved for v in verdicts), _where(verdicts)
