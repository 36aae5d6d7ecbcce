"""Opening the store a command reads: built from the data, the main job's ``out/``,
or an on-disk Oxigraph store.

Examples
--------
>>> store = build_graph()
>>> len(store) > 1000
True
>>> default_store(Path("/nonexistent")).__class__.__name__
'Store'
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from kg.core.errors import KGError
from kg.data.model import Record
from kg.graph.build import graph_triples
from kg.store.embedded import Store

__all__ = ["build_graph", "default_store", "open_disk_store", "write_disk_store",
           "built_ntriples", "graph_ntriples", "DEFAULT_OUT"]

#: The folder the main job writes and reading commands look in.
DEFAULT_OUT = Path("out")


def build_graph(records: dict[str, Record] | None = None, *, engine: str = "oxigraph") -> Store:
    """Ontology + data in one :class:`~kg.store.embedded.Store` (not yet SHACL-checked);
    ``records`` default to the package data."""
    store = Store(engine=engine)
    store.add(graph_triples(records))
    return store


def built_ntriples(out_dir: Path = DEFAULT_OUT) -> Path | None:
    """``out_dir/eucan.nt`` if the main job has written it, else None."""
    path = out_dir / "eucan.nt"
    return path if path.exists() else None


def default_store(out_dir: Path = DEFAULT_OUT, engine: str = "oxigraph",
                  store_dir: Path | None = None) -> Store:
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


def open_disk_store(store_dir: Path) -> Store:
    """An existing on-disk Oxigraph store (it outlives the process and may exceed RAM).

    :raises KGError: if ``store_dir`` holds no store.
    """
    if not (store_dir / "CURRENT").exists():
        raise KGError(f"{store_dir}: no Oxigraph store here; create one with "
                      f"'kg build --store {store_dir}'")
    return Store(path=store_dir)


def write_disk_store(store: Store, store_dir: Path) -> Path:
    """Load ``store``'s graph into an on-disk Oxigraph store at ``store_dir`` (replaced)."""
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.", dir=store_dir.parent))
    try:
        disk = Store(path=staging)
        disk.add(store.triples())
        disk.flush()
        del disk
        if store_dir.exists():
            shutil.rmtree(store_dir)
        staging.rename(store_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return store_dir


def graph_ntriples(out_dir: Path = DEFAULT_OUT) -> bytes:
    """The graph as N-Triples: the built file's bytes, or a fresh serialisation."""
    built = built_ntriples(out_dir)
    return built.read_bytes() if built else build_graph().serialize("ntriples")
