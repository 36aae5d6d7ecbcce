"""URLs of remote endpoints: which are taken (:func:`check_url`), where credentials
belong (:func:`origin`), and how they are shown without credentials (:func:`public_url`).

Examples
--------
>>> check_url("http://127.0.0.1:7878/query")
'http://127.0.0.1:7878/query'
>>> try:
...     check_url("file:///etc/passwd", "--endpoint")
... except EndpointURLError as error:
...     print(error)
--endpoint 'file:///etc/passwd' is not an http:// or https:// URL with a host
>>> origin("HTTP://Example.org/sparql") == origin("http://example.org:80/other")
True
>>> origin("https://example.org:8443/") == origin("http://example.org:8443/")
False
>>> public_url("http://ann:secret@example.org:8890/sparql")
'http://example.org:8890/sparql'
"""

from __future__ import annotations

import re
import urllib.parse

from kg.core.errors import EndpointError, EndpointURLError

#: The graph IRI the project suggests for servers that keep data in named graphs.
DEFAULT_GRAPH = "https://w3id.org/eucan/graph"
#: Bytes read from one answer at most, unless told otherwise (``--max-bytes``).
MAX_ANSWER_BYTES = 256 * 2**20

__all__ = ["check_url", "check_user", "origin", "public_url", "shown", "credentials",
           "server_message", "byte_size"]

_SCHEMES = {"http": 80, "https": 443}


def shown(url: str) -> str:
    """``url`` quoted for a message, without credentials (even when it does not parse).

    >>> shown("ftp://ann:pw@host/x")
    "'ftp://host/x'"
    """
    return repr(re.sub(r"//[^/?#]*@", "//", url)[:200])


def check_url(url: str, what: str = "the endpoint URL") -> str:
    """``url`` itself if it is an http(s) URL with a host that urllib can send to
    (ASCII: other characters percent-encoded, hosts in punycode).

    :raises EndpointURLError: naming ``what`` and the URL (its credentials left out).
    """
    try:
        parts = urllib.parse.urlsplit(url)
        fine = (parts.scheme.lower() in _SCHEMES and bool(parts.hostname)
                and (parts.port or 1) > 0 and url.isascii()
                and not re.search(r"[\x00-\x20\x7f]", url))
    except ValueError:  # a bad port or IPv6 address
        fine = False
    if not fine:
        raise EndpointURLError(f"{what} {shown(url)} is not an http:// or https:// URL "
                               "with a host".lstrip())
    return url


def check_user(user: str) -> str:
    """``user`` if it can be sent as an HTTP user name (Basic and Digest).

    :raises EndpointError: if it is empty or holds ``:``, ``"`` or a control character.
    """
    if not user or re.search(r'[:"\x00-\x1f\x7f]', user):
        raise EndpointError(f"the user name {user!r} is empty or holds ':', '\"' or a "
                            "control character")
    return user


def byte_size(count: int) -> str:
    """``count`` bytes for a message.

    >>> byte_size(256 * 2**20), byte_size(1500)
    ('256 MiB', '1500 bytes')
    """
    for unit, power in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if count >= 2**power and count % 2**power == 0:
            return f"{count >> power} {unit}"
    return f"{count} bytes"


def origin(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of ``url``: where credentials belong."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, parts.hostname or "", parts.port or _SCHEMES.get(scheme, 0)


def public_url(url: str) -> str:
    """``url`` without user name and password (safe to print).

    >>> public_url("http://ann:pw@[::1]:8890/sparql")
    'http://[::1]:8890/sparql'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
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
