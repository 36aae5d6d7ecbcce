"""A VoID and DCAT (DCAT-AP style) description of the dataset, emitted with it.

Title, description, licence, version (SemVer, from the newest ``CHANGELOG.md``
entry, which also dates ``dcterms:modified``), issue date, the source paper,
publisher, one ``dcat:Distribution`` per exported file with its media type
and byte size, triple/entity/class/property counts, example resources and,
when served, the SPARQL endpoint. Nothing depends on the clock: the same
input gives the same bytes.

Examples
--------
>>> from kg.store.open import build_graph
>>> triples = describe(build_graph(), {"eucan.ttl": 10})
>>> any(t.predicate.value.endswith("#triples") for t in triples)
True
>>> release()[0].count(".")
2
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from kg.core.errors import KGError
from kg.core.formats import by_suffix
from kg.core.namespaces import (
    BASE,
    DCAT,
    DCTERMS,
    EUCAN,
    FOAF,
    ID,
    ONTOLOGY_IRI,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    VOID,
    XSD,
)
from kg.core.protocols import SparqlStore
from kg.core.resources import read_text

__all__ = ["describe", "release", "partition_slug", "DATASET_IRI", "CATALOG_IRI",
           "PUBLISHER_IRI", "GRAPHS", "SPATIAL"]

VCARD = "http://www.w3.org/2006/vcard/ns#"

DATASET_IRI = BASE + "/dataset"
DOWNLOAD_BASE = BASE + "/dist/"
PUBLISHER_IRI = BASE + "/id/org/eucan-kg"
ISSUED = "2026-11-25"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
EXAMPLES = ("partnership/suave", "cluster/protein-industries-canada", "agreement/ceta",
            "agreement/admin-arrangement-2019", "ecosystem/agri-food")

FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
CATALOG_IRI = BASE + "/catalog"
#: The EU country authority table; the dataset's spatial coverage in it (the EU, Canada).
COUNTRY = "http://publications.europa.eu/resource/authority/country/"
SPATIAL = ("EUR", "CAN")
#: The named graphs of the quad exports.
GRAPHS = {BASE + "/graph/ontology": "The ontology (named graph of eucan.nq and eucan.trig)",
          BASE + "/graph/data": "The data (named graph of eucan.nq and eucan.trig)"}
#: EU data themes (publications.europa.eu authority table) the dataset belongs to.
THEMES = {"ECON": "Economy and finance", "GOVE": "Government and public sector",
          "INTR": "International issues"}
PERIOD = ("1957-01-01", "2028-12-31")  # the earliest and latest years the paper's facts reach
_COUNTS = """SELECT (COUNT(*) AS ?triples)
  (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
  (COUNT(DISTINCT IF(isLiteral(?o), ?none, ?o)) AS ?objects) WHERE { ?s ?p ?o }"""
_ENTITIES = """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s prov:wasDerivedFrom ?src FILTER STRSTARTS(STR(?s), STR(id:)) }"""
_CLASSES = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class ; prov:wasDerivedFrom ?src } GROUP BY ?class ORDER BY ?class"""


def release() -> tuple[str, str]:
    """(version, date) of the newest ``## [X.Y.Z] - YYYY-MM-DD`` entry of CHANGELOG.md."""
    text = read_text("CHANGELOG.md")
    match = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})", text, re.MULTILINE)
    if not match:
        raise KGError("CHANGELOG.md: no '## [X.Y.Z] - YYYY-MM-DD' entry")
    return match.group(1), match.group(2)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: Any, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    return ox.Literal(str(value), datatype=_n(datatype)) if datatype else ox.Literal(str(value))


