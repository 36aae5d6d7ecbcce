"""Cross-record checks of the loaded data: references, datatypes, cardinality.

Used by :func:`kg.data.load.load_records`; every failure raises the matching
:class:`~kg.core.errors.DataError` subclass naming file, line, record and field.

>>> from kg.data.schema import load_schema
>>> check_value_type("2019", "http://www.w3.org/2001/XMLSchema#gYear")
2019
>>> check_value_type("https://x.ca/aperçu", "http://www.w3.org/2001/XMLSchema#anyURI")
'https://x.ca/aper%C3%A7u'
>>> check_value_type("1e400", "http://www.w3.org/2001/XMLSchema#decimal")
Traceback (most recent call last):
...
kg.data.limits.NumberRangeError: a number smaller than 10^18 in size
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from kg.core.errors import (
    MissingFieldError,
    NumberOutOfRangeError,
    UnknownCurrencyError,
    UnknownReferenceError,
    WrongTypeError,
    YearOutOfRangeError,
)
from kg.core.namespaces import EUCAN, XSD
from kg.data.limits import NumberRangeError, check_number
from kg.data.model import Record
from kg.data.quotes import value_key
from kg.data.schema import CURRENCIES, EXTERNAL_IRI_FIELDS, YEAR_RANGE, Field, Schema

__all__ = ["check_records", "check_quotes", "check_value_type"]

#: Properties whose values are years, checked against YEAR_RANGE.
YEAR_PROPERTIES = {EUCAN + n for n in ("startYear", "endYear", "year", "publicationYear")}
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"
_YEAR_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_URL = re.compile(r"^https?://\S+$")


def check_value_type(value: Any, datatype: str | None) -> Any:
    """Return ``value`` converted to ``datatype``, or raise ``ValueError``
    (:class:`~kg.data.limits.NumberRangeError` for a number that is not finite or too
    large, whatever the datatype)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        check_number(value)
    if datatype in (XSD + "integer", XSD + "nonNegativeInteger"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("an integer")
        return value
    if datatype == XSD + "decimal":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError("a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValueError("a number") from None
        check_number(number)
        return number
    if datatype == XSD + "gYear":
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
            raise ValueError("a year such as 2019")
        return int(value)
    if datatype == XSD + "gYearMonth":
        if not isinstance(value, str) or not _YEAR_MONTH.match(value):
            raise ValueError("a month such as 2022-05")
        return value
    if datatype == XSD + "boolean":
        if not isinstance(value, bool):
            raise ValueError("true or false")
        return value
    if datatype == XSD + "anyURI":
        if not isinstance(value, str) or not _URL.match(value):
            raise ValueError("an http(s) URL")
        # IRI -> URI mapping (RFC 3987, 3.1): percent-encode non-ASCII characters as UTF-8,
        # so that tools reading xsd:anyURI as an RFC 3986 URI (HermiT, Java) accept it.
        return quote(value, safe=_URI_SAFE)
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError("text")
    return str(value)


def _year_in_range(record: Record, name: str, year: int) -> None:
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise YearOutOfRangeError(record.path, record.line, record.id, name, year,
                                  f"a year from {low} to {high}")


def check_records(records: dict[str, Record], schema: Schema) -> None:
    """Check every field value of every record against the ontology."""
    observation = EUCAN + "Observation"
    for record in records.values():
        if "label" not in record.fields and not any(
                schema.is_a(t, observation) for t in record.types):
            raise MissingFieldError(record.path, record.line, record.id, "label", None,
                                    "a label (every resource but observations needs one)")
        for name, values in record.fields.items():
            field = schema.field(name)
            assert field is not None  # the loader rejected unknown fields
            if field.functional and len(values) > 1:
                raise WrongTypeError(record.path, record.line, record.id, name, list(values),
                                     "a single value")
            for value in values:
                if field.is_reference:
                    _check_reference(records, schema, record, name, field.range, value)
                    continue
                converted = _converted(record, name, field, value)
                if field.iri in YEAR_PROPERTIES:
                    _year_in_range(record, name, converted)
                if field.iri == EUCAN + "date" and not _YEAR_MONTH.match(str(converted)):
                    raise WrongTypeError(record.path, record.line, record.id, name, value,
                                         "a month such as 2022-05")
                if field.iri == EUCAN + "currency" and converted not in CURRENCIES:
                    raise UnknownCurrencyError(record.path, record.line, record.id, name, value,
                                               f"one of {', '.join(CURRENCIES)}")


def _converted(record: Record, name: str, field: Field, value: Any) -> Any:
    """``value`` converted to the field's datatype, or the error naming the record."""
    try:
        return check_value_type(value, field.range)
    except NumberRangeError as error:
        raise NumberOutOfRangeError(record.path, record.line, record.id, name, value,
                                    str(error)) from None
    except ValueError as error:
        expected = "a year such as 2019, unquoted" if field.iri in YEAR_PROPERTIES \
            else str(error)
        raise WrongTypeError(record.path, record.line, record.id, name, value,
                             expected) from None


def _check_reference(records: dict[str, Record], schema: Schema, record: Record, name: str,
                     expected: str | None, value: Any) -> None:
    if name in EXTERNAL_IRI_FIELDS:
        if not isinstance(value, str) or not _URL.match(value):
            raise WrongTypeError(record.path, record.line, record.id, name, value,
                                 "an external http(s) IRI")
        return
    target = records.get(value) if isinstance(value, str) else None
    wanted = _local(expected) if expected else "any record"
    if target is None:
        raise UnknownReferenceError(record.path, record.line, record.id, name, value,
                                    f"the id of a {wanted} record")
    if expected and not any(schema.is_a(t, expected) for t in target.types):
        raise UnknownReferenceError(record.path, record.line, record.id, name, value,
                                    f"the id of a {wanted} record (it is a "
                                    f"{', '.join(_local(t) for t in target.types)})")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def check_quotes(records: dict[str, Record], schema: Schema,
                 loose: list[Any] | None = None) -> dict[str, Record]:
    """Check every statement-level citation (:class:`kg.data.quotes.Quote`) — inline ones
    and those of quote files (``loose``) — and return the records with theirs attached.

    A quote must name a place of the paper (a ``Source`` record). An inline quote is
    written on its value; a quote file's entry (generated by ``tools/quotes.py``) whose
    record or value has changed since is stale: it is left out of the graph, kept in the
    record's ``stale_quotes`` and counted by ``kg coverage``.
    """
    source_class = EUCAN + "Source"
    attached: dict[str, dict[tuple, Any]] = {}
    is_place: dict[str, bool] = {}
    values_of: dict[tuple[str, str], set[str]] = {}
    stale: dict[str, list[Any]] = {}
    for cited in [q for r in records.values() for q in r.quotes] + list(loose or ()):
        if cited.source not in is_place:
            place = records.get(cited.source)
            is_place[cited.source] = place is not None and any(
                schema.is_a(t, source_class) for t in place.types)
        if not is_place[cited.source]:
            raise UnknownReferenceError(cited.path, cited.line, cited.record, cited.field,
                                        cited.source, "the id of a place of the paper "
                                        "(a Source record)")
        record = records.get(cited.record)
        if record is None:
            continue  # a quote file's record that is gone
        keys = values_of.get((record.id, cited.field))
        if keys is None:
            keys = values_of[record.id, cited.field] = {
                value_key(v) for v in record.values(cited.field)}
        if value_key(cited.value) not in keys:
            stale.setdefault(record.id, []).append(cited)
            continue
        attached.setdefault(record.id, {})[cited.key + (cited.source, cited.exact)] = cited
    if not loose:
        return records
    return {rid: (record if rid not in attached and rid not in stale else
                  replace(record, quotes=tuple(attached.get(rid, {}).values()),
                          stale_quotes=tuple(stale.get(rid, ()))))
            for rid, record in records.items()}
