"""The claims ledger: what each factual unit of the paper claims, and whether the data
holds each claim as a statement a query can select, or only in a description.

The ledger is curated data (``kg/data/claims/*.yaml``), one entry per unit of the paper
(:mod:`kg.data.units`: a sentence, an undivided list or box item, a table row, a line of
figure text)::

    - unit: section-3-3/p7/s2
      claims:
        - [gic, engagesPartner, trade-commissioner-service]   # record, field, value
        - record: gic-renewal-2022                             # a whole n-ary record
        - described: "the GICs are hybrid instruments"         # only in a description
    - unit: section-1/p1/s1
      factual: false
      why: "introduces the section"

A claim ``[record, field, value]`` is *structured* when that record has that value in that
field (the statement the claim is), a ``record`` claim when the record exists; a
``described`` claim is a gap the entry names. A unit may be ``allowed`` with a reason
when its claims cannot be statements (an argument, a judgement). ``tools/claims.py``
drafts entries from the statements anchored in each unit.

Examples
--------
>>> ledger = load_ledger()
>>> report = claims_report(load_records(), ledger)
>>> report.summary()["units to review"] > 700
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from kg.core.errors import DataError, UnknownReferenceError
from kg.data.load import add_once, load_records
from kg.data.model import Record
from kg.data.quotes import value_key
from kg.data.units import TextUnit, Units, load_units
from kg.data.yamlfile import parse_yaml

__all__ = ["Claim", "LedgerEntry", "ClaimsReport", "load_ledger", "claims_report",
           "review_units", "CLAIMS_FOLDER"]

#: The ledger's folder in the package.
CLAIMS_FOLDER = "claims"
#: Kinds of unit whose claims the ledger reviews (the smallest that hold whole claims).
REVIEWED = ("sentence", "list item", "box item", "table row", "abbreviation", "figure text")


@dataclass(frozen=True)
class Claim:
    """One claim of a unit: a statement, a whole record, or a described gap."""

    kind: str  # "statement", "record" or "described"
    record: str = ""
    field: str = ""
    value: Any = None
    text: str = ""

    def label(self) -> str:
        if self.kind == "statement":
            return f"{self.record} {self.field} {value_key(self.value)}"
        return self.record if self.kind == "record" else f"described: {self.text}"


@dataclass(frozen=True)
class LedgerEntry:
    """The ledger's entry for one unit."""

    unit: str
    claims: tuple[Claim, ...] = ()
    factual: bool = True
    why: str = ""
    allowed: str = ""
    #: drafted by ``tools/claims.py`` and not yet read by a person
    draft: bool = False
    path: str = ""
    line: int | None = None


def review_units(units: Units | None = None) -> list[TextUnit]:
    """The units the ledger reviews: sentences, undivided list and box items, table rows
    and figure text, in reading order (not the bibliography, the abbreviations' heading or
    footnotes, whose citations the bibliography's records hold)."""
    units = units or load_units()
    parents = {u.parent for u in units}
    return [u for u in units if u.kind in REVIEWED and u.place != "bibliography"
            and not (u.kind in ("list item", "box item") and u.id in parents)]


def _problems(ledger: dict[str, LedgerEntry], reviewed: set[str]) -> list[str]:
    """What the ledger holds wrongly, one line per entry: a unit the ledger does not
    review (a caption, a table cell: its claims would count nowhere), a unit marked not
    factual without a reason, or with claims."""
    found = []
    for entry in ledger.values():
        where = f"{entry.path}:{entry.line}: {entry.unit}"
        if entry.unit not in reviewed:
            found.append(f"{where} is not a unit the ledger reviews (sentences, list and "
                         "box items, table rows, figure text)")
        if not entry.factual and not entry.why:
            found.append(f"{where} is marked not factual without a reason (why)")
        if not entry.factual and entry.claims:
            found.append(f"{where} is marked not factual but lists claims")
    return found


