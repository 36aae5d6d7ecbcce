"""The Oxigraph engine's results written by the engine itself (no Python object per row):
TSV result files read back in chunks (:func:`spooled_rows`) and answers serialised up to a
limit of rows or bytes (:func:`bounded`). Used by :class:`kg.store.ox_engine.OxigraphStore`
on large stores only (:data:`kg.store.ox_engine.SPOOL_FROM`).

>>> import io
>>> list(spooled_rows(io.BytesIO(b'?s\\t?n\\n<urn:x>\\t1\\n"a b"\\t\\n')))
[('urn:x', '1'), ('a b', None)]
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future
from typing import Any, Literal, overload

import pyoxigraph as ox

from kg.core.errors import QueryError, QueryLimitError
from kg.core.terms import cell_value
from kg.store.common import reading

__all__ = ["spool", "spooled_rows", "cells_when_done", "bounded"]


def spool(result: Any, path: Any) -> Any:
    """A temporary file holding the TSV ``result`` of a SELECT, at its first row (streamed:
    no whole result in memory). The engine writes it to the file's path, with no call into
    Python (and its lock) per buffer, so other threads run meanwhile. ``path``: the store's
    folder, named when its files are damaged."""
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("not a SELECT query")
    handle, name = tempfile.mkstemp(prefix="kg-select-", suffix=".tsv")
    try:
        os.close(handle)
        with reading(path):
            result.serialize(name, format=ox.QueryResultsFormat.TSV)
        return open(name, "rb")  # noqa: SIM115 (closed by its reader)
    finally:
        os.unlink(name)


def cells_when_done(future: Future) -> Iterator[tuple[str, ...]]:
    """The rows of the TSV result file ``future`` gives, cells as written."""
    with future.result() as spooled:
        yield from spooled_rows(spooled, decode=False)


@overload
def spooled_rows(spooled: Any, *, decode: Literal[False]) -> Iterator[tuple[str, ...]]: ...


@overload
def spooled_rows(spooled: Any, *, decode: Literal[True] = ...
                 ) -> Iterator[tuple[str | None, ...]]: ...


def spooled_rows(spooled: Any, *, decode: bool = True) -> Iterator[tuple[str | None, ...]]:
    """The rows of a TSV result file: plain strings (:func:`cell_value`) or, with
    ``decode=False``, the cells as written."""
    width = spooled.readline().count(b"\t") + 1  # the header names the variables
    rest = b""
    while chunk := spooled.read(1 << 22):  # about 4 MiB of rows at a time
        chunk = rest + chunk
        end = chunk.rfind(b"\n") + 1
        rest = chunk[end:]
        # one split per chunk of whole lines (cells never hold a tab or newline: TSV
        # escapes them)
        cells: list[Any] = chunk[:end].decode("utf-8").replace("\n", "\t").split("\t")
        cells.pop()  # after the last row's newline
        if decode:
            cells = [c[1:-1] if c[:1] == "<" else cell_value(c) for c in cells]
        yield from zip(*[iter(cells)] * width, strict=True)


class _Capped:
    """A binary writer that stops the engine once ``rows`` lines or ``size`` bytes
    are written (one line per row in TSV and N-Triples: they escape newlines)."""

    def __init__(self, rows: int | None, size: int | None, header: int) -> None:
        self.rows, self.size, self.header = rows, size, header
        self.parts: list[bytes] = []
        self.lines = self.written = 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        self.lines += data.count(b"\n")
        if self.size is not None and self.written > self.size:
            raise QueryLimitError(f"the answer is larger than {self.size >> 20} MiB "
                                  "(the limit); ask for less")
        if self.rows is not None and self.lines - self.header > self.rows:
            raise QueryLimitError(f"the answer has more than {self.rows:,} rows (the limit); "
                                  "add a LIMIT")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def bounded(result: Any, fmt: Any, rows: int | None, size: int | None,
            header: int = 0) -> bytes:
    """``result`` serialised in the line-based ``fmt``, stopped past the limits."""
    if rows is None and size is None:
        return result.serialize(format=fmt)
    writer = _Capped(rows, size, header)
    try:
        result.serialize(writer, format=fmt)
    except QueryLimitError:
        raise
    except OSError as error:  # the engine wraps the writer's exception in some versions
        if isinstance(error.__cause__, QueryLimitError):
            raise error.__cause__ from None
        raise
    return b"".join(writer.parts)
