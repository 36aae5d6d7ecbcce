"""The site as a Starlette application (served by uvicorn in ``kg serve``): the route
table, and the guards around it.

Read-only. Every page is rendered by a Jinja2 template with autoescaping, so a label
such as ``</script><script>alert(1)</script>`` shows as text; no page loads anything
from another host. Resource IRIs under the project's base resolve at their own path
(``/id/cluster/scale-ai``) as HTML, Turtle, N-Triples, JSON-LD or RDF/XML, by the
``Accept`` header or a suffix (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``).

Safe to leave running: the site answers only to its own host names (a page elsewhere
that rebinds its name to this machine is refused), takes no cross-site form posts,
bounds request bodies and the memory of kept answers, runs visitors' queries in the
sandbox (:mod:`kg.store.sandbox`: bounded, no network) and answers any failure with one
line. The pages are module-level handlers (:mod:`kg.serve.handlers`,
:mod:`kg.serve.endpoint`) listed in :data:`ROUTES`.

Examples
--------
>>> from kg.store.open import build_graph
>>> app = create_app(build_graph())
>>> sorted(r.path for r in app.routes)[:3]
['/', '/browse', '/browse/{kind}']
>>> app.state.kg.sandbox.close()
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Route

from kg.serve import endpoint, handlers, linked, lists, picture, reading_pages
from kg.serve.compress import compression
from kg.serve.context import Context, templates
from kg.serve.defaults import CACHE_BYTES, MAX_BODY
from kg.serve.guard import AnswerCache, BodyLimit, OneLineErrors, SameOriginWrites, allowed_hosts
from kg.serve.site import Site
from kg.store.sandbox import Limits, QuerySandbox

if TYPE_CHECKING:
    from kg.core.protocols import EmbeddedStore as Store
    from kg.network.entity_network import EntityNetwork

__all__ = ["create_app", "templates", "ROUTES", "MAX_BODY", "CACHE_BYTES"]


ROUTES = [
    Route("/", handlers.cached(handlers.home)),
    Route("/ontology{rest:path}", handlers.cached(linked.ontology)),
    Route("/dist/{name:path}", handlers.cached(linked.distribution)),
    Route("/context.jsonld", handlers.cached(linked.context_file)),
    Route("/search", handlers.cached(handlers.search)),
    Route("/search.json", handlers.cached(handlers.search)),
    Route("/paths", handlers.cached(handlers.paths)),
    Route("/linkages", handlers.cached(handlers.linkages)),
    Route("/linkages.csv", handlers.cached(handlers.linkages)),
    Route("/browse", handlers.cached(lists.browse_index)),
    Route("/browse/{kind}", handlers.cached(lists.browse_kind)),
    Route("/queries", handlers.cached(handlers.queries)),
    Route("/queries/run", endpoint.run_text, methods=["POST"]),
    Route("/queries/{name}", handlers.cached(endpoint.named_query)),
    Route("/sparql", handlers.cached(endpoint.sparql), methods=["GET", "POST"]),
    Route("/query", handlers.cached(endpoint.sparql), methods=["GET", "POST"]),
    Route("/update", endpoint.update, methods=["GET", "POST"]),
    Route("/graph", handlers.cached(handlers.graph)),
    Route("/paper", handlers.cached(reading_pages.contents)),
    Route("/paper/", handlers.cached(reading_pages.contents)),
    Route("/paper/{name}", handlers.cached(reading_pages.place)),
    Route("/paper/{name}/", handlers.cached(reading_pages.place)),
    Route("/favicon.ico", handlers.icon),
    Route(picture.SCRIPT_PATH, handlers.cached(picture.vis_script)),
    # every other address: a resource the served graph describes (/id/…, /catalog, …)
    Route("/{rest:path}", handlers.cached(linked.resource)),
]


def create_app(store: Store, *, title: str = "EU-Canada cluster policy graph",
               network: EntityNetwork | None = None, limits: Limits | None = None,
               host: str = "127.0.0.1",
               extra_hosts: Sequence[str] = (), allow_service: Sequence[str] = (),
               max_body: int = MAX_BODY, cache_bytes: int = CACHE_BYTES,
               files: Mapping[str, Path] | None = None) -> Starlette:
    """The site for ``store`` (the graph it serves, read-only; ``network``: its
    projection, when already made). It forks the query sandbox: make it before starting
    threads, and close ``app.state.kg.sandbox`` when done (the sandbox also stops with
    the process).

    :param limits: what one visitor's query may use (:class:`kg.store.sandbox.Limits`).
    :param host: the address the site is bound to; with ``extra_hosts``, the ``Host``
        names it answers to besides the loopback names.
    :param allow_service: hosts a visitor's ``SERVICE`` may reach (none by default).
    :param files: the distributions the served description lists, served at
        ``/dist/NAME`` (name relative to the output folder -> file).
    """
    limits = limits or Limits()
    if allow_service:
        limits = dataclasses.replace(limits, network=True)
    ctx = Context(site=Site(store, network=network), sandbox=QuerySandbox(store, limits),
                  title=title, cache=AnswerCache(cache_bytes),
                  allow_service=tuple(allow_service), files=dict(files or {}))
    names = allowed_hosts(host, extra_hosts)
    app = Starlette(routes=ROUTES, exception_handlers={404: handlers.not_found}, middleware=[
        Middleware(OneLineErrors), compression(),
        Middleware(TrustedHostMiddleware, allowed_hosts=names),
        Middleware(SameOriginWrites, hosts=names), Middleware(BodyLimit, max_bytes=max_body)])
    app.state.kg = ctx
    app.state.site = ctx.site
    return app