def describe(store: SparqlStore, files: dict[str, int],
             endpoint: str | None = None) -> list[ox.Triple]:
    """The description as sorted triples.

    :param files: exported file name (relative to the output folder) -> size in bytes.
    :param endpoint: the SPARQL endpoint URL when the graph is served.
    """
    version, modified = release()
    ds = _n(DATASET_IRI)
    counts = store.select(_COUNTS)[0]
    entities = store.select(_ENTITIES)[0]["n"].value
    t: list[ox.Triple] = []

    def add(s: ox.NamedNode | ox.BlankNode, p: str, o: Any) -> None:
        t.append(ox.Triple(s, _n(p), o))

    for cls in (VOID + "Dataset", DCAT + "Dataset"):
        add(ds, RDF + "type", _n(cls))
    add(ds, DCTERMS + "title", _lit("EU-Canada cluster policy knowledge graph", lang="en"))
    add(ds, DCTERMS + "description", _lit(
        "Policies, programmes, funding periods, cluster organisations and partnerships, "
        "industrial ecosystems, places, public bodies, agreements, events and figures on "
        "EU-Canada cluster cooperation, each fact with its citation (section, table, figure, "
        "box or footnote) in the ECCP input paper of December 2023.", lang="en"))
    licence = _n(LICENCE)
    add(ds, DCTERMS + "license", licence)
    add(licence, RDF + "type", _n(DCTERMS + "LicenseDocument"))
    add(ds, DCTERMS + "issued", _lit(ISSUED, XSD + "date"))
    add(ds, DCTERMS + "modified", _lit(modified, XSD + "date"))
    add(ds, OWL + "versionInfo", _lit(version))
    add(ds, DCAT + "version", _lit(version))
    add(ds, DCTERMS + "conformsTo", _n(ONTOLOGY_IRI))
    add(_n(ONTOLOGY_IRI), RDF + "type", _n(DCTERMS + "Standard"))
    add(ds, PROV + "wasDerivedFrom", _n(ID + "source/eccp-2023"))
    for code in SPATIAL:  # EU country authority table (kg/data/codelists/eu-country.csv)
        place = _n(COUNTRY + code)
        add(ds, DCTERMS + "spatial", place)
        add(place, RDF + "type", _n(DCTERMS + "Location"))
        add(place, SKOS + "inScheme", _n(COUNTRY.rstrip("/")))
    language = _n("http://publications.europa.eu/resource/authority/language/ENG")
    add(ds, DCTERMS + "language", language)
    add(language, RDF + "type", _n(DCTERMS + "LinguisticSystem"))
    period = _n(DATASET_IRI + "/temporal")
    add(ds, DCTERMS + "temporal", period)
    add(period, RDF + "type", _n(DCTERMS + "PeriodOfTime"))
    add(period, DCAT + "startDate", _lit(PERIOD[0], XSD + "date"))
    add(period, DCAT + "endDate", _lit(PERIOD[1], XSD + "date"))
    for theme, name in THEMES.items():
        iri = _n(f"http://publications.europa.eu/resource/authority/data-theme/{theme}")
        add(ds, DCAT + "theme", iri)
        add(iri, RDF + "type", _n(SKOS + "Concept"))
        add(iri, SKOS + "prefLabel", _lit(name, lang="en"))
    contact = _n(DATASET_IRI + "/contact")
    add(ds, DCAT + "contactPoint", contact)
    add(contact, RDF + "type", _n(VCARD + "Kind"))
    add(contact, RDF + "type", _n(VCARD + "Organization"))
    add(contact, VCARD + "fn", _lit("eucan-kg maintainers"))
    add(contact, VCARD + "hasURL", _n(BASE))
    for keyword in ("cluster policy", "Euroclusters", "Global Innovation Clusters", "ESCP-4i",
                    "EU-Canada cooperation", "industrial ecosystems"):
        add(ds, DCAT + "keyword", _lit(keyword, lang="en"))
    publisher = _n(PUBLISHER_IRI)
    add(ds, DCTERMS + "publisher", publisher)
    add(publisher, RDF + "type", _n(FOAF + "Agent"))
    add(publisher, FOAF + "name", _lit("eucan-kg maintainers"))
    catalog = _n(CATALOG_IRI)
    add(catalog, RDF + "type", _n(DCAT + "Catalog"))
    add(catalog, DCTERMS + "title", _lit("eucan-kg catalogue", lang="en"))
    add(catalog, DCTERMS + "description", _lit(
        "The datasets published by eucan-kg: the EU-Canada cluster policy knowledge graph and "
        "its distributions.", lang="en"))
    add(catalog, DCTERMS + "publisher", publisher)
    add(catalog, DCTERMS + "license", licence)
    add(catalog, DCTERMS + "language", language)
    add(catalog, DCTERMS + "modified", _lit(modified, XSD + "date"))
    add(catalog, DCAT + "dataset", ds)
    add(ds, VOID + "triples", _lit(counts["triples"].value, XSD + "integer"))
    add(ds, VOID + "entities", _lit(entities, XSD + "integer"))
    add(ds, VOID + "distinctSubjects", _lit(counts["subjects"].value, XSD + "integer"))
    add(ds, VOID + "distinctObjects", _lit(counts["objects"].value, XSD + "integer"))
    add(ds, VOID + "properties", _lit(counts["properties"].value, XSD + "integer"))
    add(ds, VOID + "uriSpace", _lit(ID))
    add(ds, VOID + "vocabulary", _n(ONTOLOGY_IRI))
    for example in EXAMPLES:
        add(ds, VOID + "exampleResource", _n(ID + example))
    classes = store.select(_CLASSES)
    add(ds, VOID + "classes", _lit(len(classes), XSD + "integer"))
    for row in classes:
        part = _n(f"{DATASET_IRI}/class/{partition_slug(row['class'].value)}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", row["class"])
        add(part, VOID + "entities", _lit(row["n"].value, XSD + "integer"))
    if endpoint:
        add(ds, VOID + "sparqlEndpoint", _n(endpoint))
        service = _n(endpoint)
        add(service, RDF + "type", _n(DCAT + "DataService"))
        add(service, DCTERMS + "title", _lit("SPARQL endpoint of the graph", lang="en"))
        add(service, DCAT + "endpointURL", _n(endpoint))
        add(service, DCAT + "servesDataset", ds)
        add(catalog, DCAT + "service", service)
    for name, size in sorted(files.items()):
        suffix = name.rsplit(".", 1)[-1]
        known = by_suffix(suffix)  # the distribution's format (kg.core.formats)
        media, label, file_type = (known.media_type, known.label, known.file_type) if known \
            else (None, suffix, "BIN")
        dist = _n(f"{DATASET_IRI}/distribution/{re.sub(r'[/.]', '-', name)}")
        add(ds, DCAT + "distribution", dist)
        add(dist, RDF + "type", _n(DCAT + "Distribution"))
        add(dist, DCTERMS + "title", _lit(f"{name} ({label})", lang="en"))
        add(dist, DCAT + "accessURL", _n(DOWNLOAD_BASE + name))
        add(dist, DCAT + "downloadURL", _n(DOWNLOAD_BASE + name))
        if media:
            add(dist, DCAT + "mediaType", _n(IANA + media))
            add(_n(IANA + media), RDF + "type", _n(DCTERMS + "MediaType"))
        add(dist, DCTERMS + "format", _n(FILE_TYPE + file_type))
        add(_n(FILE_TYPE + file_type), RDF + "type", _n(DCTERMS + "MediaTypeOrExtent"))
        add(dist, DCAT + "byteSize", _lit(size, XSD + "nonNegativeInteger"))
        add(dist, DCTERMS + "license", licence)
    for graph, title in GRAPHS.items():  # the named graphs of eucan.nq and eucan.trig
        add(ds, VOID + "subset", _n(graph))
        add(_n(graph), RDF + "type", _n(VOID + "Dataset"))
        add(_n(graph), DCTERMS + "title", _lit(title, lang="en"))
        add(_n(graph), DCTERMS + "isPartOf", ds)
    add(_n(ONTOLOGY_IRI), RDFS + "seeAlso", ds)
    return sorted(set(t), key=str)


def partition_slug(cls: str) -> str:
    """The last segment of a class partition's IRI: the local name of a project class,
    ``prefix-Name`` for a class of another vocabulary.

    >>> partition_slug(EUCAN + "Eurocluster"), partition_slug(DCTERMS + "BibliographicResource")
    ('Eurocluster', 'dcterms-BibliographicResource')
    """
    if cls.startswith(EUCAN):
        return cls[len(EUCAN):]
    for prefix, namespace in sorted(PREFIXES.items()):
        if cls.startswith(namespace) and prefix != "id":
            return f"{prefix}-{cls[len(namespace):]}"
    return re.sub(r"[^A-Za-z0-9]+", "-", cls).strip("-")
