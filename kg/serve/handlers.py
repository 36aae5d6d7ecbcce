"""The site's pages: one function per page, each taking the request and returning the
response. They run in a worker thread (:func:`cached` wraps them), so a slow page never
holds up the others, and their GET answers are kept in the answer cache.

Examples
--------
>>> from starlette.testclient import TestClient
>>> from kg.serve.app import create_app
>>> from kg.store.open import build_graph
>>> app = create_app(build_graph())
>>> with TestClient(app, base_url="http://127.0.0.1") as client:
...     client.get("/id/cluster/scale-ai").status_code, client.get("/id/a%20b").status_code
(200, 404)
>>> with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
...     client.get("/id/cluster/scale-ai").headers["location"]
'/id/cluster/scale-ai/'

>>> app.state.kg.sandbox.close()
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import cast

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kg.core.errors import KGError
from kg.serve.context import HEADERS, context, page

__all__ = ["cached", "home", "search", "paths", "linkages", "queries", "graph", "not_found",
           "icon"]

Handler = Callable[[Request], Response]
AsyncHandler = Callable[[Request], Awaitable[Response]]
#: Answers kept in the cache (others are made anew each time).
_KEPT = (200, 303, 404, 406)


async def _call(handler: Handler | AsyncHandler, is_async: bool, request: Request) -> Response:
    """The answer of ``handler``: awaited when it is a coroutine function, else from a
    worker thread."""
    if is_async:
        return await cast(AsyncHandler, handler)(request)
    return await run_in_threadpool(cast(Handler, handler), request)


def cached(handler: Handler | AsyncHandler) -> AsyncHandler:
    """``handler`` (run in a worker thread unless it is a coroutine function), its GET
    answers kept in the answer cache (by path, query string and ``Accept`` header)."""
    is_async = inspect.iscoroutinefunction(handler)

    async def answer(request: Request) -> Response:
        if request.method != "GET":
            return await _call(handler, is_async, request)
        cache = context(request).cache
        key = (request.url.path, request.url.query, request.headers.get("accept", ""))
        found = cache.get(key)
        if found is not None:
            status, headers, body = found
            return Response(body, status_code=status, headers=headers)
        response = await _call(handler, is_async, request)
        if response.status_code in _KEPT and hasattr(response, "body"):
            cache.put(key, response.status_code, dict(response.headers), bytes(response.body))
        return response

    answer.__name__ = answer.__qualname__ = handler.__name__
    answer.__doc__ = handler.__doc__
    return answer


def home(request: Request) -> Response:
    """The start page: what the graph holds, and where to go."""
    ctx = context(request)
    kinds: dict[str, int] = {}
    for kind in ctx.site.kinds.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    from kg.serve.people import kind_groups

    return page(request, "home.html", kinds=sorted(kinds.items()), triples=len(ctx.store),
                queries=ctx.site.catalogue, kind_groups=kind_groups(ctx.site))


def search(request: Request) -> Response:
    """Search by any name (``/search``; ``/search.json`` for the search box):
    :func:`kg.serve.finder.search_page`."""
    from kg.serve.finder import search_page

    return search_page(request)


def paths(request: Request) -> Response:
    """The linkage explorer: ranked paths between two actors."""
    from kg.network.paths import find_paths
    from kg.query.resolve import resolve

    ctx = context(request)
    a, b = request.query_params.get("from", "")[:200], request.query_params.get("to", "")[:200]
    found, error = [], ""
    if a and b:
        try:
            source, target = resolve(ctx.store, a), resolve(ctx.store, b)
            found = find_paths(ctx.site.network, source, target, k=5, max_hops=4)
        except KGError as problem:
            error = str(problem)
    from kg.serve.explain import explained

    return page(request, "paths.html", a=a, b=b, paths=explained(ctx.site, found), error=error,
                link=ctx.site.link)


def linkages(request: Request) -> Response:
    """The linkage scores, filtered by ecosystem and side, as a table or CSV:
    :func:`kg.serve.lists.linkages_page`."""
    from kg.serve.lists import linkages_page

    return linkages_page(request)


def queries(request: Request) -> Response:
    """The named queries and a form for one's own (``name=NAME``: that query's page)."""
    site = context(request).site
    chosen = request.query_params.get("name", "")
    if chosen in {q.name for q in site.catalogue}:  # the menu's form, sent without script
        return Response(status_code=303, headers={**HEADERS, "Location": f"/queries/{chosen}"})
    return page(request, "queries.html", catalogue=site.catalogue, prefixes=site.prefixes)


def graph(request: Request) -> Response:
    """The interactive picture (made on first request)."""
    ctx = context(request)
    if not ctx.picture:
        from kg.publish.viz import render_html
        from kg.serve.picture import SCRIPT_PATH

        ctx.picture.append(render_html(ctx.site.network, ctx.store, links=True,
                                       script_src=SCRIPT_PATH).encode())
    return Response(ctx.picture[0], media_type="text/html", headers=HEADERS)


async def icon(request: Request) -> Response:
    """The site's icon (``/favicon.ico``, :mod:`kg.serve.icon`)."""
    from kg.serve.icon import MEDIA_TYPE, favicon

    return Response(favicon(), media_type=MEDIA_TYPE,
                    headers={**HEADERS, "Cache-Control": "public, max-age=86400"})


async def not_found(request: Request, exc: Exception) -> Response:
    """Any other address: a page with the closest names."""
    site = context(request).site
    suggestions = await run_in_threadpool(site.suggestions, request.url.path)
    return page(request, "notfound.html", 404, path=request.url.path, suggestions=suggestions)
