"""A resource page in people's words: what :meth:`kg.serve.site.Site.resource` returns,
reshaped for the reader (the words themselves are in :mod:`kg.serve.words`).

- kinds and types by their labels ("Global Innovation Cluster"), once each, the
  project's classes before imported ones;
- facts by plain property names, values without datatypes (numbers formatted, dates
  as dates, a figure's value with its currency), addresses as links;
- relations that point here read from this page's side ("targeted by");
- the figures with what they count, grouped by the place of the paper
  (:mod:`kg.serve.figures`);
- each quote of the paper once: a quote already shown is a link back to it.

Examples
--------
>>> from kg.serve.site import Site
>>> from kg.store.open import build_graph
>>> site = Site(build_graph())
>>> page = site.resource("https://w3id.org/eucan/id/country/germany")
>>> [g["label"] for g in page["inbound"] if g["iri"].endswith("targetsMarket")]
['targeted by']
>>> page["kind_label"], [t["label"] for t in page["types"]]
('country', ['country', 'actor', 'place', 'polity'])
"""

from __future__ import annotations

import re
from typing import Any

from kg.core.namespaces import EUCAN
from kg.core.resources import internal_query as internal
from kg.core.terms import bound_rows
from kg.serve.figures import figure_groups, figure_rows
from kg.serve.words import (
    HIDDEN,
    amount,
    inverse_label,
    literal_text,
    plural,
    property_label,
    readable,
)

#: A :class:`kg.serve.site.Site` (not imported: the site calls this module).
Site = Any

__all__ = ["for_people", "class_labels", "kind_label", "kind_groups", "KIND_GROUPS"]

#: The home page's groups of kinds: a kind goes to the first group one of whose classes
#: it is (or a subclass of); the last group takes the rest.
KIND_GROUPS = (
    ("Actors and places", {"Actor", "Place"}),
    ("Policies, programmes and agreements", {"Policy", "Agreement", "FundingPeriod"}),
    ("Ecosystems, events and trends", {"IndustrialEcosystem", "Event", "Trend", "Development"}),
    ("Figures", {"Observation", "Measure", "DataSet"}),
    ("Lists and abbreviations", {"Category", "ConceptScheme", "Abbreviation"}),
    ("The paper and what it cites", {"Source", "Erratum", "Database"}),
)

_ANY_URI = "http://www.w3.org/2001/XMLSchema#anyURI"
_VALUE, _CURRENCY, _UNIT = EUCAN + "value", EUCAN + "currency", EUCAN + "unitOfMeasure"
_OBSERVED = EUCAN + "observedEntity"
#: A web address inside a text (a closing bracket or final full stop is not part of it).
_ADDRESS = re.compile(r"https?://[^\s<>\"]+?(?=[.,;:)\]>]?(?:\s|$))")


def class_labels(site: Site) -> dict[str, str]:
    """Local name of each project class -> its label (made once per site)."""
    found = site.__dict__.get("_class_labels")
    if found is None:
        found = {iri[len(EUCAN):]: label for iri, label in
                 bound_rows(site.store.select_values(internal("class-labels")))}
        site.__dict__["_class_labels"] = found
    return found


def kind_label(site: Site, kind: str) -> str:
    """The label of a class named by its local name (the name itself if it has none)."""
    return class_labels(site).get(kind, kind)


def _link_words(value: dict[str, Any]) -> dict[str, Any]:
    """A link drawn with a readable label: raw figures written out, an outside address
    by its host and path rather than its last segment."""
    if "label" in value:
        label = readable(value["label"])
        if not value.get("local") and value.get("iri", "").endswith(label):
            label = value["iri"].split("://", 1)[-1]
        value = {**value, "label": label}
    return value


