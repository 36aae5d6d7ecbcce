"""What every handler of the site shares: the served graph's :class:`Site`, the
templates, the query sandbox, the answer cache, and how a page is rendered.

:func:`kg.serve.app.create_app` makes one :class:`Context` and keeps it in
``app.state.kg``; a handler finds it with :func:`context`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kg.core.namespaces import BASE
from kg.core.protocols import SparqlStore
from kg.serve.guard import AnswerCache
from kg.serve.site import Site
from kg.store.sandbox import QuerySandbox

__all__ = ["Context", "context", "templates", "HEADERS", "page"]

#: Security headers on every page: nothing may load from elsewhere.
HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
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


@dataclass
class Context:
    """The served graph and what the handlers share."""

    site: Site
    sandbox: QuerySandbox
    title: str = "EU-Canada cluster policy graph"
    cache: AnswerCache = field(default_factory=AnswerCache)
    #: Hosts a visitor's ``SERVICE`` may name (``kg serve --allow-service``).
    allow_service: tuple[str, ...] = ()
    env: Environment = field(default_factory=templates)
    picture: list[bytes] = field(default_factory=list)
    #: The distributions served at ``/dist/NAME``: name -> file (``kg serve``: out/).
    files: dict[str, Path] = field(default_factory=dict)
    #: Version -> the site of that version of the ontology (made on first request).
    versions: dict[str, Site] = field(default_factory=dict)

    @property
    def store(self) -> SparqlStore:
        return self.site.store


def context(request: Request) -> Context:
    """The :class:`Context` of the application that received ``request``."""
    return request.app.state.kg


def page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    """The template ``name`` rendered with ``values`` as an HTML page."""
    ctx = context(request)
    body = ctx.env.get_template(name).render(title=ctx.title, base=BASE, **values)
    return HTMLResponse(body, status_code=status, headers=HEADERS)
