"""Render rows (lists of dicts) as a readable table, CSV, TSV or JSON.

>>> print(render([{"country": "Spain", "n": 176}, {"country": "Malta", "n": 1}], "table"))
country  n
-------  ---
Spain    176
Malta    1
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

__all__ = ["render", "OUTPUT_FORMATS"]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def render(rows: list[dict[str, Any]], fmt: str = "table", columns: list[str] | None = None,
           max_width: int = 80) -> str:
    """Rows as text in ``fmt`` (one of :data:`OUTPUT_FORMATS`)."""
    columns = columns or list(dict.fromkeys(k for row in rows for k in row))
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=_json_default)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        return buffer.getvalue().rstrip("\n")
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    widths = [max(w, 3) for w in widths]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(columns), "  ".join("-" * w for w in widths)] + [line(r) for r in cells]
    return "\n".join(lines)
