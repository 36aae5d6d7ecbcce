"""Statement-level citations: which place of the paper, and which words, state one value.

A record's ``source`` lists every place that mentions it. A :class:`Quote` pins one value
of one field to one place and to the words that state it — a W3C Web Annotation
``TextQuoteSelector`` (``exact`` with optional ``prefix``/``suffix`` to make it unique).
They come from two spellings in the curated data:

* inline, on the field itself::

    - id: suave
      budget: {value: 1050000, source: section-3-1, quote: "budget of EUR 1.05 million"}

* a quote file (``kg/data/quotes.json``, written by ``tools/quotes.py``), an object with
  one key ``quotes``::

    {"quotes": {"suave": [{"field": "label", "value": "SUAVE", "source": "box-5",
                           "exact": "SUAVE"}]}}

Examples
--------
>>> q = Quote("suave", "label", "SUAVE", "box-5", "SUAVE ( ECCP profile")
>>> q.key
('suave', 'label', 'SUAVE')
>>> verify(q, "… SUAVE ( ECCP profile ) ( Website ) …") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from kg.data.model import Record
from kg.data.paper import comparable

#: Fields written in the project's own words (descriptions, notes): they have a place but
#: no quote, since the paper's wording is not theirs.
PROSE_FIELDS = frozenset({"comment", "derivationNote", "skos:definition", "skos:scopeNote",
                          "description", "preferenceReason"})
#: Fields that are bookkeeping rather than statements of the paper.
UNQUOTED_FIELDS = PROSE_FIELDS | {"source", "qb:dataSet", "skos:topConceptOf", "hiddenLabel",
                                  "skos:notation", "owl:sameAs", "skos:exactMatch",
                                  "dcterms:isPartOf", "locatorNumber", "isoCode", "printedIn",
                                  "isPreferredFigure"}
#: A text value longer than this many words is quoted by its opening words.
OPENING_WORDS = 8

__all__ = ["Quote", "verify", "printed_forms", "value_key", "fact_forms", "names_of",
           "statements", "PROSE_FIELDS", "UNQUOTED_FIELDS", "NUMBER_WORDS"]


@dataclass(frozen=True)
class Quote:
    """One value of one field of one record, its place and the words that state it."""

    record: str
    field: str
    value: Any
    source: str
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    path: str = ""
    line: int | None = None
    #: the unit of the paper the words lie in (:mod:`kg.data.units`; "" until anchored)
    unit: str = ""
    #: units read with it beyond the unit's own context (an earlier sentence naming
    #: what "it" stands for)
    read_with: tuple[str, ...] = ()
    #: the project's reading of the paper, for a statement the paper does not word
    #: (no ``exact`` then)
    interpretation: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """``(record, field, value)`` with the value as text: the fact it cites."""
        return self.record, self.field, value_key(self.value)


def statements(record: Record, records: dict[str, Record] | None = None
               ) -> list[tuple[str, Any]]:
    """The ``(field, value)`` pairs of ``record`` that state something the paper says and
    so need its words: every value but prose, bookkeeping (:data:`UNQUOTED_FIELDS`),
    true/false flags, the labels the project gives footnotes ("Footnote 41"), the
    membership in a list of the project's own codes (``projectVocabulary``) and the names
    it gives such a list and its codes ("Directions of EU27-Canada trade flows")."""
    found = []
    own_names = records is not None and (_project_vocabulary(record) or any(
        _project_vocabulary(records.get(str(s))) for s in record.values("skos:inScheme")))
    for field in sorted(record.fields):
        if field in UNQUOTED_FIELDS or (field == "label" and any(
                t.endswith(("#Footnote", "#FootnoteCitation")) for t in record.types)) or (
                own_names and field in ("label", "altLabel")):
            continue
        found += [(field, v) for v in record.values(field) if not isinstance(v, bool)
                  and not (field in MEMBERSHIP_FIELDS and records is not None
                           and _project_vocabulary(records.get(str(v))))]
    return found


def _project_vocabulary(scheme: Record | None) -> bool:
    return scheme is not None and scheme.first("projectVocabulary") is True


def value_key(value: Any) -> str:
    """A value as comparable text (``Decimal('2.50')`` and ``2.5`` are the same value)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value)).normalize()
        return format(number, "f")
    return str(value)


