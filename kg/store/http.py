"""HTTP for the remote clients (:mod:`kg.store.remote`, :mod:`kg.store.push`): every
request goes through one :class:`Client`, with its own opener (the global
``urllib.request`` opener is never used nor installed).

* Only ``http`` and ``https`` URLs with a host (:func:`kg.store.urls.check_url`), at
  every redirect.
* Credentials go only to the origin (scheme, host, port) of a URL the caller sends to: a
  redirect to another origin drops ``Authorization`` and ``Cookie``, and the password
  answers a 401 challenge from those origins only. At most :data:`MAX_REDIRECTS`
  redirects; 307/308 re-send the body, 303 turns into a GET, and a 301/302 that would
  drop a body is refused.
* ``timeout`` is a deadline for the whole operation: connecting, sending and every read
  wait at most the time left, in the caller's thread (nothing reads on afterwards).
* At most ``max_bytes`` of an answer are read (:data:`MAX_ANSWER_BYTES` by default).

Examples
--------
>>> client = Client("the endpoint http://127.0.0.1:1/", timeout=2)
>>> try:
...     client.send(urllib.request.Request("http://127.0.0.1:1/"))
... except EndpointError as error:
...     print(str(error).split(":")[0])
cannot reach the endpoint http
>>> client.remaining() <= 2
True
"""

from __future__ import annotations

import base64
import http.client
import io
import math
import string
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from kg.core.errors import AnswerTooLargeError, EndpointError, EndpointURLError
from kg.store.deadline import TimedHTTPHandler, TimedHTTPSHandler
from kg.store.urls import (
    MAX_ANSWER_BYTES,
    byte_size,
    check_url,
    check_user,
    origin,
    public_url,
    server_message,
    shown,
)

__all__ = ["Client", "MAX_ANSWER_BYTES", "MAX_REDIRECTS"]

#: Redirects followed for one request at most.
MAX_REDIRECTS = 5
_PRIVATE = ("authorization", "cookie")
_BLOCK = 2**16
_ERROR_TEXT = 2**16  # bytes of an error answer read for its first line
_LONGEST_WAIT = 10**6  # seconds; a socket timeout must fit the C timeval


class Client:
    """One operation against an endpoint: its requests share one deadline, one cap on
    answer bytes and the credentials.

    :param label: how messages name the endpoint, e.g. ``"the SPARQL endpoint URL"``.
    :param timeout: seconds for the whole operation (the deadline is now + timeout,
        unless ``deadline``, a :func:`time.monotonic` time, is given).
    :param auth: ``"basic"`` (sent with every request to a trusted origin), ``"digest"``,
        or ``"any"`` (either, when the server asks).
    :raises EndpointError: if ``timeout`` or ``max_bytes`` is not positive, or ``user``
        cannot be sent.
    """

    def __init__(self, label: str, *, timeout: float, deadline: float | None = None,
                 max_bytes: int = MAX_ANSWER_BYTES, user: str | None = None,
                 password: str | None = None, auth: str = "any") -> None:
        if not (isinstance(timeout, int | float) and math.isfinite(timeout) and timeout > 0):
            raise EndpointError(f"the timeout {timeout!r} is not a positive number of seconds")
        if auth not in ("basic", "digest", "any"):
            raise EndpointError(f"unknown authentication {auth!r}; expected basic, digest "
                                "or any")
        if not (isinstance(max_bytes, int) and max_bytes > 0):
            raise EndpointError(f"the answer size cap {max_bytes!r} is not a positive "
                                "whole number of bytes")
        self.label, self.timeout, self.max_bytes = label, timeout, max_bytes
        self.deadline = time.monotonic() + timeout if deadline is None else deadline
        self._trusted: set[tuple[str, str, int]] = set()
        self._basic = None
        handlers: list[urllib.request.BaseHandler] = [
            urllib.request.ProxyHandler(), TimedHTTPHandler(self), TimedHTTPSHandler(self),
            _Redirects(self), urllib.request.HTTPDefaultErrorHandler(),
            urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()]
        if user:
            check_user(user)
            passwords = _Passwords(user, password or "", self._trusted)
            if auth in ("basic", "any"):
                handlers.append(urllib.request.HTTPBasicAuthHandler(passwords))
            if auth in ("digest", "any"):
                handlers.append(_Digest(passwords))
            if auth == "basic":
                token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
                self._basic = f"Basic {token}"
        self._opener = urllib.request.OpenerDirector()
        for handler in handlers:
            self._opener.add_handler(handler)

    def remaining(self) -> float:
        """Seconds left before the deadline.

        :raises TimeoutError: if none are left.
        """
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the deadline has passed")
        return min(left, _LONGEST_WAIT)

    def send(self, request: urllib.request.Request) -> bytes:
        """The body of the 2xx answer to ``request``; its URL's origin is trusted with
        the credentials.

        :raises EndpointError: naming the endpoint: unreachable, HTTP status and the
            server's first line, past the deadline, broken off, or too long
            (:class:`~kg.core.errors.AnswerTooLargeError`).
        """
        check_url(request.full_url, self.label)
        self._trusted.add(origin(request.full_url))
        if self._basic:
            request.add_header("Authorization", self._basic)
        started = time.monotonic()
        try:
            with self._opener.open(request, timeout=self.remaining()) as response:
                return self._read(response)
        except EndpointError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as error:
            # ValueError: what http.client cannot send (a bad port, an IDNA host, a header)
            raise self._explain(error, time.monotonic() - started) from None

    def _read(self, response: Any) -> bytes:
        """The whole body, at most ``max_bytes`` (each read waits at most the time left)."""
        limit = self.max_bytes
        if response.length is not None and response.length > limit:
            raise self._too_large(f"announced {response.length} bytes, ")
        buffer = io.BytesIO()
        while block := response.read(min(_BLOCK, limit + 1 - buffer.tell())):
            buffer.write(block)
            if buffer.tell() > limit:
                raise self._too_large("")
        if response.length:  # the server closed before the announced length
            raise http.client.IncompleteRead(b"", response.length)
        return buffer.getvalue()

    def _too_large(self, announced: str) -> AnswerTooLargeError:
        return AnswerTooLargeError(f"{self.label} answered more than {byte_size(self.max_bytes)}"
                                   f" ({announced}--max-bytes {self.max_bytes})")

    def _explain(self, error: BaseException, elapsed: float) -> EndpointError:
        """The one-line error for what urllib or http.client raised."""
        if isinstance(error, urllib.error.HTTPError):
            text = server_message(_start_of(error)) or error.reason
            return EndpointError(f"{self.label} answered HTTP {error.code}: {text}")
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, TimeoutError):
            return EndpointError(f"{self.label} did not answer within {self.timeout:g} s "
                                 "(--timeout)")
        if isinstance(reason, http.client.HTTPException) and not isinstance(reason, OSError):
            return EndpointError(f"{self.label} broke off its answer: "
                                 f"{type(reason).__name__} after {elapsed:.1f} s")
        return EndpointError(f"cannot reach {self.label}: {reason}")


