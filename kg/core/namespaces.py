"""Every namespace of the project, declared once.

The base of every IRI the project mints is ``https://w3id.org/eucan``: the published,
permanent identifiers (the w3id.org rules of ``kg site`` redirect them to wherever the site
is hosted, ``--base-url``). It is fixed, not configurable: the ontology, the shapes and the
named queries write the same IRIs.

Examples
--------
>>> from kg.core.namespaces import EUCAN, resource_iri
>>> EUCAN + "Eurocluster"
'https://w3id.org/eucan/ontology#Eurocluster'
>>> resource_iri("country", "canada")
'https://w3id.org/eucan/id/country/canada'
"""

from __future__ import annotations

__all__ = [
    "BASE",
    "EUCAN",
    "ID",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "SKOS",
    "DCTERMS",
    "PROV",
    "ORG",
    "QB",
    "SCHEMA",
    "SH",
    "OA",
    "resource_iri",
]

BASE: str = "https://w3id.org/eucan"
EUCAN: str = BASE + "/ontology#"
ID: str = BASE + "/id/"
ONTOLOGY_IRI: str = BASE + "/ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
QB = "http://purl.org/linked-data/cube#"
SCHEMA = "https://schema.org/"
SH = "http://www.w3.org/ns/shacl#"
FOAF = "http://xmlns.com/foaf/0.1/"
VANN = "http://purl.org/vocab/vann/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
OA = "http://www.w3.org/ns/oa#"

PREFIXES: dict[str, str] = {
    "eucan": EUCAN,
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "qb": QB,
    "schema": SCHEMA,
    "foaf": FOAF,
    "vann": VANN,
    "oa": OA,
}


def resource_iri(kind: str, slug: str) -> str:
    """Mint the IRI of a resource: ``{BASE}/id/{kind}/{slug}``.

    >>> resource_iri("ecosystem", "agri-food")
    'https://w3id.org/eucan/id/ecosystem/agri-food'
    """
    return f"{ID}{kind}/{slug}"
