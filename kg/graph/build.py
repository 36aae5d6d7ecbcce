"""Records -> RDF triples (pure functions): the data, and the whole graph with the ontology.

Every record becomes a resource ``{BASE}/id/{kind}/{slug}`` whose ``{kind}``
comes from its class in the ontology. Observations without a label get one
made from their entity, measure, category and value, so that every labelled
resource can be read and traced (``prov:wasDerivedFrom``).

Examples
--------
>>> from kg.data.load import load_records
>>> triples = build_triples(load_records())
>>> any(t.object.value.endswith("#GlobalInnovationCluster") for t in triples)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import EUCAN, RDF, RDFS, XSD, resource_iri
from kg.data.model import Record
from kg.data.records import check_value_type
from kg.data.schema import EXTERNAL_IRI_FIELDS, Schema, load_schema

__all__ = ["build_triples", "record_iri", "field_object", "decimal_lexical", "stable_blank_nodes",
           "is_count", "value_term"]

_TYPE = ox.NamedNode(RDF + "type")


def record_iri(record: Record, schema: Schema) -> str:
    """The IRI of a record, from the id segment of its first class."""
    segment = schema.id_segment(record.types[0]) or "resource"
    return resource_iri(segment, record.id)


def decimal_lexical(value: Decimal) -> str:
    """The canonical lexical form of an ``xsd:decimal``.

    >>> decimal_lexical(Decimal("42000000")), decimal_lexical(Decimal("2.50"))
    ('42000000.0', '2.5')
    """
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


def _literal(value: Any, datatype: str | None) -> ox.Literal:
    converted = check_value_type(value, datatype)
    if datatype == XSD + "decimal":
        return ox.Literal(decimal_lexical(converted), datatype=ox.NamedNode(datatype))
    if datatype == XSD + "boolean":
        return ox.Literal("true" if converted else "false", datatype=ox.NamedNode(datatype))
    if datatype in (None, XSD + "string"):
        return ox.Literal(str(converted))
    return ox.Literal(str(converted), datatype=ox.NamedNode(datatype))


def _observation_label(record: Record, records: dict[str, Record]) -> str:
    def label_of(rid: Any) -> str:
        target = records.get(rid)
        return str(target.first("label", rid)) if target else str(rid)

    parts = [label_of(record.first("observedEntity")), label_of(record.first("measure"))]
    head = " — ".join(parts)
    if record.first("category"):
        head += f" ({label_of(record.first('category'))})"
    if record.first("counterpart"):
        head += f" with {label_of(record.first('counterpart'))}"
    value = str(record.first("value"))
    if record.first("valueMax") is not None:
        value += f"–{record.first('valueMax')}"
    unit = record.first("currency") or record.first("unit") or ""
    period = record.first("refPeriod")
    tail = f"{value} {unit}".strip() + (f", {period}" if period else "")
    return f"{head}: {tail}"


def record_triples(record: Record, records: dict[str, Record], schema: Schema) -> list[ox.Triple]:
    """The triples of one record."""
    subject = ox.NamedNode(record_iri(record, schema))
    types = list(record.types)
    if record.first("currency") and EUCAN + "MonetaryAmount" not in types:
        types.append(EUCAN + "MonetaryAmount")
    triples = [ox.Triple(subject, _TYPE, ox.NamedNode(t)) for t in types]
    if "label" not in record.fields and EUCAN + "Observation" in _all_ancestors(types, schema):
        label = _observation_label(record, records)
        triples.append(ox.Triple(subject, ox.NamedNode(RDFS + "label"), ox.Literal(label)))
    counted = is_count(record)
    for name, values in record.fields.items():
        field = schema.field(name)
        assert field is not None
        predicate = ox.NamedNode(field.iri)
        for value in values:
            triples.append(ox.Triple(subject, predicate, value_term(
                record, name, value, records, schema, counted)))
    return triples


def value_term(record: Record, name: str, value: Any, records: dict[str, Record],
               schema: Schema, counted: bool | None = None) -> ox.NamedNode | ox.Literal:
    """The RDF term of one value of a record's field: :func:`field_object`, except that
    a count's values are ``xsd:integer`` (:func:`is_count`; ``counted`` when known)."""
    if name in COUNT_FIELDS and (is_count(record) if counted is None else counted):
        return ox.Literal(str(int(Decimal(str(value)))), datatype=_INTEGER)
    return field_object(name, value, records, schema)


#: The figure fields a count holds as ``xsd:integer``.
COUNT_FIELDS = ("value", "valueMax")
#: Units of whole-numbered figures that are not counts.
_NOT_COUNTED = frozenset({"percent", "EUR per CAD"})
_INTEGER = ox.NamedNode(XSD + "integer")


def is_count(record: Record) -> bool:
    """Whether a figure counts things: not an amount of money, not a percentage or a
    rate, and every value a whole number. Its values are then ``xsd:integer`` (``?o
    eucan:value 30`` matches), other figures' ``xsd:decimal``; both compare as numbers.

    >>> is_count(Record("x", (), {"value": (30,), "unit": ("project participations",)}, "", 1))
    True
    >>> is_count(Record("x", (), {"value": (39,), "unit": ("percent",)}, "", 1))
    False
    >>> is_count(Record("x", (), {"value": (42000000,), "currency": ("EUR",)}, "", 1))
    False
    """
    values = [v for f in COUNT_FIELDS for v in record.values(f)]
    if not values or record.first("currency") or record.first("unit") in _NOT_COUNTED:
        return False
    try:
        return all(not isinstance(v, bool) and Decimal(str(v)) == Decimal(str(v)).to_integral()
                   for v in values)
    except ArithmeticError:
        return False


def field_object(name: str, value: Any, records: dict[str, Record],
                 schema: Schema) -> ox.NamedNode | ox.Literal:
    """The RDF term a value of field ``name`` becomes: an external IRI, the IRI of the
    record it names, or a typed literal."""
    field = schema.field(name)
    assert field is not None
    if name in EXTERNAL_IRI_FIELDS:
        return ox.NamedNode(value)
    if field.is_reference:
        return ox.NamedNode(record_iri(records[value], schema))
    return _literal(value, field.range)


def _all_ancestors(types: list[str], schema: Schema) -> set[str]:
    out: set[str] = set()
    for t in types:
        out |= schema.ancestors(t)
    return out


def build_triples(records: dict[str, Record], schema: Schema | None = None) -> list[ox.Triple]:
    """All data triples of the records, sorted (deterministic)."""
    schema = schema or load_schema()
    triples: set[ox.Triple] = set()
    for record in records.values():
        triples.update(record_triples(record, records, schema))
    return sorted(triples, key=str)


def stable_blank_nodes(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Rename blank nodes ``b0, b1, ...`` in order of first appearance (stable output)."""
    names: dict[str, ox.BlankNode] = {}

    def rename(term: Any) -> Any:
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"b{len(names)}")
            return names[term.value]
        return term

    return [ox.Triple(rename(t.subject), t.predicate, rename(t.object)) for t in triples]
