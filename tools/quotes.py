"""Find the words of the paper that state each value of the curated data.

Run from the repository root when the data or the seed text changes::

    python tools/quotes.py > kg/data/quotes.json

For every value of every record (prose and bookkeeping fields aside, and values that
already carry an inline quote) it looks, in the places the record cites, for the units
of the paper (:mod:`kg.data.units`: sentences, cells, rows, items, captions) that prove
the statement by the support rule (:mod:`kg.data.support`: the unit, read with its
headers, caption or lead-in, names the subject and the object); the quote is the
smallest such unit's text, in at most three places. A prefix and suffix are added where
those words occur more than once in the paper. A value no unit of a cited place proves
is quoted as before — the value's printed form with up to three words either side,
preferring a cited place — and listed on standard error (with the uncited places that
would prove it), so that ``kg coverage --support`` shows it until the data is fixed.
The output is sorted and stable.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.data.load import data_files, load_records  # noqa: E402
from kg.data.model import Record  # noqa: E402
from kg.data.paper import (  # noqa: E402
    Unit,
    fold,
    printed_text,
    read_paper,
    split_units,
    unit_offsets,
)
from kg.data.quotes import (  # noqa: E402
    FIGURE_FIELDS,
    MEMBERSHIP_FIELDS,
    Quote,
    fact_forms,
    names_of,
    statements,
    value_key,
    verify,
)
from kg.data.support import Support  # noqa: E402
from kg.data.units import TextUnit  # noqa: E402

SIDE_WORDS = 3
MAX_PLACES = 3
CONTEXT = 40
_URL = re.compile(r"https?://\S+")
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s")
_PRINTED_PLACE = re.compile(r"^(figure|table|box|footnote)-\d+$")


@dataclass(frozen=True)
class Paper:
    """The paper once split and folded: its units, their folded text (and with addresses
    blanked out), the printed text, and where each unit starts in it with spaces
    normalised (so that a prefix or suffix may reach into the units around)."""

    units: list[Unit]
    folded: list[str]
    masked: list[str]
    printed: str
    spaced: str
    whole: str
    offsets: list[int]

    @classmethod
    def read(cls, raw: str, records: dict[str, Record]) -> Paper:
        units = split_units(raw, records)
        folded = [fold(u.text) for u in units]
        printed = printed_text(raw)
        spaced = " ".join(printed.split())
        return cls(units, folded, [_URL.sub(lambda m: " " * len(m.group(0)), t) for t in folded],
                   printed, spaced, fold(spaced), unit_offsets(units, spaced))

    def context(self, index: int, a: int, b: int) -> tuple[str, str]:
        """Up to CONTEXT characters (whole words) before and after ``[a, b)`` of unit
        ``index``, across line ends."""
        start, end = self.offsets[index] + a, self.offsets[index] + b
        prefix = self.spaced[max(0, start - CONTEXT):start]
        if start > CONTEXT and " " in prefix:
            prefix = prefix[prefix.find(" ") + 1:]
        suffix = self.spaced[end:end + CONTEXT]
        if len(suffix) == CONTEXT and " " in suffix:
            suffix = suffix[:suffix.rfind(" ")]
        return prefix, suffix


def _bounded(pattern: re.Pattern, text: str) -> list[int]:
    """Start positions of ``pattern`` in ``text`` (overlapping ones too)."""
    out, start = [], 0
    while True:
        found = pattern.search(text, start)
        if not found:
            return out
        out.append(found.start())
        start = found.start() + 1


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The form at ``text[start:end]`` with up to SIDE_WORDS words either side, kept
    within its sentence."""
    left = text[:start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(left)), default=0)
    words = list(re.finditer(r"\S+", text[cut:start]))
    a = cut + words[-SIDE_WORDS].start() if len(words) >= SIDE_WORDS else cut
    right = text[end:]
    stop = _SENTENCE_END.search(right)
    limit = end + (stop.start() if stop else len(right))
    after = list(re.finditer(r"\S+", text[end:limit]))
    b = end + after[SIDE_WORDS - 1].end() if len(after) >= SIDE_WORDS else limit
    return a, b


