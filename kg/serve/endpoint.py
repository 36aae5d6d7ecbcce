"""The site's SPARQL: the protocol endpoint (``/sparql``, ``/query``), the query page
(``/queries/run``) and the named queries (``/queries/NAME``).

Every query runs in the sandbox (:class:`kg.store.sandbox.QuerySandbox`): off the
server's event loop, in a child process bounded in time, memory and size, stopped when
the visitor goes away. Before it starts, :func:`check_query` refuses updates and
``SERVICE`` to any host the user did not allow. Errors are one line: ``400`` for a
query the endpoint cannot run, ``403`` for one it refuses, ``503`` for one that ran
past a limit.

Examples
--------
>>> check_query("SELECT * { ?s ?p ?o }", ())
'SELECT'
>>> check_query("SELECT * { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }", ())
Traceback (most recent call last):
...
kg.core.errors.QueryRefusedError: SERVICE <http://10.0.0.1/sparql> is refused: ...
"""

from __future__ import annotations

import asyncio
import urllib.parse
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kg.core.errors import KGError, QueryError, QueryLimitError, QueryRefusedError
from kg.core.formats import ANSWER_FORMATS, by_name, by_short_name
from kg.core.sparql import READ_FORMS, inject_values, query_form, service_targets
from kg.serve.context import HEADERS, context, page
from kg.serve.negotiate import best

__all__ = ["sparql", "update", "run_text", "named_query", "check_query", "run_sandboxed",
           "RESULT_TYPES", "TABLE_ROWS"]

#: What the endpoint answers in (:data:`kg.core.formats.ANSWER_FORMATS`), the default first.
RESULT_TYPES = [by_name(name).served_as for name in ANSWER_FORMATS]
#: Rows a results page shows (the downloads hold every row).
TABLE_ROWS = 2000
_READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"


def _format_asked(short: str) -> str | None:
    """The media type ``?format=short`` asks for (``json``, ``xml``, ``csv``, ``tsv``,
    ``ttl``, ``nt``: :func:`kg.core.formats.by_short_name`), or None.

    >>> _format_asked("tsv"), _format_asked("exe")
    ('text/tab-separated-values', None)
    """
    found = by_short_name(short)
    return found.served_as if found else None


def check_query(text: str, allow_service: Sequence[str]) -> str:
    """The form of ``text`` (SELECT, ASK, CONSTRUCT, DESCRIBE) if a visitor may run it.

    :raises QueryRefusedError: for an update, or ``SERVICE`` naming anything but an IRI
        of a host in ``allow_service``.
    :raises QueryError: if ``text`` is not a query.
    """
    form = query_form(text)
    if form not in READ_FORMS:
        raise QueryRefusedError(_READ_ONLY)
    for target in service_targets(text):
        host = urllib.parse.urlsplit(target[1:-1]).hostname if target[:1] == "<" else None
        if host is None or host not in allow_service:
            raise QueryRefusedError(f"SERVICE {target} is refused: this endpoint does not "
                                    "fetch from other hosts (kg serve --allow-service HOST "
                                    "allows one)")
    return form