def printed_forms(value: Any) -> list[str]:
    """How a number may be printed in the paper (``1050000000`` → ``1,050,000,000``,
    ``1.05 billion``, ``1,050 M`` …); other values as their text.

    >>> printed_forms(125000000)[:4]
    ['125,000,000', '125000000', '125 000 000', '125.000.000']
    >>> '125 million' in printed_forms(125000000)
    True
    """
    if isinstance(value, bool):
        return []
    if not isinstance(value, (int, Decimal, float)):
        return [str(value)]
    number = Decimal(str(value)).normalize()
    forms: list[str] = []
    if number == number.to_integral_value():
        n = int(number)
        grouped = f"{n:,}"
        forms += [grouped, str(n), grouped.replace(",", " "), grouped.replace(",", ".")]
        if 0 < n < len(NUMBER_WORDS):
            forms.append(NUMBER_WORDS[n])  # "five years"
        for scale, words in ((10**9, ("billion", "bn")), (10**6, ("million", "M", "m"))):
            if abs(n) >= scale and (n * 1000) % scale == 0:
                short = format((Decimal(n) / scale).normalize(), "f")
                for word in words:
                    forms += [f"{short} {word}", f"{short}{word}",
                              f"{short.replace('.', ',')} {word}"]
                if scale == 10**9:
                    millions = f"{n // 10**6:,}"
                    forms += [f"{millions} million", f"{millions} M", f"{millions}M"]
    else:
        text = format(number, "f")
        forms += [text, text.replace(".", ",")]
    return list(dict.fromkeys(forms))


def names_of(record: Record, records: dict[str, Record], *, hidden: bool = True) -> list[str]:
    """The names a record goes by in the paper: label, other labels, hidden labels (forms
    the paper uses that are not names to show, such as "Canadian"; not with
    ``hidden=False``), notation, ISO code and the abbreviations that stand for it (longest
    first)."""
    fields = ("label", "altLabel", "hiddenLabel", "skos:notation", "isoCode") if hidden \
        else ("label", "altLabel", "skos:notation")
    names = [str(v) for f in fields for v in record.values(f)]
    names += _abbreviations(records).get(record.id, [])
    return sorted({n for n in names if len(n) >= 2}, key=lambda n: (-len(n), n))


#: The last records seen and their abbreviation index (records are not changed once
#: loaded; the strong reference keeps ``is`` from matching a new dict at a reused id).
_ABBREVIATIONS: list[Any] = [None, {}]


def _abbreviations(records: dict[str, Record]) -> dict[str, list[str]]:
    """Record id -> the notations of the abbreviations that stand for it."""
    if _ABBREVIATIONS[0] is not records:
        index: dict[str, list[str]] = {}
        for record in records.values():
            notation = record.first("skos:notation")
            for target in record.values("abbreviates") if notation else ():
                index.setdefault(str(target), []).append(str(notation))
        _ABBREVIATIONS[:] = [records, index]
    return _ABBREVIATIONS[1]


