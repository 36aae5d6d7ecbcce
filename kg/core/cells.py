"""Cells of the CSV files people open in a spreadsheet, made safe from formulas.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or a carriage return) as a formula: a label such as ``=HYPERLINK("http://…")``
in the data would become a link or a command in the reader's spreadsheet (OWASP, "CSV
Injection"). :func:`spreadsheet_cell` starts such a cell with a single quote, which
spreadsheets show as text. Two kinds of cell are left as they are, as nothing in them
can name a function or a cell: a plain number (``-5``, ``-3.2e4``) and a cell of signs
only (``+``, ``++``, ``-``, ``=``: the paper's correlation classes in Figure 14 and the
notation of an exact figure).

Examples
--------
>>> [spreadsheet_cell(c) for c in ("=1+1", "-5", "-3.2e4", "@SUM(A1)", "++", "Québec", "")]
["'=1+1", '-5', '-3.2e4', "'@SUM(A1)", '++', 'Québec', '']
"""

from __future__ import annotations

import re

__all__ = ["spreadsheet_cell", "FORMULA_STARTS"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A plain number, or signs only: nothing a spreadsheet can run.
_INERT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+=-]+")


def spreadsheet_cell(text: str) -> str:
    """``text`` with a single quote in front when a spreadsheet would read it as a
    formula (it starts with one of :data:`FORMULA_STARTS` and is not a plain number or
    signs only).

    >>> spreadsheet_cell('=HYPERLINK("http://example.org","x")')
    '\\'=HYPERLINK("http://example.org","x")'
    >>> spreadsheet_cell("+1 613 555 0100"), spreadsheet_cell("+15")
    ("'+1 613 555 0100", '+15')
    """
    if text.startswith(FORMULA_STARTS) and not _INERT.fullmatch(text):
        return "'" + text
    return text
