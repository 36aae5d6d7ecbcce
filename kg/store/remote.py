"""A SPARQL 1.1 endpoint behind the same interface as :class:`kg.store.embedded.Store`.

Queries go through SPARQLWrapper by content negotiation only (no ``format=``/``output=``
parameters, which some servers obey over the ``Accept`` header); parameters are bound
as RDF terms in a ``VALUES`` block (see :mod:`kg.core.sparql`). ``graph`` names the
graph a server keeps the data in (sent as ``default-graph-uri``). ``timeout`` is a
deadline for the whole request, not per read. Every failure — unreachable endpoint,
HTTP 4xx/5xx (with the first line of the server's own message), deadline, an answer
that is not SPARQL — raises :class:`~kg.core.errors.EndpointError` with one line, and
credentials never appear in it.

Examples
--------
>>> store = RemoteStore("http://127.0.0.1:1/query", timeout=1)
>>> try:
...     store.ask("ASK { ?s ?p ?o }")
... except EndpointError as error:
...     print(str(error).split(":")[0])
cannot reach the SPARQL endpoint http
>>> public_url("http://ann:secret@example.org:8890/sparql")
'http://example.org:8890/sparql'
"""

from __future__ import annotations

import ast
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from kg.core.errors import EndpointError, QueryError
from kg.core.namespaces import PREFIXES
from kg.core.sparql import inject_values
from kg.core.terms import Term, term_cells, term_value

__all__ = ["RemoteStore", "public_url", "credentials", "server_message", "DEFAULT_GRAPH"]

#: The graph IRI the project suggests for servers that keep data in named graphs.
DEFAULT_GRAPH = "https://w3id.org/eucan/graph"
_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404,
           "URITooLong": 414, "EndPointInternalError": 500}


