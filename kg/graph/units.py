"""The units of the paper as resources of the graph (:mod:`kg.data.units`).

Every unit gets an IRI under its place's (``…/id/source/table-1/row6/cell2``), its kind
as a class (``eucan:TableCell``), a label a person reads ("Table 1, row 6, cell 2"), its
words (``eucan:text``), its order, its line in the shipped transcription, the place or
unit it is part of (``dcterms:isPartOf``) and the units it is read with
(``eucan:readWith``); like every resource, it is derived from (``prov:wasDerivedFrom``)
its place.

Examples
--------
>>> from kg.data.load import load_records
>>> records = load_records()
>>> lines = unit_ntriples(records)
>>> cell = "<https://w3id.org/eucan/id/source/table-1/row6/cell2> "
>>> label = cell + "<http://www.w3.org/2000/01/rdf-schema#label> "
>>> next(x for x in lines if x.startswith(label))[len(label):].strip()
'"Table 1, row 6, cell 2" .'

>>> unit_label("section-3-1/p2/s3", records)
'Section 3.1, paragraph 2, sentence 3'
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.core.namespaces import DCTERMS, EUCAN, PROV, RDF, RDFS, XSD
from kg.data.model import Record
from kg.data.schema import Schema, load_schema
from kg.data.units import KINDS, Units, load_units
from kg.graph.build import record_iri

__all__ = ["unit_ntriples", "unit_iri", "unit_label", "place_name"]

_STEP = re.compile(r"^([a-z]+?)(\d*)$")
_NOUNS = {"p": "paragraph", "s": "sentence", "li": "item", "item": "item", "row": "row",
          "cell": "cell", "caption": "caption", "source": "source line", "text": "text",
          "heading": "heading", "entry": "entry", "line": "line"}
_INTEGER = ox.NamedNode(XSD + "integer")


def place_name(record: Record) -> str:
    """A place as a person cites it: "Section 3.1", "Table 1", "Footnote 41",
    "Executive Summary"."""
    number = record.first("locatorNumber")
    kind = record.types[0].rsplit("#", 1)[-1]
    if number and kind in ("Section", "Table", "Figure", "Box", "Footnote"):
        return f"{kind} {number}"
    return str(record.first("label", record.id)).split(":")[0]


def unit_label(unit_id: str, records: dict[str, Record]) -> str:
    """The unit as a person cites it: its place, then each step of its path."""
    place, *steps = unit_id.split("/")
    words = [place_name(records[place])] if place in records else [place]
    for step in steps:
        found = _STEP.match(step)
        noun = _NOUNS.get(found.group(1), found.group(1)) if found else step
        words.append(f"{noun} {found.group(2)}" if found and found.group(2) else noun)
    return ", ".join(words)


def unit_iri(unit_id: str, records: dict[str, Record], schema: Schema) -> str:
    """The IRI of a unit: its place's IRI and the rest of its id."""
    place, _, rest = unit_id.partition("/")
    return f"{record_iri(records[place], schema)}/{rest}"


def unit_ntriples(records: dict[str, Record], units: Units | None = None,
                  schema: Schema | None = None) -> list[str]:
    """The units' triples as N-Triples lines (each ending in a newline)."""
    units = units or load_units()
    schema = schema or load_schema()
    lines = []
    type_, label, part = (f"<{RDF}type>", f"<{RDFS}label>", f"<{DCTERMS}isPartOf>")
    derived = f"<{PROV}wasDerivedFrom>"
    text, order, line_of, read_with = (f"<{EUCAN}{n}>" for n in (
        "text", "order", "transcriptionLine", "readWith"))
    for unit in units:
        if unit.kind == "place" or unit.place not in records:
            continue
        me = f"<{unit_iri(unit.id, records, schema)}>"
        parent = unit_iri(unit.parent, records, schema) if "/" in unit.parent else \
            record_iri(records[unit.parent], schema)
        lines += [f"{me} {type_} <{EUCAN}{KINDS[unit.kind]}> .\n",
                  f"{me} {label} {ox.Literal(unit_label(unit.id, records))} .\n",
                  f"{me} {text} {ox.Literal(unit.text)} .\n",
                  f"{me} {order} {ox.Literal(str(unit.order), datatype=_INTEGER)} .\n",
                  f"{me} {line_of} {ox.Literal(str(unit.line), datatype=_INTEGER)} .\n",
                  f"{me} {part} <{parent}> .\n",
                  f"{me} {derived} <{record_iri(records[unit.place], schema)}> .\n"]
        lines += [f"{me} {read_with} <{unit_iri(c, records, schema)}> .\n"
                  for c in unit.context]
    return lines
