"""Statement-level provenance: each quoted value as an OWL 2 annotated axiom.

The plain triple stays as it is (``?s eucan:budget ?v`` keeps working). Beside it, every
:class:`kg.data.quotes.Quote` becomes one node of the OWL 2 reification pattern — the
one OWL 2 defines for annotating a single assertion, which rapper, the OWL API, HermiT
and every SPARQL engine read as plain triples::

    [] a owl:Axiom ;
       owl:annotatedSource   id:eurocluster/suave ;
       owl:annotatedProperty eucan:participantCountry ;
       owl:annotatedTarget   id:country/france ;
       eucan:assertedIn      id:source/box-5 ;
       eucan:anchoredIn      id:source/box-5/item3/s2 ;
       oa:exact  "Cluster members of SUAVE come from France, Hungary, …" .

``oa:exact``/``oa:prefix``/``oa:suffix`` are the W3C Web Annotation ``TextQuoteSelector``
terms; ``eucan:assertedIn`` is the place, ``eucan:anchoredIn`` the unit of the paper the
words lie in (:mod:`kg.graph.units`; found by :class:`kg.data.support.Support` when the
data does not name it) and ``eucan:readWith`` an earlier unit the quote reaches back to.
A statement that is the project's reading rather than the paper's words carries
``eucan:interpretation`` instead of ``oa:exact``. The node is a blank node whose label is a hash
of what it says, so the output is the same on every build.

>>> from kg.data.load import load_records
>>> lines = statement_ntriples(load_records())
>>> sum(1 for line in lines if "#annotatedSource> " in line) > 1000
True

They are made as N-Triples lines (:func:`statement_ntriples`): a quarter of a second
less than building a Python object per triple, which the graph would only turn back into
N-Triples.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from kg.core.namespaces import EUCAN, OA, OWL, RDF
from kg.data.model import Record
from kg.data.schema import Schema, load_schema
from kg.graph.build import record_iri, value_term

__all__ = ["statement_ntriples", "is_statement_node", "ASSERTED_IN"]

ASSERTED_IN = EUCAN + "assertedIn"
_TYPE, _AXIOM = ox.NamedNode(RDF + "type"), ox.NamedNode(OWL + "Axiom")
_SOURCE, _PROPERTY, _TARGET = (ox.NamedNode(OWL + n) for n in
                               ("annotatedSource", "annotatedProperty", "annotatedTarget"))
_PLACE = ox.NamedNode(ASSERTED_IN)
_UNIT, _READ, _NOTE = (ox.NamedNode(EUCAN + n) for n in ("anchoredIn", "readWith",
                                                         "interpretation"))
_SELECTOR = {name: ox.NamedNode(OA + name) for name in ("exact", "prefix", "suffix")}
#: Statement nodes are blank nodes labelled with this prefix and a content hash.
_NODE_PREFIX = "q"


def is_statement_node(term: object) -> bool:
    """Whether ``term`` is one of the annotated-axiom nodes this module makes."""
    return isinstance(term, ox.BlankNode) and term.value.startswith(_NODE_PREFIX)


def statement_ntriples(records: dict[str, Record],
                       schema: Schema | None = None) -> list[str]:
    """The annotated-axiom nodes of every quote of every record, as N-Triples lines (each
    once and ending in a newline, in no particular order), in Oxigraph's own N-Triples
    form of every term."""
    from kg.data.support import Support
    from kg.graph.units import unit_iri

    schema = schema or load_schema()
    support = Support(records)
    lines: set[str] = set()
    head = {name: f" {term} " for name, term in (
        ("type", _TYPE), ("source", _SOURCE), ("property", _PROPERTY), ("target", _TARGET),
        ("place", _PLACE), ("unit", _UNIT), ("read", _READ), ("interpretation", _NOTE),
        *((n, t) for n, t in _SELECTOR.items()))}
    axiom = f"{_AXIOM} .\n"
    for record in records.values():
        if not record.quotes:
            continue
        subject = str(ox.NamedNode(record_iri(record, schema)))
        for quote in record.quotes:
            field = schema.field(quote.field)
            assert field is not None
            target = str(value_term(record, quote.field, quote.value, records, schema))
            place = record_iri(records[quote.source], schema)
            digest = hashlib.sha1("\x1f".join(
                (subject[1:-1], field.iri, target, place, quote.prefix,
                 quote.exact, quote.suffix, quote.interpretation)).encode()).hexdigest()[:20]
            node = f"_:{_NODE_PREFIX}{digest}"
            lines.update((node + head["type"] + axiom,
                          f"{node}{head['source']}{subject} .\n",
                          f"{node}{head['property']}<{field.iri}> .\n",
                          f"{node}{head['target']}{target} .\n",
                          f"{node}{head['place']}<{place}> .\n"))
            for name, text in (("exact", quote.exact), ("prefix", quote.prefix),
                               ("suffix", quote.suffix), ("interpretation",
                                                          quote.interpretation)):
                if text:
                    lines.add(f"{node}{head[name]}{ox.Literal(text)} .\n")
            unit = support.anchor(quote) if quote.exact else None
            if unit is not None:
                lines.add(f"{node}{head['unit']}<{unit_iri(unit.id, records, schema)}> .\n")
            lines.update(f"{node}{head['read']}<{unit_iri(u, records, schema)}> .\n"
                         for u in quote.read_with if u in support.units)
    return list(lines)
