"""The search page (``/search``, ``/search.json``): the hits of :mod:`kg.serve.search`
grouped by kind in plain words, filters by kind, side (EU / Canada), country and
ecosystem, and "did you mean" when a word is misspelt.

A filter's value is compared with values read from the graph (:mod:`kg.serve.facets`),
never put into a query.

Examples
--------
>>> from starlette.testclient import TestClient
>>> from kg.serve.app import create_app
>>> from kg.store.open import build_graph
>>> app = create_app(build_graph())
>>> with TestClient(app, base_url="http://127.0.0.1") as client:
...     found = client.get("/search.json?q=industries+protein").json()
>>> found[0]["label"], found[0]["kindLabel"]
('Protein Industries Canada', 'Global Innovation Cluster')
>>> app.state.kg.sandbox.close()
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kg.serve.context import HEADERS, context, page
from kg.serve.facets import FACETS
from kg.serve.search import Hit

__all__ = ["search_page", "SEARCH_FILTERS"]

#: The filters of the search page (the kind, then these facets).
SEARCH_FILTERS = ("side", "country", "ecosystem")


def _chosen(request: Request) -> dict[str, str]:
    return {name: request.query_params.get(name, "")[:100]
            for name in ("kind", *SEARCH_FILTERS)}


def _filtered(site: Any, hits: list[Hit], chosen: dict[str, str]) -> list[Hit]:
    kind = chosen.get("kind", "")
    keep = set(site.facets.keep([h.iri for h in hits], chosen))
    return [h for h in hits if h.iri in keep and (not kind or h.kind == kind)]


def _options(site: Any, hits: list[Hit]) -> list[dict[str, Any]]:
    """The filters that apply to ``hits``: name, title and (key, label, count) options."""
    kinds: dict[str, int] = {}
    for hit in hits:
        kinds[hit.kind] = kinds.get(hit.kind, 0) + 1
    names = site.index.kind_names
    found = [{"name": "kind", "title": "Kind", "options": sorted(
        ((k, names.plural(k), n) for k, n in kinds.items() if k), key=lambda o: o[1])}]
    options = site.facets.options(h.iri for h in hits)
    found += [{"name": f, "title": FACETS[f], "options": options[f]}
              for f in SEARCH_FILTERS if f in options]
    return [f for f in found if f["options"]]


def search_page(request: Request) -> Response:
    """Search by any name (``/search``; ``/search.json`` for the search box)."""
    site = context(request).site
    text = request.query_params.get("q", "")[:200]
    chosen = _chosen(request)
    everything = site.index.search(text, limit=2000)
    hits = _filtered(site, everything, chosen)[:60]
    if request.url.path.endswith(".json"):
        names = site.index.kind_names
        return JSONResponse([{"iri": h.iri, "label": h.label, "kind": h.kind,
                              "kindLabel": names.singular(h.kind) if h.kind else "",
                              "href": site.local_path(h.iri) or h.iri, "matched": h.matched,
                              "why": h.why} for h in hits[:20]], headers=HEADERS)
    exact = [h for h in hits if h.rank == 0]
    narrowed = any(chosen.values())
    if not narrowed and (len(hits) == 1 or (len(exact) == 1 and request.query_params.get("go"))):
        path = site.local_path((exact or hits)[0].iri)
        if path:  # straight to the page (the IRI's own path would 303 there)
            return Response(status_code=303, headers={**HEADERS, "Location": path + "/"})
    suggestion = site.index.suggest(text) if not hits or hits[0].rank == 4 else None
    return page(request, "search.html", q=text, groups=site.index.grouped(hits),
                link=site.link, suggestion=suggestion, chosen=chosen,
                filters=_options(site, everything), total=len(hits))
