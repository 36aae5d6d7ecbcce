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
from kg.data.load import load_records
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
            if entry.unit in ledger:
                first = ledger[entry.unit]
                raise DataError(entry.path, entry.line, entry.unit, "unit", entry.unit,
                                f"a unit listed once (already at {first.path}:{first.line})")
            ledger[entry.unit] = entry
    return ledger


@dataclass
class ClaimsReport:
    """The ledger checked against the data, unit by unit."""

    units: list[TextUnit]
    ledger: dict[str, LedgerEntry]
    records: dict[str, Record]
    problems: list[str] = field(default_factory=list)

    def structured(self, claim: Claim) -> bool:
        """Whether the data holds ``claim`` as a statement (or as the record it names)."""
        record = self.records.get(claim.record)
        if claim.kind == "record":
            return record is not None
        if claim.kind != "statement" or record is None:
            return False
        return value_key(claim.value) in {value_key(v) for v in record.values(claim.field)}

    def state(self, unit: TextUnit) -> str:
        """``unreviewed``, ``not factual``, ``allowed``, ``structured`` (every claim a
        statement), ``partly described`` or ``only described``."""
        entry = self.ledger.get(unit.id)
        if entry is None or entry.draft:
            return "unreviewed"
        if not entry.factual:
            if not entry.why:
                self.problems.append(f"{entry.path}:{entry.line}: {unit.id} is marked not "
                                     "factual without a reason (why)")
            return "not factual"
        kinds = [self.structured(c) for c in entry.claims]
        if entry.allowed:
            return "allowed"
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
            found.append({"unit": unit.id, "line": unit.line, "state": state,
                          "structured": sum(self.structured(c) for c in claims),
                          "described": [c.label() for c in claims if not self.structured(c)],
                          "text": unit.text})
        return found

    def by_section(self) -> list[dict[str, Any]]:
        """Per section: factual units and claims, structured and only described."""
        table: dict[str, dict[str, Any]] = {}
        for unit in self.units:
            section = unit.place.split("/")[0]
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
        return list(table.values())

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
