"""Opening the store a command reads: built from the data, the main job's ``out/``,
or an on-disk Oxigraph store.

Examples
--------
>>> store = build_graph()
>>> len(store) > 1000
True
>>> default_store(Path("/nonexistent")).__class__.__name__
'OxigraphStore'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from kg.core.errors import KGError, QueryError
from kg.core.files import (
    READERS_LOCK,
    check_replaceable,
    is_project_folder,
    no_readers,
    proc_kib,
    replace_folder,
    share_folder,
    write_atomic,
)
from kg.core.formats import RDF_SUFFIXES
from kg.core.protocols import EmbeddedStore
from kg.data.model import Record
from kg.graph.assemble import graph_ntriples as built_graph_ntriples
from kg.store.embedded import CONTENT_FILE, CONTENT_NTRIPLES, Store, StoreDamagedError, damaged

__all__ = ["build_graph", "default_store", "open_disk_store", "hold_store", "engine_error",
           "StoreDamagedError", "StoreLockError", "write_disk_store",
           "check_store_folder", "check_rdf_files", "record_content", "content_record",
           "recorded_ntriples", "memory_copy", "fits_in_memory", "available_memory",
           "built_ntriples", "graph_ntriples", "store_folder", "DEFAULT_OUT"]

#: The folder the main job writes and reading commands look in.
DEFAULT_OUT = Path("out")


def build_graph(records: dict[str, Record] | None = None, *,
                engine: str = "oxigraph") -> EmbeddedStore:
    """Ontology + data in one store (:func:`~kg.store.embedded.Store`; not yet SHACL-checked);
    ``records`` default to the package data."""
    store = Store(engine=engine)
    store.add_ntriples(built_graph_ntriples(records))
    return store


def built_ntriples(out_dir: Path = DEFAULT_OUT) -> Path | None:
    """``out_dir/eucan.nt`` if the main job has written it, else None."""
    path = out_dir / "eucan.nt"
    return path if path.exists() else None


def default_store(out_dir: Path = DEFAULT_OUT, engine: str = "oxigraph",
                  store_dir: Path | None = None) -> EmbeddedStore:
    """The embedded store downstream commands use: an on-disk Oxigraph store when
    ``store_dir`` is given (written by ``kg build --store DIR``), else the built
    ``out/eucan.nt`` when it exists (no rebuild), else the graph built from the package data.
    """
    if store_dir is not None:
        return open_disk_store(store_dir)
    built = built_ntriples(out_dir)
    if built is None:
        return build_graph(engine=engine)
    store = Store(engine=engine)
    store.load(built)
    return store


class StoreLockError(KGError):
    """An on-disk store cannot be locked: another process has it open, or its ``LOCK``
    file is not a file the engine can lock."""


def open_disk_store(store_dir: Path) -> EmbeddedStore:
    """An existing on-disk Oxigraph store (it outlives the process and may exceed RAM),
    holding the folder's shared lock (:func:`hold_store`) while the store is open.

    :raises KGError: if ``store_dir`` holds no store, or is being replaced.
    :raises StoreLockError: if another process has the store open, or its ``LOCK`` is broken.
    :raises StoreDamagedError: if the engine finds the store's files damaged.
    """
    if not (store_dir / "CURRENT").exists():
        raise KGError(f"{store_dir}: no Oxigraph store here; create one with "
                      f"'kg build --store {store_dir}'")
    held = hold_store(store_dir)
    try:
        store = Store(path=store_dir)
    except (OSError, RuntimeError) as error:
        if held is not None:
            held.close()
        raise engine_error(error, store_dir) from None
    store.held = held
    return store


def hold_store(store_dir: Path) -> BinaryIO | None:
    """Hold the shared lock of the store folder ``store_dir`` (until the handle returned
    is closed or the process ends): ``kg build --store`` refuses to replace it meanwhile.
    None for a folder the project did not write (no build replaces it; nothing is written
    into it) or cannot write into (a read-only folder).

    :raises KGError: if ``kg build --store`` is replacing the folder now.
    """
    return share_folder(store_dir) if is_project_folder(store_dir) else None


def engine_error(error: Exception, store_dir: Path) -> Exception:
    """The one-line error for what the engine raised opening or reading ``store_dir``
    (``error`` itself when it is neither damage nor a lock).

    >>> engine_error(RuntimeError("Corruption: checksum mismatch  The file s/MANIFEST-000022 "
    ...                           "may be corrupted."), Path("s"))  # doctest: +ELLIPSIS
    StoreDamagedError("s: the on-disk store is damaged (Corruption: checksum mismatch...
    """
    text = " ".join(str(error).split())
    if text.startswith("Corruption:"):
        return damaged(error, store_dir)
    if not isinstance(error, OSError) or "lock" not in text.lower():
        return error
    if "Resource temporarily unavailable" in text or "lock hold by current process" in text:
        return StoreLockError(f"{store_dir}: the store is in use by another kg command; wait "
                              "for it to finish")
    lock = store_dir / "LOCK"
    what = "is a folder, not a file" if lock.is_dir() else "cannot be locked"
    return StoreLockError(f"{lock}: the store's lock file {what} ({text}); remove it if no kg "
                          "command has the store open, or build the store again")


def check_store_folder(store_dir: Path, out_dir: Path | None = None) -> None:
    """Refuse a ``--store`` folder the project may not replace: a file, a non-empty folder
    it did not write, one inside (or equal to) the output folder, or one a process is
    reading (``kg serve --on-disk``: :func:`hold_store`).

    :raises KGError: naming the folder.
    """
    if out_dir is not None:
        store, out = store_dir.resolve(), out_dir.resolve()
        if store == out or out in store.parents:
            raise KGError(f"--store {store_dir}: inside the output folder {out_dir}, which "
                          "each build replaces whole; give a folder outside it")
    check_replaceable(store_dir, "store")
    with no_readers(store_dir):  # served now: refused before anything is written
        pass


def write_disk_store(store: EmbeddedStore, store_dir: Path, extra: Sequence[Path] = ()) -> Path:
    """Load ``store``'s graph and the RDF files ``extra`` (e.g. ``kg synth`` output; format
    by extension) into an on-disk Oxigraph store at ``store_dir``, replacing an earlier store
    the project wrote there (never another folder), with a record of its content
    (:data:`~kg.store.embedded.CONTENT_FILE`).

    :raises KGError: see :func:`check_store_folder`; for an extra file that cannot be read
        or parsed, naming it (and the line, when the parser gives one).
    """
    check_rdf_files(extra)
    with replace_folder(store_dir, "store") as staging:
        disk = Store(path=staging)
        disk.add_ntriples(store.serialize("ntriples"))
        for path in extra:
            try:
                disk.load(path)
            except (SyntaxError, ValueError, OSError, QueryError) as error:
                reason = str(error).removeprefix(f"{path}: ")
                raise KGError(f"{path}: {reason}") from None
        disk.flush()
        record_content(disk)
        del disk
        (staging / READERS_LOCK).touch()  # readers lock it, and a later build sees them
    return store_dir


def check_rdf_files(paths: Sequence[Path]) -> None:
    """Refuse, before anything is written, an extra RDF file that is missing or whose
    extension names no RDF format.

    >>> check_rdf_files([Path("notes.txt")])
    Traceback (most recent call last):
    kg.core.errors.KGError: notes.txt: no such RDF file
    """
    for path in paths:
        if not Path(path).is_file():
            raise KGError(f"{path}: no such RDF file")
        if Path(path).suffix.lstrip(".") not in RDF_SUFFIXES:
            raise KGError(f"{path}: unknown RDF file extension; expected one of "
                          + ", ".join(f".{e}" for e in RDF_SUFFIXES))


def record_content(store: EmbeddedStore) -> dict[str, Any]:
    """Write the content record of the on-disk ``store`` (SHA-256 of its sorted N-Triples
    and its triple count) into its folder; returns it."""
    folder = store_folder(store)
    data = store.serialize("ntriples")
    record = {"sha256": hashlib.sha256(data).hexdigest(), "triples": data.count(b"\n")}
    write_atomic(folder / CONTENT_NTRIPLES, data)
    write_atomic(folder / CONTENT_FILE, (json.dumps(record, sort_keys=True) + "\n")
                 .encode("utf-8"))
    return record


def store_folder(store: EmbeddedStore) -> Path:
    """The folder of the on-disk ``store``.

    >>> store_folder(Store())
    Traceback (most recent call last):
    kg.core.errors.KGError: the store is in memory: only an on-disk store has a folder
    """
    if store.path is None:
        raise KGError("the store is in memory: only an on-disk store has a folder")
    return store.path


def recorded_ntriples(store_dir: Path) -> bytes | None:
    """The recorded content of the store in ``store_dir`` as sorted N-Triples
    (:data:`~kg.store.embedded.CONTENT_NTRIPLES`), when its hash is the recorded one."""
    record = content_record(store_dir)
    if record is None:
        return None
    try:
        data = (store_dir / CONTENT_NTRIPLES).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == record["sha256"] else None


def content_record(store_dir: Path) -> dict[str, Any] | None:
    """The content record of the store in ``store_dir``: ``sha256`` (64 hex digits) and
    ``triples`` (a count); None when there is none (the store was changed since the project
    wrote it, or another tool wrote it) or it does not hold those two values.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / CONTENT_FILE).write_text('{"sha256": "%s", "triples": "abc"}' % ("0" * 64))
    >>> content_record(folder) is None
    True
    """
    try:
        record = json.loads((store_dir / CONTENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    sha256, triples = record.get("sha256"), record.get("triples")
    if not (isinstance(sha256, str) and re.fullmatch(r"[0-9a-f]{64}", sha256)
            and type(triples) is int and triples >= 0):
        return None
    return record


#: Memory an in-memory Oxigraph copy takes per triple, with the dump it is made from
#: (1M triples: 562 MiB at its peak; rounded up).
BYTES_PER_TRIPLE = 800


def available_memory() -> int | None:
    """Bytes of memory available to a new allocation without swapping (Linux's
    ``MemAvailable``), None where the system does not say."""
    kib = proc_kib(Path("/proc/meminfo"), "MemAvailable")
    return None if kib is None else kib * 1024


def fits_in_memory(triples: int, available: int | None = None) -> bool:
    """Whether an in-memory copy of ``triples`` triples takes at most half the available
    memory (:func:`available_memory` unless given; unknown: no).

    >>> fits_in_memory(1_000_000, available=4 << 30), fits_in_memory(1_000_000, available=1 << 30)
    (True, False)
    """
    available = available_memory() if available is None else available
    return available is not None and triples * BYTES_PER_TRIPLE <= available // 2


def memory_copy(disk: EmbeddedStore) -> EmbeddedStore | None:
    """An in-memory copy of the on-disk store ``disk`` where it fits
    (:func:`fits_in_memory`), made from its recorded content when that is current (else
    from the store itself); None where it does not fit. Oxigraph's on-disk store answers
    whole-graph queries several times slower than a copy in memory."""
    folder = store_folder(disk)
    record = content_record(folder)
    triples = record["triples"] if record else len(disk)
    if not fits_in_memory(triples):
        return None
    return disk.in_memory_copy(recorded_ntriples(folder))


def graph_ntriples(out_dir: Path = DEFAULT_OUT) -> bytes:
    """The graph as N-Triples: the built file's bytes, or a fresh serialisation."""
    built = built_ntriples(out_dir)
    return built.read_bytes() if built else build_graph().serialize("ntriples")
