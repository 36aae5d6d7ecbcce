"""The reading view's pages (:mod:`kg.serve.reading`) on ``kg serve`` and in ``kg site``.

- ``/paper/``: the places of the paper in its order, each with how many of its passages
  the graph holds statements from;
- ``/paper/PLACE/``: one section, table, figure or box, unit by unit;
- ``/paper/PLACE.csv``: the place's table rows as printed.

:func:`add_paper` adds to a resource page what the reading view knows: each quoted fact's
sentence in context (``paper``, beside its quote) and, on the page of a table or of a data
set derived from one, the table and its CSV (``paper_tables``).

Examples
--------
>>> from starlette.testclient import TestClient
>>> from kg.serve.app import create_app
>>> from kg.store.open import build_graph
>>> app = create_app(build_graph())
>>> with TestClient(app, base_url="http://127.0.0.1") as client:
...     page, csv = client.get("/paper/table-1/"), client.get("/paper/table-1.csv")
...     missing = client.get("/paper/no-such-place/")
>>> page.status_code, csv.headers["content-type"], missing.status_code
(200, 'text/csv; charset=utf-8', 404)
>>> csv.text.splitlines()[1].split(",")[:2]
['Digital Supercluster', 'Scale AI']
>>> app.state.kg.sandbox.close()
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kg.serve.context import HEADERS, context, page
from kg.serve.reading import PREFIX, Reading, reading_of

__all__ = ["contents", "place", "add_paper", "paper_files", "csv_text"]

#: A data set's page shows the tables of the places it is derived from.
_DATASETS = ("http://purl.org/linked-data/cube#DataSet", "https://w3id.org/eucan/ontology#DataSet")


def csv_text(reading: Reading, place: str) -> str:
    """The CSV of a place's table rows (one line per row, cells as printed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(reading.csv_rows(place))
    return out.getvalue()


def _values(reading: Reading, place: str) -> dict[str, Any]:
    """What ``reading.html`` draws for one place."""
    info = reading.places[place]
    return {"place": info, "blocks": reading.blocks(place),
            "printed_in": reading.places.get(info["in"]) if info["in"] else None,
            "resource": reading.site.link(info["iri"])}


def contents(request: Request) -> Response:
    """``/paper/``: the places of the paper in its order."""
    if not request.url.path.endswith("/"):
        return RedirectResponse("/paper/", status_code=308, headers=HEADERS)
    reading = reading_of(context(request).site)
    return page(request, "reading.html", contents=reading.contents(), place=None)


def place(request: Request) -> Response:
    """``/paper/PLACE/`` (one place, unit by unit) or ``/paper/PLACE.csv``."""
    site = context(request).site
    reading = reading_of(site)
    name = request.path_params["name"]
    stem = name[:-4] if name.endswith(".csv") else name
    if stem not in reading.places:
        return page(request, "notfound.html", 404, path=request.url.path,
                    suggestions=site.suggestions(stem))
    if name.endswith(".csv"):
        if not reading.csv_rows(stem):
            return page(request, "notfound.html", 404, path=request.url.path, suggestions=[])
        return Response(csv_text(reading, stem), media_type="text/csv; charset=utf-8",
                        headers={**HEADERS, "Content-Disposition":
                                 f'attachment; filename="{stem}.csv"'})
    if not request.url.path.endswith("/"):
        return RedirectResponse(f"/paper/{stem}/", status_code=308, headers=HEADERS)
    home = reading.page_of(stem)
    if home != stem:  # a footnote: read with the sentence that calls it
        first = reading.top[stem][0]
        return RedirectResponse(reading.href(first.iri) or f"/paper/{home}/",
                                status_code=303, headers=HEADERS)
    return page(request, "reading.html", **_values(reading, stem))


def add_paper(site: Any, data: dict[str, Any], reading: Reading | None = None) -> None:
    """Add to a resource page's ``data`` (:meth:`kg.serve.site.Site.resource`) each quoted
    fact's sentence in context and, for a place or a data set, its tables."""
    reading = reading or reading_of(site)
    for group in data.get("facts", []):
        for value in group.get("values", []):
            for quote in value.get("stated", []):
                quote["paper"] = reading.href(quote.get("unit", "")) or ""
    iri = data.get("iri", "")
    # a data set: qb:DataSet or the project's subclass (pages list the project's own types)
    is_dataset = any(t.get("iri") in _DATASETS for t in data.get("types", []))
    places = [iri] if iri.startswith(PREFIX) else [
        c["iri"] for c in data.get("citations", []) if c.get("iri", "").startswith(PREFIX)
    ] if is_dataset else []
    tables = []
    for found in places:
        name = found[len(PREFIX):]
        if name in reading.places:
            tables += [{**t, "place": reading.places[name]} for t in reading.tables(name)]
    data["paper_tables"] = tables
    name = iri[len(PREFIX):]
    if name in reading.places:  # a place: its page (a footnote: beside its caller)
        first = reading.top.get(name, [])
        data["paper_place"] = reading.href(first[0].iri) if reading.page_of(name) != name \
            and first else f"/paper/{name}/"
    elif iri in reading.units:  # a unit: where it stands
        data["paper_place"] = reading.href(iri)


def paper_files(site: Any, render: Callable[..., bytes]) -> dict[str, bytes]:
    """The reading view as static files for ``kg site``: ``paper/index.html``,
    ``paper/PLACE/index.html`` for each place read on its own page, ``paper/PLACE.csv``
    for each place with table rows."""
    reading = reading_of(site)
    files = {"paper/index.html": render("reading.html", contents=reading.contents(),
                                        place=None)}
    for name in reading.places:
        if reading.page_of(name) == name:
            files[f"paper/{name}/index.html"] = render("reading.html",
                                                       **_values(reading, name))
        if reading.csv_rows(name):
            files[f"paper/{name}.csv"] = csv_text(reading, name).encode("utf-8")
    return files
