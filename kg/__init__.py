"""eucan-kg: the EU-Canada cluster policy knowledge graph.

The package is laid out the way the data flows; each subpackage may import only
the ones before it::

    kg.core      errors, namespaces, terms, SPARQL text helpers, packaged resources
    kg.data      curated YAML records, their schema (read from the ontology), the loader
    kg.graph     records -> RDF triples; SHACL, OWL Lite and violation checks
    kg.store     embedded Oxigraph/rdflib store, remote SPARQL endpoints, push, server
    kg.query     the named-query catalogue, name resolution, counts
    kg.network   entity network, linkage paths, linkage scores, centralities
    kg.publish   exports, JSON-LD, VoID/DCAT, docs, the picture, the main job
    kg.scale     synthetic graphs and the benchmark
    kg.cli       the ``kg`` command line

The public API below is imported on first use, so ``kg --help`` stays fast::

    >>> import kg
    >>> store = kg.build_graph()
    >>> kg.class_counts(store)["GlobalInnovationCluster"]
    5
    >>> kg.run_query("gic-budgets", store)[0]["cluster"]
    'Next Generation Manufacturing Canada'
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "build",
    "build_graph",
    "default_store",
    "load_records",
    "validate",
    "run_query",
    "resolve",
    "class_counts",
    "property_counts",
    "project",
    "find_paths",
    "linkages",
    "analyse",
    "Store",
    "RemoteStore",
    "KGError",
    "DataError",
    "QueryError",
    "ValidationError",
    "__version__",
]

_HOME = {
    "build": ("kg.publish.job", "build"),
    "build_graph": ("kg.store.open", "build_graph"),
    "default_store": ("kg.store.open", "default_store"),
    "load_records": ("kg.data.load", "load_records"),
    "validate": ("kg.graph.validate", "validate"),
    "run_query": ("kg.query.catalogue", "run"),
    "resolve": ("kg.query.resolve", "resolve"),
    "class_counts": ("kg.query.stats", "class_counts"),
    "property_counts": ("kg.query.stats", "property_counts"),
    "project": ("kg.network.projection", "project"),
    "find_paths": ("kg.network.paths", "find_paths"),
    "linkages": ("kg.network.linkages", "linkages"),
    "analyse": ("kg.network.analysis", "analyse"),
    "Store": ("kg.store.embedded", "Store"),
    "RemoteStore": ("kg.store.remote", "RemoteStore"),
    "KGError": ("kg.core.errors", "KGError"),
    "DataError": ("kg.core.errors", "DataError"),
    "QueryError": ("kg.core.errors", "QueryError"),
    "ValidationError": ("kg.core.errors", "ValidationError"),
    "__version__": ("kg.core.resources", "version"),
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        module, attribute = _HOME[name]
        value = getattr(importlib.import_module(module), attribute)
        return value() if name == "__version__" else value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
