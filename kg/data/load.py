"""Curated data files -> validated :class:`~kg.data.model.Record` objects.

Each YAML file in ``kg/data/`` is a list. An item is either one record::

    - id: canada
      type: Country
      label: Canada
      isoCode: CA
      source: table-1

or a group of observations sharing their measure, unit, period and source::

    - observations: table-4-dataset
      measure: eccp-cluster-organisations
      unit: cluster organisations
      source: table-4
      rows:
        - [austria, 28]
        - {observedEntity: belgium, value: 45}

Every error names the file, the line, the record, the field, what was found
and what was expected, and is one of the classes of :mod:`kg.core.errors`.

Examples
--------
>>> records = load_records()
>>> records["canada"].types
('https://w3id.org/eucan/ontology#Country',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from kg.core.errors import (
    DataError,
    DuplicateIdError,
    MissingCitationError,
    MissingFieldError,
    UnknownClassError,
    UnknownFieldError,
)
from kg.data.jsonfile import parse_json, parse_json_lines
from kg.data.model import Record
from kg.data.quotes import Quote
from kg.data.records import check_quotes, check_records
from kg.data.schema import Schema, load_schema
from kg.data.yamlfile import LINE_KEY, parse_yaml

__all__ = ["data_files", "folder_files", "load_records", "read_file", "read_quote_file",
           "add_once"]

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RESERVED = {"id", "type", LINE_KEY}
_GROUP_KEYS = {"observations", "rows", LINE_KEY}


def data_files() -> list[Traversable]:
    """The curated data files shipped in the package (``kg/data/*.yaml``), sorted."""
    return sorted((f for f in files("kg.data").iterdir() if _is_data_file(f.name)),
                  key=lambda f: f.name)


_QUOTE_FILE = "quotes.json"


def _is_data_file(name: str) -> bool:
    """Record files (``*.yaml``) and quote files (``*quotes.json``)."""
    return name.endswith((".yaml", _QUOTE_FILE))


def folder_files(folder: Path) -> list[Path]:
    """The ``*.yaml`` files of a data folder given by the user, sorted.

    :raises DataError: if the folder does not exist or holds no YAML file.
    """
    if not folder.is_dir():
        raise DataError(str(folder), None, None, None, "no such folder" if not folder.exists()
                        else "a file", "a folder of curated YAML data files")
    found = sorted(p for p in folder.iterdir() if _is_data_file(p.name) and p.is_file())
    if not found:
        raise DataError(str(folder), None, None, None, "no *.yaml file",
                        "a folder of curated YAML data files")
    return found


def _utf8(path: Path | Traversable) -> str:
    """A data file's text (without a leading byte order mark); a byte that is not UTF-8
    is a data error naming its offset."""
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise DataError(str(path), None, None, None, f"byte {error.object[error.start]:#04x} "
                        f"at offset {error.start}", "UTF-8 text") from None


def read_file(path: Path | Traversable, schema: Schema | None = None) -> list[Record]:
    """Parse one data file into records (not yet cross-checked)."""
    schema = schema or load_schema()
    items = parse_yaml(_utf8(path), str(path))
    if items is None:
        return []
    if not isinstance(items, list):
        raise DataError(str(path), 1, None, None, type(items).__name__, "a list of records")
    records: list[Record] = []
    for item in items:
        if not isinstance(item, dict):
            raise DataError(str(path), None, None, None, item, "a mapping (one record)")
        if "observations" in item:
            records.extend(_expand_group(path, item))
        else:
            records.append(_record(path, item, schema))
    return records


def _record(path: Path | Traversable, item: dict[str, Any], schema: Schema) -> Record:
    line = item.get(LINE_KEY)
    rid = item.get("id")
    if not isinstance(rid, str) or not SLUG.match(rid):
        raise MissingFieldError(str(path), line, rid if isinstance(rid, str) else None, "id",
                                rid, "a slug of lowercase letters, digits and hyphens")
    raw_types = item.get("type")
    if raw_types is None:
        raise MissingFieldError(str(path), line, rid, "type", None, "a class of the ontology")
    types = []
    for name in _as_list(raw_types):
        iri = schema.class_iri(str(name))
        if iri is None:
            raise UnknownClassError(str(path), line, rid, "type", name, "a class of the ontology")
        types.append(iri)
    fields: dict[str, tuple[Any, ...]] = {}
    quotes: list[Quote] = []
    for key, value in item.items():
        if key in _RESERVED:
            continue
        if schema.field(key) is None:
            raise UnknownFieldError(str(path), line, rid, key, key,
                                    "a property of ontology/eucan.ttl or an alias")
        values = []
        for item_value in _as_list(value):
            if isinstance(item_value, dict) and "value" in item_value:
                quotes.append(_inline_quote(path, line, rid, key, item_value))
                item_value = item_value["value"]
            values.append(item_value)
        fields[key] = tuple(values)
    if "source" not in fields or not fields["source"]:
        raise MissingCitationError(str(path), line, rid, "source", None,
                                   "at least one place in the paper (a source id)")
    return Record(id=rid, types=tuple(types), fields=fields, path=str(path), line=line,
                  quotes=tuple(quotes))


_QUOTE_KEYS = {"value", "source", "quote", "exact", "prefix", "suffix", "unit", "readWith",
               "interpretation", LINE_KEY}
_NESTED = (list, dict)


def _inline_quote(path: Path | Traversable, line: int | None, rid: str, key: str,
                  item: dict[str, Any]) -> Quote:
    """``field: {value: …, source: place, quote: "…"}`` as a :class:`Quote`."""
    line = item.get(LINE_KEY, line)
    unknown = sorted(set(item) - _QUOTE_KEYS)
    if unknown:
        raise DataError(str(path), line, rid, key, unknown[0],
                        "value, source, quote, prefix, suffix, unit, readWith or "
                        "interpretation")
    source = item.get("source")
    if not isinstance(source, str):
        raise MissingCitationError(str(path), line, rid, key, source,
                                   "the place (a source id) that states this value")
    value, exact = item["value"], item.get("quote", item.get("exact", ""))
    prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
    unit, note = item.get("unit", ""), item.get("interpretation", "")
    read_with = item.get("readWith", [])
    read_with = [read_with] if isinstance(read_with, str) else read_with
    if any(type(v) in _NESTED for v in (value, exact, prefix, suffix, unit, note)) or \
            not isinstance(read_with, list) or not all(isinstance(r, str) for r in read_with):
        raise DataError(str(path), line, rid, key, item, "one value (text, a number, true or "
                        "false) with its quote, prefix, suffix, unit and interpretation as "
                        "text, and readWith as unit ids")
    if not str(exact).strip() and not str(note).strip():
        raise MissingCitationError(str(path), line, rid, key, item,
                                   "the words that state the value (quote) or, for the "
                                   "project's own reading, an interpretation")
    return Quote(rid, key, value, source, str(exact), str(prefix), str(suffix), str(path),
                 line, str(unit), tuple(read_with), str(note))


def read_quote_file(path: Path | Traversable) -> list[Quote]:
    """The quotes of a quote file (``*quotes.json``, made by ``tools/quotes.py``; JSON
    because it is generated: it reads in milliseconds where YAML takes a fifth of a
    second), not yet checked against the records.

    :raises DataError: naming file, line, record and field; the line of an error found
        after parsing comes from reading the file again, with positions.
    """
    text = _utf8(path)
    try:
        return _quotes_of(path, parse_json(text, str(path)))
    except DataError as error:
        if error.line is not None:
            raise
        failure = error
    try:
        _quotes_of(path, parse_json_lines(text, str(path)))
    except DataError as located:
        raise located from None
    raise failure


def _quotes_of(path: Path | Traversable, document: Any) -> list[Quote]:
    entries = document.get("quotes") if isinstance(document, dict) else None
    if not isinstance(entries, dict) or set(document) - {LINE_KEY} != {"quotes"}:
        raise DataError(str(path), 1, None, None, type(document).__name__,
                        'an object with one key, "quotes", mapping record ids to lists')
    quotes = []
    for rid, items in entries.items():
        for item in _as_list(items) if rid != LINE_KEY else ():
            if not isinstance(item, dict) or not isinstance(item.get("field"), str) \
                    or "value" not in item:
                raise DataError(str(path), item.get(LINE_KEY) if isinstance(item, dict)
                                else None, str(rid), "quotes", item,
                                "a mapping with field, value, source and exact")
            fields = {k: v for k, v in item.items() if k != "field"}
            quotes.append(_inline_quote(path, None, str(rid), item["field"], fields))
    return quotes


def _expand_group(path: Path | Traversable, group: dict[str, Any]) -> list[Record]:
    """Turn an ``observations:`` group into one record per row."""
    line = group.get(LINE_KEY)
    dataset = group["observations"]
    shared = {k: v for k, v in group.items() if k not in _GROUP_KEYS}
    shared.setdefault("type", "Observation")
    rows = group.get("rows")
    if not isinstance(rows, list) or not rows:
        raise MissingFieldError(str(path), line, str(dataset), "rows", rows,
                                "a non-empty list of [entity, value] or mappings")
    out = []
    for row in rows:
        if isinstance(row, list) and len(row) == 2:
            row = {"observedEntity": row[0], "value": row[1]}
        elif not isinstance(row, dict):
            raise DataError(str(path), line, str(dataset), "rows", row,
                            "[entity, value] or a mapping")
        fields = {**shared, "qb:dataSet": dataset, **row}
        fields.setdefault(LINE_KEY, line)
        if "id" not in fields:  # a row's qualifier then only tells its id apart
            parts = [str(dataset).removesuffix("-dataset"), str(fields.get("observedEntity"))]
            if "category" in fields:
                parts.append(str(fields["category"]))
            if "qualifier" in fields:
                parts.append(str(fields.pop("qualifier")))
            fields["id"] = "-".join(parts)
        # a row with its own id keeps its qualifier: the bound its wording states
        out.append(_record(path, fields, load_schema()))
    return out


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def add_once(found: dict[str, Any], key: str, item: Any, field: str, expected: str) -> None:
    """``found[key] = item``, unless ``key`` is there already: then one line naming both
    places (``item`` and the first have ``path`` and ``line``), ``expected`` saying what was
    expected, e.g. "an id used once (already defined at".

    :raises DuplicateIdError: if ``key`` is in ``found``.
    """
    if key in found:
        first = found[key]
        raise DuplicateIdError(item.path, item.line, key, field, key,
                               f"{expected} {first.path}:{first.line})")
    found[key] = item


def load_records(paths: Iterable[Path] | None = None) -> dict[str, Record]:
    """Read every data file, check ids, references and values; return records by id.

    :raises DataError: (one of its subclasses) naming file, line, record and field.
    """
    schema = load_schema()
    found = list(paths) if paths is not None else data_files()
    records: dict[str, Record] = {}
    loose: list[Quote] = []
    for path in found:
        if path.name.endswith(_QUOTE_FILE):
            loose.extend(read_quote_file(path))
            continue
        for record in read_file(path, schema):
            add_once(records, record.id, record, "id", "an id used once (already defined at")
    check_records(records, schema)
    return check_quotes(records, schema, loose)
