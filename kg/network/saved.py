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

The file is a NumPy ``.npz`` archive of plain arrays, read with ``allow_pickle=False``:
the header and the string columns as JSON bytes, the edges and the undirected view's
adjacency as integer arrays. Nothing in it can run code or make an object other than
strings, lists, numbers and arrays; a file that is not exactly such an archive (a
planted pickle, a compressed member, an index out of range) is not read, and the store
is projected again. (Format 3, a pickle, is never read; its file is removed.)

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
import sys
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from kg.core.files import write_atomic
from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query
from kg.network.entity_network import EntityNetwork
from kg.network.projection import gc_paused, project
from kg.store.open import content_record

__all__ = ["projection_of", "save_projection", "read_projection", "PROJECTION_FILE",
           "projection_code"]

#: The saved projection, inside the store's folder.
PROJECTION_FILE = "projection.npz"
#: The pickled projection of earlier versions: never read, removed when a new one is saved.
_OLD_FILE = "projection.pickle"
_FORMAT = 4  # 4: plain arrays in .npz (3: a pickle, no longer read)
_COLUMNS = ("iris", "labels", "classes", "types", "countries", "sides", "citations", "keys",
            "predicates", "predicate_labels")
_ARRAYS = ("source", "target", "kind", "adj_ptr", "adj_idx", "adj_edge", "key_ptr", "key_idx")


@functools.cache
def projection_code() -> str:
    """A fingerprint of what makes the projection: this format, the projection's source,
    its queries, networkx's, NumPy's and Python's versions; made once per process."""
    from kg.graph import entail
    from kg.network import entities, entity_network, projection, reference

    digest = hashlib.sha256(
        f"{_FORMAT} {nx.__version__} {np.__version__} {sys.version_info[:2]}".encode())
    for module in (projection, entities, reference, entity_network, entail):
        digest.update(Path(str(module.__file__)).read_bytes())
    for name in projection.QUERIES:
        digest.update(internal_query(name).encode("utf-8"))
    return digest.hexdigest()


def _json_array(value: Any) -> np.ndarray:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def _view_arrays(network: EntityNetwork) -> dict[str, np.ndarray]:
    """The undirected view as arrays: each node's neighbours in the view's order
    (``adj_ptr``/``adj_idx``), the edge each entry is (``adj_edge``) and each edge's
    predicate numbers (``key_ptr``/``key_idx``)."""
    view, order = network.undirected(), network.index
    key_number = {key: k for k, key in enumerate(network.keys)}
    ptr, idx, edge, key_ptr, key_idx = [0], [], [], [0], []
    edges: dict[int, int] = {}
    for iri in network.iris:
        for other, attributes in view._adj[iri].items():
            number = edges.get(id(attributes))
            if number is None:
                number = edges[id(attributes)] = len(edges)
                key_idx.extend(sorted(key_number[key] for key in attributes["keys"]))
                key_ptr.append(len(key_idx))
            idx.append(order[other])
            edge.append(number)
        ptr.append(len(idx))
    return {name: np.asarray(values, dtype=np.int64) for name, values in
            (("adj_ptr", ptr), ("adj_idx", idx), ("adj_edge", edge), ("key_ptr", key_ptr),
             ("key_idx", key_idx))}


def save_projection(network: EntityNetwork, store_dir: Path, content: str) -> Path:
    """Write ``network`` and its undirected view as the projection of the store content
    ``content`` (atomically; plain arrays, see the module's description)."""
    header = {"format": _FORMAT, "content": content, "code": projection_code()}
    arrays = {"header": _json_array(header),
              "columns": _json_array({name: getattr(network, name) for name in _COLUMNS}),
              "source": network.source, "target": network.target, "kind": network.kind,
              **_view_arrays(network)}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]  # numpy's stub: allow_pickle
    path = store_dir / PROJECTION_FILE
    write_atomic(path, buffer.getvalue())
    (store_dir / _OLD_FILE).unlink(missing_ok=True)
    return path


