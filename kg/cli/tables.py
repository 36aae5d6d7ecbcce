"""Render rows (lists of dicts) as a table that fits the terminal, CSV, TSV or JSON.

A table keeps every row on one line: when the columns are wider than the terminal
(``shutil.get_terminal_size``, so ``COLUMNS`` too), the widest cells are shortened
with an ellipsis; when even that cannot fit, each row becomes a record of
``field: value`` lines. CSV, TSV and JSON are never shortened. A CSV or TSV cell a
spreadsheet would run as a formula gets a single quote in front
(:func:`kg.core.cells.spreadsheet_cell`) unless ``raw`` is asked for.

>>> print(render([{"country": "Spain", "n": 176}, {"country": "Malta", "n": 1}], "table"))
country  n
-------  ---
Spain    176
Malta    1
>>> print(render([{"name": "Digital Supercluster", "note": "x" * 30}], width=30))
name            note
--------------  --------------
Digital Super…  xxxxxxxxxxxxx…
>>> print(render([{"a": 1, "b": 2, "c": 3}], width=8))
a: 1
b: 2
c: 3
>>> print(render([{"label": "=HYPERLINK(1)", "n": -5}], "csv"))
label,n
'=HYPERLINK(1),-5
>>> print(render([{"label": "=HYPERLINK(1)", "n": -5}], "csv", raw=True))
label,n
=HYPERLINK(1),-5
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from decimal import Decimal
from typing import Any

from kg.core.cells import spreadsheet_cell

__all__ = ["emit", "render", "fits", "terminal_width", "OUTPUT_FORMATS"]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
_GAP = 2
#: A shortened column keeps at least this many characters (ellipsis included).
_MIN_COLUMN = 6


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` if set; 80 when not a terminal)."""
    return shutil.get_terminal_size((80, 24)).columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return " ".join(str(value).split()) if "\n" in str(value) else str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _fit(widths: list[int], width: int, whole: tuple[bool, ...] = ()) -> list[int] | None:
    """Column widths whose sum fits ``width``: the widest shrink first (never a ``whole``
    one); None if impossible."""
    widths = list(widths)
    floors = [w if i < len(whole) and whole[i] else min(w, _MIN_COLUMN)
              for i, w in enumerate(widths)]
    budget = width - _GAP * (len(widths) - 1)
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=lambda i: (widths[i] - floors[i], -i))
        if widths[widest] <= floors[widest]:
            return None
        widths[widest] -= 1
    return widths


def _records(columns: list[str], cells: list[list[str]], width: int) -> str:
    key_width = max(len(c) for c in columns)
    blocks = []
    for row in cells:
        blocks.append("\n".join(
            f"{_shorten(c, key_width).ljust(key_width)}: "
            f"{_shorten(v, max(width - key_width - 2, 1))}".rstrip()
            for c, v in zip(columns, row, strict=True)))
    return "\n\n".join(blocks)


def fits(rows: list[dict[str, Any]], columns: list[str], width: int | None = None,
         max_width: int = 80) -> bool:
    """Whether ``columns`` of ``rows`` fit ``width`` as a table without shortening a cell."""
    natural = [max([len(c), 3] + [len(_shorten(_cell(r.get(c)), max_width)) for r in rows])
               for c in columns]
    return sum(natural) + _GAP * (len(columns) - 1) <= (width or terminal_width())


def render(rows: list[dict[str, Any]], fmt: str = "table", columns: list[str] | None = None,
           max_width: int = 80, width: int | None = None, *, raw: bool = False,
           whole: tuple[str, ...] = ()) -> str:
    """Rows as text in ``fmt`` (one of :data:`OUTPUT_FORMATS`).

    ``max_width`` caps one cell of a table; ``width`` is the line length a table must fit
    (default: the terminal's); ``raw``: CSV and TSV cells exactly as they are (by default
    a cell a spreadsheet would run as a formula starts with a single quote); ``whole``:
    columns a table never shortens (ids a reader copies), the others shrink instead.

    >>> rows = [{"unit": "section-4-1-2/p3/s2", "text": "Both exceeding 3000 members"}]
    >>> print(render(rows, width=30, whole=("unit",)))
    unit                 text
    -------------------  ---------
    section-4-1-2/p3/s2  Both exc…
    """
    columns = columns or list(dict.fromkeys(k for row in rows for k in row))
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=_json_default)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            cells = [_cell(row.get(c)) for c in columns]
            writer.writerow(cells if raw else [spreadsheet_cell(c) for c in cells])
        return buffer.getvalue().rstrip("\n")
    width = width or terminal_width()
    table = [[_shorten(_cell(row.get(c)), max_width) for c in columns] for row in rows]
    natural = [max([len(c), 3] + [len(r[i]) for r in table]) for i, c in enumerate(columns)]
    widths = _fit(natural, width, tuple(c in whole for c in columns))
    if widths is None:
        return _records(columns, table, width)

    def line(values: list[str]) -> str:
        return "  ".join(_shorten(v, w).ljust(w)
                         for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(columns), "  ".join("-" * w for w in widths)] + [line(r) for r in table]
    return "\n".join(lines)


def emit(fmt: str, rows: list[dict[str, Any]], *, summary: dict[str, Any] | None = None,
         document: dict[str, Any] | None = None, raw: bool = False,
         notes: list[str] | None = None, whole: tuple[str, ...] = ()) -> None:
    """Print a command's answer: its ``rows`` as a table (then the ``summary`` on one line
    and the ``notes``), CSV or TSV; as JSON, ``document`` (default: the rows, with the
    summary when there is one); ``whole``: columns a table never shortens. The one place
    the commands turn rows into output.

    >>> emit("table", [{"a": 1}], summary={"rows": 1})
    a
    ---
    1
    <BLANKLINE>
    rows: 1
    >>> emit("json", [{"a": 1}])
    [
      {
        "a": 1
      }
    ]
    """
    if fmt == "json":
        if document is None:
            document = {"summary": summary, "rows": rows} if summary else rows  # type: ignore[assignment]
        print(json.dumps(document, ensure_ascii=False, indent=2, default=str))
        return
    if rows or fmt != "table":
        print(render(rows, fmt, raw=raw, whole=whole))
    if fmt == "table":
        if summary:  # wrapped to the terminal's width
            print("\n" + "\n".join(textwrap.wrap(
                "; ".join(f"{k}: {v}" for k, v in summary.items()), terminal_width())))
        for note in notes or ():
            print(note)
