"""People's words for the pages a person reads: numbers and money as people write them,
dates as dates, properties by plain names (the imported ones too), relations read from
the page's side, class names in the plural.

This module is the one place that holds these words: :data:`PROPERTY_WORDS` (names of
the imported properties, which the ontology declares without labels), :data:`INVERSE`
(each relation as read from its object's page: "targeted by" for ``targets market``),
:data:`HIDDEN` (properties a page says otherwise). The RDF stays as it is; the pages'
downloads (``.ttl``, ``.jsonld`` …) give it.

Examples
--------
>>> amount("323000000", "CAD"), amount("13890000000", "EUR"), amount("3000", "members")
('CAD 323 million', 'EUR 13.89 billion', '3,000 members')
>>> literal_text("2021-12-31T00:00:00", XSD + "dateTime")
'31 December 2021'
>>> literal_text("13890000000.0", XSD + "decimal")
'13,890,000,000'
>>> inverse_label(EUCAN + "targetsMarket", "targets market")
'targeted by'
>>> plural("Global Innovation Cluster"), plural("policy"), plural("box")
('Global Innovation Clusters', 'policies', 'boxes')
>>> readable("Protein Industries Canada — Budget (Total): 323000000 CAD, 2018-2028")
'Protein Industries Canada — Budget (Total): CAD 323 million, 2018-2028'
"""

from __future__ import annotations

import re
from datetime import date

from kg.core.namespaces import EUCAN

__all__ = ["amount", "number", "literal_text", "property_label", "inverse_label", "plural",
           "readable", "PROPERTY_WORDS", "INVERSE", "HIDDEN", "CURRENCIES", "XSD"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_QB = "http://purl.org/linked-data/cube#"
_DCT = "http://purl.org/dc/terms/"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"

#: Currency codes a figure may carry (ISO 4217), written before the number.
CURRENCIES = frozenset({"CAD", "EUR", "USD", "GBP", "CHF", "SEK", "DKK", "PLN", "CZK", "HUF"})
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))

#: Names of the imported properties (the ontology declares them without a label).
PROPERTY_WORDS = {
    "http://www.w3.org/2002/07/owl#sameAs": "same as",
    _SKOS + "inScheme": "in the list", _SKOS + "notation": "code",
    _SKOS + "hiddenLabel": "also found as", _SKOS + "definition": "definition",
    _SKOS + "broader": "broader", _SKOS + "exactMatch": "same concept as",
    _SKOS + "topConceptOf": "heads the list", _SKOS + "hasTopConcept": "top concepts",
    _SKOS + "note": "note", _QB + "dataSet": "in the data set", _QB + "structure": "structure",
    _QB + "component": "component", _QB + "dimension": "dimension", _QB + "measure": "measure",
    _QB + "attribute": "attribute", _QB + "order": "order",
    _QB + "componentRequired": "required",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "from the paper's",
    "http://xmlns.com/foaf/0.1/page": "web page", _DCT + "isPartOf": "part of",
    _DCT + "publisher": "publisher", _DCT + "creator": "author", _DCT + "type": "type",
    _DCT + "title": "title", _DCT + "issued": "issued", _DCT + "source": "source",
    _DCT + "bibliographicCitation": "reference", _DCT + "license": "licence",
    _RDFS + "seeAlso": "see also", _RDFS + "isDefinedBy": "defined by",
    _RDFS + "subClassOf": "a kind of", _RDFS + "subPropertyOf": "a kind of",
    _RDFS + "domain": "said of", _RDFS + "range": "value", "http://www.w3.org/ns/org#memberOf":
    "member of", "http://www.w3.org/ns/org#subOrganizationOf": "part of",
    "http://www.w3.org/ns/oa#exact": "words",
}

#: Properties a page does not list as facts: the label says them already (prefLabel),
#: or the page shows them in its own way (the places of the paper).
HIDDEN = frozenset({_SKOS + "prefLabel", "http://www.w3.org/ns/prov#wasDerivedFrom"})

