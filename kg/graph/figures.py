"""What the printed form of a figure says beyond its number: qualifier and period.

**Qualifiers.** "more than EUR 14 billion" is a lower bound, "around 380" an
approximation, "up to EUR ~450.000" an upper bound, and so is "the maximum … is EUR
60,000" (a bound belongs to the figure, not to the name of its measure): the figure's
value is the number, and ``eucan:qualifier`` names which of the concepts of the scheme
*figure-qualifiers* (``kg/data/cube.yaml``) the wording states. A record may set
``qualifier`` itself; else it is read from ``statedAs``.

**Periods.** The reference period is printed in about twenty ways ("2014-2020",
"2022/23-2028", "as of 31.03.2023", "14/10/2022", "second quarter of 2023", "five
years"). Each is kept as printed (``eucan:refPeriod``) and given as data: its kind
(a concept of *period-kinds*), its first and last day (``xsd:dateTime`` at midnight:
OWL 2 DL, which the graph stays in, has no ``xsd:date`` or ``xsd:gYear``; the kind says
the precision) or its length in years. A period the parser does not know stops the build
with a line naming the record, so no period stays a bare string.

Examples
--------
>>> qualifier_of("more than EUR 14 billion"), qualifier_of("around 380 cluster organizations")
('more-than', 'approximately')
>>> qualifier_of("CAD 690 million over five years"), qualifier_of("up to EUR ~450.000")
('exact', 'up-to')
>>> qualifier_of("The maximum grant amount for each SME is EUR 60,000")
'up-to'
>>> qualifier_of("thousands of new jobs"), qualifier_of("1000+ Organisations")
('at-least', 'at-least')
>>> qualifier_of("several hundred partner organisations")
'approximately'
>>> parse_period("2022/23-2028")
Period(kind='interval', start='2022-01-01', end='2028-12-31', years=None)
>>> parse_period("as of 31.03.2023")
Period(kind='snapshot', start='2023-03-31', end='2023-03-31', years=None)
>>> parse_period("14/10/22").start
'2022-10-14'
>>> parse_period("second quarter of 2023").end, parse_period("February 2024").end
('2023-06-30', '2024-02-29')
>>> parse_period("five years").years
5
>>> parse_period("the late 1950s")
Period(kind='interval', start='1957-01-01', end='1959-12-31', years=None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from kg.core.errors import DataError
from kg.core.namespaces import EUCAN, XSD
from kg.data.model import Record

__all__ = ["qualifier_of", "parse_period", "Period", "figure_triples", "QUALIFIERS",
           "PERIOD_KINDS"]

#: Qualifier concept ids (``kg/data/cube.yaml``), tried in order on the printed wording.
_NUMBER_NEXT = r"\s+(?=(eur|cad|usd|\$|€)?\s*~?\d)"  # the word must stand before a number
QUALIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("up-to", re.compile(r"\bup to\b|\bmaximum\b|\bat most\b")),
    ("at-least", re.compile(r"\bat least\b|\d\+|\bminimum\b|\bthousands of\b")),
    ("more-than", re.compile(r"\b(more than|over|above|exceeding)" + _NUMBER_NEXT)),
    ("nearly", re.compile(r"\b(nearly|almost)\b")),
    ("approximately", re.compile(r"\b(around|approximately|about|roughly|some)" + _NUMBER_NEXT
                                 + r"|~|\bseveral (hundred|thousand)\b")),
)
#: Period kind concept ids (``kg/data/cube.yaml``).
PERIOD_KINDS = ("interval", "year", "month", "quarter", "snapshot", "duration", "not-stated")

_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
#: The years of a decade a printed part of it allows ("the late 1950s": 1957-1959).
_DECADE_PARTS = {"": (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def qualifier_of(stated_as: str | None) -> str:
    """The qualifier concept id the printed wording states ("exact" when none)."""
    text = (stated_as or "").lower()
    for concept, pattern in QUALIFIERS:
        if pattern.search(text):
            return concept
    return "exact"


@dataclass(frozen=True)
class Period:
    """A reference period as data: kind, first and last day (ISO dates), or a length in
    years."""

    kind: str
    start: str | None = None
    end: str | None = None
    years: int | None = None


def _last_day(year: int, month: int) -> str:
    import calendar

    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def parse_period(text: str) -> Period:
    """Read a printed reference period.

    >>> parse_period("2008-09").end  # the Global Financial Crisis of 2008-09
    '2009-12-31'

    :raises ValueError: for a form the parser does not know.
    """
    t = " ".join(text.split()).strip()
    low = t.lower()
    if low in ("not stated", ""):
        return Period("not-stated")
    if m := re.fullmatch(r"(?:budget )?(\d{4})", low):
        return Period("year", f"{m[1]}-01-01", f"{m[1]}-12-31")
    if m := re.fullmatch(r"(?:the )?(?:(early|mid|late)[- ])?(\d{3})0s", low):
        first, last = _DECADE_PARTS[m[1] or ""]
        return Period("interval", f"{m[2]}{first}-01-01", f"{m[2]}{last}-12-31")
    if m := re.fullmatch(r"(\d{4})(?:/\d{2})?\s*[-–]\s*(\d{4})", low):
        return Period("interval", f"{m[1]}-01-01", f"{m[2]}-12-31")
    if m := re.fullmatch(r"(\d{2})(\d{2})\s*[-–]\s*(\d{2})", low):  # 2008-09: two years
        if int(m[3]) > int(m[2]):
            return Period("interval", f"{m[1]}{m[2]}-01-01", f"{m[1]}{m[3]}-12-31")
    if m := re.fullmatch(r"(?:as of )?(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})", low):
        year = m[3] if len(m[3]) == 4 else f"20{m[3]}"
        day = f"{year}-{int(m[2]):02d}-{int(m[1]):02d}"
        return Period("snapshot", day, day)
    if m := re.fullmatch(r"(?:as of )?([a-z]+) (\d{4})(?: \(.*\))?", low):
        if m[1] in _MONTHS:
            year, month = int(m[2]), _MONTHS[m[1]]
            kind = "snapshot" if low.startswith("as of") else "month"
            return Period(kind, f"{year}-{month:02d}-01", _last_day(year, month))
    if m := re.fullmatch(r"(first|second|third|fourth) quarter of (\d{4})", low):
        q, year = _QUARTERS[m[1]], int(m[2])
        return Period("quarter", f"{year}-{3 * q - 2:02d}-01", _last_day(year, 3 * q))
    if m := re.fullmatch(r"(\w+) years?", low):
        n = _NUMBERS.get(m[1]) or (int(m[1]) if m[1].isdigit() else None)
        if n:
            return Period("duration", years=n)
    raise ValueError(f"unknown period form {text!r}")


def _instant(day: str) -> ox.Literal:
    return ox.Literal(day + "T00:00:00", datatype=ox.NamedNode(XSD + "dateTime"))


def figure_triples(subject: ox.NamedNode, record: Record,
                   concept: dict[str, ox.NamedNode]) -> list[ox.Triple]:
    """The qualifier (unless the record states one) and the structured period of one
    observation record (``concept``: concept id -> IRI).

    :raises DataError: for a period form the parser does not know, naming the record.
    """
    p = lambda name: ox.NamedNode(EUCAN + name)  # noqa: E731
    stated_as, period = record.first("statedAs"), record.first("refPeriod")
    emit_qualifier = record.first("qualifier") is None
    chosen = qualifier_of(stated_as)
    if emit_qualifier and chosen not in concept:
        raise DataError(record.path, record.line, record.id, "statedAs", stated_as,
                        f"a qualifier concept {chosen!r} in kg/data/cube.yaml")
    triples = [ox.Triple(subject, p("qualifier"), concept[chosen])] if emit_qualifier else []
    try:
        parts = parse_period(str(period) if period is not None else "not stated")
    except ValueError:
        raise DataError(record.path, record.line, record.id, "refPeriod", period,
                        "a period such as 2021, 2014-2020, 2022/23-2028, as of 31.03.2023, "
                        "14/10/2022, June 2023, second quarter of 2023 or five years") from None
    triples.append(ox.Triple(subject, p("periodKind"), concept["period-" + parts.kind]))
    if parts.start:
        triples.append(ox.Triple(subject, p("periodStart"), _instant(parts.start)))
    if parts.end:
        triples.append(ox.Triple(subject, p("periodEnd"), _instant(parts.end)))
    if parts.years:
        triples.append(ox.Triple(subject, p("periodYears"), ox.Literal(
            str(parts.years), datatype=ox.NamedNode(XSD + "integer"))))
    return triples
