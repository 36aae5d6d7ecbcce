"""eucan-kg: the EU-Canada cluster policy knowledge graph.

The public API is imported on first use, so ``kg --help`` stays fast::

    >>> import kg
    >>> store = kg.build_graph()
    >>> kg.class_counts(store)["GlobalInnovationCluster"]
    5
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
    "class_counts",
    "property_counts",
    "Store",
    "KGError",
    "DataError",
    "QueryError",
    "ValidationError",
]
__version__ = "0.2.0"

_HOME = {
    "build": "kg.pipeline", "default_store": "kg.pipeline", "build_graph": "kg.build",
    "load_records": "kg.load", "validate": "kg.validate", "class_counts": "kg.stats",
    "property_counts": "kg.stats", "Store": "kg.store", "KGError": "kg.errors",
    "DataError": "kg.errors", "QueryError": "kg.errors", "ValidationError": "kg.errors",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
