"""A SPARQL 1.1 endpoint behind the same interface as :class:`kg.store.embedded.Store`.

SPARQLWrapper makes each request, by content negotiation only (no ``format=``/``output=``
parameters, which some servers obey over the ``Accept`` header); parameters are bound
as RDF terms in a ``VALUES`` block (see :mod:`kg.core.sparql`). ``graph`` names the
graph a server keeps the data in (sent as ``default-graph-uri``). The request is sent by
:class:`kg.store.http.Client`, not by SPARQLWrapper's ``query()`` (which sends through
the global urllib opener and, for Digest, installs one): credentials stay with the
endpoint's origin across redirects, ``timeout`` is a deadline for the whole request
(connect, send, every read), and at most ``max_bytes`` of the answer are read. Every
failure — unreachable endpoint, HTTP 4xx/5xx (with the first line of the server's own
message), deadline, an answer too long or not SPARQL — raises
:class:`~kg.core.errors.EndpointError` with one line, and credentials never appear in it.

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

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from kg.core.errors import EndpointError, QueryError
from kg.core.namespaces import PREFIXES
from kg.core.sparql import inject_values
from kg.core.terms import Term, term_cells, term_value
from kg.store.http import MAX_ANSWER_BYTES, Client
from kg.store.urls import DEFAULT_GRAPH, check_url, credentials, public_url
from kg.store.urls import server_message as server_message

__all__ = ["RemoteStore", "public_url", "credentials", "server_message", "DEFAULT_GRAPH"]



def _prologue() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


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

    :param timeout: seconds for each request as a whole (connect, send, every read).
    :param graph: the named graph holding the data (``default-graph-uri``); None: the
        server's default graph.
    :param user: user name for HTTP authentication (``password`` with it); a user and
        password written in the URL are used when none is given.
    :param auth: ``"basic"`` or ``"digest"`` (Virtuoso's ``/sparql-auth`` uses Digest).
    :param max_bytes: bytes of an answer read at most.
    :param deadline: a :func:`time.monotonic` time that ends every request of a larger
        operation (``timeout`` is then only what messages say).
    :raises EndpointURLError: if a URL is not http(s) with a host.
    """

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None,
                 timeout: float = 30.0, graph: str | None = None, user: str | None = None,
                 password: str | None = None, auth: str = "basic",
                 max_bytes: int = MAX_ANSWER_BYTES, deadline: float | None = None) -> None:
        if auth not in ("basic", "digest"):
            raise QueryError(f"unknown authentication {auth!r}; expected basic or digest")
        check_url(endpoint, "the SPARQL endpoint")
        if update_endpoint:
            check_url(update_endpoint, "the SPARQL update endpoint")
        self.endpoint, user, password = credentials(endpoint, user, password)
        self.update_endpoint = public_url(update_endpoint) if update_endpoint else None
        self.timeout, self.graph, self.auth = timeout, graph, auth
        self.user, self.password = user, password
        self.max_bytes, self.deadline = max_bytes, deadline
        self.name = self.endpoint
        self._client()  # the settings are checked now, not at the first query

    def _client(self) -> Client:
        return Client(f"the SPARQL endpoint {self.name}", timeout=self.timeout,
                      deadline=self.deadline, max_bytes=self.max_bytes, user=self.user,
                      password=self.password, auth=self.auth)

    def _request(self, url: str, text: str, accept: str | None) -> bytes:
        """Send ``text`` (a query or update) to ``url``; the answer's bytes.

        SPARQLWrapper makes the request (``_createRequest``: URL, parameters, headers);
        credentials are never given to it, so it adds no header and installs no opener.
        """
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(url)
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        if self.graph:
            wrapper.addDefaultGraph(self.graph)
        wrapper.setQuery(_prologue() + text)
        if accept:
            wrapper.addCustomHttpHeader("Accept", accept)
        return self._client().send(wrapper._createRequest())

    def _query(self, query: str, bindings: Mapping[str, Term] | None, accept: str) -> bytes:
        """The answer to a query on the query endpoint, bound to ``bindings``."""
        text = inject_values(query, dict(bindings or {}))
        # Full-line comments are dropped: SPARQLWrapper's own comment handling mangles some.
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        return self._request(self.endpoint, body, accept)

    def _json(self, query: str, bindings: Mapping[str, Term] | None) -> dict[str, Any]:
        body = self._query(query, bindings, "application/sparql-results+json")
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
        (:meth:`kg.store.ox_engine.OxigraphStore.select_many`), one iterator per query."""
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
        body = self._query(query, bindings, "application/n-triples")
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
        self._request(self.update_endpoint, update, None)

    def __len__(self) -> int:
        """The endpoint's triple count.

        :raises EndpointError: if the answer is not a count.
        """
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        found = rows[0].get("n") if rows else None
        if not isinstance(found, ox.Literal) or not found.value.isdigit():
            raise EndpointError(f"the endpoint {self.name} did not answer a triple count")
        return int(found.value)