def read_projection(store_dir: Path, content: str) -> EntityNetwork | None:
    """The saved projection of ``content``, or None when there is none, it is of other
    content or code, or it is not exactly what :func:`save_projection` writes."""
    path = store_dir / PROJECTION_FILE
    try:
        with zipfile.ZipFile(path) as archive:  # stored members only: no inflation
            if any(info.compress_type != zipfile.ZIP_STORED for info in archive.infolist()):
                return None
        with np.load(path, allow_pickle=False) as saved:
            header = json.loads(saved["header"].tobytes())
            if header != {"format": _FORMAT, "content": content, "code": projection_code()}:
                return None
            columns = json.loads(saved["columns"].tobytes())
            arrays = {name: saved[name] for name in _ARRAYS}
        with gc_paused():
            return _network(columns, arrays)
    except (OSError, ValueError, TypeError, KeyError, IndexError, zipfile.BadZipFile,
            MemoryError, AttributeError):
        return None


def _network(columns: dict[str, Any], arrays: dict[str, np.ndarray]) -> EntityNetwork:
    """The network and its view from what :func:`read_projection` read.

    :raises ValueError: when the columns or arrays do not describe a network.
    """
    if set(columns) != set(_COLUMNS) or not all(isinstance(v, list) for v in columns.values()):
        raise ValueError("not the columns of an entity network")
    n, kinds = len(columns["iris"]), len(columns["keys"])
    for name in ("types", "countries", "citations"):
        columns[name] = [tuple(value) for value in columns[name]]
    if any(a.dtype.kind not in "iu" or a.ndim != 1 for a in arrays.values()):
        raise ValueError("arrays of whole numbers expected")
    for name, bound in (("source", n), ("target", n), ("adj_idx", n), ("kind", kinds),
                        ("key_idx", kinds)):
        if arrays[name].size and not 0 <= arrays[name].min() <= arrays[name].max() < bound:
            raise ValueError(f"{name} out of range")
    network = EntityNetwork(**columns, source=arrays["source"], target=arrays["target"],
                            kind=arrays["kind"])
    network.keep_undirected(_view(network, arrays))
    return network


def _view(network: EntityNetwork, arrays: dict[str, np.ndarray]) -> nx.Graph:
    """The undirected view from its arrays: the same nodes, neighbours in the same order
    and one attribute dict per edge, shared by its two ends (as networkx makes it)."""
    for name, size in (("adj_ptr", len(network.iris) + 1), ("key_ptr", None)):
        offsets = arrays[name]
        if offsets.size < 1 or (size and offsets.size != size) or offsets[0] != 0 \
                or (np.diff(offsets) < 0).any():
            raise ValueError(f"{name} is not a list of offsets")
    ptr, idx, edge = (arrays[k].tolist() for k in ("adj_ptr", "adj_idx", "adj_edge"))
    key_ptr, key_idx = arrays["key_ptr"].tolist(), arrays["key_idx"].tolist()
    if ptr[-1] != len(idx) or len(idx) != len(edge) or key_ptr[-1] != len(key_idx) or (
            edge and not 0 <= min(edge) <= max(edge) < len(key_ptr) - 1):
        raise ValueError("the view's arrays do not fit together")
    keys, iris = network.keys, network.iris
    attributes = [{"keys": {keys[k] for k in key_idx[a:b]}}
                  for a, b in zip(key_ptr[:-1], key_ptr[1:], strict=True)]
    view = nx.Graph()
    view.add_nodes_from(network.nodes())
    adjacency = view._adj
    for i, iri in enumerate(iris):
        a, b = ptr[i], ptr[i + 1]
        adjacency[iri].update(zip([iris[j] for j in idx[a:b]],
                                  [attributes[e] for e in edge[a:b]], strict=True))
    return view


def projection_of(store: SparqlStore, source: SparqlStore | None = None) -> EntityNetwork:
    """The default projection (:func:`kg.network.projection.project`) of ``store``: read
    from its folder when it is an on-disk store the project wrote and the saved projection
    is of its current content, else projected (and, for such a store, saved). ``source``:
    a store of the same content to project from instead, e.g. the in-memory copy of
    :func:`kg.store.open.memory_copy` (at 1M triples 4 s to copy and 9 s to project,
    against 27 s projecting the on-disk store)."""
    folder: Path | None = getattr(store, "path", None)  # an embedded store's folder
    record = content_record(folder) if folder is not None else None
    content = record["sha256"] if record else None
    if folder is None or content is None:
        return project(store if source is None else source)
    network = read_projection(folder, content)
    if network is None:
        network = project(store if source is None else source)
        try:
            save_projection(network, folder, content)
        except OSError:
            pass  # a read-only folder: the projection is still returned
    return network