def _start_of(error: urllib.error.HTTPError) -> bytes:
    """The first bytes of an error answer (what arrives before the deadline)."""
    chunks: list[bytes] = []
    try:
        while sum(map(len, chunks)) < _ERROR_TEXT and (block := error.read(_BLOCK)):
            chunks.append(block)
    except (OSError, http.client.HTTPException, AttributeError, ValueError):
        pass  # no body (fp None), closed, or past the deadline: what came is enough
    finally:
        error.close()
    return b"".join(chunks)


class _Passwords(urllib.request.HTTPPasswordMgr):
    """The user and password, for the trusted origins only (whatever the realm)."""

    def __init__(self, user: str, password: str, trusted: set[tuple[str, str, int]]) -> None:
        super().__init__()
        self._pair, self._trusted = (user, password), trusted

    def find_user_password(self, realm: str | None, authuri: str) -> tuple[Any, Any]:
        return self._pair if origin(authuri) in self._trusted else (None, None)


class _Digest(urllib.request.HTTPDigestAuthHandler):
    """Digest answers; a challenge urllib cannot answer (another scheme or algorithm)
    leaves the 401 standing instead of raising ValueError."""

    def http_error_auth_reqed(self, auth_header, host, req, headers):  # noqa: ANN001, ANN201
        try:
            return super().http_error_auth_reqed(auth_header, host, req, headers)
        except ValueError:
            return None


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects to http(s) URLs only, at most :data:`MAX_REDIRECTS`, credentials kept
    within their origin; the redirect's own body is never read."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def http_error_302(self, req, fp, code, msg, headers):  # noqa: ANN001, ANN201
        location = headers.get("location") or headers.get("uri")
        if not location:
            return None  # the 3xx stands as an HTTP error
        fp.close()
        label = self._client.label
        target = urllib.parse.urljoin(req.full_url, urllib.parse.quote(
            location, encoding="iso-8859-1", safe=string.punctuation))
        try:
            check_url(target)
        except EndpointURLError:
            raise EndpointURLError(f"{label} redirected to {shown(target)}: only http:// "
                                   "and https:// URLs with a host are followed") from None
        hops = getattr(req, "hops", 0) + 1
        if hops > MAX_REDIRECTS:
            raise EndpointError(f"{label} redirected more than {MAX_REDIRECTS} times "
                                f"(the last time to {public_url(target)})")
        new = _follow(req, code, public_url(target), label)
        new.hops = hops
        return self.parent.open(new, timeout=req.timeout)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _follow(req: urllib.request.Request, code: int, url: str,
            label: str) -> urllib.request.Request:
    """The request a redirect leads to: 307/308 keep method and body, 303 (and a
    301/302 of a request without body) is a GET; credentials stay within their origin."""
    method, headers = req.get_method(), dict(req.headers)
    if code in (307, 308):
        new = urllib.request.Request(url, data=req.data, headers=headers, method=method,
                                     origin_req_host=req.origin_req_host, unverifiable=True)
    elif code == 303 or req.data is None:
        headers = {k: v for k, v in headers.items()
                   if k.lower() not in ("content-length", "content-type")}
        new = urllib.request.Request(url, headers=headers,
                                     method="HEAD" if method == "HEAD" else "GET",
                                     origin_req_host=req.origin_req_host, unverifiable=True)
    else:
        raise EndpointError(f"{label} answered HTTP {code}, moving the {method} to "
                            f"{public_url(url)}, which would drop its body: give that URL")
    if origin(url) != origin(req.full_url):
        for name in [n for n in new.headers if n.lower() in _PRIVATE]:
            del new.headers[name]
    return new
