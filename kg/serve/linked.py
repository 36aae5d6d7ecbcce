"""What every address the project mints answers on ``kg serve``: the linked-data
handlers (the same layout as the static site of :mod:`kg.serve.export`).

- A resource the served graph describes (``/id/…``, ``/catalog``, ``/dataset``, its class
  partitions and distributions, ``/graph/ontology``, ``/graph/data``, the publisher) is a
  thing, not a document: its IRI answers ``303 See Other`` to the document in the format
  the ``Accept`` header prefers (:func:`kg.serve.negotiate.best`): ``PATH/`` (HTML),
  ``PATH.ttl``, ``PATH.rdf``, ``PATH.jsonld``, ``PATH.nt``; 406 if it accepts none.
- The ontology (``/ontology``) and each version IRI (``/ontology/X.Y.Z``, the version as
  published) answer the ontology alone, negotiated the same way, with ``200``; the same
  suffixes ask for one format.
- A distribution (``/dist/NAME``, every ``dcat:downloadURL`` of the description) is the
  file itself.

Every negotiated answer says ``Vary: Accept``.

Examples
--------
>>> from starlette.testclient import TestClient
>>> from kg.serve.app import create_app
>>> from kg.store.open import build_graph
>>> app = create_app(build_graph())
>>> with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
...     thing = client.get("/id/agreement/ceta", headers={"Accept": "text/turtle"})
...     owl = client.get("/ontology", headers={"Accept": "application/rdf+xml"})
>>> thing.status_code, thing.headers["location"], thing.headers["vary"]
(303, '/id/agreement/ceta.ttl', 'Accept')
>>> owl.status_code, owl.headers["content-type"].split(";")[0], owl.headers["vary"]
(200, 'application/rdf+xml', 'Accept, Accept-Encoding')
>>> app.state.kg.sandbox.close()
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from kg.core.formats import by_suffix
from kg.core.namespaces import BASE, EUCAN
from kg.serve.context import HEADERS, context, page
from kg.serve.negotiate import EXTENSIONS, OFFERED, RDF_TYPES, SUFFIXES, best

if TYPE_CHECKING:
    from kg.core.protocols import EmbeddedStore as Store

__all__ = ["resource", "ontology", "distribution", "context_file", "add_description",
           "ontology_triples_of", "split_document", "NEGOTIATED"]

#: Headers of an answer chosen by the Accept header.
NEGOTIATED = {**HEADERS, "Vary": "Accept"}


def split_document(rest: str) -> tuple[str, str | None]:
    """(the thing's path, the media type asked by the document's form) for a path
    relative to the base: ``x/`` is HTML, ``x.ttl`` Turtle …, ``x`` the thing itself.

    >>> split_document("id/agreement/ceta.ttl"), split_document("id/agreement/ceta/")
    (('id/agreement/ceta', 'text/turtle'), ('id/agreement/ceta', 'text/html'))
    >>> split_document("catalog")
    ('catalog', None)
    """
    if rest.endswith("/"):
        return rest.rstrip("/"), "text/html"
    for suffix, media in SUFFIXES.items():
        if rest.endswith(suffix) and len(rest) > len(suffix):
            return rest[: -len(suffix)], media
    return rest, None


def _valid_iri(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def _rdf(triples: Any, media: str, headers: dict[str, str]) -> Response:
    from kg.store.embedded import serialize_triples

    body = serialize_triples(triples, RDF_TYPES[media])
    return Response(body, media_type=media, headers=headers)


def _not_acceptable() -> Response:
    return Response("406 Not Acceptable: " + ", ".join(OFFERED) + "\n", status_code=406,
                    media_type="text/plain", headers=NEGOTIATED)


def resource(request: Request) -> Response:
    """A described resource: its IRI 303s to a document, a document answers 200."""
    from kg.serve.site import describe_triples

    site = context(request).site
    rest = request.path_params["rest"]
    iri = f"{BASE}/{rest}"
    if rest and _valid_iri(iri) and site.exists(iri):  # the thing itself (IRIs may hold dots)
        media = best(request.headers.get("accept", ""), OFFERED)
        if media is None:
            return _not_acceptable()
        target = f"/{rest}/" if media == "text/html" else f"/{rest}{EXTENSIONS[media]}"
        return Response(status_code=303, headers={**NEGOTIATED, "Location": target})
    path, media = split_document(rest)
    iri = f"{BASE}/{path}"
    data = site.resource(iri) if media and path and _valid_iri(iri) else None
    if data is None or media is None:
        return page(request, "notfound.html", 404, path=request.url.path,
                    suggestions=site.suggestions(path))
    if media == "text/html" and request.query_params.get("figures") == "csv":
        from kg.serve.figures import figures_csv

        name = path.rsplit("/", 1)[-1] + "-figures.csv"
        disposition = f'attachment; filename="{name}"'
        return Response(figures_csv(data["figure_rows"]), media_type="text/csv; charset=utf-8",
                        headers={**HEADERS, "Content-Disposition": disposition})
    if media == "text/html":
        from kg.serve.reading_pages import add_paper

        add_paper(site, data)
        return page(request, "resource.html", r=data)
    return _rdf(describe_triples(context(request).store, iri), media, HEADERS)


def ontology_triples_of(version: str) -> tuple[ox.Triple, ...] | None:
    """The ontology at ``version`` ("" for the current one), or None if not published."""
    from kg.data.schema import ontology_triples
    from kg.data.versions import version_triples

    return ontology_triples() if not version else version_triples(version)


def ontology(request: Request) -> Response:
    """The ontology or one of its versions (``/ontology``, ``/ontology/X.Y.Z``), alone,
    as HTML or RDF; with ``instances=CLASS``, the page lists the class's instances."""
    rest, media = split_document(request.path_params["rest"].lstrip("/"))
    triples = ontology_triples_of(rest)
    if triples is None or (rest and "/" in rest):
        site = context(request).site
        return page(request, "notfound.html", 404, path=request.url.path,
                    suggestions=site.suggestions(rest))
    headers = HEADERS
    if media is None:
        media, headers = best(request.headers.get("accept", ""), OFFERED), NEGOTIATED
        if media is None:
            return _not_acceptable()
    location = f"/ontology{'/' + rest if rest else ''}"
    headers = {**headers, "Content-Location": location + EXTENSIONS[media]}
    if media != "text/html":
        return _rdf(triples, media, headers)
    ctx = context(request)
    site = ctx.site if not rest else _version_site(ctx, rest, triples)
    data = site.ontology()
    chosen = request.query_params.get("instances", "") if not rest else ""
    known = {term["name"] for term in data["classes"]}
    instances = site.instances(EUCAN + chosen) if chosen in known else []
    response = page(request, "ontology.html", o=data, chosen=chosen if chosen in known else "",
                    instances=instances, version=rest)
    response.headers.update(headers)
    return response


