"""Sockets on a deadline: HTTP(S) handlers for urllib whose connections connect, send
and read each within the time a :class:`Clock` has left, in the caller's thread.

``http.client`` reads the status line, the headers and the body through the socket's
``makefile``; here that is a reader that sets the socket's timeout to the time left
before every read, so a server trickling one byte at a time still meets the deadline
(a plain socket timeout applies per read). The TLS handshake runs under the timeout
set at connect, which Python applies to the handshake as a whole.

Examples
--------
>>> import urllib.request
>>> class Soon:
...     def remaining(self):
...         return 1.0
>>> opener = urllib.request.OpenerDirector()
>>> opener.add_handler(TimedHTTPHandler(Soon()))
>>> try:
...     opener.open("http://127.0.0.1:1/")
... except OSError as error:
...     print(type(error).__name__)
URLError
"""

from __future__ import annotations

import functools
import http.client
import io
import urllib.request
from typing import Any, Protocol

__all__ = ["Clock", "TimedHTTPHandler", "TimedHTTPSHandler"]


class Clock(Protocol):
    """What gives the time left: :meth:`remaining` raises TimeoutError when none is."""

    def remaining(self) -> float: ...


class _TimedReader(io.RawIOBase):
    """A socket's reading side whose every read waits at most the time left."""

    def __init__(self, sock: Any, clock: Clock) -> None:
        self._sock, self._clock = sock, clock
        self._raw = sock.makefile("rb", buffering=0)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(self._clock.remaining())
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _TimedSocket:
    """A connected socket whose sends and reads wait at most the time left."""

    def __init__(self, sock: Any, clock: Clock) -> None:
        self._sock, self._clock = sock, clock

    def makefile(self, mode: str = "r", *args: Any, **kwargs: Any) -> io.BufferedReader:
        return io.BufferedReader(_TimedReader(self._sock, self._clock))

    def sendall(self, data: Any, *args: Any) -> None:
        self._sock.settimeout(self._clock.remaining())
        self._sock.sendall(data, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _Timed:
    """An HTTP connection that connects within the time left and then reads and sends
    through a :class:`_TimedSocket`."""

    timeout: float | None  # the connection's, as :class:`http.client.HTTPConnection` has them
    sock: Any

    def __init__(self, *args: Any, clock: Clock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clock = clock

    def connect(self) -> None:
        self.timeout = self._clock.remaining()
        super().connect()  # type: ignore[misc]
        self.sock = _TimedSocket(self.sock, self._clock)


class _TimedHTTP(_Timed, http.client.HTTPConnection):
    pass


class _TimedHTTPS(_Timed, http.client.HTTPSConnection):
    pass


class TimedHTTPHandler(urllib.request.HTTPHandler):
    """``http://`` on the clock's deadline."""

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self._clock = clock

    def do_open(self, http_class, req, **kwargs):  # noqa: ANN001, ANN201
        return super().do_open(functools.partial(_TimedHTTP, clock=self._clock), req,
                               **kwargs)


class TimedHTTPSHandler(urllib.request.HTTPSHandler):
    """``https://`` (certificates verified as by default) on the clock's deadline."""

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self._clock = clock

    def do_open(self, http_class, req, **kwargs):  # noqa: ANN001, ANN201
        return super().do_open(functools.partial(_TimedHTTPS, clock=self._clock), req,
                               **kwargs)
