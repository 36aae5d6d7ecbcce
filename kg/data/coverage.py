"""How much of the paper the curated data quotes, unit by unit.

The paper is split into units (:func:`kg.data.paper.split_units`). A unit is *covered*
when at least one statement-level quote (:class:`kg.data.quotes.Quote`) occurs in it. A
unit is *factual* when it holds a number or the name of something the graph knows (an
organisation, programme, place, ecosystem …); headings, captions and the title page are
counted but not required. Every quote is also checked against the paper
(:func:`kg.data.quotes.verify`). Factual units that are knowingly left uncovered are
listed, each with its reason, in ``kg/data/coverage-allow.json`` (by line and opening
words, so an edit of the paper shows up).

Examples
--------
>>> from kg.data.load import load_records
>>> paper = ("#### 3.1 Enhancing intra-European cluster cooperation\\n\\n"
...          "On a specific note, SUAVE aims at promoting innovation in urban farming systems "
...          "through the collaboration of five agri-food and digital clusters.\\n")
>>> report = coverage(load_records(), paper)
>>> [(u.unit.place, u.factual, u.covered) for u in report.units][-1]
('section-3-1', True, True)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from kg.core.namespaces import EUCAN
from kg.data.jsonfile import parse_json
from kg.data.model import Record
from kg.data.paper import Unit, comparable, fold, printed_text, split_units, unit_offsets
from kg.data.quotes import Quote, verify
from kg.data.schema import load_schema

__all__ = ["coverage", "CoverageReport", "UnitCoverage", "allow_list", "NOT_REQUIRED"]

#: Kinds of units counted but not required to be covered.
NOT_REQUIRED = frozenset({"heading", "caption", "title page"})
_NUMBER = re.compile(r"\d")


@dataclass
class UnitCoverage:
    """One unit, whether it is factual, the quotes found in it and any allowance."""

    unit: Unit
    factual: bool
    quotes: list[Quote] = field(default_factory=list)
    allowed: str | None = None

    @property
    def covered(self) -> bool:
        """Whether any statement quotes this unit."""
        return bool(self.quotes)

    @property
    def state(self) -> str | None:
        """``covered``, ``allowed`` or ``uncovered`` for a factual unit; None otherwise."""
        if not self.factual:
            return None
        return "covered" if self.covered else "allowed" if self.allowed else "uncovered"


@dataclass
class CoverageReport:
    """Units with their coverage, and the quotes that did not check out."""

    units: list[UnitCoverage]
    quotes: int
    bad_quotes: list[tuple[Quote, str]]
    unplaced: list[Quote]
    #: allow-list lines that are covered now, or match no factual unit (to remove)
    stale_allowances: list[int] = field(default_factory=list)
    #: quote-file entries for values the data no longer has (re-run tools/quotes.py)
    stale_quotes: int = 0

    @property
    def uncovered(self) -> list[UnitCoverage]:
        """Factual units no statement quotes and no allowance explains."""
        return [u for u in self.units if u.state == "uncovered"]

    def by_section(self) -> list[dict[str, Any]]:
        """One row per section of the paper, in reading order."""
        rows: dict[str, dict[str, Any]] = {}
        for u in self.units:
            row = rows.setdefault(u.unit.section, {"section": u.unit.section, "units": 0,
                                                   "factual": 0, "covered": 0, "allowed": 0,
                                                   "uncovered": 0, "quotes": 0})
            row["units"] += 1
            row["quotes"] += len(u.quotes)
            if u.state:
                row["factual"] += 1
                row[u.state] += 1
        for row in rows.values():
            row["share"] = f"{100 * row['covered'] / row['factual']:.0f}%" if row["factual"] \
                else "-"
        return list(rows.values())

    def summary(self) -> dict[str, Any]:
        """The totals: units, factual units, covered, allowed, uncovered, quotes."""
        states = [u.state for u in self.units if u.state]
        return {"units": len(self.units), "factual": len(states),
                "covered": states.count("covered"), "allowed": states.count("allowed"),
                "uncovered": states.count("uncovered"), "quotes": self.quotes,
                "quotes verified": self.quotes - len(self.bad_quotes),
                "quotes not verified": len(self.bad_quotes),
                "stale allowances": len(self.stale_allowances),
                "stale quotes": self.stale_quotes}


def allow_list() -> dict[int, dict[str, str]]:
    """The shipped allowances: paper line -> ``{"starts": …, "reason": …}``."""
    path = files("kg.data") / "coverage-allow.json"
    if not path.is_file():
        return {}
    # A key given twice is refused, not silently kept once (kg.data.jsonfile).
    return {int(k): v for k, v in parse_json(path.read_text(encoding="utf-8"),
                                             str(path)).items()}


def _names(records: dict[str, Record]) -> re.Pattern:
    """Any name of a thing the graph knows (not a place of the paper or a bibliography
    entry; four characters or more, with a capital), folded."""
    schema = load_schema()
    apparatus = (EUCAN + "Source", EUCAN + "BibliographyEntry")
    names = {fold(str(v)) for r in records.values()
             if not any(schema.is_a(t, a) for t in r.types for a in apparatus)
             for f in ("label", "altLabel", "skos:notation") for v in r.values(f)
             if len(str(v)) >= 4 and str(v) != str(v).lower()}
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")


def _unit_of(quote: Quote, units: list[Unit], whole: str, starts: list[int],
             order: list[int]) -> int | None:
    """The unit the quote's words are in: an occurrence of prefix + exact + suffix in the
    paper, in the quote's place where there is one (``order``: unit indices by ``starts``,
    ascending)."""
    prefix = comparable(quote.prefix)
    key = comparable(quote.prefix + quote.exact + quote.suffix)
    skip = len(prefix) + (1 if prefix and quote.prefix[-1:].isspace() else 0)
    ordered_starts = [starts[i] for i in order]
    found, at = [], whole.find(key)
    while at >= 0:
        index = bisect_right(ordered_starts, at + skip) - 1
        if index >= 0:
            found.append(order[index])
        at = whole.find(key, at + 1)
    return next((i for i in found if units[i].place == quote.source), found[0] if found else None)


def coverage(records: dict[str, Record], paper: str,
             allow: dict[int, dict[str, str]] | None = None) -> CoverageReport:
    """Split ``paper``, find every quote of ``records`` in it and check each quote."""
    allow = allow_list() if allow is None else allow
    units = split_units(paper, records)
    names = _names(records)
    folded = [fold(u.text) for u in units]
    rows = [UnitCoverage(u, u.kind not in NOT_REQUIRED and bool(
        _NUMBER.search(u.text) or names.search(folded[i]))) for i, u in enumerate(units)]
    for row in rows:
        allowed = allow.get(row.unit.line)
        if allowed and fold(row.unit.text).startswith(fold(allowed.get("starts", ""))):
            row.allowed = allowed.get("reason") or "allowed"
    text = printed_text(paper)
    spaced = " ".join(text.split())
    whole = fold(spaced)
    starts = unit_offsets(units, spaced)
    order = sorted(range(len(units)), key=lambda i: starts[i])
    quotes = [q for r in records.values() for q in r.quotes]
    bad, unplaced = [], []
    for quote in quotes:
        # the words must be printed (with prefix and suffix); whether they state the fact
        # is the support rule's question (kg.data.support), read with headers and captions
        problem = verify(quote, text, [])
        if problem:
            bad.append((quote, problem))
            continue
        hit = _unit_of(quote, units, whole, starts, order)
        if hit is None:
            unplaced.append(quote)
        else:
            rows[hit].quotes.append(quote)
    needed = {u.unit.line for u in rows if u.state == "allowed"}
    stale = sorted(line for line in allow if line not in needed)
    return CoverageReport(rows, len(quotes), bad, unplaced, stale,
                          sum(len(r.stale_quotes) for r in records.values()))