_E = EUCAN
#: Each relation as read from the page of its object ("Germany: targeted by NGen").
INVERSE = {
    _E + "abbreviates": "abbreviated as", _E + "about": "subject of",
    _E + "activeInEcosystem": "actors active in it", _E + "administeredBy": "administers",
    _E + "affiliatedWith": "affiliated with", _E + "after": "before",
    _E + "alignedWith": "aligned with it", _E + "atLevel": "level of",
    _E + "author": "author of", _E + "basedIn": "based here", _E + "category": "category of",
    _E + "changeIn": "changed by", _E + "citedInFootnote": "cites",
    _E + "citesEntry": "cited by", _E + "commissionedBy": "commissioned",
    _E + "complements": "complemented by", _E + "concerns": "concerned by",
    _E + "convertedFrom": "converted into", _E + "counterpart": "counterpart in",
    _E + "dataFrom": "data for", _E + "dataSource": "data source of",
    _E + "encouragesProjectsIn": "projects encouraged by", _E + "engagesPartner": "engaged by",
    _E + "erratumIn": "has erratum", _E + "evaluates": "evaluated by",
    _E + "exemplifies": "exemplified by", _E + "flowDirection": "direction of",
    _E + "followsTrend": "followed by", _E + "framedBy": "frames",
    _E + "frequentTargetMarket": "frequently targeted by", _E + "fundedBy": "funds",
    _E + "hasPart": "part of", _E + "headquarteredIn": "headquarters of",
    _E + "heldIn": "hosted", _E + "identifiedIn": "identifies", _E + "implements":
    "implemented by", _E + "inFundingPeriod": "funding period of",
    _E + "includesCommodity": "included in", _E + "indicatorDimension": "dimension of",
    _E + "jurisdiction": "jurisdiction over", _E + "keyEcosystemFor": "key ecosystems",
    _E + "ledBy": "leads", _E + "linkedToEcosystem": "linked with",
    _E + "linksIn": "links of", _E + "locatedIn": "contains",
    _E + "manifestsIn": "manifestation of", _E + "measure": "measure of",
    _E + "memberStateOf": "member states", _E + "mentions": "mentioned in",
    _E + "observedEntity": "figures about it", _E + "operatingModel": "operating model of",
    _E + "partOf": "has part", _E + "participant": "participates in",
    _E + "participantCountry": "partnerships with participants here",
    _E + "participantsSelectedBy": "selects participants of", _E + "partner": "partner of",
    _E + "partnerCountry": "partner country of", _E + "party": "party to",
    _E + "periodKind": "period kind of", _E + "precededBy": "followed by",
    _E + "printedIn": "prints", _E + "projectOf": "projects", _E + "projectsSelectedBy":
    "selects projects of", _E + "qualifier": "qualifies", _E + "reasonFor": "reason given",
    _E + "reasonGiven": "reason for", _E + "rebrandedAs": "formerly",
    _E + "reportedIn": "reports", _E + "resultedIn": "resulted from",
    _E + "sameQuantityAs": "same quantity as", _E + "statedIn": "states",
    _E + "succeededBy": "succeeds", _E + "targetsMarket": "targeted by",
    _E + "anchoredIn": "anchors", _E + "assertedIn": "asserts",
    _SKOS + "inScheme": "in the list", _SKOS + "broader": "narrower",
    _SKOS + "topConceptOf": "top concepts", _SKOS + "hasTopConcept": "heads",
    _QB + "dataSet": "figures", _QB + "structure": "structure of",
    _DCT + "isPartOf": "has part", _DCT + "publisher": "published",
    _DCT + "creator": "wrote", "http://xmlns.com/foaf/0.1/page": "page of",
    "http://www.w3.org/ns/org#memberOf": "members", "http://www.w3.org/ns/prov#wasDerivedFrom":
    "states", "http://www.w3.org/2002/07/owl#sameAs": "same as",
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def number(lexical: str) -> str:
    """A number with thousands separators and no needless ``.0``.

    >>> number("13890000000.0"), number("0.6973"), number("-4.3"), number("n/a")
    ('13,890,000,000', '0.6973', '-4.3', 'n/a')
    """
    try:
        value = float(lexical)
    except ValueError:
        return lexical
    if value == int(value) and abs(value) < 10**18:
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def amount(lexical: str, unit: str = "") -> str:
    """A figure as people write it: money as ``CUR 323 million`` (million and up), counts
    with separators, followed by their unit; percent as ``46 %``.

    >>> amount("35440", "EUR"), amount("15810000000000", "EUR"), amount("46", "percent")
    ('EUR 35,440', 'EUR 15.81 trillion', '46 %')
    >>> amount("1050000", "EUR"), amount("0.6973", "EUR per CAD")
    ('EUR 1.05 million', '0.6973 EUR per CAD')
    """
    unit = unit.strip()
    if unit in CURRENCIES:
        try:
            value = float(lexical)
        except ValueError:
            return f"{unit} {lexical}"
        for size, word in _SCALES:
            if abs(value) >= size:
                scaled = f"{value / size:,.2f}".rstrip("0").rstrip(".")
                return f"{unit} {scaled} {word}"
        return f"{unit} {number(lexical)}"
    if unit == "percent":
        return f"{number(lexical)} %"
    return f"{number(lexical)} {unit}".strip()


def _date(lexical: str) -> str:
    try:
        day = date.fromisoformat(lexical[:10])
    except ValueError:
        return lexical
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def literal_text(lexical: str, datatype: str = "") -> str:
    """A literal's value in words: numbers formatted, dates as dates, yes/no; anything
    else as written (the datatype is not shown).

    >>> literal_text("2023-03-31", XSD + "date"), literal_text("true", XSD + "boolean")
    ('31 March 2023', 'yes')
    """
    if datatype in (XSD + "decimal", XSD + "integer", XSD + "double", XSD + "float",
                    XSD + "nonNegativeInteger", XSD + "positiveInteger"):
        return number(lexical)
    if datatype in (XSD + "dateTime", XSD + "date"):
        return _date(lexical)
    if datatype == XSD + "boolean":
        return "yes" if lexical in ("true", "1") else "no"
    return lexical


def property_label(iri: str, label: str = "") -> str:
    """The plain name of a property: its label, or the words of :data:`PROPERTY_WORDS`.

    >>> property_label("http://www.w3.org/2004/02/skos/core#notation")
    'code'
    """
    return PROPERTY_WORDS.get(iri) or label or re.sub(
        r"(?<=[a-z])(?=[A-Z])", " ", iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    ).lower()


def inverse_label(iri: str, label: str = "") -> str:
    """How a relation reads from the page of its object: :data:`INVERSE`, else
    "LABEL (of)" so it never reads backwards.

    >>> inverse_label("https://example.org/x#likes", "likes")
    'likes (of)'
    """
    return INVERSE.get(iri) or f"{property_label(iri, label)} (of)"


def plural(label: str) -> str:
    """The plural of a class's label (English rules enough for the ontology's names).

    >>> plural("Person"), plural("Data set"), plural("cell of a table")
    ('People', 'Data sets', 'cells of a table')
    """
    head, sep, tail = label.partition(" of ")
    if head.lower().endswith("erratum"):
        return head[:-2] + "a" + sep + tail
    if sep:
        return plural(head) + sep + tail
    if head.lower().endswith("person"):
        return head[:-6] + ("People" if head[-6] == "P" else "people")
    if re.search(r"[^aeiou]y$", head):
        return head[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", head):
        return head + "es"
    return head + "s"


_RAW_MONEY = re.compile(r"(?<![\d.,])(-?\d{5,}(?:\.\d+)?)(?:–(\d{5,}(?:\.\d+)?))? ([A-Z]{3})\b")


def readable(label: str) -> str:
    """A name with the raw figures in it written as people write them ("323000000 CAD" ->
    "CAD 323 million"; a range keeps both ends)."""
    def money(match: re.Match[str]) -> str:
        first, second, unit = match.groups()
        if unit not in CURRENCIES:
            return match.group(0)
        if second:
            return f"{amount(first, unit)}–{amount(second, unit)[len(unit) + 1:]}"
        return amount(first, unit)

    return _RAW_MONEY.sub(money, label)
