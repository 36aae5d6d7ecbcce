"""The site as a Starlette application (served by uvicorn in ``kg serve``).

Read-only. Every page is rendered by a Jinja2 template with autoescaping, so a label
such as ``</script><script>alert(1)</script>`` shows as text; no page loads anything
from another host. Resource IRIs under the project's base resolve at their own path
(``/id/cluster/scale-ai``) as HTML, Turtle, N-Triples, JSON-LD or RDF/XML, by the
``Accept`` header or a suffix (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``).

Examples
--------
>>> from kg.store.open import build_graph
>>> from starlette.testclient import TestClient  # doctest: +SKIP
>>> app = create_app(build_graph())
>>> sorted(r.path for r in app.routes)[:3]
['/', '/graph', '/id/{rest:path}']
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from kg.core.errors import KGError, QueryError
from kg.core.namespaces import BASE, EUCAN
from kg.core.sparql import READ_FORMS, query_form
from kg.serve.negotiate import RDF_TYPES, SUFFIXES, best
from kg.serve.site import Site, describe_triples

__all__ = ["create_app", "templates"]

_RESULT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml",
                 "text/csv", "text/tab-separated-values", "text/turtle",
                 "application/n-triples", "application/rdf+xml"]
_FORMAT_NAMES = {"json": "application/sparql-results+json", "xml":
                 "application/sparql-results+xml", "csv": "text/csv",
                 "tsv": "text/tab-separated-values", "ttl": "text/turtle",
                 "nt": "application/n-triples"}
#: Security headers on every response: nothing may load from elsewhere.
_HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                                       "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                       "connect-src 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def templates() -> Environment:
    """The Jinja2 environment of the site's templates (autoescaped)."""
    env = Environment(loader=PackageLoader("kg.serve", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["tojson_safe"] = lambda value: json.dumps(value, ensure_ascii=False).replace(
        "&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return env


def create_app(store: Any, *, title: str = "EU-Canada cluster policy graph",
               cache_size: int = 4096, network: Any = None) -> Starlette:
    """The site for ``store`` (the graph it serves, read-only; ``network``: its projection,
    when already made). The store does not change
    while it is served, so answers to GET requests are kept (the ``cache_size`` most recent,
    by path, query string and ``Accept`` header) and sent again without recomputing."""
    site = Site(store, network=network)
    env = templates()
    picture: list[bytes] = []
    answers: OrderedDict[tuple[str, str, str], Response] = OrderedDict()

    def cached(handler: Any) -> Any:
        async def answer(request: Request) -> Response:
            if request.method != "GET":
                return await handler(request)
            key = (request.url.path, request.url.query, request.headers.get("accept", ""))
            found = answers.get(key)
            if found is not None:
                answers.move_to_end(key)
                return Response(found.body, status_code=found.status_code,
                                headers=dict(found.headers))
            response = await handler(request)
            if hasattr(response, "body") and response.status_code in (200, 303, 404, 406):
                answers[key] = response
                if len(answers) > cache_size:
                    answers.popitem(last=False)
            return response
        return answer

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        body = env.get_template(name).render(title=title, base=BASE, **context)
        return HTMLResponse(body, status_code=status, headers=_HEADERS)

    def rdf(iri: str, media: str) -> Response:
        from kg.store.embedded import serialize_triples

        body = serialize_triples(describe_triples(store, iri), RDF_TYPES[media])
        return Response(body, media_type=media, headers={**_HEADERS, "Vary": "Accept"})

    async def home(request: Request) -> HTMLResponse:
        kinds: dict[str, int] = {}
        for kind in site.kinds.values():
            kinds[kind] = kinds.get(kind, 0) + 1
        return page("home.html", kinds=sorted(kinds.items()), triples=len(store),
                    queries=site.catalogue)

    async def resource(request: Request) -> Response:
        rest = request.path_params["rest"]
        media = None
        for suffix, kind in SUFFIXES.items():
            if rest.endswith(suffix):
                rest, media = rest[: -len(suffix)], kind
                break
        iri = f"{BASE}/id/{rest}"
        if media is None:
            media = best(request.headers.get("accept", ""), ["text/html", *RDF_TYPES])
            if media is None:
                return Response("406 Not Acceptable: text/html, " + ", ".join(RDF_TYPES),
                                status_code=406, headers=_HEADERS)
        data = site.resource(iri)
        if data is None:
            return page("notfound.html", 404, path=request.url.path,
                        suggestions=site.suggestions(rest))
        if media != "text/html":
            return rdf(iri, media)
        return page("resource.html", r=data)

    async def ontology(request: Request) -> Response:
        media = best(request.headers.get("accept", ""), ["text/html", "text/turtle"])
        if media == "text/turtle":
            from kg.data.schema import ontology_turtle

            return Response(ontology_turtle(), media_type="text/turtle", headers=_HEADERS)
        data = site.ontology()
        chosen = request.query_params.get("instances", "")
        instances = site.instances(EUCAN + chosen) if chosen else []
        return page("ontology.html", o=data, chosen=chosen, instances=instances)

    async def search(request: Request) -> Response:
        text = request.query_params.get("q", "")[:200]
        hits = site.index.search(text, limit=60)
        if request.url.path.endswith(".json"):
            return JSONResponse([{"iri": h.iri, "label": h.label, "kind": h.kind,
                                  "href": site.local_path(h.iri) or h.iri, "matched": h.matched,
                                  "why": h.why} for h in hits[:20]], headers=_HEADERS)
        exact = [h for h in hits if h.rank == 0]
        if len(hits) == 1 or (len(exact) == 1 and request.query_params.get("go")):
            path = site.local_path((exact or hits)[0].iri)
            if path:
                return Response(status_code=303, headers={**_HEADERS, "Location": path})
        return page("search.html", q=text, groups=site.index.grouped(hits),
                    link=site.link)

    async def paths(request: Request) -> Response:
        from kg.network.paths import find_paths
        from kg.query.resolve import resolve

        a, b = request.query_params.get("from", "")[:200], request.query_params.get("to", "")[:200]
        found, error = [], ""
        if a and b:
            try:
                source, target = resolve(store, a), resolve(store, b)
                found = find_paths(site.network, source, target, k=5, max_hops=4)
            except KGError as problem:
                error = str(problem)
        return page("paths.html", a=a, b=b, paths=found, error=error, link=site.link)

    async def linkages(request: Request) -> Response:
        from kg.query.resolve import resolve

        actor = request.query_params.get("actor", "")[:200]
        pairs, error, chosen = site.linkage_pairs, "", ""
        if actor:
            try:
                chosen = resolve(store, actor)
                pairs = [p for p in pairs if chosen in (p["eu_actor_iri"], p["gic_iri"])]
            except KGError as problem:
                error, pairs = str(problem), []
        else:
            pairs = pairs[:25]
        return page("linkages.html", actor=actor, pairs=pairs, error=error, link=site.link)

    async def queries(request: Request) -> Response:
        return page("queries.html", catalogue=site.catalogue, prefixes=site.prefixes)

    async def named_query(request: Request) -> Response:
        from kg.query.catalogue import bind_params, execute

        # Only the shipped catalogue, looked up by name: never a file named in the URL.
        named = {q.name: q for q in site.catalogue}.get(request.path_params["name"])
        if named is None:
            return page("notfound.html", 404, path=request.url.path,
                        suggestions=site.suggestions(request.path_params["name"]))
        values = {p.name: request.query_params[p.name] for p in named.params
                  if request.query_params.get(p.name)}
        rows, error, columns = None, "", []
        wanted = request.query_params.get("format", "")
        if "run" in request.query_params or wanted:
            try:
                bindings = bind_params(named, values, store)
                if wanted in _FORMAT_NAMES and named.form in ("SELECT", "ASK"):
                    return _protocol_answer(store, named.text, _FORMAT_NAMES[wanted],
                                            bindings=bindings)
                rows, columns = _table(site, execute(store, named.text, bindings))
            except KGError as problem:
                error = str(problem)
        return page("query.html", q=named, values=values, rows=rows, columns=columns,
                    error=error, catalogue=site.catalogue, prefixes=site.prefixes)

    async def run_text(request: Request) -> Response:
        from kg.query.catalogue import execute

        form = await request.form()
        text = str(form.get("query", ""))[:100_000]
        rows, error, columns = None, "", []
        try:
            if query_form(text) not in READ_FORMS:
                raise QueryError("this site is read-only: SPARQL Update is refused")
            rows, columns = _table(site, execute(store, text))
        except KGError as problem:
            error = str(problem)
        return page("query.html", q=None, text=text, values={}, rows=rows, columns=columns,
                    error=error, catalogue=site.catalogue, prefixes=site.prefixes)

    async def sparql(request: Request) -> Response:
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip()
            if kind == "application/sparql-query":
                text = (await request.body()).decode("utf-8", "replace")
            elif kind == "application/sparql-update":
                return _refuse_update()
            else:
                form = await request.form()
                if "update" in form:
                    return _refuse_update()
                text = str(form.get("query", ""))
        else:
            if "update" in request.query_params:
                return _refuse_update()
            text = request.query_params.get("query", "")
        if not text.strip():
            return page("queries.html", catalogue=site.catalogue, prefixes=site.prefixes)
        wanted = request.query_params.get("format", "")
        media = _FORMAT_NAMES.get(wanted) or best(request.headers.get("accept", ""),
                                                  _RESULT_TYPES) or _RESULT_TYPES[0]
        return _protocol_answer(store, text, media)

    async def update(request: Request) -> Response:
        return _refuse_update()

    async def graph(request: Request) -> Response:
        if not picture:
            from kg.publish.viz import render_html

            picture.append(render_html(site.network, store, links=True).encode("utf-8"))
        return Response(picture[0], media_type="text/html", headers=_HEADERS)

    async def not_found(request: Request, exc: Exception) -> Response:
        return page("notfound.html", 404, path=request.url.path,
                    suggestions=site.suggestions(request.url.path))

    routes = [
        Route("/", cached(home)), Route("/id/{rest:path}", cached(resource)),
        Route("/ontology", cached(ontology)), Route("/search", cached(search)),
        Route("/search.json", cached(search)), Route("/paths", cached(paths)),
        Route("/linkages", cached(linkages)), Route("/queries", cached(queries)),
        Route("/queries/run", run_text, methods=["POST"]),
        Route("/queries/{name}", cached(named_query)),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", sparql, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", "POST"]), Route("/graph", graph),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found})
    app.state.site = site
    return app


