"""Queries written by strangers, run where they can do no harm: in a child process,
bounded in time, memory and size, with no way to reach another host.

Oxigraph cannot stop a query once it runs, so the site's SPARQL endpoint does not run
visitors' queries itself. :class:`QuerySandbox` forks a *zygote* when it starts (before
the server has threads): a process that shares the graph's memory with the server
(copy-on-write) and does nothing but fork one child per query. Each child

- runs at a lower priority than the server, so pages stay quick while it works;
- has no network (a network namespace of its own where the system allows it) and,
  for a graph in memory, no free file descriptor either: ``SERVICE`` cannot reach any
  host even if the text check (:func:`kg.core.sparql.service_targets`) missed it;
- may add at most :attr:`Limits.memory` bytes of address space and use at most
  :attr:`Limits.timeout` seconds of processor time (the kernel stops it beyond);
- writes at most :attr:`Limits.rows` rows or triples and :attr:`Limits.bytes` bytes.

The server kills the child at the wall-clock deadline, or at once when the visitor
goes away (:meth:`Job.cancel`). At most :attr:`Limits.concurrent` queries run at once;
others wait for a slot until their deadline. Linux only (``fork``, ``/proc``).

Examples
--------
>>> from kg.store.open import build_graph
>>> sandbox = QuerySandbox(build_graph(), Limits(timeout=5))
>>> body, media = sandbox.answer("ASK { ?s a eucan:GlobalInnovationCluster }",
...                              "application/sparql-results+json")
>>> body, media
(b'{"head":{},"boolean":true}', 'application/sparql-results+json')
>>> sandbox.close()
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import signal
import socket
import stat
import struct
import threading
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from kg.core.errors import QueryError, QueryLimitError
from kg.core.files import proc_kib
from kg.store.limits import Limits

if TYPE_CHECKING:
    from kg.core.protocols import EmbeddedStore as Store

__all__ = ["QuerySandbox", "Limits", "Job"]

_PR_SET_PDEATHSIG = 1
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000
_PID = struct.Struct("!I")
_SELF_STATUS = Path("/proc/self/status")


class Job:
    """One query running in a child process."""

    def __init__(self, sock: socket.socket, pid: int, deadline: float) -> None:
        self.sock, self.pid, self.deadline = sock, pid, deadline
        self.cancelled = False

    def cancel(self) -> None:
        """Stop the query now (the visitor went away, or the server stops)."""
        self.cancelled = True
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.pid, signal.SIGKILL)


class QuerySandbox:
    """Runs read queries on ``store`` (an Oxigraph :class:`~kg.store.embedded.Store`) in
    child processes bounded by ``limits``. Make it before starting threads: it forks.

    :raises QueryError: if the store is not on the Oxigraph engine.
    """

    def __init__(self, store: Store, limits: Limits | None = None) -> None:
        if getattr(store, "engine", "oxigraph") != "oxigraph" or not hasattr(
                store, "query_serialized"):
            raise QueryError("queries are sandboxed on the embedded Oxigraph engine only")
        self.limits = limits or Limits()
        self._slots = threading.BoundedSemaphore(self.limits.concurrent)
        self._lock = threading.Lock()
        self._control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        in_memory = getattr(store, "path", None) is None
        pid = os.fork()
        if pid == 0:  # the zygote: never returns
            self._control.close()
            _zygote(store, theirs, self.limits, in_memory)
        theirs.close()
        self.zygote = pid
        self._finalizer = weakref.finalize(self, _stop, pid, self._control)

    def close(self) -> None:
        """Stop the zygote and with it every running query."""
        self._finalizer()

    def start(self, text: str, media: str) -> Job:
        """Start ``text`` (a read query, checked by the caller) for an answer in ``media``.

        :raises QueryLimitError: if every slot stays busy until the deadline.
        :raises QueryError: if the sandbox has stopped.
        """
        deadline = time.monotonic() + self.limits.timeout
        if not self._slots.acquire(timeout=self.limits.timeout):
            raise QueryLimitError(f"the server is busy ({self.limits.concurrent} queries "
                                  "running); try again in a moment")
        try:
            mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            request = json.dumps({"text": text, "media": media}).encode("utf-8")
            try:
                with self._lock:
                    socket.send_fds(self._control, [request], [theirs.fileno()])
            except OSError:
                mine.close()
                raise QueryError("the query service has stopped; restart kg serve") from None
            finally:
                theirs.close()
            mine.settimeout(max(deadline - time.monotonic(), 0.01))
            pid = _PID.unpack(_read_exactly(mine, _PID.size))[0]
        except BaseException:
            self._slots.release()
            raise
        return Job(mine, pid, deadline)

    def finish(self, job: Job) -> tuple[bytes, str]:
        """The answer of ``job`` (its bytes and media type), waiting at most until its
        deadline; the child is killed when it runs past any limit.

        :raises QueryLimitError: when the query ran past a limit or was cancelled.
        :raises QueryError: when the query failed (its one-line reason).
        """
        started = job.deadline - self.limits.timeout
        try:
            frame = self._receive(job)
        finally:
            job.cancel()
            job.sock.close()
            self._slots.release()
        return _decode(frame, self.limits, time.monotonic() - started)

    def _receive(self, job: Job) -> bytes:
        chunks, size = [], 0
        try:
            while chunk := _read_before(job):
                size += len(chunk)
                if size > self.limits.bytes + 4096:
                    raise QueryLimitError(f"the answer is larger than "
                                          f"{self.limits.bytes >> 20} MiB (the site's limit); "
                                          "ask for less")
                chunks.append(chunk)
        except TimeoutError:
            raise QueryLimitError(f"the query ran longer than {self.limits.timeout:g} s "
                                  "(the site's limit); ask for less or add a LIMIT") from None
        if job.cancelled:
            raise QueryLimitError("the query was stopped: the visitor went away")
        return b"".join(chunks)

    def answer(self, text: str, media: str) -> tuple[bytes, str]:
        """:meth:`start` then :meth:`finish`: the answer of ``text`` in ``media``."""
        return self.finish(self.start(text, media))


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise QueryError("the query service has stopped; restart kg serve")
        data += chunk
    return data


def _read_before(job: Job) -> bytes:
    remaining = job.deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    job.sock.settimeout(remaining)
    try:
        return job.sock.recv(1 << 20)
    except TimeoutError:
        raise
    except OSError:  # the child was killed while its answer was on its way
        if job.cancelled:
            return b""
        raise


def _decode(frame: bytes, limits: Limits, elapsed: float) -> tuple[bytes, str]:
    """The child's frame: ``K``, the media type's length (2 bytes), the media type, the
    body's length (8 bytes) and the body; or ``E`` and a message."""
    if frame[:1] == b"K" and len(frame) >= 11:
        size = int.from_bytes(frame[1:3], "big")
        media, length = frame[3:3 + size], frame[3 + size:11 + size]
        body = frame[11 + size:]
        if len(length) == 8 and int.from_bytes(length, "big") == len(body):
            return body, media.decode("ascii")
    if frame[:1] == b"E":
        message = frame[1:].decode("utf-8", "replace")
        if message.startswith("limit:"):
            raise QueryLimitError(message.removeprefix("limit:"))
        raise QueryError(message)
    raise QueryLimitError(f"the query was stopped after {elapsed:.1f} s: it needed more than "
                          f"the site allows ({limits.describe()})")


