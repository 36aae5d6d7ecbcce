"""Find the words of the paper that state each value of the curated data.

Run from the repository root when the data or the seed text changes::

    python tools/quotes.py ../shared/seed/000_a91e641535a880c8.txt > kg/data/quotes.json

For every value of every record (prose and bookkeeping fields aside, and values that
already carry an inline quote) it looks for the value's forms
(:func:`kg.data.quotes.fact_forms`: a referenced record's names, a number's printed
forms, the printed wording of a figure) in the paper's units
(:func:`kg.data.paper.split_units`), preferring a unit in one of the places the record
cites and one that also names the record. The quote is the form with up to three words
either side, within the sentence; a prefix and suffix are added where those words occur
more than once in the paper. Numbers, years and short forms are only looked for in the
places the record cites. Values it cannot find keep the record's places (``source``) and
are listed on standard error. The output is sorted and stable.
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
from kg.data.paper import Unit, fold, printed_text, split_units, unit_offsets  # noqa: E402
from kg.data.quotes import (  # noqa: E402
    FIGURE_FIELDS,
    MEMBERSHIP_FIELDS,
    UNQUOTED_FIELDS,
    Quote,
    fact_forms,
    names_of,
    value_key,
    verify,
)

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


def quotes_of(record: Record, field: str, value: object, records: dict[str, Record],
              paper: Paper) -> list[Quote]:
    """The verified quotes of one value: the best one in each place it is stated in (at
    most MAX_PLACES), or the best one anywhere when no such place states it."""
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


def main(seed_path: str) -> int:
    records = load_records([p for p in data_files() if p.name != "quotes.json"])
    paper = Paper.read(Path(seed_path).read_text(encoding="utf-8"), records)
    out: dict[str, list[dict]] = {}
    missing = 0
    for rid in sorted(records):
        record = records[rid]
        inline = {q.key for q in record.quotes}
        for field in sorted(record.fields):
            if field in UNQUOTED_FIELDS or (field == "label" and any(
                    t.endswith(("#Footnote", "#FootnoteCitation")) for t in record.types)):
                continue
            for value in record.values(field):
                if isinstance(value, bool) or (rid, field, value_key(value)) in inline:
                    continue
                quotes = quotes_of(record, field, value, records, paper)
                if not quotes:
                    missing += 1
                    print(f"not found: {rid} {field} {value_key(value)[:60]!r}",
                          file=sys.stderr)
                for quote in quotes:
                    entry = {"field": field, "value": value, "source": quote.source,
                             "exact": quote.exact}
                    if quote.prefix or quote.suffix:
                        entry.update(prefix=quote.prefix, suffix=quote.suffix)
                    out.setdefault(rid, []).append(entry)
    found = sum(len(v) for v in out.values())
    print(f"{found} quotes; {missing} values not found", file=sys.stderr)
    sys.stdout.write(dumps(out))
    return 0


def dumps(quotes: dict[str, list[dict]]) -> str:
    """The quote file: one record per line, one quote per line (diffs stay readable)."""
    lines = []
    for rid, entries in quotes.items():
        body = ",\n    ".join(json.dumps(e, ensure_ascii=False, default=str) for e in entries)
        lines.append(f"  {json.dumps(rid)}: [\n    {body}]")
    return '{"quotes": {\n' + ",\n".join(lines) + "\n}}\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/seed/000_a91e641535a880c8.txt"))
