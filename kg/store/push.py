"""Upload the graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint, in chunks.

``replace`` sends the first chunk with PUT (replacing the graph) and the rest
with POST; ``append`` POSTs every chunk. A failed upload can be resumed from
the chunk it stopped at (``start_chunk``).

Examples
--------
>>> chunk_ntriples([b"<a> <b> <c> .", b"<d> <e> <f> ."], 1)[1]
b'<d> <e> <f> .\\n'
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from kg.core.errors import EndpointError

__all__ = ["push", "chunk_ntriples", "graph_store_url"]


def chunk_ntriples(lines: list[bytes], size: int) -> list[bytes]:
    """Group N-Triples lines into bodies of at most ``size`` triples."""
    return [b"\n".join(lines[i:i + size]) + b"\n" for i in range(0, len(lines), size)]


def graph_store_url(store_url: str, graph: str | None) -> str:
    """The URL of the target graph: ``?graph=IRI`` or ``?default``."""
    joiner = "&" if "?" in store_url else "?"
    if graph:
        return f"{store_url}{joiner}{urllib.parse.urlencode({'graph': graph})}"
    return f"{store_url}{joiner}default"


def push(ntriples: bytes, store_url: str, *, graph: str | None = None, replace: bool = True,
         chunk_size: int = 50_000, start_chunk: int = 0, timeout: float = 60.0,
         progress: Callable[[int, int, int], None] | None = None) -> int:
    """Send N-Triples to ``store_url``; returns the number of triples sent.

    :raises EndpointError: naming the chunk to resume from.
    """
    lines = [line for line in ntriples.splitlines() if line.strip()]
    chunks = chunk_ntriples(lines, chunk_size)
    target = graph_store_url(store_url, graph)
    sent = 0
    for number, body in enumerate(chunks):
        if number < start_chunk:
            continue
        method = "PUT" if replace and number == 0 else "POST"
        request = urllib.request.Request(target, data=body, method=method,
                                         headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            raise EndpointError(f"upload of chunk {number} to {store_url} failed: HTTP "
                                f"{error.code} {error.reason}; resume with --start-chunk "
                                f"{number}") from None
        except (urllib.error.URLError, OSError) as error:
            raise EndpointError(f"cannot reach {store_url} (chunk {number}): "
                                f"{getattr(error, 'reason', error)}; resume with "
                                f"--start-chunk {number}") from None
        sent += body.count(b"\n")
        if progress:
            progress(number + 1, len(chunks), sent)
    return sent