# -- the zygote and its children (run after fork; never return) ---------------------------

def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _close_inherited(keep: int) -> None:
    """Close every socket and pipe but ``keep``: the server's listening socket, its
    clients', and the pipes of any other process the server talks to (which would wait
    for their end-of-file forever). Files stay open: an on-disk store reads them."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2 and fd != keep:
            with contextlib.suppress(OSError):
                mode = os.fstat(fd).st_mode
                if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode):
                    os.close(fd)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def _zygote(store: Store, control: socket.socket, limits: Limits, in_memory: bool) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
        _die_with_parent()
        _close_inherited(control.fileno())
        while True:
            message, fds, _, _ = socket.recv_fds(control, 1 << 22, 1)
            if not message or not fds:
                break
            if os.fork() == 0:
                control.close()
                _child(store, fds[0], message, limits, in_memory)
            os.close(fds[0])
    except BaseException:
        code = 1
    os._exit(code)


def _isolate(out: int, limits: Limits, in_memory: bool) -> int:
    """Cut the child off from the network and bound what it may use; returns the
    descriptor of its answer."""
    _die_with_parent()
    os.nice(10)
    if not limits.network:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).unshare(_CLONE_NEWUSER | _CLONE_NEWNET)
        if in_memory:  # nothing to open: no descriptor left for a file or a socket
            os.dup2(out, 3)
            out = 3
            os.closerange(4, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
            resource.setrlimit(resource.RLIMIT_NOFILE, (4, 4))
    used = (proc_kib(_SELF_STATUS, "VmSize") or 0) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (used + limits.memory, used + limits.memory))
    cpu = int(limits.timeout) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    return out



def _child(store: Store, out: int, message: bytes, limits: Limits, in_memory: bool) -> None:
    os.write(out, _PID.pack(os.getpid()))
    try:
        out = _isolate(out, limits, in_memory)
        request = json.loads(message)
        body, media = store.query_serialized(request["text"], request["media"],
                                             max_rows=limits.rows, max_bytes=limits.bytes)
        frame = b"".join((b"K", len(media).to_bytes(2, "big"), media.encode("ascii"),
                          len(body).to_bytes(8, "big"), body))
    except QueryLimitError as error:
        frame = b"Elimit:" + str(error).encode("utf-8")
    except QueryError as error:
        frame = b"E" + str(error).encode("utf-8")
    except MemoryError:
        frame = (f"Elimit:the query needed more than {limits.memory >> 20} MiB of memory "
                 "(the site's limit)").encode()
    except BaseException as error:  # a one-line reason, never a traceback
        frame = b"E" + " ".join(f"{type(error).__name__}: {error}".split())[:500].encode()
    with contextlib.suppress(OSError):
        view = memoryview(frame)
        while view:
            view = view[os.write(out, view):]
    os._exit(0)


def _stop(pid: int, control: socket.socket) -> None:
    control.close()
    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
