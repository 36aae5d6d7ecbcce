"""What the site shows, as plain data: resource pages, the ontology, search, paths.

:class:`Site` is made once per served graph (the name index, the entity network and
the linkage scores are computed at start) and answers every page from the store with
values bound as RDF terms. Templates (``templates/``) only lay the data out.

Examples
--------
>>> from kg.store.open import build_graph
>>> site = Site(build_graph())
>>> page = site.resource("https://w3id.org/eucan/id/partnership/suave")
>>> page["label"], page["kind"]
('SUAVE', 'Eurocluster')
>>> sorted({f["cite"] for f in page["figures"]})
['Box 5', 'Section 3.1']
>>> site.local_path("https://w3id.org/eucan/id/partnership/suave")
'/id/partnership/suave'
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.core.namespaces import BASE, EUCAN, ID, PREFIXES
from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import bound_rows, local_name
from kg.serve.facets import Facets
from kg.serve.search import SearchIndex

if TYPE_CHECKING:
    from kg.network.entity_network import EntityNetwork

__all__ = ["Site", "describe_triples"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
#: Shown in the page's head, not in the table of facts.
_HEAD = {_LABEL, _COMMENT, _ALT, _RDF_TYPE}


def describe_triples(store: SparqlStore, iri: str) -> list[ox.Triple]:
    """The resource's description: every triple with it as subject, and those of the
    blank nodes they reach (its Concise Bounded Description), sorted.

    >>> from kg.store.open import build_graph
    >>> len(describe_triples(build_graph(), "https://w3id.org/eucan/id/cluster/scale-ai")) > 10
    True
    """
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    found: list[ox.Triple] = []
    todo: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(iri)]
    seen: set[str] = set()
    while todo:
        subject = todo.pop()
        if str(subject) in seen:
            continue
        seen.add(str(subject))
        for triple in store.construct(query, {"s": subject}):
            found.append(triple)
            if isinstance(triple.object, ox.BlankNode):
                todo.append(triple.object)
    return sorted(found, key=str)


class Site:
    """The served graph and everything computed once for it."""

    def __init__(self, store: SparqlStore, *, endpoint: str = "/sparql",
                 network: EntityNetwork | None = None) -> None:
        self.store = store
        if network is not None:  # the projection of the store's content, made elsewhere
            self.__dict__["network"] = network
        self.endpoint = endpoint
        self.prefixes = {k: v for k, v in sorted(PREFIXES.items())}

    def warm(self) -> Site:
        """Compute the name index, the entity network, the linkage scores and the reading
        view's index of the paper now (else the first request that needs each pays for it)."""
        from kg.serve.reading import reading_of

        _ = self.index, self.by_label, self.network, self.linkage_pairs, self.catalogue
        reading_of(self)
        return self

    # -- computed once -----------------------------------------------------------------
    @cached_property
    def kinds(self) -> dict[str, str]:
        """IRI -> the local name of its most specific project class."""
        from kg.network.projection import class_ancestors

        ancestors = class_ancestors(self.store)
        found: dict[str, str] = {}
        names: dict[str, str] = {}
        for iri, cls_iri in bound_rows(self.store.select_values(internal("resource-classes"))):
            cls = names.get(cls_iri) or names.setdefault(cls_iri, local_name(cls_iri))
            old = found.get(iri)
            if old is None or len(ancestors.get(cls, ())) > len(ancestors.get(old, ())) or (
                    len(ancestors.get(cls, ())) == len(ancestors.get(old, ())) and cls < old):
                found[iri] = cls
        return found

    @cached_property
    def index(self) -> SearchIndex:
        return SearchIndex.from_store(self.store, self.kinds, self.facets)

    @cached_property
    def facets(self) -> Facets:
        """Side, country, ecosystem, programme, generation, target market of every
        described resource (the search filters and the browse pages)."""
        return Facets.from_store(self.store)

    @cached_property
    def by_label(self) -> dict[str, str]:
        """Label -> IRI for labels that name exactly one resource (query results that print
        a label link to its page)."""
        found: dict[str, list[str]] = {}
        for iri, label in self.index.labels.items():
            found.setdefault(label, []).append(iri)
        return {label: iris[0] for label, iris in found.items() if len(iris) == 1}

    @cached_property
    def network(self) -> EntityNetwork:
        from kg.network.saved import projection_of

        return projection_of(self.store)  # an on-disk store's saved projection, if current

    @cached_property
    def linkage_pairs(self) -> list[dict[str, Any]]:
        from kg.network.linkages import linkages

        return linkages(self.store, self.network).pairs

    @cached_property
    def catalogue(self) -> list[Any]:
        from kg.query.catalogue import catalogue

        return catalogue()

    # -- addresses ---------------------------------------------------------------------
    @staticmethod
    def local_path(iri: str) -> str | None:
        """The site path of an IRI under the project's base, else None."""
        if iri.startswith(BASE + "/"):
            return iri[len(BASE):]
        return None

    @staticmethod
    def iri_of(path: str) -> str:
        return BASE + path

    def label(self, iri: str) -> str:
        return self.index.labels.get(iri) or local_name(iri) or iri

    def link(self, iri: str) -> dict[str, Any]:
        """A value that is an IRI, as the templates draw it: a link to its page, to the
        web address it is, or (any other scheme, e.g. ``javascript:``) plain text.

        >>> Site(None).link("javascript:alert(1)")
        {'text': 'javascript:alert(1)'}
        """
        local = self.local_path(iri)
        if local is None and not iri.lower().startswith(("http://", "https://")):
            return {"text": iri}
        return {"iri": iri, "label": self.label(iri), "href": local or iri,
                "local": "1" if local else ""}

    # -- pages -------------------------------------------------------------------------
    def exists(self, iri: str) -> bool:
        return self.store.ask("ASK { ?s ?p ?o }", {"s": ox.NamedNode(iri)})

    def resource(self, iri: str) -> dict[str, Any] | None:
        """Everything a resource page shows, or None for an IRI the graph does not describe."""
        node = ox.NamedNode(iri)
        facts = self.store.select(internal("resource-facts"), {"s": node})
        if not facts:
            return None
        head: dict[str, list[str]] = {}
        groups: dict[str, dict[str, Any]] = {}
        citations = []
        stated: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in self.store.select(internal("resource-statements"), {"s": node}):
            stated.setdefault((row["p"].value, str(row["o"])), []).append(
                {"place": self.link(row["place"].value), "exact": _text(row["exact"]),
                 "unit": _text(row.get("unit"))})
        for row in facts:
            p, o = row["p"].value, row["o"]
            if p in _HEAD and not isinstance(o, ox.NamedNode):
                head.setdefault(p, []).append(o.value)
                continue
            if p == _DERIVED:
                citations.append(self.link(o.value))
                continue
            group = groups.setdefault(p, {"iri": p, "label": row["plabel"].value or
                                          local_name(p), "values": [], "href":
                                          self.local_path(p) or p})
            if isinstance(o, ox.NamedNode):
                value = self.link(o.value)
                if row["olabel"].value:
                    value["label"] = row["olabel"].value
            elif isinstance(o, ox.Literal):
                value = {"text": o.value, "datatype": local_name(o.datatype.value)
                         if o.datatype and not o.language else "", "lang": o.language or "",
                         "dt": o.datatype.value if o.datatype else ""}
            else:
                value = {"text": str(o)}
            value["stated"] = stated.get((p, str(o)), [])
            group["values"].append(value)
        types = groups.pop(_RDF_TYPE, {"values": []})["values"]
        inbound: dict[str, dict[str, Any]] = {}
        for row in self.store.select(internal("resource-inbound"), {"s": node}):
            p = row["p"].value
            entry = inbound.setdefault(p, {"label": row["plabel"].value or local_name(p),
                                           "values": [], "iri": p})
            value = self.link(row["x"].value)
            value["label"] = row["xlabel"].value
            entry["values"].append(value)
        figures = []
        for row in self.store.select(internal("resource-figures"), {"entity": node}):
            figures.append({
                "obs": self.link(row["obs"].value), "measure": row["measure"].value,
                "value": _number(row["value"].value), "unit": _text(row["unit"]),
                "period": _text(row["period"]), "statedAs": _text(row["statedAs"]),
                "place": self.link(row["place"].value) if row["place"] is not None else None,
                "cite": _text(row["cite"]), "note": _text(row["note"])})
        labels = head.get(_LABEL, [local_name(iri)])
        from kg.serve.people import for_people

        return for_people(self, {
            "iri": iri, "path": self.local_path(iri), "label": labels[0],
            "kind": self.kinds.get(iri, ""), "types": types,
            "names": sorted(set(head.get(_ALT, []))), "comments": head.get(_COMMENT, []),
            "facts": list(groups.values()), "inbound": list(inbound.values()),
            "figures": figures, "citations": citations,
            "neighbourhood": self.neighbourhood(iri),
        })

    def neighbourhood(self, iri: str, limit: int = 16) -> dict[str, Any] | None:
        """The resource and its neighbours in the entity network, placed on a circle (for
        a small SVG): at most ``limit`` neighbours, the least connected first."""
        import math

        network = self.network
        if iri not in network:
            return None
        plain = network.undirected()
        near = sorted(set(plain[iri]), key=lambda n: (plain.degree(n), self.label(n), n))
        shown, rest = near[:limit], max(len(near) - limit, 0)
        nodes = []
        for i, other in enumerate(shown):
            angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
            labels = [label for _, label, _ in network.relations(iri, other)]
            labels += [label for _, label, _ in network.relations(other, iri)]
            nodes.append({**self.link(other), "x": round(300 + 200 * math.cos(angle), 1),
                          "y": round(170 + 120 * math.sin(angle), 1),
                          "relation": ", ".join(labels)})
        return {"centre": {**self.link(iri), "x": 300, "y": 170}, "nodes": nodes, "more": rest}

    def ontology(self) -> dict[str, Any]:
        """Every class and property of the ontology with label, comment, super-terms,
        domain, range and (for classes) the number of instances and a few of them."""
        rows = self.store.select(internal("ontology-terms"))
        terms: dict[str, dict[str, Any]] = {}
        for row in rows:
            iri = row["term"].value
            term = terms.setdefault(iri, {
                "iri": iri, "name": local_name(iri), "label": row["label"].value,
                "comment": _text(row["comment"]), "kind": local_name(row["kind"].value),
                "parents": [], "domain": [], "range": [], "instances": [], "count": 0})
            for key in ("parent", "domain", "range"):
                value = row[key]
                if value is not None and isinstance(value, ox.NamedNode):
                    link = self.link(value.value)
                    target = term["parents" if key == "parent" else key]
                    if link not in target:
                        target.append(link)
        for row in self.store.select(internal("class-counts")):
            cls = row["class"].value
            if cls in terms:
                terms[cls]["count"] = int(row["n"].value)
        classes = sorted((t for t in terms.values() if t["kind"] == "Class"),
                         key=lambda t: t["name"])
        properties = sorted((t for t in terms.values() if t["kind"] != "Class"),
                            key=lambda t: t["name"])
        return {"iri": EUCAN.rstrip("#"), "classes": classes, "properties": properties}

    def instances(self, cls: str, limit: int = 500) -> list[dict[str, str]]:
        rows = self.store.select(internal("class-instances"), {"c": ox.NamedNode(cls)})
        return [{**self.link(r["s"].value), "label": r["l"].value} for r in rows[:limit]]

    def suggestions(self, path: str) -> list[Any]:
        """Resources whose names come closest to the last part of an unknown path."""
        words = path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
        hits = self.index.search(words, limit=8)
        if not hits:
            for word in sorted(words.split(), key=len, reverse=True):
                hits = self.index.search(word, limit=8)
                if hits:
                    break
        return hits

    def is_ours(self, iri: str) -> bool:
        return iri.startswith(ID) or iri.startswith(EUCAN)


def _text(term: Any) -> str:
    return term.value if term is not None else ""


def _number(lexical: str) -> str:
    try:
        value = float(lexical)
    except ValueError:
        return lexical
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
