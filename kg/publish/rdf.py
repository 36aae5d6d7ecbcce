"""The graph in the four RDF syntaxes, serialised first and then written atomically.

Examples
--------
>>> from kg.store.open import build_graph
>>> sorted(rdf_payloads(build_graph()))
['jsonld', 'ntriples', 'rdfxml', 'turtle']
"""

from __future__ import annotations

from pathlib import Path

from kg.core.files import write_atomic
from kg.core.formats import GRAPH_SYNTAXES, by_name
from kg.core.protocols import EmbeddedStore

__all__ = ["export_all", "rdf_payloads", "EXPORT_FORMATS"]

#: The formats the main job writes, in order: every RDF graph syntax of the registry.
EXPORT_FORMATS = GRAPH_SYNTAXES


def rdf_payloads(store: EmbeddedStore) -> dict[str, bytes]:
    """The graph serialised in every format of :data:`EXPORT_FORMATS`, by format name."""
    return store.serialize_all(EXPORT_FORMATS)


def export_all(store: EmbeddedStore, out_dir: Path, stem: str = "eucan",
               payloads: dict[str, bytes] | None = None) -> dict[str, Path]:
    """Serialise every format first (or take ``payloads`` from :func:`rdf_payloads`), then
    rename all files into ``out_dir``.

    Returns the written paths by format name.
    """
    payloads = payloads or rdf_payloads(store)
    written = {}
    for name, data in payloads.items():
        path = out_dir / f"{stem}.{by_name(name).suffix}"
        write_atomic(path, data)
        written[name] = path
    return written
