"""Which graph a command reads: one rule for every reading command.

In this order, the first that applies:

1. ``--endpoint URL``: a SPARQL 1.1 endpoint (:class:`~kg.store.remote.RemoteStore`);
2. ``--store DIR``: an on-disk Oxigraph store made by ``kg build --store DIR``;
3. ``--data DIR``: the graph built now from that folder of curated data;
4. ``--out DIR`` (default ``out/``) when the main job has written it: the graph built
   there, read from its ``eucan.nt`` without building again; the data folder that build
   read (:data:`SOURCE_RECORD`, written by the main job) is the one later commands use;
5. else the graph built now from the data shipped in the package.

Library code does not look at the working folder except through :func:`choose_graph`,
and only for the ``out`` folder a command names (``out/`` by default).

Examples
--------
>>> import tempfile
>>> empty = Path(tempfile.mkdtemp())
>>> choose_graph(out=empty / "out").describe()
'the graph built from the data shipped in the package'
>>> choose_graph(out=empty / "out", data=empty / "data").describe()  # doctest: +ELLIPSIS
'the graph built from the data in /.../data'
>>> choose_graph(endpoint="http://ann:s@127.0.0.1:7878/query").describe()
'the SPARQL endpoint http://127.0.0.1:7878/query'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["GraphSource", "choose_graph", "open_graph", "source_ntriples", "record_source",
           "recorded_data", "SOURCE_RECORD", "DEFAULT_OUT"]

#: The folder the main job writes and reading commands look in.
DEFAULT_OUT = Path("out")
#: In the main job's folder: what that build read (its data folder, its paper).
SOURCE_RECORD = ".eucan-source.json"


@dataclass(frozen=True)
class GraphSource:
    """The graph a command reads (:func:`choose_graph`)."""

    #: ``endpoint``, ``store``, ``data``, ``out`` or ``package``
    kind: str
    #: the endpoint's URL, or the folder of the store, the data or the build
    location: str = ""
    #: the data folder the graph is built from (None: the package's)
    data: Path | None = None

    def describe(self) -> str:
        """The choice in words, for the first progress line of a command."""
        from kg.store.urls import public_url

        data = f"the data in {self.data}" if self.data else "the data shipped in the package"
        return {"endpoint": f"the SPARQL endpoint {public_url(self.location)}",
                "store": f"the on-disk store {self.location}",
                "data": f"the graph built from {data}",
                "out": f"the graph built in {self.location} (from {data})",
                "package": f"the graph built from {data}"}[self.kind]


def recorded_data(out: Path) -> Path | None:
    """The data folder the build in ``out`` read, as it recorded (None: the package's, or
    no record)."""
    try:
        record = json.loads((out / SOURCE_RECORD).read_text(encoding="utf-8"))
        return Path(record["data"]) if record.get("data") else None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def record_source(data: Path | None) -> bytes:
    """The bytes of :data:`SOURCE_RECORD` for a build that read ``data`` (None: the
    package's data) and the paper it was checked against."""
    import os

    from kg.data.paper import paper_record

    paper = os.environ.get("EUCAN_PAPER") or "the copy shipped in the package"
    record = {"data": str(data.resolve()) if data else None, "paper": paper,
              "paperSha256": paper_record()["sha256"]}
    return (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8")


def choose_graph(*, out: Path | None = None, store: Path | None = None,
                 data: Path | None = None, endpoint: str | None = None) -> GraphSource:
    """The graph a command reads, by the rule of this module."""
    if endpoint:
        return GraphSource("endpoint", endpoint)
    if store is not None:
        return GraphSource("store", str(store))
    if data is not None:
        return GraphSource("data", str(data), data)
    out = out if out is not None else DEFAULT_OUT
    if (out / "eucan.nt").is_file():
        return GraphSource("out", str(out), recorded_data(out))
    return GraphSource("package")


def open_graph(source: GraphSource, *, engine: str = "oxigraph", **remote: Any) -> Any:
    """The store of ``source``: a :class:`~kg.store.remote.RemoteStore` (``remote`` are
    its options), an on-disk or in-memory :class:`~kg.store.embedded.Store`."""
    from kg.store.open import build_graph, open_disk_store

    if source.kind == "endpoint":
        from kg.store.remote import RemoteStore

        return RemoteStore(source.location, **remote)
    if source.kind == "store":
        return open_disk_store(Path(source.location))
    if source.kind == "out":
        from kg.store.embedded import Store

        store = Store(engine=engine)
        store.load(Path(source.location) / "eucan.nt")
        return store
    return build_graph(_records(source.data), engine=engine)


def source_ntriples(source: GraphSource) -> bytes:
    """The graph of ``source`` as N-Triples (to upload it): the built file's bytes, the
    store's recorded text, or a serialisation."""
    if source.kind == "out":
        return (Path(source.location) / "eucan.nt").read_bytes()
    if source.kind == "endpoint":
        from kg.core.errors import QueryError

        raise QueryError("a remote endpoint's graph cannot be uploaded from here")
    return open_graph(source).serialize("ntriples")


def _records(data: Path | None) -> Any:
    if data is None:
        return None
    from kg.data.load import folder_files, load_records

    return load_records(folder_files(data))