def _claim(path: str, line: int | None, unit: str, item: Any) -> Claim:
    if isinstance(item, list) and len(item) == 3:
        return Claim("statement", str(item[0]), str(item[1]), item[2])
    if isinstance(item, dict) and set(item) - {"__line__"} == {"record"}:
        return Claim("record", str(item["record"]))
    if isinstance(item, dict) and set(item) - {"__line__"} == {"described"}:
        return Claim("described", text=str(item["described"]))
    raise DataError(path, line, unit, "claims", item,
                    "[record, field, value], {record: ID} or {described: TEXT}")


def _entries(path: Traversable, units: Units) -> list[LedgerEntry]:
    name = str(path)
    items = parse_yaml(path.read_text(encoding="utf-8"), name) or []
    if not isinstance(items, list):
        raise DataError(name, 1, None, None, type(items).__name__, "a list of unit entries")
    found = []
    for item in items:
        line = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("unit"), str):
            raise DataError(name, line, None, "unit", item, "an entry with a unit id")
        if item["unit"] not in units:
            raise UnknownReferenceError(name, line, item["unit"], "unit", item["unit"],
                                        "the id of a unit of the paper (kg/data/paper/units.json)")
        claims = tuple(_claim(name, line, item["unit"], c) for c in item.get("claims") or [])
        found.append(LedgerEntry(item["unit"], claims, bool(item.get("factual", True)),
                                 str(item.get("why", "")), str(item.get("allowed", "")),
                                 bool(item.get("draft", False)), name, line))
    return found


