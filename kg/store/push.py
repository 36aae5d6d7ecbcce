"""Upload the graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint, in chunks.

``replace`` sends the first chunk with PUT (replacing the graph) and the rest with
POST; ``append`` POSTs every chunk. A blank node's triples always travel in one
request (a server gives each request's blank nodes fresh identities, so splitting
them would break the graph). A failed upload can be resumed from the chunk it
stopped at (``start_chunk``). Afterwards the server counts the graph's triples (on its
query endpoint, or by fetching the graph back), so a server that answers 200 without
storing anything is caught. Only a
2xx reply counts as success; the error names the endpoint (never its credentials),
the HTTP status and the first line of the server's own message. Requests go through
:class:`kg.store.http.Client`: ``timeout`` is one deadline for the whole upload and its
check, at most ``max_bytes`` of any answer are read, and credentials stay with the
origins of the URLs given.

Examples
--------
>>> lines = [b"<c> <d> <e> .", b"<a> <b> _:x .", b"<h> <i> <j> .", b"_:x <f> <g> ."]
>>> [body.count(b"\\n") for body in chunk_ntriples(lines, 1)]
[2, 1, 1]
>>> graph_store_url("http://127.0.0.1:7878/store", None)
'http://127.0.0.1:7878/store?default'
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Callable

import pyoxigraph as ox

from kg.core.errors import EndpointError
from kg.store.http import MAX_ANSWER_BYTES, Client
from kg.store.urls import check_url, credentials, public_url

__all__ = ["push", "chunk_ntriples", "graph_store_url", "count_graph", "query_endpoint"]

_BLANK = re.compile(rb"_:[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _groups(lines: list[bytes]) -> list[list[bytes]]:
    """Lines grouped so that lines sharing a blank node are in one group (input order)."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[bytes, int] = {}
    for number, line in enumerate(lines):
        for label in _BLANK.findall(line):
            if label in owner:
                parent[find(number)] = find(owner[label])
            else:
                owner[label] = number
    groups: dict[int, list[bytes]] = {}
    for number, line in enumerate(lines):
        groups.setdefault(find(number), []).append(line)
    return list(groups.values())


def chunk_ntriples(lines: list[bytes], size: int) -> list[bytes]:
    """Group N-Triples lines into bodies of about ``size`` triples, never splitting the
    triples of one blank node: every triple with a blank node goes into the first body
    (which may then be larger than ``size``), so resuming an upload never sends a blank
    node twice except by replacing the graph again.

    :raises EndpointError: if ``size`` is not positive.
    """
    if size < 1:
        raise EndpointError(f"--chunk-size must be at least 1 (got {size})")
    chunks: list[bytes] = []
    current: list[bytes] = []
    groups = _groups(lines)
    # Blank-node groups travel first, in chunk 0: sent with PUT when replacing, so that a
    # resumed upload re-sends them idempotently; later chunks hold IRIs and literals only.
    with_blank = [any(_BLANK.search(line) for line in g) for g in groups]
    blank = [line for g, has in zip(groups, with_blank, strict=True) if has for line in g]
    if blank:
        chunks.append(b"\n".join(blank) + b"\n")
    for group in (g for g, has in zip(groups, with_blank, strict=True) if not has):
        if current and len(current) + len(group) > size:
            chunks.append(b"\n".join(current) + b"\n")
            current = []
        current.extend(group)
    if current:
        chunks.append(b"\n".join(current) + b"\n")
    return chunks


def graph_store_url(store_url: str, graph: str | None) -> str:
    """The URL of the target graph: ``?graph=IRI`` or ``?default``."""
    joiner = "&" if "?" in store_url else "?"
    if graph:
        return f"{store_url}{joiner}{urllib.parse.urlencode({'graph': graph})}"
    return f"{store_url}{joiner}default"


def _client(store_url: str, user: str | None, password: str | None, *, timeout: float,
            deadline: float | None, max_bytes: int) -> Client:
    """The client of one upload (Basic or Digest, as the server asks)."""
    url, user, password = credentials(check_url(store_url, "the Graph Store URL"), user,
                                      password)
    return Client(f"the Graph Store {url}", timeout=timeout, deadline=deadline,
                  max_bytes=max_bytes, user=user, password=password, auth="any")


#: Graph Store Protocol paths of known servers -> their SPARQL query path.
QUERY_PATHS = {"/store": "/query", "/sparql-graph-crud": "/sparql",
               "/sparql-graph-crud-auth": "/sparql-auth"}


