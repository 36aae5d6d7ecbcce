"""The pages that list and filter: the browse pages (``/browse``, ``/browse/KIND``, each
with ``?format=csv`` or ``.csv``) and the linkage scores (``/linkages``) filtered by
ecosystem and by side (an EU actor, its kind, a Global Innovation Cluster), with a
message when nothing matches and a CSV.

Examples
--------
>>> from starlette.testclient import TestClient
>>> from kg.serve.app import create_app
>>> from kg.store.open import build_graph
>>> app = create_app(build_graph())
>>> with TestClient(app, base_url="http://127.0.0.1") as client:
...     answer = client.get("/browse/GlobalInnovationCluster.csv")
...     health = client.get("/linkages.csv?ecosystem=Health").text.splitlines()
>>> answer.headers["content-type"], len(answer.text.splitlines())
('text/csv; charset=utf-8', 6)
>>> health[0].split(",")[:4], len(health) > 10
(['rank', 'eu_actor', 'eu_kind', 'gic'], True)
>>> app.state.kg.sandbox.close()
"""

from __future__ import annotations

import csv
import io
import urllib.parse
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from kg.core.cells import spreadsheet_cell
from kg.core.errors import KGError
from kg.serve.browse import kind_table, kinds, table_csv
from kg.serve.context import HEADERS, context, page
from kg.serve.facets import FACETS

__all__ = ["browse_index", "browse_kind", "linkages_page", "csv_response", "LINKAGE_FILTERS"]

#: The filters of the linkage scores.
LINKAGE_FILTERS = ("ecosystem", "eu", "eu_kind", "gic")


def csv_response(body: bytes, name: str) -> Response:
    """``body`` as a CSV download called ``name``."""
    return Response(body, media_type="text/csv; charset=utf-8", headers={
        **HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})


def _wants_csv(request: Request, name: str) -> tuple[str, bool]:
    if name.endswith(".csv"):
        return name[:-4], True
    return name, request.query_params.get("format", "") == "csv"


def browse_index(request: Request) -> Response:
    """Every kind of thing the graph describes, with how many of each."""
    return page(request, "browse.html", kinds=kinds(context(request).site))


def browse_kind(request: Request) -> Response:
    """One kind's members as a table narrowed by facets; ``?format=csv`` or ``.csv``."""
    site = context(request).site
    name, as_csv = _wants_csv(request, request.path_params["kind"])
    chosen = {f: request.query_params.get(f, "") for f in FACETS}
    table = kind_table(site, name, chosen)
    if table is None:
        return page(request, "notfound.html", 404, path=request.url.path,
                    suggestions=site.suggestions(name))
    if as_csv:
        return csv_response(table_csv(table), f"{name}.csv")
    query = urllib.parse.urlencode(table.chosen)
    return page(request, "browse_kind.html", t=table, csv_href=f"/browse/{name}.csv"
                + (f"?{query}" if query else ""))


def _linkage_options(pairs: list[dict[str, Any]]) -> dict[str, list[str]]:
    ecosystems = sorted({e for p in pairs for e in p["shared_ecosystems"]})
    return {"ecosystem": ecosystems, "eu": sorted({p["eu_actor"] for p in pairs}, key=str.casefold),
            "eu_kind": sorted({p["eu_class"] for p in pairs}),
            "gic": sorted({p["gic"] for p in pairs})}


def _actor(request: Request, chosen: dict[str, str]) -> tuple[str, str]:
    """The IRI the free-text ``actor`` names ("" if none) and an error; a name of an
    ecosystem becomes the ecosystem filter ("Health") unless one is chosen, and the text
    is then taken out of ``actor`` (the form shows it as the chosen ecosystem)."""
    from kg.query.resolve import resolve

    ctx = context(request)
    actor = request.query_params.get("actor", "")[:200]
    if not actor:
        return "", ""
    try:
        iri = resolve(ctx.store, actor)
    except KGError as problem:
        return "", str(problem)
    if ctx.site.kinds.get(iri) == "IndustrialEcosystem":
        chosen["ecosystem"] = chosen["ecosystem"] or ctx.site.label(iri)
        chosen["actor"] = ""
        return "", ""
    return iri, ""


def _keep(pair: dict[str, Any], chosen: dict[str, str], actor: str) -> bool:
    return ((not actor or actor in (pair["eu_actor_iri"], pair["gic_iri"]))
            and (not chosen["ecosystem"] or chosen["ecosystem"] in pair["shared_ecosystems"])
            and (not chosen["eu"] or pair["eu_actor"] == chosen["eu"])
            and (not chosen["eu_kind"] or pair["eu_class"] == chosen["eu_kind"])
            and (not chosen["gic"] or pair["gic"] == chosen["gic"]))


def linkages_page(request: Request) -> Response:
    """The linkage scores: the 25 strongest pairs, or every pair the filters keep."""
    site = context(request).site
    path, as_csv = _wants_csv(request, request.url.path)
    chosen = {f: request.query_params.get(f, "")[:200] for f in LINKAGE_FILTERS}
    chosen["actor"] = request.query_params.get("actor", "")[:200]
    actor, error = _actor(request, chosen)
    every = site.linkage_pairs
    narrowed = bool(actor or error or any(chosen[f] for f in LINKAGE_FILTERS))
    pairs = [p for p in every if not error and _keep(p, chosen, actor)]
    if as_csv:
        return csv_response(_linkages_csv(pairs if narrowed else every), "linkages.csv")
    names = site.index.kind_names
    nothing = narrowed and not pairs and not error
    return page(request, "linkages.html", actor=chosen.pop("actor"),
                pairs=pairs if narrowed else pairs[:25], error=error, link=site.link,
                chosen=chosen, options=_linkage_options(every), nothing=nothing,
                narrowed=narrowed, kind_label=names.singular,
                csv_query=str(request.url.query))


def _linkages_csv(pairs: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rank", "eu_actor", "eu_kind", "gic", "score", "shared_ecosystems",
                     "reasons", "eu_actor_iri", "gic_iri"])
    for p in pairs:
        writer.writerow([spreadsheet_cell(str(c)) for c in (
            p["rank"], p["eu_actor"], p["eu_class"], p["gic"], p["score"],
            "; ".join(p["shared_ecosystems"]), "; ".join(p["reasons"]), p["eu_actor_iri"],
            p["gic_iri"])])
    return out.getvalue().encode("utf-8")
