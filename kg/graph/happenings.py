"""Dated happenings as data: the first and last day a printed date allows, and its
precision, so happenings sort and compare and one thing can have several dates.

A happening record (``kg/data/happenings.yaml``) gives its date as printed
(``printedDate``: "2017", "February 2022", "14/10/22", "as of September 2022", "the late
1950s"); the builder adds ``eucan:earliestDay`` and ``eucan:latestDay`` (``xsd:dateTime``
at midnight, as the figures' periods) and ``eucan:datePrecision`` (day, month, year, or an
interval of years for a part of a decade).

Examples
--------
>>> from kg.data.load import load_records
>>> triples = happening_triples(load_records())
>>> sorted({t.object.value[:10] for t in triples
...         if t.subject.value.endswith("/first-zones-announced-2022")
...         and t.predicate.value.endswith("Day")})
['2022-02-01', '2022-02-28']
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.core.errors import DataError
from kg.core.namespaces import EUCAN, XSD
from kg.data.model import Record
from kg.data.schema import Schema, load_schema
from kg.graph.build import record_iri
from kg.graph.figures import parse_period

__all__ = ["happening_triples", "precision_of"]


def precision_of(start: str, end: str) -> str:
    """``day``, ``month``, ``year`` or ``interval`` for the first and last day of a printed
    date.

    >>> precision_of("2022-10-14", "2022-10-14"), precision_of("2022-02-01", "2022-02-28")
    ('day', 'month')
    >>> precision_of("1957-01-01", "1959-12-31")
    'interval'
    """
    if start == end:
        return "day"
    if start[:7] == end[:7]:
        return "month"
    return "year" if start[:4] == end[:4] else "interval"


def happening_triples(records: dict[str, Record],
                      schema: Schema | None = None) -> list[ox.Triple]:
    """The derived dates of every record with a ``printedDate``.

    :raises DataError: for a date form the parser does not know, naming file, line,
        record and field.
    """
    schema = schema or load_schema()
    p = lambda name: ox.NamedNode(EUCAN + name)  # noqa: E731
    day = lambda d: ox.Literal(f"{d}T00:00:00", datatype=ox.NamedNode(XSD + "dateTime"))  # noqa: E731
    out: list[ox.Triple] = []
    for record in records.values():
        printed = record.first("printedDate")
        if printed is None:
            continue
        try:
            period = parse_period(str(printed))
        except ValueError:
            period = None
        if period is None or not (period.start and period.end):
            raise DataError(record.path, record.line, record.id, "printedDate", printed,
                            "a date such as 2017, February 2022, 14/10/22, 31.03.2023, "
                            "as of September 2022 or the late 1950s")
        subject = ox.NamedNode(record_iri(record, schema))
        precision = records["period-" + precision_of(period.start, period.end)]
        out += [ox.Triple(subject, p("earliestDay"), day(period.start)),
                ox.Triple(subject, p("latestDay"), day(period.end)),
                ox.Triple(subject, p("datePrecision"),
                          ox.NamedNode(record_iri(precision, schema)))]
    return out