def load_ledger(folder: Path | None = None, units: Units | None = None
                ) -> dict[str, LedgerEntry]:
    """The ledger's entries by unit id (the package's ``kg/data/claims/`` by default).

    :raises DataError: naming file and line for an entry that is not one, a unit the
        paper does not have, or a unit listed twice.
    """
    units = units or load_units()
    folder_path: Traversable = folder if folder is not None else files("kg.data").joinpath(
        CLAIMS_FOLDER)
    ledger: dict[str, LedgerEntry] = {}
    if not folder_path.is_dir():
        return ledger
    for path in sorted(folder_path.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yaml"):
            continue
        for entry in _entries(path, units):
            add_once(ledger, entry.unit, entry, "unit", "a unit listed once (already at")
    return ledger


@dataclass
class ClaimsReport:
    """The ledger checked against the data, unit by unit."""

    units: list[TextUnit]
    ledger: dict[str, LedgerEntry]
    records: dict[str, Record]
    #: entries the ledger holds wrongly (file:line and what), each listed once
    problems: list[str] = field(default_factory=list)
    _states: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.problems.extend(_problems(self.ledger, {u.id for u in self.units}))

    def gap(self, claim: Claim) -> str:
        """Why the data does not hold ``claim`` ("" when it does): no such record, no such
        field on it, other values, or a claim only described.

        >>> report = claims_report(ledger={})
        >>> report.gap(Claim("statement", "table-4-austria", "value", 28))
        ''
        >>> report.gap(Claim("statement", "table-4-austria", "value", 29))
        'table-4-austria value is 28, not 29'
        >>> report.gap(Claim("record", "no-such-record"))
        'no record no-such-record'
        """
        if claim.kind == "described":
            return "only described"
        record = self.records.get(claim.record)
        if record is None:
            return f"no record {claim.record}"
        if claim.kind == "record":
            return ""
        values = record.values(claim.field)
        if not values:
            return f"{claim.record} has no {claim.field}"
        if value_key(claim.value) in {value_key(v) for v in values}:
            return ""
        shown = ", ".join(value_key(v) for v in values[:3]) + (" …" if len(values) > 3 else "")
        return f"{claim.record} {claim.field} is {shown}, not {value_key(claim.value)}"

    def structured(self, claim: Claim) -> bool:
        """Whether the data holds ``claim`` as a statement (or as the record it names)."""
        return not self.gap(claim)

    def state(self, unit: TextUnit) -> str:
        """``unreviewed`` (no entry, a draft, or an entry without claims), ``not
        factual``, ``allowed``, ``structured`` (every claim a statement), ``partly
        described`` or ``only described``."""
        if unit.id not in self._states:
            self._states[unit.id] = self._state(self.ledger.get(unit.id))
        return self._states[unit.id]

    def _state(self, entry: LedgerEntry | None) -> str:
        if entry is None or entry.draft:
            return "unreviewed"
        if not entry.factual:
            return "not factual"
        if entry.allowed:
            return "allowed"
        kinds = [self.structured(c) for c in entry.claims]
        if not kinds:
            return "unreviewed"
        if all(kinds):
            return "structured"
        return "only described" if not any(kinds) else "partly described"

    def rows(self, states: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """One row per reviewed unit (those in ``states``), with its claims."""
        wanted = set(states) if states is not None else None
        found = []
        for unit in self.units:
            state = self.state(unit)
            if wanted is not None and state not in wanted:
                continue
            entry = self.ledger.get(unit.id)
            claims = entry.claims if entry else ()
            gaps = [(c, self.gap(c)) for c in claims]
            found.append({"unit": unit.id, "line": unit.line, "state": state,
                          "structured": sum(not why for _, why in gaps),
                          "described": [c.label() if why == "only described"
                                        else f"{c.label()} ({why})"
                                        for c, why in gaps if why],
                          "text": unit.text})
        return found

    def by_section(self, fold_footnotes: bool = False) -> list[dict[str, Any]]:
        """Per section: factual units and claims, structured and only described;
        ``fold_footnotes``: the footnotes in one row, ``footnotes``, at the end."""
        table: dict[str, dict[str, Any]] = {}
        for unit in self.units:
            section = unit.place.split("/")[0]
            if fold_footnotes and section.startswith("footnote-"):
                section = "footnotes"
            row = table.setdefault(section, {"section": section, "units": 0, "factual": 0,
                                             "claims": 0, "structured": 0, "described": 0,
                                             "unreviewed": 0})
            row["units"] += 1
            state, entry = self.state(unit), self.ledger.get(unit.id)
            row["unreviewed"] += state == "unreviewed"
            if entry is not None and entry.factual and not entry.draft:
                row["factual"] += 1
                row["claims"] += len(entry.claims)
                row["structured"] += sum(self.structured(c) for c in entry.claims)
                row["described"] += sum(not self.structured(c) for c in entry.claims)
        footnotes = table.pop("footnotes", None)
        return list(table.values()) + ([footnotes] if footnotes else [])

    def summary(self) -> dict[str, Any]:
        states = [self.state(u) for u in self.units]
        factual = sum(s not in ("not factual", "unreviewed") for s in states)
        claims = [c for e in self.ledger.values() if e.factual and not e.draft
                  for c in e.claims]
        return {"units reviewed": sum(s != "unreviewed" for s in states),
                "units to review": len(states), "factual units": factual,
                "structured units": states.count("structured"),
                "partly described": states.count("partly described"),
                "only described": states.count("only described"),
                "allowed": states.count("allowed"),
                "allowed %": round(100 * states.count("allowed") / factual, 1) if factual else 0,
                "claims": len(claims),
                "claims structured": sum(self.structured(c) for c in claims),
                "claims described": sum(not self.structured(c) for c in claims),
                "unreviewed": states.count("unreviewed")}


def claims_report(records: dict[str, Record] | None = None,
                  ledger: dict[str, LedgerEntry] | None = None,
                  units: Units | None = None) -> ClaimsReport:
    """The ledger (the package's by default) checked against ``records``."""
    units = units or load_units()
    records = records if records is not None else load_records()
    ledger = ledger if ledger is not None else load_ledger(units=units)
    return ClaimsReport(review_units(units), ledger, records)
