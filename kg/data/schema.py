"""The data schema, read from the ontology itself.

Field names in the data files are the local names of ontology properties
(``activeInEcosystem``), a prefixed name (``skos:altLabel``) or one of a few
aliases (``label``, ``source``...). Whether a field holds a reference or a
literal, its range and whether it is functional all come from
``ontology/eucan.ttl``, so the ontology is the single source of the schema.

Examples
--------
>>> schema = load_schema()
>>> schema.field("activeInEcosystem").range
'https://w3id.org/eucan/ontology#IndustrialEcosystem'
>>> schema.is_a(EUCAN + "Eurocluster", EUCAN + "ClusterPartnership")
True
>>> schema.id_segment(EUCAN + "GlobalInnovationCluster")
'cluster'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from kg.core.namespaces import (
    DCTERMS,
    EUCAN,
    FOAF,
    ORG,
    OWL,
    PROV,
    QB,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
)
from kg.core.resources import read_bytes

__all__ = ["Field", "Schema", "load_schema", "ontology_triples", "ontology_turtle",
           "shapes_turtle", "CURRENCIES"]

#: Currencies a monetary amount may use (ISO 4217).
CURRENCIES = ("EUR", "CAD", "USD")
#: Years the graph accepts (the paper's facts span 1957-2028).
YEAR_RANGE = (1950, 2035)

_PREFIXES = {"rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS, "prov": PROV, "qb": QB,
             "owl": OWL, "foaf": FOAF, "org": ORG, "schema": SCHEMA, "eucan": EUCAN}

# Aliases and imported properties: name -> (IRI, is_reference, range, functional)
_EXTERNAL: dict[str, tuple[str, bool, str | None, bool]] = {
    "label": (RDFS + "label", False, XSD + "string", True),
    "comment": (RDFS + "comment", False, XSD + "string", True),
    "altLabel": (SKOS + "altLabel", False, XSD + "string", False),
    "hiddenLabel": (SKOS + "hiddenLabel", False, XSD + "string", False),
    "source": (PROV + "wasDerivedFrom", True, EUCAN + "Source", False),
    "skos:inScheme": (SKOS + "inScheme", True, SKOS + "ConceptScheme", False),
    "skos:topConceptOf": (SKOS + "topConceptOf", True, SKOS + "ConceptScheme", False),
    "skos:notation": (SKOS + "notation", False, XSD + "string", True),
    "skos:definition": (SKOS + "definition", False, XSD + "string", True),
    "skos:exactMatch": (SKOS + "exactMatch", True, None, False),
    "dcterms:isPartOf": (DCTERMS + "isPartOf", True, None, False),
    "dcterms:publisher": (DCTERMS + "publisher", True, EUCAN + "Actor", False),
    "dcterms:creator": (DCTERMS + "creator", True, EUCAN + "Actor", False),
    "dcterms:issued": (DCTERMS + "issued", False, XSD + "gYearMonth", True),
    "dcterms:bibliographicCitation": (DCTERMS + "bibliographicCitation", False, XSD + "string",
                                      True),
    "qb:dataSet": (QB + "dataSet", True, QB + "DataSet", True),
    "owl:sameAs": (OWL + "sameAs", True, None, False),
    "org:subOrganizationOf": (ORG + "subOrganizationOf", True, ORG + "Organization", False),
    "org:memberOf": (ORG + "memberOf", True, ORG + "Organization", False),
}
#: Fields whose values are external IRIs rather than ids of records.
EXTERNAL_IRI_FIELDS = frozenset({"owl:sameAs", "skos:exactMatch", "citedUrl"})


@dataclass(frozen=True)
class Field:
    """One field of the data files: the property it maps to and its typing."""

    name: str
    iri: str
    is_reference: bool
    range: str | None
    functional: bool


class Schema:
    """Classes, their hierarchy and IRI segments, and the fields, from the ontology."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.classes: set[str] = set()
        self.parents: dict[str, set[str]] = {}
        self.segments: dict[str, str] = {}
        self._segment_of: dict[str, str | None] = {}
        self.fields: dict[str, Field] = {}
        kinds: dict[str, set[str]] = {}
        ranges: dict[str, str] = {}
        for s, p, o in ((t.subject, t.predicate.value, t.object) for t in triples):
            if not isinstance(s, ox.NamedNode) or isinstance(o, ox.Triple):
                continue
            if p == RDF + "type":
                kinds.setdefault(s.value, set()).add(o.value)
                if o.value == OWL + "Class":
                    self.classes.add(s.value)
            elif p == RDFS + "subClassOf" and isinstance(o, ox.NamedNode):
                self.parents.setdefault(s.value, set()).add(o.value)
            elif p == EUCAN + "idSegment":
                self.segments[s.value] = o.value
            elif p == RDFS + "range":
                ranges[s.value] = o.value
        for iri, types in kinds.items():
            if not iri.startswith(EUCAN):
                continue
            is_object = OWL + "ObjectProperty" in types
            if is_object or OWL + "DatatypeProperty" in types:
                name = iri[len(EUCAN):]
                functional = OWL + "FunctionalProperty" in types
                self.fields[name] = Field(name, iri, is_object, ranges.get(iri), functional)
        for name, (iri, is_ref, rng, functional) in _EXTERNAL.items():
            self.fields[name] = Field(name, iri, is_ref, rng, functional)

    def field(self, name: str) -> Field | None:
        """The field called ``name`` (local name, prefixed name or alias), or None."""
        return self.fields.get(name)

    def class_iri(self, name: str) -> str | None:
        """The IRI of class ``name`` (``Eurocluster`` or ``skos:Concept``), or None."""
        if ":" in name:
            prefix, local = name.split(":", 1)
            iri = _PREFIXES.get(prefix, "") + local
        else:
            iri = EUCAN + name
        return iri if iri in self.classes else None

    def ancestors(self, cls: str) -> set[str]:
        """``cls`` and every class above it."""
        seen, todo = {cls}, [cls]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def is_a(self, cls: str, target: str) -> bool:
        """Whether ``cls`` is ``target`` or one of its subclasses (owl:Thing matches all)."""
        return target == OWL + "Thing" or target in self.ancestors(cls)

    def id_segment(self, cls: str) -> str | None:
        """The ``{kind}`` path segment for instances of ``cls`` (inherited)."""
        if cls not in self._segment_of:
            found, todo = None, [cls]
            while todo:
                current = todo.pop(0)
                if current in self.segments:
                    found = self.segments[current]
                    break
                todo.extend(sorted(self.parents.get(current, ())))
            self._segment_of[cls] = found
        return self._segment_of[cls]


def ontology_turtle() -> bytes:
    """The ontology as shipped (``ontology/eucan.ttl``)."""
    return read_bytes("ontology", "eucan.ttl")


def shapes_turtle() -> bytes:
    """The SHACL shapes as shipped (``ontology/shapes.ttl``)."""
    return read_bytes("ontology", "shapes.ttl")


@cache
def load_schema() -> Schema:
    """Read the ontology and return its :class:`Schema` (cached)."""
    return Schema(ontology_triples())


@cache
def ontology_triples() -> tuple[ox.Triple, ...]:
    """The ontology's triples, parsed with pyoxigraph once per process."""
    return tuple(ox.parse(ontology_turtle(), format=ox.RdfFormat.TURTLE))