def _version_site(ctx: Any, version: str, triples: Any) -> Any:
    from kg.serve.site import Site
    from kg.store.embedded import Store

    found = ctx.versions.get(version)
    if found is None:
        store = Store()
        store.add(triples)
        found = ctx.versions.setdefault(version, Site(store))
    return found


def distribution(request: Request) -> Response:
    """A file of the description's distributions (``/dist/NAME``), as it was written."""
    ctx = context(request)
    name = request.path_params["name"]
    path = ctx.files.get(name)
    if path is None or not path.is_file():
        return page(request, "notfound.html", 404, path=request.url.path,
                    suggestions=ctx.site.suggestions(name))
    known = by_suffix(name.rsplit(".", 1)[-1])
    media = known.served_as if known else "application/octet-stream"
    return FileResponse(path, media_type=media, headers=HEADERS)


def context_file(request: Request) -> Response:
    """The JSON-LD ``@context`` that ``eucan.compact.jsonld`` names
    (``https://w3id.org/eucan/context.jsonld``): the distribution ``context.jsonld``."""
    request.path_params["name"] = "context.jsonld"
    return distribution(request)


def add_description(store: Store, endpoint: str,
                    out_dir: Path | None = Path("out")) -> dict[str, Path]:
    """Add the VoID/DCAT description naming the SPARQL ``endpoint`` to the served
    (in-memory) graph, with the files of the build in ``out_dir`` as its distributions
    (None: none, as for a served store, whose folder has none of them); it is made from
    the served store itself, with no copy of the graph (1M triples: 1 s). Returns the
    distributions it lists, for ``/dist/NAME``: name -> file."""
    from kg.core.files import MARKER
    from kg.publish.job import void_turtle
    from kg.publish.reuse import MANIFEST

    found = {p.relative_to(out_dir).as_posix(): p for p in sorted(out_dir.rglob("*"))
             if p.is_file() and p.name not in ("void.ttl", MARKER, MANIFEST)} \
        if out_dir is not None and out_dir.is_dir() else {}
    sizes = {name: path.stat().st_size for name, path in found.items()}
    store.add(ox.parse(void_turtle(store, sizes, endpoint=endpoint), format=ox.RdfFormat.TURTLE))
    return found
