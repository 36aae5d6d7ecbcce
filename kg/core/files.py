"""Writing files and folders so that nothing is half-written and nothing is lost.

* :func:`write_atomic`: a temporary file in the same folder, renamed into place.
* :func:`replace_folder`: a whole output folder built beside the old one and swapped in
  with one atomic exchange (``renameat2(RENAME_EXCHANGE)`` on Linux), under a lock, so a
  kill at any instant leaves the complete old set or the complete new one. A folder is
  replaced only if it is empty or carries the marker the project writes into it; the
  leftovers of an interrupted run are cleaned by the next.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
>>> write_atomic(out, b"hello")
>>> out.read_bytes()
b'hello'
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> with replace_folder(target, "test") as staging:
...     (staging / "a.txt").write_text("new")
3
>>> sorted(p.name for p in target.iterdir())
['.eucan-kg', 'a.txt']
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.core.errors import KGError

__all__ = ["write_atomic", "replace_folder", "is_project_folder", "check_replaceable",
           "MARKER", "proc_kib"]

#: The file the project writes into every folder it owns (out/, an on-disk store).
MARKER = ".eucan-kg"
_RENAME_EXCHANGE = 2


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_project_folder(folder: Path) -> bool:
    """Whether ``folder`` is one the project wrote (it holds :data:`MARKER`)."""
    return (folder / MARKER).is_file()


def check_replaceable(folder: Path, what: str) -> None:
    """Raise unless ``folder`` is absent, an empty folder, or one the project wrote.

    :raises KGError: naming the folder and why it is left alone.
    """
    if not folder.exists():
        return
    if not folder.is_dir():
        raise KGError(f"{folder}: is a file, not a folder; give another {what} folder")
    if any(folder.iterdir()) and not is_project_folder(folder):
        raise KGError(f"{folder}: not empty and not written by eucan-kg (no {MARKER} file); "
                      f"it is left alone; give an empty or new {what} folder")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where not available."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


def _clean_leftovers(target: Path) -> None:
    """Restore or remove what an interrupted run left beside ``target``."""
    for old in sorted(target.parent.glob(f".{target.name}.old-*")):
        if not target.exists() and is_project_folder(old):
            old.rename(target)  # killed between the two renames of the fallback swap
        else:
            shutil.rmtree(old, ignore_errors=True)
    for new in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(new, ignore_errors=True)


@contextmanager
def folder_lock(target: Path) -> Iterator[None]:
    """Hold the lock of ``target`` (a second writer stops with a clear line).

    :raises KGError: if the folder's parent cannot be made or written.
    """
    for parent in (target.parent, *target.parent.parents):
        if parent.exists() and not parent.is_dir():
            raise KGError(f"{target}: {parent} is a file, not a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise KGError(f"{target}: cannot create its parent folder: {error.strerror}") from None
    lock_path = target.parent / f".{target.name}.lock"
    if not os.access(target.parent, os.W_OK):
        raise KGError(f"{target}: the folder {target.parent} is not writable")
    try:
        lock = open(lock_path, "a")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise KGError(f"{target}: cannot write in {target.parent}: {error.strerror}") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KGError(f"{target}: another kg command is writing this folder "
                          f"(lock {lock_path}); wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def replace_folder(target: Path, what: str = "output") -> Iterator[Path]:
    """Yield an empty staging folder beside ``target``; when the block ends without an
    error, the staging folder (with :data:`MARKER` added) replaces ``target`` whole.

    :raises KGError: if ``target`` is a file, or a non-empty folder the project did not
        write, or another command holds its lock.
    """
    with folder_lock(target):
        _clean_leftovers(target)
        check_replaceable(target, what)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        try:
            yield staging
            (staging / MARKER).write_text(
                f"Written by eucan-kg: the {what} folder is replaced whole by the next run.\n",
                encoding="utf-8")
            os.chmod(staging, 0o755)
            if not target.exists():
                staging.rename(target)
            elif _exchange(staging, target):
                shutil.rmtree(staging)  # now holds the old set
            else:
                old = target.parent / f".{target.name}.old-{os.getpid()}"
                target.rename(old)
                staging.rename(target)
                shutil.rmtree(old)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def proc_kib(path: Path, field: str) -> int | None:
    """A ``Field:   123 kB`` line of a Linux ``/proc`` file (``/proc/meminfo``,
    ``/proc/PID/status``) in KiB; None when the file or the field is not there.

    >>> proc_kib(Path("/proc/self/status"), "VmHWM") > 0, proc_kib(Path("/nowhere"), "VmHWM")
    (True, None)
    """
    try:
        for line in path.read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None
