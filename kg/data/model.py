"""Plain, frozen data classes passed between the loader and the builder.

>>> r = Record("canada", ("https://w3id.org/eucan/ontology#Country",),
...            {"label": ("Canada",), "source": ("table-1",)}, "countries.yaml", 3)
>>> r.first("label")
'Canada'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Record"]


@dataclass(frozen=True)
class Record:
    """One curated record: id, classes, field values and where it was read."""

    id: str
    types: tuple[str, ...]
    fields: dict[str, tuple[Any, ...]]
    path: str
    line: int | None
    #: statement-level citations of single values (:class:`kg.data.quotes.Quote`)
    quotes: tuple[Any, ...] = ()
    #: quotes of a quote file for a value the record no longer has (left out of the graph)
    stale_quotes: tuple[Any, ...] = ()

    def first(self, name: str, default: Any = None) -> Any:
        """The first value of field ``name``, or ``default``."""
        values = self.fields.get(name)
        return values[0] if values else default

    def values(self, name: str) -> tuple[Any, ...]:
        """All values of field ``name`` (possibly empty)."""
        return self.fields.get(name, ())