def _refuse_update() -> Response:
    return Response("403 Forbidden: this endpoint is read-only; SPARQL Update is refused.\n",
                    status_code=403, media_type="text/plain", headers=_HEADERS)


def _protocol_answer(store: Any, text: str, media: str, *,
                     bindings: dict[str, Any] | None = None) -> Response:
    try:
        if query_form(text) not in READ_FORMS:
            return _refuse_update()
        body, written = store.query_serialized(text, media, bindings)
    except KGError as problem:
        return Response(f"400 Bad Request: {problem}\n", status_code=400,
                        media_type="text/plain", headers=_HEADERS)
    return Response(body, media_type=written, headers=_HEADERS)


def _table(site: Site, answer: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """A query's answer (rows, a boolean or triples) as table rows of cells, and columns."""
    from kg.core.terms import to_python

    if isinstance(answer, bool):
        answer = [{"answer": _plain_literal(answer)}]
    elif answer and not isinstance(answer[0], dict):
        answer = [{"subject": t.subject, "predicate": t.predicate, "object": t.object}
                  for t in answer]
    columns = list(answer[0]) if answer else []
    return [{k: _cell(site, v, to_python) for k, v in row.items()} for row in answer], columns


def _plain_literal(value: bool) -> Any:
    import pyoxigraph as ox

    return ox.Literal("true" if value else "false",
                      datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


def _cell(site: Site, term: Any, to_python: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if term is None:
        return {"text": ""}
    if isinstance(term, ox.NamedNode):
        return site.link(term.value)
    value = to_python(term)
    if isinstance(value, str) and value in site.by_label:
        return {**site.link(site.by_label[value]), "label": value}
    if isinstance(value, float):
        return {"text": f"{value:,.0f}" if value == int(value) else f"{value:,}"}
    return {"text": str(value)}
