"""Run the site with uvicorn on the loopback interface until a stop signal.

SIGINT (Ctrl-C), SIGTERM and SIGHUP all stop the server gracefully: open requests
finish, the socket closes, :func:`serve` returns.

Examples
--------
>>> import socket
>>> listening_socket("127.0.0.1", 0).getsockname()[0]
'127.0.0.1'
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["serve", "site_server", "listening_socket", "STOP_SIGNALS"]

#: The signals that stop the server.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening socket (port 0: any free port), so the address is known and
    clients can connect before the server has started."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: a response written in two parts (head, body)
    # is not held back for the client's delayed ACK (40 ms per keep-alive request).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)  # clients queue from now on, while the server starts
    sock.set_inheritable(True)
    return sock


def site_server(app: Any, **options: Any) -> Any:
    """A uvicorn server for ``app`` that stops on any of :data:`STOP_SIGNALS` when run in
    the main thread (in another thread: set ``should_exit``)."""
    import threading

    import uvicorn

    class SiteServer(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in STOP_SIGNALS}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=1, **options)
    return SiteServer(config)


def serve(app: Any, sock: socket.socket, ready: Callable[[], None] | None = None) -> None:
    """Serve ``app`` on ``sock`` until one of :data:`STOP_SIGNALS` arrives. The stop
    signals are caught before ``ready()`` runs (it announces the address), so a signal
    that comes at once still stops the server cleanly."""
    server = site_server(app)
    previous = {sig: signal.signal(sig, server.handle_exit) for sig in STOP_SIGNALS}
    try:
        if ready is not None:
            ready()
        server.run(sockets=[sock])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