def _prologue() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def public_url(url: str) -> str:
    """``url`` without user name and password (safe to print)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def credentials(url: str, user: str | None = None,
                password: str | None = None) -> tuple[str, str | None, str | None]:
    """``url`` without credentials, and the user and password: those given, else the
    ones written in the URL (``http://user:password@host/...``).

    >>> credentials("http://ann:s%40cret@example.org/sparql")
    ('http://example.org/sparql', 'ann', 's@cret')
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username and not user:
        user = urllib.parse.unquote(parts.username)
        if password is None:
            password = urllib.parse.unquote(parts.password or "")
    return public_url(url), user, password


def server_message(body: bytes | str | None) -> str:
    """The first meaningful line of a server's error text (HTML tags dropped).

    >>> server_message(b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax\\n...")
    'Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax'
    >>> server_message(b"<html><body><h1>Bad Request</h1></body></html>")
    'Bad Request'
    """
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    for line in re.sub(r"<[^>]+>", "\n", body or "").splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


def _wrapper_error(error: Exception) -> tuple[int | None, str]:
    """HTTP status and the server's first line from a SPARQLWrapper exception."""
    text = str(error)
    status = _STATUS.get(type(error).__name__)
    body = ""
    if "Response:\n" in text:
        raw = text.split("Response:\n", 1)[1]
        try:
            body = server_message(ast.literal_eval(raw))
        except (ValueError, SyntaxError):
            body = server_message(raw)
    return status, body


def _term(binding: Any) -> Term:
    if not isinstance(binding, dict) or "type" not in binding or "value" not in binding:
        raise ValueError("a binding without type and value")
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


class RemoteStore:
    """A remote SPARQL 1.1 query endpoint (read-only unless an update URL is given).

    :param graph: the named graph holding the data (``default-graph-uri``); None: the
        server's default graph.
    :param user: user name for HTTP authentication (``password`` with it).
    :param auth: ``"basic"`` or ``"digest"`` (Virtuoso's ``/sparql-auth`` uses Digest).
    """

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None,
                 timeout: float = 30.0, graph: str | None = None, user: str | None = None,
                 password: str | None = None, auth: str = "basic") -> None:
        if auth not in ("basic", "digest"):
            raise QueryError(f"unknown authentication {auth!r}; expected basic or digest")
        self.endpoint, user, password = credentials(endpoint, user, password)
        self.update_endpoint = public_url(update_endpoint) if update_endpoint else None
        self.timeout, self.graph, self.auth = timeout, graph, auth
        self.user, self.password = user, password
        self.name = self.endpoint

    def _wrapper(self, url: str, text: str, accept: str | None) -> Any:
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(url)
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        wrapper.setTimeout(int(max(1, self.timeout)))
        if self.graph:
            wrapper.addDefaultGraph(self.graph)
        if self.user:
            wrapper.setCredentials(self.user, self.password or "")
            wrapper.setHTTPAuth(self.auth.upper())
        wrapper.setQuery(text)
        if accept:
            wrapper.addCustomHttpHeader("Accept", accept)
        return wrapper

    def _request(self, query: str, accept: str) -> bytes:
        # Full-line comments are dropped: SPARQLWrapper's own comment handling mangles some.
        body = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))
        wrapper = self._wrapper(self.endpoint, _prologue() + body, accept)
        return self._within_deadline(lambda: wrapper.query().response.read())

    def _within_deadline(self, call: Any) -> Any:
        """Run ``call`` in a worker thread and wait at most ``timeout`` seconds in all."""
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["value"] = call()
            except BaseException as error:  # handed to the caller's thread below
                outcome["error"] = error

        worker = threading.Thread(target=work, daemon=True)
        started = time.monotonic()
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            raise EndpointError(f"the endpoint {self.name} did not answer within "
                                f"{self.timeout:g} s (--timeout)")
        if "error" in outcome:
            self._explain(outcome["error"], time.monotonic() - started)
        return outcome["value"]

    def _explain(self, error: BaseException, elapsed: float) -> None:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        where = f"the endpoint {self.name}"
        if isinstance(error, SPARQLWrapperException):
            status, text = _wrapper_error(error)
            code = f"HTTP {status}" if status else type(error).__name__
            raise EndpointError(f"{where} answered {code}" + (f": {text}" if text else "")) \
                from None
        if isinstance(error, urllib.error.HTTPError):
            text = server_message(error.read() if error.fp else b"") or error.reason
            raise EndpointError(f"{where} answered HTTP {error.code}: {text}") from None
        if isinstance(error, (TimeoutError, socket.timeout)) or isinstance(
                getattr(error, "reason", None), (TimeoutError, socket.timeout)):
            raise EndpointError(f"{where} did not answer within {self.timeout:g} s "
                                "(--timeout)") from None
        if isinstance(error, (urllib.error.URLError, OSError)):
            reason = getattr(error, "reason", error)
            raise EndpointError(f"cannot reach the SPARQL endpoint {self.name}: "
                                f"{reason}") from None
        if type(error).__module__.startswith("http.client"):
            raise EndpointError(f"{where} broke off its answer: {type(error).__name__} "
                                f"after {elapsed:.1f} s") from None
        raise error

    def _json(self, query: str, bindings: Mapping[str, Term] | None) -> dict[str, Any]:
        body = self._request(inject_values(query, dict(bindings or {})),
                             "application/sparql-results+json")
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise EndpointError(f"the endpoint {self.name} did not answer with SPARQL "
                                f"JSON results (got {body[:60]!r})") from None
        if not isinstance(data, dict):
            raise EndpointError(f"the endpoint {self.name} answered JSON that is not a "
                                "SPARQL result")
        return data

    def select_values(self, query: str, bindings: Mapping[str, Term] | None = None
                      ) -> Iterator[tuple[str | None, ...]]:
        """Rows of :meth:`select` as plain strings (:func:`kg.core.terms.term_value`)."""
        return (tuple(term_value(t) for t in row.values()) for row in self.select(query, bindings))

    def select_many(self, queries: Sequence[str]) -> list[Iterator[tuple[str, ...]]]:
        """The rows of several SELECTs, cells as SPARQL TSV writes them
        (:meth:`kg.store.embedded.Store.select_many`), one iterator per query."""
        return [term_cells(self.iter_select(query)) for query in queries]

    def iter_select(self, query: str,
                    bindings: Mapping[str, Term] | None = None) -> Iterator[dict[str, Term | None]]:
        """The rows of :meth:`select`, one by one (the endpoint's answer is read whole)."""
        return iter(self.select(query, bindings))

    def select(self, query: str,
               bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term | None]]:
        """Run a SELECT; rows map every variable, in order, to a term or None."""
        data = self._json(query, bindings)
        if "results" not in data:
            raise QueryError("not a SELECT query")
        try:
            names = data["head"].get("vars", [])
            return [{n: _term(row[n]) if n in row else None for n in names}
                    for row in data["results"]["bindings"]]
        except (KeyError, TypeError, AttributeError, ValueError):
            raise EndpointError(f"the endpoint {self.name} answered JSON that is not a "
                                "SPARQL result (head.vars, results.bindings)") from None

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query."""
        data = self._json(query, bindings)
        if "boolean" not in data:
            raise QueryError("not an ASK query")
        return bool(data["boolean"])

    def construct(self, query: str,
                  bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE; triples come back sorted."""
        body = self._request(inject_values(query, dict(bindings or {})), "application/n-triples")
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            raise EndpointError(f"the endpoint {self.name} did not answer with "
                                "N-Triples") from None
        return sorted(triples, key=str)

    def update(self, update: str) -> None:
        """Run a SPARQL Update on the update endpoint."""
        if not self.update_endpoint:
            raise QueryError("this endpoint has no update URL; updates are not possible")
        wrapper = self._wrapper(self.update_endpoint, _prologue() + update, None)
        self._within_deadline(lambda: wrapper.query().response.read())

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"].value)
