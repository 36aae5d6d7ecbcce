"""Why a linkage path holds, for the linkage explorer: each step's relations with the
words of the paper that state them (the annotated axioms' ``oa:exact`` and place), not
only the names of the places. A relation the build entails (no axiom of its own) keeps
the places of :class:`kg.network.paths.Relation`.

Examples
--------
>>> from kg.serve.site import Site
>>> from kg.store.open import build_graph
>>> from kg.network.paths import find_paths
>>> site = Site(build_graph())
>>> suave = "https://w3id.org/eucan/id/partnership/suave"
>>> pic = "https://w3id.org/eucan/id/cluster/protein-industries-canada"
>>> shown = explained(site, find_paths(site.network, suave, pic, k=1))
>>> first = shown[0]["steps"][0]["relations"][0]
>>> first["label"], any("SUAVE" in q["exact"] for q in first["quotes"])
('active in', True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.core.resources import internal_query as internal

if TYPE_CHECKING:
    from kg.network.paths import LinkPath, Relation
    from kg.serve.site import Site

__all__ = ["explained", "QUOTES_PER_RELATION"]

#: Quotes shown per relation (the rest are counted).
QUOTES_PER_RELATION = 2


def _quotes(site: Site, subject: str, predicate: str, obj: str) -> list[dict[str, Any]]:
    rows = site.store.select(internal("step-quotes"), {
        "s": ox.NamedNode(subject), "p": ox.NamedNode(predicate), "o": ox.NamedNode(obj)})
    found, seen = [], set()
    for row in rows:
        exact = row["exact"].value if row["exact"] is not None else ""
        key = (exact, row["place"].value)
        if key not in seen:
            seen.add(key)
            found.append({"exact": exact, "place": site.link(row["place"].value)})
    return found


def _relation(site: Site, iris: dict[str, str], u: str, v: str,
              relation: Relation) -> dict[str, Any]:
    subject, obj = (u, v) if relation.forward else (v, u)
    quotes = _quotes(site, subject, iris[relation.key], obj) if relation.key in iris else []
    return {"label": relation.label, "forward": relation.forward,
            "citations": list(relation.citations), "quotes": quotes[:QUOTES_PER_RELATION],
            "more": max(len(quotes) - QUOTES_PER_RELATION, 0)}


def explained(site: Site, paths: list[LinkPath]) -> list[dict[str, Any]]:
    """The paths as the explorer shows them: nodes, labels, steps, and each step's
    relations with their quotes."""
    network = site.network
    iris = dict(zip(network.keys, network.predicates, strict=True))
    shown = []
    for path in paths:
        steps = [{"source_label": s.source_label, "target_label": s.target_label,
                  "relations": [_relation(site, iris, s.source, s.target, r)
                                for r in s.relations]} for s in path.steps]
        shown.append({"nodes": list(path.nodes), "labels": list(path.labels),
                      "hops": path.hops, "cost": round(path.cost, 1), "steps": steps})
    return shown
