"""The default projection of an on-disk store, saved in the store's folder and read back.

``kg build --store DIR`` writes the store, a record of its content (SHA-256 of its sorted
N-Triples, :func:`kg.store.open.content_record`) and the projection of that content
(:data:`PROJECTION_FILE`): the network's arrays and its undirected networkx view
(:meth:`~kg.network.entity_network.EntityNetwork.undirected`, what path finding and the
measures walk). ``kg paths|linkages|analyse|viz --store DIR`` then read both instead of
projecting the store again and making the view.
The file is used only when its header names the store's recorded content and the code
that projects; any change made through :class:`~kg.store.embedded.Store` deletes the
record, so a stale projection is never read: the next command projects and saves again.

The file is a pickle whose unpickler accepts networkx's graph classes and nothing else (no
other class can be made, no function called), after a JSON header line; the network is
kept in it as builtin values (:meth:`~kg.network.entity_network.EntityNetwork.state`).

Examples
--------
>>> import tempfile
>>> from kg.store.open import build_graph, write_disk_store, open_disk_store
>>> folder = Path(tempfile.mkdtemp()) / "store"
>>> _ = write_disk_store(build_graph(), folder)
>>> disk = open_disk_store(folder)
>>> first = projection_of(disk)            # projected and saved
>>> (folder / PROJECTION_FILE).exists()
True
>>> again = projection_of(disk)            # read back
>>> again.iris == first.iris, read_projection(folder, "other content")
(True, None)
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from kg.core.files import write_atomic
from kg.core.resources import internal_query
from kg.network.entity_network import EntityNetwork
from kg.network.projection import gc_paused, project
from kg.store.open import content_record

__all__ = ["projection_of", "save_projection", "read_projection", "PROJECTION_FILE",
           "projection_code"]

#: The saved projection, inside the store's folder.
PROJECTION_FILE = "projection.pickle"
_FORMAT = 3  # 3: the network's arrays and its undirected view


@functools.cache
def projection_code() -> str:
    """A fingerprint of what makes the projection: this format, the projection's source,
    its queries, networkx's and Python's versions (pickles follow them); made once per
    process."""
    from kg.graph import entail
    from kg.network import entity_network, projection

    digest = hashlib.sha256(
        f"{_FORMAT} {nx.__version__} {np.__version__} {sys.version_info[:2]}".encode())
    for module in (projection, entity_network, entail):
        digest.update(Path(module.__file__).read_bytes())
    for name in projection.QUERIES:
        digest.update(internal_query(name).encode("utf-8"))
    return digest.hexdigest()


class _GraphUnpickler(pickle.Unpickler):
    """Makes networkx graphs (and their cached views) only; the network itself is builtin
    values."""

    def find_class(self, module: str, name: str) -> Any:
        if module.startswith("networkx.classes.") and name[:1].isupper():
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a saved projection")


def save_projection(network: EntityNetwork, store_dir: Path, content: str) -> Path:
    """Write ``network`` and its undirected view as the projection of the store content
    ``content`` (atomically; one pickle, so the two share their attribute values)."""
    header = json.dumps({"format": _FORMAT, "content": content, "code": projection_code()},
                        sort_keys=True).encode("utf-8")
    path = store_dir / PROJECTION_FILE
    write_atomic(path, header + b"\n" + pickle.dumps((network.state(), network.undirected()),
                                                          protocol=5))
    return path


def read_projection(store_dir: Path, content: str) -> EntityNetwork | None:
    """The saved projection of ``content``, or None when there is none or it is of other
    content or code (or unreadable)."""
    try:
        with (store_dir / PROJECTION_FILE).open("rb") as handle:
            header = json.loads(handle.readline())
            if header != {"format": _FORMAT, "content": content, "code": projection_code()}:
                return None
            payload = handle.read()
        with gc_paused():
            state, simple = _GraphUnpickler(io.BytesIO(payload)).load()
        if type(simple) is not nx.Graph:
            return None
        network = EntityNetwork.from_state(state)
    except (OSError, ValueError, TypeError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    network.keep_undirected(simple)
    return network


def projection_of(store: Any, source: Any = None) -> EntityNetwork:
    """The default projection (:func:`kg.network.projection.project`) of ``store``: read
    from its folder when it is an on-disk store the project wrote and the saved projection
    is of its current content, else projected (and, for such a store, saved). ``source``:
    a store of the same content to project from instead, e.g. the in-memory copy of
    :func:`kg.store.open.memory_copy` (at 1M triples 4 s to copy and 9 s to project,
    against 27 s projecting the on-disk store)."""
    folder = getattr(store, "path", None)
    record = content_record(folder) if folder is not None else None
    content = record["sha256"] if record else None
    if content is None:
        return project(source or store)
    network = read_projection(folder, content)
    if network is None:
        network = project(source or store)
        try:
            save_projection(network, folder, content)
        except OSError:
            pass  # a read-only folder: the projection is still returned
    return network