def query_endpoint(store_url: str) -> str | None:
    """The SPARQL query URL beside a known server's Graph Store URL, else None.

    >>> query_endpoint("http://127.0.0.1:8890/sparql-graph-crud")
    'http://127.0.0.1:8890/sparql'
    """
    parts = urllib.parse.urlsplit(store_url)
    for store_path, query_path in QUERY_PATHS.items():
        if parts.path.endswith(store_path):
            path = parts.path[: -len(store_path)] + query_path
            return urllib.parse.urlunsplit(parts._replace(path=path, query=""))
    return None


def count_graph(store_url: str, graph: str | None, *, user: str | None = None,
                password: str | None = None, timeout: float = 600.0,
                query_url: str | None = None, max_bytes: int = MAX_ANSWER_BYTES,
                deadline: float | None = None) -> int:
    """The number of triples the server holds in the graph: a SPARQL ``COUNT`` on the
    query endpoint (``query_url``, or the known one beside ``store_url``), else the graph
    fetched with a Graph Store Protocol GET and parsed. ``deadline`` (a
    :func:`time.monotonic` time) ends it instead of now + ``timeout``.

    :raises EndpointError: if the reply is not a count or not RDF.
    """
    query_url = query_url or query_endpoint(store_url)
    if query_url:
        from kg.store.remote import RemoteStore

        remote = RemoteStore(query_url, graph=graph, timeout=timeout, user=user,
                             password=password, auth="digest" if "-auth" in query_url
                             else "basic", max_bytes=max_bytes, deadline=deadline)
        try:
            return len(remote)
        except EndpointError as error:
            raise EndpointError(f"{error}; the upload cannot be verified") from None
    client = _client(store_url, user, password, timeout=timeout, deadline=deadline,
                     max_bytes=max_bytes)
    request = urllib.request.Request(public_url(graph_store_url(store_url, graph)),
                                     headers={"Accept": "application/n-triples"})
    try:
        body = client.send(request)
    except EndpointError as error:
        raise type(error)(f"{error} (reading the graph back)") from None
    for fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):
        try:
            return sum(1 for _ in ox.parse(body, format=fmt))
        except SyntaxError:
            continue
    raise EndpointError(f"{client.label} did not return the graph as RDF (got "
                        f"{body[:40]!r}); the upload cannot be verified")


def push(ntriples: bytes, store_url: str, *, graph: str | None = None, replace: bool = True,
         chunk_size: int = 50_000, start_chunk: int = 0, timeout: float = 600.0,
         user: str | None = None, password: str | None = None, verify: bool = True,
         query_url: str | None = None, max_bytes: int = MAX_ANSWER_BYTES,
         progress: Callable[[int, int, int], None] | None = None) -> int:
    """Send N-Triples to ``store_url``; returns the number of triples sent.

    ``timeout`` bounds the whole upload and its check (seconds). With ``verify``, the
    graph is read back and must hold as many triples as were sent (at least as many when
    appending), counted on ``query_url`` (default: the known query endpoint beside
    ``store_url``). At most ``max_bytes`` of any answer are read.

    :raises EndpointError: naming the chunk to resume from.
    :raises EndpointURLError: if a URL is not http(s) with a host.
    """
    lines = [line for line in ntriples.splitlines() if line.strip()]
    chunks = chunk_ntriples(lines, chunk_size)
    if not 0 <= start_chunk <= max(len(chunks) - 1, 0):
        raise EndpointError(f"--start-chunk {start_chunk}: the upload has chunks 0 to "
                            f"{len(chunks) - 1}")
    if query_url:
        check_url(query_url, "the query URL")
    client = _client(store_url, user, password, timeout=timeout, deadline=None,
                     max_bytes=max_bytes)
    target = public_url(graph_store_url(store_url, graph))
    sent = sum(body.count(b"\n") for body in chunks[:start_chunk])
    for number in range(start_chunk, len(chunks)):
        method = "PUT" if replace and number == 0 else "POST"
        request = urllib.request.Request(target, data=chunks[number], method=method,
                                         headers={"Content-Type": "application/n-triples"})
        try:
            client.send(request)
        except EndpointError as error:
            raise type(error)(f"{error} (chunk {number}); resume with --start-chunk "
                              f"{number}") from None
        sent += chunks[number].count(b"\n")
        if progress:
            progress(number + 1, len(chunks), sent)
    if verify:
        held = count_graph(store_url, graph, user=user, password=password, timeout=timeout,
                           query_url=query_url, max_bytes=max_bytes, deadline=client.deadline)
        if held < sent or (replace and held != sent):
            raise EndpointError(f"{public_url(store_url)} holds {held} triples in the graph "
                                f"after the upload of {sent}: the upload did not arrive whole")
    return sent
