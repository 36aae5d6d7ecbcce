"""The comment audit: every thing a description names is linked to it in the data.

A record's prose (``comment``, ``description``, ``skos:definition``, ``skos:scopeNote``,
and the printed text of a footnote) often names other things the graph knows: "Company
leading the Digital Supercluster project …". A :class:`Mention` of record B in the prose of
record A is *linked* when the data says how the two are related, in one of three ways:

1. a field of A refers to B, or a field of B to A (``ideon-technologies ledBy`` …);
   — a place of the paper is linked to what cites it (``source`` or a quote's place);
2. one record refers to both: a figure with both among its dimensions (its measure's
   data source counts as one), a report by one about the other, an agreement between
   them;
3. a path A – X – B through a record X the same text also names ("Assessment by John
   Knubley, former Deputy Minister of ISED": report → author → affiliation); X is not a
   place (everything in Canada is two steps from everything else in Canada).

Names are labels, other labels, notations and abbreviations of things (not of concepts of
a scheme, measures, figures or places of the paper: those words are common nouns), four
characters or more or an all-capitals acronym, matched whole-word, longest first; a
one-word name matches only with its printed capitals ("Digital" the supercluster is not
"digital" the adjective). A derivation note is not audited: it says how a value was
derived, often what the paper does *not* say.

Mentions knowingly left as prose are listed with a reason in
``kg/data/mentions-allow.json`` (record id -> mentioned id -> reason).

Examples
--------
>>> from kg.data.load import load_records
>>> report = audit(load_records())
>>> report.unlinked
[]
>>> m = next(m for m in report.mentions if (m.record, m.target) == ("ideon-technologies",
...                                                                   "earth-xray-project"))
>>> m.name, m.how
('Earth X-ray for Low-Impact Mining', 'direct')
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.resources import files

from kg.core.namespaces import EUCAN, SKOS
from kg.data.jsonfile import parse_json
from kg.data.model import Record
from kg.data.quotes import names_of
from kg.data.schema import load_schema

__all__ = ["audit", "AuditReport", "Mention", "AUDITED_FIELDS", "allow_list"]

#: The prose fields the audit reads.
AUDITED_FIELDS = ("comment", "description", "skos:definition", "skos:scopeNote")
#: Fields that are not relations between records.
_NOT_LINKS = frozenset(AUDITED_FIELDS) | {"derivationNote", "source", "qb:dataSet"}
#: Kinds whose names are common nouns or places of the paper, not things named in prose.
_UNNAMED = (SKOS + "Concept", EUCAN + "Observation", EUCAN + "SourceLocator",
            EUCAN + "BibliographyEntry", EUCAN + "Abbreviation", EUCAN + "Measure")


@dataclass(frozen=True)
class Mention:
    """Record ``target`` named as ``name`` in field ``field`` of record ``record``."""

    record: str
    field: str
    target: str
    name: str
    #: ``direct``, ``record``, ``via X`` or ``allowed``; empty when unlinked
    how: str = ""
    path: str = ""
    line: int | None = None


@dataclass
class AuditReport:
    """Every mention found, and the allowances no mention needs any more."""

    mentions: list[Mention]
    stale_allowances: list[tuple[str, str]] = field(default_factory=list)

    @property
    def unlinked(self) -> list[Mention]:
        """Mentions the data does not relate and no allowance explains."""
        return [m for m in self.mentions if not m.how]

    def summary(self) -> dict[str, int]:
        """Counts: mentions, linked directly, by a record relating both, by a path through
        a named record, allowed, unlinked."""
        hows = [m.how.split()[0] if m.how else "unlinked" for m in self.mentions]
        return {"mentions": len(hows), "direct": hows.count("direct"),
                "record": hows.count("record"), "path": hows.count("via"),
                "allowed": hows.count("allowed"), "unlinked": hows.count("unlinked"),
                "stale allowances": len(self.stale_allowances)}


def allow_list() -> dict[str, dict[str, str]]:
    """The shipped allowances: record id -> mentioned id -> reason."""
    path = files("kg.data") / "mentions-allow.json"
    # A key given twice is refused, not silently kept once (kg.data.jsonfile).
    return parse_json(path.read_text(encoding="utf-8"), str(path)) if path.is_file() else {}


def _name_index(records: dict[str, Record]) -> tuple[re.Pattern, dict[str, set[str]]]:
    """One pattern for every name of a nameable record, and name (folded as matched) ->
    the records it names."""
    schema = load_schema()
    owners: dict[str, set[str]] = defaultdict(set)
    for record in records.values():
        if any(schema.is_a(t, kind) for t in record.types for kind in _UNNAMED):
            continue
        for name in names_of(record, records, hidden=False):
            if len(name) >= 4 or (name.isupper() and len(name) >= 3):
                owners[_key(name)].add(record.id)
    ordered = sorted(owners, key=lambda n: (-len(n), n))
    words = [re.escape(n) if " " in n else f"(?-i:{re.escape(n)})" for n in ordered]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE), owners


def _key(name: str) -> str:
    """How a name is looked up once matched: several words case-folded, one word as is."""
    return name.casefold() if " " in name else name


def _links(records: dict[str, Record]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Record id -> the records it refers to (either way), and id -> the records that
    refer to it (a figure also to its measure's data source)."""
    schema = load_schema()
    linked: dict[str, set[str]] = defaultdict(set)
    referrers: dict[str, set[str]] = defaultdict(set)
    paper_places = {r.id for r in records.values()
                    if any(schema.is_a(t, EUCAN + "Source") for t in r.types)}
    for record in records.values():
        measure = records.get(record.first("measure") or "")
        sources = measure.values("dataSource") if measure else ()
        for value in sources:
            referrers[value].add(record.id)
        for quote in record.quotes:
            linked[record.id].add(quote.source)
            linked[quote.source].add(record.id)
        for name, values in record.fields.items():
            if name in _NOT_LINKS and name != "source":
                continue
            for value in values:
                if name == "source" and value not in paper_places:
                    continue
                if isinstance(value, str) and value in records and value != record.id:
                    linked[record.id].add(value)
                    linked[value].add(record.id)
                    if name != "source":
                        referrers[value].add(record.id)
    return linked, referrers


