"""What stands between a visitor and the site: only the site's own host names, no
cross-site writes, bounded bodies, bounded memory for kept answers, and one line for
every error (never a stack trace, on the page or in the log).

Each piece is a small ASGI middleware or class; :func:`kg.serve.app.create_app` puts
them together. The host check is Starlette's own ``TrustedHostMiddleware``: a page on
another site that rebinds its name to 127.0.0.1 (DNS rebinding) sends its own name as
``Host`` and is refused.

Examples
--------
>>> cache = AnswerCache(max_bytes=10_000)
>>> for path in ("/a", "/b", "/c"):
...     cache.put((path, ""), 200, {}, path.encode() * 2000)
>>> cache.get(("/a", "")) is None, cache.get(("/c", ""))[2][:4], cache.size <= 10_000
(True, b'/c/c', True)
>>> allowed_hosts("127.0.0.1", ["kg.example.org"])
['127.0.0.1', 'localhost', '[::1]', '::1', 'kg.example.org']
"""

from __future__ import annotations

import logging
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

__all__ = ["AnswerCache", "SameOriginWrites", "BodyLimit", "OneLineErrors", "allowed_hosts",
           "plain", "LOG"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The site's log: one line per refused or failed request (uvicorn prints warnings).
LOG = logging.getLogger("kg.serve")
_LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")
_SECURITY = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> list[str]:
    """The ``Host`` names the site answers to: the loopback names, the address it is
    bound to (unless that is every interface) and the names the user adds."""
    names = list(_LOOPBACK)
    if bound not in ("0.0.0.0", "::", "") and bound not in names:
        names.append(bound)
    names += [name for name in extra if name not in names]
    return names


async def plain(send: Send, status: int, text: str) -> None:
    """Answer with ``status`` and one line of text."""
    body = f"{status} {text}\n".encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()), *_SECURITY]})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


class SameOriginWrites:
    """Refuses a POST (or any method but GET and HEAD) that a page on another site
    sends: one whose ``Origin`` names another host, or that the browser marks
    ``Sec-Fetch-Site: cross-site``. Tools that send no ``Origin`` (curl, SPARQLWrapper)
    are unaffected."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app, self.hosts = app, set(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            origin = _header(scope, b"origin")
            host = urllib.parse.urlsplit(origin).hostname if origin else None
            if (origin and (origin == "null" or host not in self.hosts)) or \
                    _header(scope, b"sec-fetch-site") == "cross-site":
                LOG.warning("refused a cross-site %s to %s from %s", scope["method"],
                            scope["path"], origin or "another site")
                await plain(send, 403, "Forbidden: cross-site requests may not post here.")
                return
        await self.app(scope, receive, send)


class _TooLarge(Exception):
    """A request body grew past the limit while it was read."""


class BodyLimit:
    """Refuses request bodies larger than ``max_bytes`` (413), by ``Content-Length`` at
    once, or while a body without one is read."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"Content Too Large: requests may carry at most {self.max_bytes:,} bytes."
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await plain(send, 413, too_large)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await plain(send, 413, too_large)


class OneLineErrors:
    """Turns any error a handler did not expect into a one-line 500 page and one line in
    the log (``kg.serve``), instead of a stack trace in both."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as error:
            if scope["type"] != "http":
                raise
            LOG.error("%s %s failed: %s: %s", scope.get("method"), scope.get("path"),
                      type(error).__name__, " ".join(str(error).split())[:300])
            if not started:
                await plain(send, 500, "Internal Server Error: the site could not answer "
                                       "this request.")


class AnswerCache:
    """The answers to GET requests, kept until ``max_bytes`` of them are held (the
    least recently used go first), so that no series of distinct addresses can grow
    the server without bound. Safe to use from several threads."""

    def __init__(self, max_bytes: int = 64 << 20) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self._answers: OrderedDict[tuple[str, ...], tuple[int, dict[str, str], bytes]] = \
            OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> tuple[int, dict[str, str], bytes] | None:
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def put(self, key: tuple[str, ...], status: int, headers: dict[str, str],
            body: bytes) -> None:
        cost = _cost(key, headers, body)
        if cost > self.max_bytes // 2:
            return  # one answer may not take most of the cache
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self.size -= _cost(key, old[1], old[2])
            self._answers[key] = (status, headers, body)
            self.size += cost
            while self.size > self.max_bytes:
                oldest, (_, old_headers, old_body) = self._answers.popitem(last=False)
                self.size -= _cost(oldest, old_headers, old_body)

    def __len__(self) -> int:
        return len(self._answers)


def _cost(key: tuple[str, ...], headers: dict[str, str], body: bytes) -> int:
    """About the bytes an answer holds in memory (its body, key and headers)."""
    return len(body) + sum(map(len, key)) + sum(len(k) + len(v) for k, v in headers.items()) \
        + 200
