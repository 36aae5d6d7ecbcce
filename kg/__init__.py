"""eucan-kg: the EU-Canada cluster policy knowledge graph.

Public API::

    >>> import kg
    >>> store = kg.build_graph()
    >>> kg.class_counts(store)["GlobalInnovationCluster"]
    5
"""

from kg.build import build_graph
from kg.errors import DataError, KGError, QueryError, ValidationError
from kg.load import load_records
from kg.pipeline import build
from kg.stats import class_counts, property_counts
from kg.store import Store
from kg.validate import validate

__all__ = [
    "build",
    "build_graph",
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
__version__ = "0.1.0"