def _in_places(unit: Unit, places: set[str]) -> bool:
    return unit.place in places or any(unit.place.startswith(p + "-") for p in places
                                       if p.startswith("section"))


def _pattern(key: str) -> re.Pattern:
    """``key`` not inside a longer word or number."""
    left = r"(?<![\w.,])" if key[:1].isalnum() else ""
    if key[:1].isdigit():
        left += r"(?<!figure )(?<!table )(?<!box )(?<!footnote )(?<!section )"
    right = r"(?![\w]|[.,]\d)" if key[-1:].isalnum() else ""
    return re.compile(left + re.escape(key) + right)


def _cited(record: Record, field: str, value: object, records: dict[str, Record]) -> set[str]:
    """Where a value is stated: a figure's, table's, box's or footnote's own fields in
    itself; a citing footnote's words in that footnote; a list membership where the list
    is printed; anything else in the places its record cites."""
    target = records.get(value) if isinstance(value, str) else None
    if target is not None and any(t.endswith("#Footnote") for t in target.types):
        return {target.id}
    if target is not None and field in MEMBERSHIP_FIELDS:
        return {str(s) for s in target.values("source")}
    if _PRINTED_PLACE.match(record.id):
        return {record.id}
    return {str(s) for s in record.values("source")}


def _places(record: Record, field: str, value: object, records: dict[str, Record],
            known: set[str]) -> list[str]:
    """The places a value may be quoted from: those :func:`_cited` gives, with the
    subsections of a cited section."""
    cited = _cited(record, field, value, records)
    return sorted(p for p in known if _in_places(Unit(p, "", 0, ""), cited))


def proved_quotes(record: Record, field: str, value: object, paper: Paper,
                  support: Support, places: list[str]) -> list[Quote]:
    """Quotes of the smallest units of ``places`` that prove the statement (at most one
    per place, MAX_PLACES in all)."""
    probe = Quote(record.id, field, value, "", "")
    chosen: dict[str, tuple[TextUnit, tuple[str, ...]]] = {}
    for unit, read_with in support.best_units(record, probe, places):
        chosen.setdefault(unit.place, (unit, read_with))
        if len(chosen) == MAX_PLACES:
            break
    return [_unit_quote(record, field, value, unit, paper, read_with)
            for unit, read_with in chosen.values()]


def _unit_quote(record: Record, field: str, value: object, unit: TextUnit,
                paper: Paper, read_with: tuple[str, ...] = ()) -> Quote:
    """The whole text of ``unit`` as the quote, with a prefix and suffix when those words
    occur more than once in the paper."""
    exact = unit.text
    prefix = suffix = ""
    if paper.whole.count(fold(" ".join(exact.split()))) > 1:
        index = next((i for i, u in enumerate(paper.units) if u.line == unit.line
                      and u.place == unit.place), None)
        if index is not None:
            start = paper.units[index].text.find(exact)
            if start >= 0:
                prefix, suffix = paper.context(index, start, start + len(exact))
    beyond = tuple(u for u in read_with if u not in unit.context)
    return Quote(record.id, field, value, unit.place, exact, prefix, suffix, unit=unit.id,
                 read_with=beyond)


def quotes_of(record: Record, field: str, value: object, records: dict[str, Record],
              paper: Paper, support: Support) -> list[Quote]:
    """The quotes of one value: the units that prove it in the places it is stated in;
    else the best quote of its printed form (the support rule lists those)."""
    known = {u.place for u in support.units}
    proved = proved_quotes(record, field, value, paper, support,
                           _places(record, field, value, records, known))
    if proved:
        return proved
    elsewhere = proved_quotes(record, field, value, paper, support, sorted(known))
    if elsewhere:
        print(f"proved only in uncited places: {record.id} {field} {value_key(value)[:40]!r}: "
              f"{', '.join(q.source for q in elsewhere)}", file=sys.stderr)
    forms = fact_forms(record, field, value, records)
    found: list[Quote] = []
    for place in sorted(_cited(record, field, value, records)):
        quote = locate(record, field, value, records, forms, paper, only=place)
        if quote is not None and quote not in found:
            found.append(quote)
    accepted = [q for q in found[:MAX_PLACES] if not verify(q, paper.printed, forms)]
    if not accepted:
        quote = locate(record, field, value, records, forms, paper)
        accepted = [quote] if quote and not verify(quote, paper.printed, forms) else []
    return accepted


