"""Writing files and folders so that nothing is half-written and nothing is lost.

* :func:`write_atomic`: a temporary file in the same folder, renamed into place.
* :func:`replace_folder`: a whole output folder built beside the old one and swapped in
  with one atomic exchange (``renameat2(RENAME_EXCHANGE)`` on Linux), under a lock, so a
  kill at any instant leaves the complete old set or the complete new one. A folder is
  replaced only if it is empty or carries the marker the project writes into it, and
  not while a process reads it (:func:`share_folder`, :func:`no_readers`); the
  leftovers of an interrupted run are cleaned by the next.

An error while writing names the file (a full disk is reported by ``write`` with no
name): ``out/eucan.nt: No space left on device``, never a temporary name.

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
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.core.errors import KGError

__all__ = ["write_atomic", "replace_folder", "is_project_folder", "check_replaceable",
           "check_writable_file", "named", "share_folder", "no_readers", "MARKER",
           "READERS_LOCK", "proc_kib"]

#: The file the project writes into every folder it owns (out/, an on-disk store).
MARKER = ".eucan-kg"
#: The lock file of a folder that processes read while it must not be replaced (an
#: on-disk store served by ``kg serve --on-disk``): held shared by each reader
#: (:func:`share_folder`), exclusively by :func:`replace_folder`.
READERS_LOCK = ".eucan-readers.lock"
_RENAME_EXCHANGE = 2


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    :raises KGError: if ``path`` is a folder, a device, a pipe or a socket (never replaced).
    :raises OSError: if the file cannot be written (a full disk...), naming ``path``.
    """
    check_writable_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:  # named after the temporary file it could not make
        raise named(error, path, str(error.filename)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise named(error, path, tmp) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def named(error: OSError, path: Path, *temporary: str) -> OSError:
    """``error`` naming ``path`` when it names no file or only a temporary one of
    ``temporary`` (a full disk is reported by ``write`` with no file name).

    >>> named(OSError(28, "No space left on device"), Path("out/eucan.nt")).filename
    'out/eucan.nt'
    """
    if error.errno is None or (error.filename is not None
                               and str(error.filename) not in temporary):
        return error
    return OSError(error.errno, error.strerror, str(path))


def check_writable_file(path: Path) -> None:
    """Raise unless ``path`` is absent, a regular file or a link (an atomic write replaces
    it; a folder, a device such as ``/dev/null``, a pipe or a socket is never replaced).

    >>> check_writable_file(Path("/dev/null"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.core.errors.KGError: /dev/null: not a regular file (a device, a pipe or a socket); ...
    """
    if path.is_dir():
        raise KGError(f"{path}: is a folder; give the path of a file to write")
    try:
        mode = path.lstat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise KGError(f"{path}: not a regular file (a device, a pipe or a socket); give the "
                      "path of a file to write")


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


def share_folder(folder: Path) -> BinaryIO | None:
    """Hold ``folder``'s :data:`READERS_LOCK` shared (made if missing): until the handle
    returned is closed, :func:`replace_folder` refuses to replace the folder. None where the
    lock file cannot be opened or made (a read-only folder: nothing replaces it either).

    :raises KGError: if a command is replacing the folder now.
    """
    try:
        handle = os.fdopen(os.open(folder / READERS_LOCK, os.O_RDONLY | os.O_CREAT, 0o644), "rb")
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise KGError(f"{folder}: another kg command is replacing this folder (kg build "
                      "--store); wait for it to finish") from None
    return handle


@contextmanager
def no_readers(target: Path) -> Iterator[None]:
    """Hold ``target``'s :data:`READERS_LOCK` exclusively, where the folder has one: no
    process holds it shared (:func:`share_folder`) while the block runs.

    :raises KGError: if a process reads the folder (``kg serve --on-disk``).
    """
    try:
        handle = open(target / READERS_LOCK, "rb")  # noqa: SIM115 (closed below)
    except OSError:  # no lock file (nobody ever locked it shared), or not a file
        handle = None
    if handle is None:
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KGError(f"{target} is being served by another process (kg serve --on-disk) "
                          "or read by another kg command; stop it first") from None
        yield


def _in_target(error: OSError, staging: Path, target: Path) -> OSError:
    """``error``, naming the file of ``target`` that was being written in ``staging``."""
    name = Path(os.fsdecode(error.filename)) if error.filename is not None else None
    if error.errno is None or name is None or not (name == staging or staging in name.parents):
        return error
    return OSError(error.errno, error.strerror, str(target / name.relative_to(staging)))


@contextmanager
def replace_folder(target: Path, what: str = "output") -> Iterator[Path]:
    """Yield an empty staging folder beside ``target``; when the block ends without an
    error, the staging folder (with :data:`MARKER` added) replaces ``target`` whole. A
    file-system error in the block names the file of ``target`` being written.

    :raises KGError: if ``target`` is a file, or a non-empty folder the project did not
        write, or another command holds its lock, or a process reads it
        (:func:`no_readers`).
    """
    with folder_lock(target), _replacing(target, what) as staging:
        yield staging


@contextmanager
def _replacing(target: Path, what: str) -> Iterator[Path]:
    _clean_leftovers(target)
    check_replaceable(target, what)
    with no_readers(target):
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
        except OSError as error:
            raise _in_target(error, staging, target) from None
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
