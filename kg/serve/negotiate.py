"""Content negotiation: the best of the offered media types for an ``Accept`` header.

The rule, the same in ``kg serve`` and in the ``.htaccess`` that ``kg site`` writes
(:func:`kg.serve.rewrite.htaccess`): each offered type takes the q-value of the
most specific range that matches it (``text/turtle`` before ``text/*`` before ``*/*``);
the type with the highest q wins, then the one matched by the more specific range, then
the one offered first. A q that is not a q-value (``0``-``1``, at most three decimals
are usual) counts as 0. An empty header takes the first offered type; a header that
accepts none of them gives None (406).

>>> best("text/turtle;q=0.9, text/html", ["text/html", "text/turtle"])
'text/html'
>>> best("text/turtle;q=0.1, text/html", ["text/turtle", "text/html"])
'text/html'
>>> best("application/ld+json", ["text/html", "application/ld+json"])
'application/ld+json'
>>> best("*/*", ["text/html", "text/turtle"]), best("", ["text/html"])
('text/html', 'text/html')
>>> best("text/turtle, */*;q=0.5", ["text/html", "text/turtle"])
'text/turtle'
>>> best("image/png", ["text/html", "text/turtle"]) is None
True

The OWL API (Protégé) asks for RDF/XML first:

>>> best("application/rdf+xml, application/xml; q=0.7, text/xml; q=0.6, text/plain; "
...      "q=0.1, */*; q=0.09", OFFERED)
'application/rdf+xml'
"""

from __future__ import annotations

import re

from kg.core.formats import by_name

__all__ = ["best", "RDF_TYPES", "SUFFIXES", "OFFERED", "EXTENSIONS"]

#: The formats of a negotiated address (:mod:`kg.core.formats`), in the order offered
#: (ties go to the earlier): HTML, then the RDF graph syntaxes, RDF/XML before JSON-LD
#: and N-Triples (what the OWL API asks for first).
_OFFERED = [by_name(name) for name in ("html", "turtle", "rdfxml", "jsonld", "ntriples")]
#: RDF media types a resource page is also served as -> project format name.
RDF_TYPES = {f.served_as: f.name for f in _OFFERED if f.holds == "graph"}
#: What every negotiated address offers, in this order.
OFFERED = [f.served_as for f in _OFFERED]
#: Media type -> the file suffix of its document.
EXTENSIONS = {f.served_as: "." + f.suffix for f in _OFFERED}
#: Path suffixes that ask for a format without an Accept header.
SUFFIXES = {suffix: media for media, suffix in EXTENSIONS.items()}
_QVALUE = re.compile(r"(?:0(?:\.\d*)?|1(?:\.0*)?)")


def _ranges(header: str) -> list[tuple[float, str]]:
    found = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                q = float(value) if _QVALUE.fullmatch(value) else 0.0
        found.append((q, media))
    return found


def best(header: str, offered: list[str]) -> str | None:
    """The offered type the header likes most; an empty header takes the first offered;
    None if the header accepts none (rules: the module's docstring)."""
    if not header.strip():
        return offered[0]
    scores: dict[str, tuple[int, float]] = {}
    for q, media in _ranges(header):
        for mine in offered:
            specificity = 2 if media == mine else 1 if media == mine.split("/")[0] + "/*" \
                else 0 if media == "*/*" else -1
            if specificity >= 0 and (mine not in scores or specificity > scores[mine][0]):
                scores[mine] = (specificity, q)
    ranked = [(q, spec, -offered.index(m), m) for m, (spec, q) in scores.items() if q > 0]
    return max(ranked)[3] if ranked else None
