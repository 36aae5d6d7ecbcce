"""The file formats the project reads and writes: one registry, the other tables derive
from it.

Each :class:`Format` is written once: the project's name for it, its file suffix, its
IANA media type, a short label, its code in the EU file-type authority table (what the
DCAT description gives as ``dct:format``), what it holds, rdflib's name for it and the
short name the site's ``?format=`` takes. The store's serialisers, the loaders' suffix
checks, content negotiation, the SPARQL endpoint's answers, the Apache media types, the
distributions of the VoID/DCAT description and the network exports all read it.

Examples
--------
>>> by_name("turtle").suffix, by_suffix("rdf").name, by_media_type("application/ld+json").label
('ttl', 'rdfxml', 'JSON-LD')
>>> GRAPH_SYNTAXES
('turtle', 'ntriples', 'jsonld', 'rdfxml')
>>> ", ".join("." + s for s in RDF_SUFFIXES)
'.ttl, .nt, .jsonld, .rdf, .nq, .trig'
>>> by_name("turtle").rdf_format, by_short_name("csv").results_format
(<RdfFormat Turtle>, <QueryResultsFormat SPARQL Results in CSV>)
>>> by_suffix("gexf").served_as, by_suffix("exe") is None
('application/xml', True)
>>> by_name("owl")  # doctest: +ELLIPSIS
Traceback (most recent call last):
kg.core.errors.KGError: unknown format 'owl'; expected one of turtle, ntriples, jsonld, rdfxml, ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.core.errors import KGError

if TYPE_CHECKING:  # imported where used: `kg --help` reads the registry without it
    import pyoxigraph as ox

__all__ = ["Format", "FORMATS", "by_name", "by_suffix", "by_media_type", "by_short_name",
           "GRAPH_SYNTAXES", "RDF_SUFFIXES", "ANSWER_FORMATS", "NETWORK_FORMATS", "HOLDS"]

#: What a format holds.
HOLDS = ("graph", "dataset", "results", "table", "network", "document")


@dataclass(frozen=True)
class Format:
    """One file format.

    :param name: the project's name (``Store.serialize("turtle")``, ``--format``).
    :param suffix: the file suffix, without its dot.
    :param media_type: the IANA media type; None where none is registered.
    :param label: a short name for people.
    :param file_type: the code of the EU file-type authority table (DCAT ``dct:format``).
    :param holds: one of :data:`HOLDS`: an RDF ``graph`` or ``dataset`` (named graphs),
        SPARQL ``results``, a ``table``, a ``network`` or a ``document``.
    :param prefixes: the syntax abbreviates IRIs with the project's prefixes.
    :param rdflib: rdflib's parser and serialiser name (the baseline engine).
    :param short: the site's ``?format=`` name of a SPARQL answer in this format.
    """

    name: str
    suffix: str
    media_type: str | None
    label: str
    file_type: str
    holds: str
    prefixes: bool = False
    rdflib: str | None = None
    short: str | None = None

    @property
    def served_as(self) -> str:
        """The ``Content-Type`` a file of this format is served with: its media type, else
        ``application/xml`` for an XML format, else ``application/octet-stream``."""
        if self.media_type:
            return self.media_type
        return "application/xml" if self.file_type == "XML" else "application/octet-stream"

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """pyoxigraph's format of an RDF syntax.

        :raises KGError: if the format is not RDF.
        """
        import pyoxigraph as ox

        found = ox.RdfFormat.from_media_type(self.media_type or "") \
            if self.holds in ("graph", "dataset") else None
        if found is None:
            raise KGError(f"{self.name} is not an RDF syntax")
        return found

    @property
    def results_format(self) -> ox.QueryResultsFormat:
        """pyoxigraph's format of a SPARQL results syntax (CSV and TSV included).

        :raises KGError: if the format is not one.
        """
        import pyoxigraph as ox

        found = ox.QueryResultsFormat.from_media_type(self.media_type or "")
        if found is None:
            raise KGError(f"{self.name} is not a SPARQL results syntax")
        return found


#: Every format, RDF syntaxes first (in the order the main job writes them).
FORMATS: tuple[Format, ...] = (
    Format("turtle", "ttl", "text/turtle", "Turtle", "RDF_TURTLE", "graph", True, "turtle",
           "ttl"),
    Format("ntriples", "nt", "application/n-triples", "N-Triples", "RDF_N_TRIPLES", "graph",
           False, "nt", "nt"),
    Format("jsonld", "jsonld", "application/ld+json", "JSON-LD", "JSON_LD", "graph", True,
           "json-ld"),
    Format("rdfxml", "rdf", "application/rdf+xml", "RDF/XML", "RDF_XML", "graph", True, "xml"),
    Format("nquads", "nq", "application/n-quads", "N-Quads", "RDF_N_QUADS", "dataset"),
    Format("trig", "trig", "application/trig", "TriG", "RDF_TRIG", "dataset", True),
    Format("sparql-json", "srj", "application/sparql-results+json", "SPARQL JSON results",
           "JSON", "results", short="json"),
    Format("sparql-xml", "srx", "application/sparql-results+xml", "SPARQL XML results", "XML",
           "results", short="xml"),
    Format("csv", "csv", "text/csv", "CSV", "CSV", "table", short="csv"),
    Format("tsv", "tsv", "text/tab-separated-values", "TSV", "TSV", "table", short="tsv"),
    Format("graphml", "graphml", None, "GraphML", "XML", "network"),
    Format("gexf", "gexf", None, "GEXF", "XML", "network"),
    Format("html", "html", "text/html", "HTML", "HTML", "document"),
    Format("json", "json", "application/json", "JSON", "JSON", "document"),
    Format("markdown", "md", "text/markdown", "Markdown", "MD", "document"),
)

_BY_NAME = {f.name: f for f in FORMATS}
_BY_SUFFIX = {f.suffix: f for f in FORMATS}
_BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS if f.media_type}
_BY_SHORT = {f.short: f for f in FORMATS if f.short}

#: The RDF graph syntaxes the store writes (``Store.serialize``) and the main job exports.
GRAPH_SYNTAXES = tuple(f.name for f in FORMATS if f.holds == "graph")
#: The suffixes of the RDF files the store's loader reads (graphs and datasets).
RDF_SUFFIXES = tuple(f.suffix for f in FORMATS if f.holds in ("graph", "dataset"))
#: What a SPARQL answer is written in (``Store.query_serialized``, the site's endpoint):
#: SELECT and ASK in the results and table formats, CONSTRUCT and DESCRIBE in the RDF
#: syntaxes; the first of each is the default.
ANSWER_FORMATS = ("sparql-json", "sparql-xml", "csv", "tsv", "turtle", "ntriples", "rdfxml")
#: The entity network's export formats: name -> file suffix.
NETWORK_FORMATS = {f.name: f.suffix for f in FORMATS if f.holds == "network"}


def by_name(name: str) -> Format:
    """The format called ``name``.

    :raises KGError: if there is none, listing the names.
    """
    found = _BY_NAME.get(name)
    if found is None:
        raise KGError(f"unknown format {name!r}; expected one of {', '.join(_BY_NAME)}")
    return found


def by_suffix(suffix: str) -> Format | None:
    """The format of files ending in ``.suffix`` (given without its dot), or None."""
    return _BY_SUFFIX.get(suffix)


def by_media_type(media_type: str) -> Format | None:
    """The format of ``media_type``, or None."""
    return _BY_MEDIA_TYPE.get(media_type)


def by_short_name(short: str) -> Format | None:
    """The format the site's ``?format=short`` asks for, or None."""
    return _BY_SHORT.get(short)