async def run_sandboxed(request: Request, text: str, media: str) -> tuple[bytes, str]:
    """The answer of the read query ``text`` in ``media``, from the sandbox; the query is
    stopped as soon as the visitor goes away."""
    sandbox = context(request).sandbox
    job = await run_in_threadpool(sandbox.start, text, media)
    answer = asyncio.ensure_future(run_in_threadpool(sandbox.finish, job))
    gone = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({answer, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        if not answer.done():
            job.cancel()
        gone.cancel()
    return await answer


async def _disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _status(error: KGError) -> int:
    if isinstance(error, QueryRefusedError):
        return 403
    return 503 if isinstance(error, QueryLimitError) else 400


def _one_line(status: int, error: KGError) -> Response:
    reason = {400: "Bad Request", 403: "Forbidden", 503: "Service Unavailable"}[status]
    return Response(f"{status} {reason}: {' '.join(str(error).split())}\n", status_code=status,
                    media_type="text/plain", headers=HEADERS)


async def _protocol_answer(request: Request, text: str, media: str) -> Response:
    try:
        check_query(text, context(request).allow_service)
        body, written = await run_sandboxed(request, text, media)
    except KGError as error:
        return _one_line(_status(error), error)
    return Response(body, media_type=written, headers=HEADERS)


async def _query_text(request: Request) -> str | None:
    """The query a protocol request carries; None when it carries an update.

    :raises QueryError: for a body of a kind the protocol does not use.
    """
    if request.method != "POST":
        return None if "update" in request.query_params else request.query_params.get(
            "query", "")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/sparql-query":
        return (await request.body()).decode("utf-8", "replace")
    if kind == "application/sparql-update":
        return None
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        return None if "update" in form else str(form.get("query", ""))
    raise QueryError(f"a query is sent as application/sparql-query or a form, not {kind!r}")


async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 protocol's query operation (GET and POST); updates get 403."""
    try:
        text = await _query_text(request)
    except QueryError as error:
        return _one_line(400, error)
    if text is None:
        return _one_line(403, QueryRefusedError(_READ_ONLY))
    ctx = context(request)
    if not text.strip():
        return page(request, "queries.html", catalogue=ctx.site.catalogue,
                    prefixes=ctx.site.prefixes)
    wanted = request.query_params.get("format", "")
    media = _format_asked(wanted) or best(request.headers.get("accept", ""),
                                          RESULT_TYPES) or RESULT_TYPES[0]
    return await _protocol_answer(request, text, media)


async def update(request: Request) -> Response:
    """``/update``: always refused."""
    return _one_line(403, QueryRefusedError(_READ_ONLY))


async def run_text(request: Request) -> Response:
    """The query page's form: a query typed by the visitor, its answer as a table."""
    form = await request.form()
    text = str(form.get("query", ""))[:100_000]
    if form.get("format") == "csv":  # the same answer as a CSV download
        return await _csv_download(request, text)
    answer = await _table_answer(request, text)
    ctx = context(request)
    return page(request, "query.html", named=None, text=text, values={}, **answer,
                catalogue=ctx.site.catalogue, prefixes=ctx.site.prefixes)


async def _csv_download(request: Request, text: str) -> Response:
    """The answer of a SELECT or ASK typed on the query page as ``answer.csv``."""
    try:
        if check_query(text, context(request).allow_service) not in ("SELECT", "ASK"):
            raise QueryError("only a SELECT or ASK answer is a table: CONSTRUCT and "
                             "DESCRIBE are downloaded from /sparql as Turtle or N-Triples")
    except KGError as error:
        return _one_line(_status(error), error)
    answer = await _protocol_answer(request, text, "text/csv")
    if answer.status_code == 200:
        answer.headers["Content-Disposition"] = 'attachment; filename="answer.csv"'
    return answer


async def named_query(request: Request) -> Response:
    """A named query of the shipped catalogue (never a file named in the address): its
    form, and with ``run`` its answer as a table, with ``format`` as a download."""
    from kg.query.catalogue import bind_params

    ctx = context(request)
    named = {q.name: q for q in ctx.site.catalogue}.get(request.path_params["name"])
    if named is None:
        return page(request, "notfound.html", 404, path=request.url.path,
                    suggestions=ctx.site.suggestions(request.path_params["name"]))
    values = {p.name: request.query_params[p.name] for p in named.params
              if request.query_params.get(p.name)}
    answer: dict[str, Any] = {"rows": None, "columns": [], "more": 0, "error": ""}
    wanted = request.query_params.get("format", "")
    if "run" in request.query_params or wanted:
        try:
            bindings = await run_in_threadpool(bind_params, named, values, ctx.store)
            text = inject_values(named.text, bindings)
        except KGError as problem:
            text, answer["error"] = "", str(problem)
        asked = _format_asked(wanted)
        if text and asked and named.form in ("SELECT", "ASK"):
            return await _protocol_answer(request, text, asked)
        if text:
            answer = await _table_answer(request, text)
    return page(request, "query.html", named=named, values=values, **answer,
                catalogue=ctx.site.catalogue, prefixes=ctx.site.prefixes)


async def _table_answer(request: Request, text: str) -> dict[str, Any]:
    """A query's answer as a results page shows it: ``rows`` of cells (at most
    :data:`TABLE_ROWS`), ``columns``, ``more`` (rows left out) and ``error`` (one line)."""
    try:
        form = check_query(text, context(request).allow_service)
        media = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") \
            else "text/tab-separated-values"
        body, written = await run_sandboxed(request, text, media)
    except KGError as error:
        return {"rows": None, "columns": [], "more": 0, "error": str(error)}
    return {**_table(request, body, written), "error": ""}


def _table(request: Request, body: bytes, media: str) -> dict[str, Any]:
    """An answer's bytes as table rows of cells, the columns and the rows left out."""
    from kg.core.terms import to_python

    site = context(request).site
    if media == "application/n-triples":
        columns = ["subject", "predicate", "object"]
        answer: list[dict[str, Any]] = [
            dict(zip(columns, (t.subject, t.predicate, t.object), strict=True))
            for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
    else:
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
        if isinstance(result, ox.QueryBoolean):
            return {"rows": [{"answer": {"text": "true" if result else "false"}}],
                    "columns": ["answer"], "more": 0}
        columns = [v.value for v in result.variables]
        answer = [{c: row[c] for c in columns} for row in result]
    rows = [{k: _cell(site, v, to_python) for k, v in row.items()}
            for row in answer[:TABLE_ROWS]]
    return {"rows": rows, "columns": columns, "more": max(len(answer) - TABLE_ROWS, 0)}


def _cell(site: Any, term: Any, to_python: Any) -> dict[str, str]:
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