def _types(types: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """The types, the project's own only (if any), once each by label, the most
    specific (``kind``) first."""
    ours = [t for t in types if t.get("iri", "").startswith(EUCAN)] or types
    ours = sorted(ours, key=lambda t: t.get("iri") != EUCAN + kind)
    seen: set[str] = set()
    kept = []
    for t in ours:
        key = t.get("label", t.get("text", "")).casefold()
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept


def _value(value: dict[str, Any], unit: str, prop: str) -> dict[str, Any]:
    if "datatype" not in value:
        return _link_words(value)
    text, datatype = value["text"], value.get("dt", "")
    if datatype == _ANY_URI and text.lower().startswith(("http://", "https://")):
        return {"iri": text, "label": text, "href": text, "local": "",
                "stated": value.get("stated", [])}
    shown = amount(text, unit) if prop == _VALUE and unit else literal_text(text, datatype)
    if prop.endswith("Year"):  # a year reads as written: 2019, not 2,019
        shown = text
    return {**value, "text": shown, "datatype": "", "parts": _address_parts(shown)}


def _address_parts(text: str) -> list[dict[str, str]]:
    """The text cut into plain pieces and web addresses (``href``), so that an address
    cited in a text is a link; empty when it holds none.

    >>> [p.get("href", p["text"]) for p in _address_parts("Available under: https://a.eu/x.")]
    ['Available under: ', 'https://a.eu/x', '.']
    """
    if "http" not in text:
        return []
    parts: list[dict[str, str]] = []
    last = 0
    for match in _ADDRESS.finditer(text):
        if match.start() > last:
            parts.append({"text": text[last:match.start()]})
        parts.append({"text": match.group(0), "href": match.group(0)})
        last = match.end()
    if last < len(text):
        parts.append({"text": text[last:]})
    return parts


def _quotes_once(groups: list[dict[str, Any]]) -> None:
    """Mark each quote already shown on the page: ``again`` holds the anchor of its first
    showing (``quote-N``), which gets ``anchor``."""
    first: dict[tuple[str, str], str] = {}
    for group in groups:
        for value in group["values"]:
            marked = []
            for quote in value.get("stated", []):
                key = (quote["exact"], quote["place"].get("href", ""))
                if key in first:
                    marked.append({**quote, "again": first[key]})
                else:
                    first[key] = f"quote-{len(first) + 1}"
                    marked.append({**quote, "anchor": first[key]})
            value["stated"] = marked


def for_people(site: Site, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (a resource page's values) in people's words; the raw names stay
    available to the RDF downloads only."""
    facts = [g for g in data["facts"] if g["iri"] not in HIDDEN]
    units = {g["iri"]: g["values"][0].get("text", "") for g in facts
             if g["iri"] in (_CURRENCY, _UNIT) and g["values"]}
    unit = units.get(_CURRENCY) or units.get(_UNIT, "")
    for group in facts:
        group["label"] = property_label(group["iri"], group["label"])
        group["values"] = [_value(v, unit, group["iri"]) for v in group["values"]]
    _quotes_once(facts)
    rows = figure_rows(site.store, data["iri"])
    inbound = [g for g in data["inbound"] if not (rows and g["iri"] == _OBSERVED)]
    for group in inbound:
        group["label"] = inverse_label(group["iri"], group["label"])
        group["values"] = [_link_words(v) for v in group["values"]]
    return {**data, "label": readable(data["label"]), "facts": facts, "inbound": inbound,
            "types": [_link_words(t) for t in _types(data["types"], data["kind"])],
            "kind_label": kind_label(site, data["kind"]),
            "comment_parts": [_address_parts(c) or [{"text": c}] for c in data["comments"]],
            "citations": [_link_words(c) for c in data["citations"]],
            "figure_rows": rows, "figure_groups": figure_groups(rows)}


def kind_groups(site: Site) -> list[dict[str, Any]]:
    """What the graph holds, for the home page: groups of kinds (:data:`KIND_GROUPS`),
    each kind with its name (for the link), its label in the plural and its count.

    >>> from kg.serve.site import Site
    >>> from kg.store.open import build_graph
    >>> groups = kind_groups(Site(build_graph()))
    >>> [k["label"] for k in groups[0]["kinds"]][:3]
    ['Autonomous communities', 'Cities', 'Countries']
    """
    from kg.network.projection import class_ancestors

    ancestors = class_ancestors(site.store)
    counts: dict[str, int] = {}
    for kind in site.kinds.values():
        counts[kind] = counts.get(kind, 0) + 1
    groups: list[dict[str, Any]] = [{"title": title, "kinds": []} for title, _ in KIND_GROUPS]
    for kind, n in counts.items():
        classes = set(ancestors.get(kind, ())) | {kind}
        index = next((i for i, (_, names) in enumerate(KIND_GROUPS) if names & classes),
                     len(KIND_GROUPS) - 1)
        label = plural(kind_label(site, kind))
        groups[index]["kinds"].append({"name": kind, "label": label[:1].upper() + label[1:],
                                       "count": n})
    for group in groups:
        group["kinds"].sort(key=lambda k: k["label"].casefold())
    return [g for g in groups if g["kinds"]]
