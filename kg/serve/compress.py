"""Answers sent compressed (gzip) to browsers and tools that accept it: the pages, scripts,
JSON, SPARQL results and RDF syntaxes are text and shrink four to ten times; what is
already compressed or binary goes as it is.

Starlette's ``GZipMiddleware`` does the work. It compresses a streamed body chunk by chunk
(each flushed as it comes), so an answer that streams still streams; the answer cache
(:func:`kg.serve.handlers.cached`) sits inside it and keeps bodies uncompressed, so one
kept answer serves clients that accept gzip and clients that do not.

Examples
--------
>>> from starlette.testclient import TestClient
>>> from kg.serve.app import create_app
>>> from kg.store.open import build_graph
>>> app = create_app(build_graph())
>>> with TestClient(app, base_url="http://127.0.0.1") as client:
...     page = client.get("/", headers={"Accept-Encoding": "gzip"})
...     plain = client.get("/", headers={"Accept-Encoding": "identity"})
>>> page.headers["content-encoding"], "vary" in page.headers, page.text == plain.text
('gzip', True, True)
>>> "content-encoding" in plain.headers
False
>>> app.state.kg.sandbox.close()
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

__all__ = ["compression", "NOT_COMPRESSED", "MINIMUM_SIZE"]

#: Media types sent as they are: already compressed, or binary.
NOT_COMPRESSED = (*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/octet-stream", "image/*",
                  "application/x-bzip2", "application/x-xz", "application/zstd")
#: Bodies shorter than this go uncompressed (gzip's header would eat the gain).
MINIMUM_SIZE = 1024


def compression() -> Middleware:
    """The middleware that compresses the site's text answers (level 6: most of level 9's
    gain for a fraction of its time)."""
    return Middleware(GZipMiddleware, minimum_size=MINIMUM_SIZE, compresslevel=6,
                      exclude_content_types=NOT_COMPRESSED)
