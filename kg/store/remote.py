"""A SPARQL 1.1 endpoint behind the same interface as :class:`kg.store.Store`.

Queries go through SPARQLWrapper; parameters are bound as RDF terms in a
``VALUES`` block (see :mod:`kg.core.sparql`). Every failure — unreachable
endpoint, HTTP 4xx/5xx, timeout, an answer that is not SPARQL — raises
:class:`~kg.errors.EndpointError` with one clear line.

Examples
--------
>>> store = RemoteStore("http://127.0.0.1:1/query", timeout=1)
>>> try:
...     store.ask("ASK { ?s ?p ?o }")
... except EndpointError as error:
...     print(str(error).split(":")[0])
cannot reach the SPARQL endpoint http
"""

from __future__ import annotations

import json
import socket
import urllib.error
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from kg.core.errors import EndpointError, QueryError
from kg.core.namespaces import PREFIXES
from kg.core.sparql import inject_values
from kg.core.terms import Term

__all__ = ["RemoteStore"]


def _prologue() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _term(binding: dict[str, str]) -> Term:
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
    """A remote SPARQL 1.1 query endpoint (read-only unless an update URL is given)."""

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None,
                 timeout: float = 30.0) -> None:
        self.endpoint, self.update_endpoint, self.timeout = endpoint, update_endpoint, timeout

    def _request(self, query: str, accept: str) -> bytes:
        from SPARQLWrapper import POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setMethod(POST)
        wrapper.setTimeout(int(max(1, self.timeout)))
        # Full-line comments are dropped: SPARQLWrapper's own comment handling mangles some.
        body = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))
        wrapper.setQuery(_prologue() + body)
        wrapper.addCustomHttpHeader("Accept", accept)
        try:
            response = wrapper.query().response
            return response.read()
        except SPARQLWrapperException as error:
            first = str(error).strip().splitlines()[0]
            raise EndpointError(f"the endpoint {self.endpoint} refused the query: "
                                f"{first}") from None
        except urllib.error.HTTPError as error:
            raise EndpointError(f"the endpoint {self.endpoint} answered HTTP {error.code} "
                                f"{error.reason}") from None
        except TimeoutError:
            raise EndpointError(f"the endpoint {self.endpoint} did not answer within "
                                f"{self.timeout:g} s") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise EndpointError(f"the endpoint {self.endpoint} did not answer within "
                                    f"{self.timeout:g} s") from None
            raise EndpointError(f"cannot reach the SPARQL endpoint {self.endpoint}: "
                                f"{reason}") from None

    def _json(self, query: str, bindings: Mapping[str, Term] | None) -> dict[str, Any]:
        body = self._request(inject_values(query, dict(bindings or {})),
                             "application/sparql-results+json")
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise EndpointError(f"the endpoint {self.endpoint} did not answer with SPARQL "
                                f"JSON results (got {body[:60]!r})") from None

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
        names = data["head"].get("vars", [])
        return [{n: _term(row[n]) if n in row else None for n in names}
                for row in data["results"]["bindings"]]

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
            raise EndpointError(f"the endpoint {self.endpoint} did not answer with "
                                "N-Triples") from None
        return sorted(triples, key=str)

    def update(self, update: str) -> None:
        """Run a SPARQL Update on the update endpoint."""
        if not self.update_endpoint:
            raise QueryError("this endpoint has no update URL; updates are not possible")
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.update_endpoint)
        wrapper.setMethod(POST)
        wrapper.setQuery(_prologue() + update)
        try:
            wrapper.query()
        except Exception as error:  # SPARQLWrapper and urllib raise many kinds
            raise EndpointError(f"update failed at {self.update_endpoint}: {error}") from None

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"].value)