def fact_forms(record: Record, field: str, value: Any,
               records: dict[str, Record]) -> list[str]:
    """The words that, found in the paper, state ``value`` of ``field``: a referenced
    record's names; a number's printed forms (and the record's printed wording,
    ``statedAs``, for the value of a figure); a text as itself, or its opening words when
    it is long.

    >>> from kg.data.load import load_records
    >>> records = load_records()
    >>> fact_forms(records["scale-ai"], "headquarteredIn", "quebec", records)[:2]
    ['Quebec', 'Québec']
    """
    target = records.get(value) if isinstance(value, str) else None
    stated = [str(record.first("statedAs"))] if record.first("statedAs") and (
        field != "refPeriod") else []  # "++" or "EUR 5.9 billion" prints no period
    if field in MEMBERSHIP_FIELDS:
        return names_of(record, records)
    if target is not None and field not in ("label", "altLabel"):
        if any(t.endswith("#Footnote") for t in target.types):
            return [str(v) for f in ("authorsAsPrinted", "label") for v in record.values(f)]
        forms = names_of(target, records)
        return forms + stated if field in FIGURE_FIELDS else forms
    forms = _date_forms(value) or printed_forms(value)
    if field in ("value", "valueMax"):
        percent = [f"{f}{sign}" for f in forms[:2] for sign in ("%", " %", " per cent")] \
            if record.first("unit") == "percent" else []
        forms = stated + percent + forms
    elif field in ORDINAL_FIELDS and isinstance(value, int) and 0 < value < len(_ORDINALS):
        forms = [f"{_ORDINALS[value]} {ORDINAL_FIELDS[field]}",
                 f"{ORDINAL_FIELDS[field]} {value}"] + forms
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}\s*[-–/]\s*\d{2,4}", value):
            a, b = re.split(r"\s*[-–/]\s*", value)
            forms += [f"{a} - {b}", f"{a} to {b}", f"{a} and {b}", f"{a}-{b}"]
        if re.fullmatch(r"\d{4}/\d{2}\s*[-–]\s*\d{4}", value):  # "2022/23-2028"
            a, b = re.split(r"\s*[-–]\s*", value)
            forms += [f"{a} to {b}", f"{a} - {b}"]
        day = re.fullmatch(r"(\d{1,2})([./])(\d{2})\2(\d{4})", value)  # "14/10/2022"
        if day:
            d, sep, m, y = day.groups()
            forms.append(f"{d}{sep}{m}{sep}{y[2:]}")
        if ", " in value:
            forms.append(value.replace(", ", " • "))
        if ": " in value:
            forms.append(value.replace(": ", " "))
        words = value.split()
        if len(words) > OPENING_WORDS:
            forms.append(" ".join(words[:OPENING_WORDS - 2]))
    if field in FIGURE_FIELDS:
        forms += stated
    return forms


#: Membership of a list: stated where the list is printed, by the member's name.
MEMBERSHIP_FIELDS = frozenset({"skos:inScheme"})
#: Dimensions of a figure: its printed wording states them too (``EUR 5.9 billion of
#: imports`` states the currency, the measure and the direction).
FIGURE_FIELDS = frozenset({"unit", "currency", "measure", "category", "refPeriod",
                           "flowDirection", "counterpart", "observedEntity"})
#: Numbered fields printed as ordinals or after a word ("Second generation", "Strand 2").
ORDINAL_FIELDS = {"generation": "generation", "strand": "Strand"}
_ORDINALS = ("", "First", "Second", "Third", "Fourth", "Fifth", "Sixth")
#: Numbers the paper writes in words.
NUMBER_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _date_forms(value: Any) -> list[str]:
    """A date, date-time or year-month as the paper prints dates (``07.03.2023``,
    ``7 March 2023``, ``March 2023``, ``14/10/22``).

    >>> _date_forms("2022-10-14")
    ['14.10.2022', '14/10/2022', '14 October 2022', 'October 14, 2022', '14/10/22']
    """
    text = str(value)
    found = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:T[\d:]+)?", text)
    if not found or isinstance(value, (int, float, Decimal)):
        return []
    year, month, day = found.group(1), int(found.group(2)), found.group(3)
    if not 1 <= month <= 12:
        return []
    name = _MONTHS[month - 1]
    if day is None:
        return [f"{name} {year}", f"{month:02d}/{year}", f"{month:02d}.{year}"]
    return [f"{day}.{month:02d}.{year}", f"{day}/{month:02d}/{year}",
            f"{int(day)} {name} {year}", f"{name} {int(day)}, {year}",
            f"{day}/{month:02d}/{year[2:]}"]


@lru_cache(maxsize=4)
def _comparable_paper(paper: str) -> str:
    return comparable(paper)


def verify(quote: Quote, paper: str, forms: list[str] | None = None) -> str | None:
    """Why ``quote`` is not a faithful quote of ``paper`` (None when it is): its words must
    occur in the paper (compared folded, spaces normalised) with its prefix and suffix, and
    contain the value or one of its printed ``forms``."""
    if quote.interpretation and not quote.exact.strip():
        return None  # the project's reading, not the paper's words: nothing to check
    if not quote.exact.strip():
        return "no quoted words"
    text = _comparable_paper(paper)
    exact = comparable(quote.exact)
    if exact not in text:
        return f"{quote.exact!r} does not occur in the paper"
    if comparable(quote.prefix + quote.exact + quote.suffix) not in text:
        return f"{quote.exact!r} does not occur with its prefix and suffix"
    candidates = forms if forms is not None else printed_forms(quote.value)
    if candidates and not any(comparable(f) in exact for f in candidates):
        return f"{quote.exact!r} does not contain the value {value_key(quote.value)!r}"
    return None
