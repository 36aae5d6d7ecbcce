"""The observations as a well-formed RDF Data Cube.

One data structure (:data:`STRUCTURE`) serves every data set. Its dimensions identify
an observation: the entity, the measure, the category, the counterpart, the flow
direction, the reference period, the unit of measure and the place of the paper that
states the figure. Where the paper gives no value, a code stands in (SDMX's ``_T`` and
``_Z``: category "total", counterpart and flow direction "not applicable"; the period
"not stated"), so every observation has every dimension and no two coincide.
``eucan:unitOfMeasure`` (the currency or the unit) and ``eucan:statedIn`` (the first
citation) are the entailments of their sub-property declarations. ``eucan:value`` is
the measure; the figure as printed, currency, unit, total flag and notes are attributes.

Examples
--------
>>> from kg.data.load import load_records
>>> triples = cube_triples(load_records())
>>> any(t.object.value == QB + "DataStructureDefinition" for t in triples)
True
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.core.namespaces import EUCAN, QB, RDF, RDFS, XSD, resource_iri
from kg.data.model import Record
from kg.data.schema import Schema, load_schema
from kg.graph.build import record_iri
from kg.graph.figures import figure_triples

__all__ = ["cube_triples", "STRUCTURE", "DIMENSIONS", "CODES", "ATTRIBUTES"]

#: The data structure definition shared by every data set.
STRUCTURE = resource_iri("structure", "observations")
#: The dimension properties (local names), in order.
DIMENSIONS = ("observedEntity", "measure", "category", "counterpart", "flowDirection",
              "refPeriod", "unitOfMeasure", "statedIn")
NOT_STATED = ox.Literal("not stated")
#: What stands in a dimension the paper gives no value for: a category id or a literal.
#: observedEntity and measure are always given; unitOfMeasure and statedIn are derived.
CODES: dict[str, str | ox.Literal] = {"category": "total", "counterpart": "not-applicable",
                                      "flowDirection": "not-applicable",
                                      "refPeriod": NOT_STATED}
MEASURE = "value"
ATTRIBUTES = ("valueMax", "currency", "unit", "statedAs", "isPaperTotal", "derivationNote",
              "qualifier", "periodKind", "periodStart", "periodEnd", "periodYears")
_TYPE = ox.NamedNode(RDF + "type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def structure_triples() -> list[ox.Triple]:
    """The data structure definition and its component specifications."""
    dsd = _n(STRUCTURE)
    triples = [ox.Triple(dsd, _TYPE, _n(QB + "DataStructureDefinition")),
               ox.Triple(dsd, _n(RDFS + "comment"), ox.Literal(
                   "The structure of every data set of the graph: the figures of the ECCP "
                   "input paper (December 2023) by entity, measure, category, counterpart, flow "
                   "direction, period, unit and the place of the paper that states them.",
                   language="en"))]
    components = [("dimension", name) for name in DIMENSIONS] + [("measure", MEASURE)] + \
        [("attribute", name) for name in ATTRIBUTES]
    for order, (kind, name) in enumerate(components, 1):
        spec = _n(f"{STRUCTURE}/{name}")
        triples += [ox.Triple(dsd, _n(QB + "component"), spec),
                    ox.Triple(spec, _TYPE, _n(QB + "ComponentSpecification")),
                    ox.Triple(spec, _n(QB + kind), _n(EUCAN + name))]
        if kind == "dimension":
            triples.append(ox.Triple(spec, _n(QB + "order"),
                                     ox.Literal(str(order), datatype=_n(XSD + "integer"))))
        if kind == "attribute":
            triples.append(ox.Triple(spec, _n(QB + "componentRequired"),
                                     ox.Literal("false", datatype=_n(XSD + "boolean"))))
    return triples


def _is_observation(record: Record, schema: Schema) -> bool:
    return any(schema.is_a(t, EUCAN + "Observation") for t in record.types)


def cube_triples(records: dict[str, Record], schema: Schema | None = None) -> list[ox.Triple]:
    """The structure, each data set's ``qb:structure`` and the dimension values the
    observations lack (codes, unit of measure, the place that states them). Nothing is
    added when the data holds no observation or lacks the codes (a small test data set)."""
    schema = schema or load_schema()
    observations = [r for r in records.values() if _is_observation(r, schema)]
    codes = {c for c in CODES.values() if isinstance(c, str)}
    if not observations or not codes <= set(records):
        return []
    triples = structure_triples()
    concepts = {r.id: _n(record_iri(r, schema)) for r in records.values()
                if any(schema.is_a(t, EUCAN + "Category") for t in r.types)}
    for record in records.values():
        if any(schema.is_a(t, QB + "DataSet") for t in record.types):
            triples.append(ox.Triple(_n(record_iri(record, schema)), _n(QB + "structure"),
                                     _n(STRUCTURE)))
    for record in observations:
        subject = _n(record_iri(record, schema))
        unit = record.first("currency") or record.first("unit")
        values: dict[str, ox.NamedNode | ox.Literal] = {
            name: _n(record_iri(records[code], schema)) if isinstance(code, str) else code
            for name, code in CODES.items()}
        values["unitOfMeasure"] = ox.Literal(str(unit)) if unit else NOT_STATED
        values["statedIn"] = _n(record_iri(records[record.first("source")], schema))
        triples += [ox.Triple(subject, _n(EUCAN + name), term) for name, term in values.items()
                    if record.first(name) is None]
        triples += figure_triples(subject, record, concepts)
    return triples