def locate(record: Record, field: str, value: object, records: dict[str, Record],
           forms: list[str], paper: Paper, only: str | None = None) -> Quote | None:
    """The best quote of one value among its ``forms``, or None (``only``: look in that
    place alone)."""
    places = _cited(record, field, value, records)
    subject = [fold(n) for n in names_of(record, records)]
    entity = records.get(str(record.first("observedEntity", "")))
    if entity is not None:
        subject += [fold(n) for n in names_of(entity, records)]
    best = None
    anywhere = (field not in FIGURE_FIELDS | MEMBERSHIP_FIELDS) and places != {str(value)}
    for form in forms:
        key = fold(" ".join(form.split()))
        if not key:
            continue
        loose = anywhere and len(key) >= 4 and re.search(r"[^\W\d]", key) and (
            field not in ("label", "altLabel") or form != form.lower())
        pattern = _pattern(key)
        texts = paper.folded if "http" in key else paper.masked
        for index, unit in enumerate(paper.units):
            if only is not None and not _in_places(unit, {only}):
                continue
            cited = _in_places(unit, places)
            if not cited and not loose:
                continue
            text = texts[index]
            if key not in text:
                continue
            named = any(n in text for n in subject)
            if len(key) < 3 and not named:
                continue
            body = field in ("label", "altLabel") or unit.kind not in ("heading", "caption")
            for start in _bounded(pattern, text):
                score = (cited, body, named, len(key), len(key) / max(len(text), 1), -index)
                if best is None or score > best[0]:
                    best = (score, index, start, start + len(key))
    if best is None:
        return None
    _, index, start, end = best
    unit = paper.units[index]
    a, b = _window(unit.text, start, end)
    exact = unit.text[a:b]
    prefix = suffix = ""
    if paper.whole.count(fold(exact)) > 1:
        prefix, suffix = paper.context(index, a, b)
    return Quote(record.id, field, value, unit.place, exact, prefix, suffix)


def main() -> int:
    records = load_records([p for p in data_files() if p.name != "quotes.json"])
    paper = Paper.read(read_paper(), records)
    support = Support(records)
    out: dict[str, list[dict]] = {}
    missing = 0
    for rid in sorted(records):
        record = records[rid]
        inline = {q.key for q in record.quotes}
        for field, value in statements(record, records):
            if (rid, field, value_key(value)) in inline:
                continue  # a value quoted or interpreted in the data itself
            quotes = quotes_of(record, field, value, records, paper, support)
            if not quotes:
                missing += 1
                print(f"not found: {rid} {field} {value_key(value)[:60]!r}", file=sys.stderr)
            out.setdefault(rid, []).extend(_entry(field, value, q) for q in quotes)
    out = {rid: entries for rid, entries in out.items() if entries}
    found = sum(len(v) for v in out.values())
    print(f"{found} quotes; {missing} values not found", file=sys.stderr)
    sys.stdout.write(dumps(out))
    return 0


def _entry(field: str, value: object, quote: Quote) -> dict[str, object]:
    """One quote as the quote file writes it."""
    entry = {"field": field, "value": value, "source": quote.source, "exact": quote.exact}
    if quote.prefix or quote.suffix:
        entry.update(prefix=quote.prefix, suffix=quote.suffix)
    if quote.unit:
        entry["unit"] = quote.unit
    if quote.read_with:
        entry["readWith"] = list(quote.read_with)
    return entry


def dumps(quotes: dict[str, list[dict]]) -> str:
    """The quote file: one record per line, one quote per line (diffs stay readable)."""
    lines = []
    for rid, entries in quotes.items():
        body = ",\n    ".join(json.dumps(e, ensure_ascii=False, default=str) for e in entries)
        lines.append(f"  {json.dumps(rid)}: [\n    {body}]")
    return '{"quotes": {\n' + ",\n".join(lines) + "\n}}\n"


if __name__ == "__main__":
    sys.exit(main())
