"""Content negotiation: the best of the offered media types for an ``Accept`` header.

>>> best("text/turtle;q=0.9, text/html", ["text/html", "text/turtle"])
'text/html'
>>> best("application/ld+json", ["text/html", "application/ld+json"])
'application/ld+json'
>>> best("*/*", ["text/html", "text/turtle"]), best("", ["text/html"])
('text/html', 'text/html')
>>> best("image/png", ["text/html", "text/turtle"]) is None
True
"""

from __future__ import annotations

__all__ = ["best", "RDF_TYPES", "SUFFIXES"]

#: RDF media types a resource page is also served as -> project format name.
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "ntriples",
             "application/ld+json": "jsonld", "application/rdf+xml": "rdfxml"}
#: Path suffixes that ask for a format without an Accept header.
SUFFIXES = {".ttl": "text/turtle", ".nt": "application/n-triples",
            ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml",
            ".html": "text/html"}


def _ranges(header: str) -> list[tuple[float, int, str]]:
    found = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    q = float(field[2:])
                except ValueError:
                    q = 0.0
        found.append((q, position, media))
    return found


def best(header: str, offered: list[str]) -> str | None:
    """The offered type the header likes most (ties: the header's order, then ours);
    an empty header takes the first offered; None if the header accepts none."""
    if not header.strip():
        return offered[0]
    scores: dict[str, tuple[float, int, int]] = {}
    for q, position, media in _ranges(header):
        for mine in offered:
            specificity = 2 if media == mine else 1 if media == mine.split("/")[0] + "/*" \
                else 0 if media == "*/*" else -1
            if specificity < 0:
                continue
            score = (specificity, q, -position)
            if mine not in scores or score[0] > scores[mine][0]:
                scores[mine] = score
    ranked = [(s[1], s[0], s[2], -offered.index(m), m) for m, s in scores.items() if s[1] > 0]
    if not ranked:
        return None
    return max(ranked)[4]