def audit(records: dict[str, Record],
          allow: dict[str, dict[str, str]] | None = None) -> AuditReport:
    """Find every mention in the records' prose and how the data links it."""
    allow = allow_list() if allow is None else allow
    pattern, owners = _name_index(records)
    linked, referrers = _links(records)
    schema = load_schema()
    geographic = {r.id for r in records.values()
                  if any(schema.is_a(t, EUCAN + "Place") for t in r.types)}
    found: dict[tuple[str, str, str], Mention] = {}
    used: set[tuple[str, str]] = set()
    for record in records.values():
        for name in AUDITED_FIELDS:
            for text in record.values(name):
                hits = [m.group(0) for m in pattern.finditer(str(text))]
                named = {t for h in hits for t in owners.get(_key(h), ())
                         if t not in geographic}
                for hit in hits:
                    for target in sorted(owners.get(_key(hit), ())):
                        if target == record.id or (record.id, name, target) in found:
                            continue
                        how = _how(record.id, target, named, linked, referrers)
                        if not how and target in allow.get(record.id, {}):
                            how = "allowed"
                            used.add((record.id, target))
                        found[(record.id, name, target)] = Mention(
                            record.id, name, target, hit, how, record.path, record.line)
    stale = sorted((r, t) for r, targets in allow.items() for t in targets
                   if (r, t) not in used)
    return AuditReport(sorted(found.values(), key=lambda m: (m.path, m.line or 0, m.target)),
                       stale)


def _how(a: str, b: str, named: set[str], linked: dict[str, set[str]],
         referrers: dict[str, set[str]]) -> str:
    """How the data relates ``a`` and ``b``: directly, by a record referring to both,
    via a named record."""
    if b in linked[a]:
        return "direct"
    if referrers[a] & referrers[b]:
        return "record"
    for x in sorted(named - {a, b}):
        if (x in linked[a] or referrers[a] & referrers[x]) and \
                (b in linked[x] or referrers[x] & referrers[b]):
            return f"via {x}"
    return ""
