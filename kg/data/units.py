"""The paper's units as resources: every sentence, list item, table row and cell, box
item, caption, source line and footnote, each with an id under its place.

The line units of :func:`kg.data.paper.split_units` are refined into a tree: a
paragraph (``section-3-1/p2``) holds its sentences (``section-3-1/p2/s3``); a table row
(``table-1/row4``) holds its cells (``table-1/row4/cell2``); a box item, list item or
footnote holds its sentences when it has more than one. Each unit records its kind, its
parent, its order among its siblings, its line in the transcription, its text as printed
and the units a reader reads it with (:attr:`TextUnit.context`): a cell's row header and
column header, a row's or a box item's caption, a list item's lead-in sentence.

The tree is made once from the paper by ``tools/units.py`` (sentences are split with
pysbd) and shipped as ``kg/data/paper/units.json``; :func:`load_units` reads it (a test
checks it is what the tool makes from the shipped paper).

Examples
--------
>>> units = load_units()
>>> cell = units["table-1/row6/cell2"]
>>> cell.kind, cell.text
('table cell', 'Regional headquarters: Quebec')
>>> [units[c].text for c in cell.context]  # its column's head, the caption
['SCALE AI', 'Table 1: Overview of the five Canadian Global Innovation Clusters']
>>> units["box-5"].kind
'place'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from kg.data.paper import PAPER_FOLDER, Unit, display, split_units

__all__ = ["TextUnit", "Units", "make_units", "load_units", "dumps", "UNITS_FILE", "KINDS"]

#: The units of the shipped paper, beside it in the package.
UNITS_FILE = "units.json"
#: Kinds of unit, as the graph types them (``eucan:Sentence`` …).
KINDS = {"sentence": "Sentence", "paragraph": "Paragraph", "list item": "ListItem",
         "box item": "BoxItem", "table row": "TableRow", "table cell": "TableCell",
         "caption": "Caption", "source line": "SourceNote", "footnote": "FootnoteText",
         "heading": "Heading", "figure text": "FigureText", "abbreviation": "TableRow",
         "bibliography entry": "BibliographyText", "title page": "TitlePageLine"}
#: Line kinds whose text is split into sentences.
_PROSE = ("paragraph", "list item", "box item", "footnote")
_SEPARATOR = re.compile(r"^[\s|:-]*$")
_CALL = re.compile(r"<sup>\s*[\d,\s]+\s*</sup>")
#: A table cell that is a sign only (Figure 14: "-" weak negative, "--" negative correlation).
_SIGN = re.compile(r"[-+]{1,2}")
#: Places whose tables have a row of column headers first (the abbreviations, a box's
#: list laid out in columns, have none).
_HEADED = re.compile(r"^(table|figure)-\d+$")
#: The column that names what a row is about (1 unless said here; None: each column is
#: about one thing, as in Table 1, where each column is a cluster, Table 2, one row of
#: counts under its column heads, and Figure 2, where each cell is a programme; in Figure
#: 14 the Indicator column heads each row, the Dimension is printed once per group).
_ROW_HEADER: dict[str, int | None] = {"table-1": None, "table-2": None, "figure-2": None,
                                      "figure-24": 3, "figure-14": 2}
#: The column that names a group of rows, printed on its first row only (Figure 14's
#: Dimension): every other cell of the group is read with it too.
_GROUP_HEADER: dict[str, int] = {"figure-14": 1}


@dataclass(frozen=True)
class TextUnit:
    """One unit of the paper: a sentence, a cell, a caption …"""

    id: str
    place: str
    kind: str
    parent: str
    order: int
    line: int
    text: str
    #: Units read with this one: a cell's row and column headers, a caption, a lead-in.
    context: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        found = {"id": self.id, "place": self.place, "kind": self.kind, "parent": self.parent,
                 "order": self.order, "line": self.line, "text": self.text}
        if self.context:
            found["context"] = list(self.context)
        return found


@dataclass
class Units:
    """Every unit by id, in reading order, with the places' own entries (kind
    ``place``) so that each unit's parent chain ends at its place."""

    by_id: dict[str, TextUnit] = field(default_factory=dict)

    def __getitem__(self, unit_id: str) -> TextUnit:
        return self.by_id[unit_id]

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self.by_id

    def __iter__(self) -> Iterator[TextUnit]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def in_place(self, place: str) -> list[TextUnit]:
        """The units of ``place`` (not the place itself), in reading order."""
        return self._by_place().get(place, [])

    @cache  # noqa: B019 (one Units per process: the shipped paper's)
    def _by_place(self) -> dict[str, list[TextUnit]]:
        found: dict[str, list[TextUnit]] = {}
        for unit in self.by_id.values():
            if unit.kind != "place":
                found.setdefault(unit.place, []).append(unit)
        return found

    def children(self, unit_id: str) -> list[TextUnit]:
        """The units directly inside ``unit_id``."""
        return [u for u in self.in_place(self[unit_id].place) if u.parent == unit_id]

    def __hash__(self) -> int:
        return id(self)


def _sentences(text: str, segmenter: Any) -> list[tuple[str, int, int]]:
    """The sentences of ``text`` with where each starts and ends in it."""
    spans = [(s.sent.strip(), s.start, s.end) for s in segmenter.segment(text)] \
        if segmenter else [(text, 0, len(text))]
    return [s for s in spans if s[0]] or [(text, 0, len(text))]


def _calls(raw: str) -> list[tuple[str, int]]:
    """The footnote calls of a line (``<sup>41</sup>``): the footnote's place and where the
    call stands in the line's displayed text."""
    return [(f"footnote-{number}", len(display(raw[:m.start()])))
            for m in _CALL.finditer(raw) for number in re.findall(r"\d+", m.group(0))]


def _cells(raw: str) -> list[str]:
    """A table line's cells as printed, empty ones included so that columns line up
    (tab-separated, or a markdown pipe table's ``| a | b |``)."""
    line = raw.strip(" \n")
    if line.lstrip("- ").startswith("|"):
        parts = line.lstrip("- ").strip().strip("|").split("|")
    else:
        parts = line.split("\t")
    # a cell that is only a sign ("-", "--": Figure 14's weak and strong negative
    # correlations) is printed as it is, not read as a list's dash
    return [p.strip() if _SIGN.fullmatch(p.strip()) else display(p).strip() for p in parts]


class _Builder:
    """Numbers the units of each place and links them to their parents and context."""

    def __init__(self, segmenter: Any) -> None:
        self.units: dict[str, TextUnit] = {}
        self.counts: dict[tuple[str, str], int] = {}
        self.segmenter = segmenter
        self.header: dict[str, list[str]] = {}  # place -> its first row's cell ids
        self.caption: dict[str, str] = {}
        self.last_sentence: dict[str, str] = {}
        self.lead: dict[str, str] = {}
        self.row_header: dict[str, str] = {}
        self.group_header: dict[str, str] = {}
        self.callers: dict[str, list[str]] = {}
        self.title = ""

    def add(self, place: str, kind: str, parent: str, stem: str, line: int, text: str,
            context: Iterable[str] = ()) -> TextUnit:
        if place not in self.units:
            self.units[place] = TextUnit(place, place, "place", "", 0, line, "")
        key = (parent, stem)
        self.counts[key] = self.counts.get(key, 0) + 1
        number = self.counts[key]
        suffix = stem if stem in ("caption", "heading", "source", "text") and number == 1 \
            else f"{stem}{number}"
        unit = TextUnit(f"{parent}/{suffix}", place, kind, parent, number, line, text,
                        tuple(c for c in context if c))
        self.units[unit.id] = unit
        return unit

    def prose(self, line_unit: Unit, stem: str, context: Iterable[str] = (),
              raw: str = "") -> None:
        place = line_unit.place
        whole = self.add(place, line_unit.kind, place, stem, line_unit.line, line_unit.text,
                         context)
        sentences = _sentences(line_unit.text, self.segmenter)
        spans = [(whole.id, 0, len(line_unit.text))]
        if line_unit.kind == "paragraph" or len(sentences) > 1:
            spans = []
            for sentence, start, end in sentences:
                last = self.add(place, "sentence", whole.id, "s", line_unit.line, sentence)
                spans.append((last.id, start, end))
            self.last_sentence[place] = spans[-1][0]
        else:
            self.last_sentence[place] = whole.id
        if line_unit.kind != "footnote":
            for footnote, at in _calls(raw):  # the sentence a footnote is called from
                caller = next((u for u, start, end in spans if start < at <= end + 1),
                              spans[-1][0])
                self.callers.setdefault(footnote, []).append(caller)

    def row(self, line_unit: Unit, raw: str) -> None:
        place = line_unit.place
        row = self.add(place, line_unit.kind, place, "row", line_unit.line, line_unit.text,
                       [self.caption.get(place, "")])
        first = place not in self.header
        cells = _cells(raw)
        ids = []
        key = _ROW_HEADER.get(place, 1) if not first else None
        if key is not None and key <= len(cells) and cells[key - 1]:
            self.row_header[place] = f"{row.id}/cell{key}"  # later rows without one share it
        group = _GROUP_HEADER.get(place) if not first else None
        if group is not None and group <= len(cells) and cells[group - 1]:
            self.group_header[place] = f"{row.id}/cell{group}"
        for column, text in enumerate(cells, 1):
            # read with its row's header (a row without one: the row above's), its group's,
            # its column's header (the table's first row) and the caption
            context = [self.row_header.get(place, "")] if key not in (None, column) else []
            if group not in (None, column):
                context.append(self.group_header.get(place, ""))
            if not first and column <= len(self.header[place]):
                context.append(self.header[place][column - 1])
            context.append(self.caption.get(place, ""))
            cell = f"{row.id}/cell{column}"
            ids.append(cell if text else "")
            if text:
                self.units[cell] = TextUnit(cell, place, "table cell", row.id, column,
                                            line_unit.line, text,
                                            tuple(c for c in context if c))
        if first:  # a table's first row heads its columns (lists without a head: none)
            self.header[place] = ids if _HEADED.match(place) else []


def make_units(paper: str, places: Iterable[str] | None = None) -> Units:
    """The unit tree of ``paper`` (sentences split with pysbd)."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    builder = _Builder(segmenter)
    raw_lines = paper.splitlines()
    previous_kind = ""
    for line_unit in split_units(paper, places):
        kind, place = line_unit.kind, line_unit.place
        raw = raw_lines[line_unit.line - 1]
        if kind == "caption":
            builder.caption[place] = builder.add(place, kind, place, "caption", line_unit.line,
                                                 line_unit.text).id
        elif kind in ("table row", "abbreviation") or raw.lstrip("- ").startswith("|"):
            if not _SEPARATOR.match(raw):
                builder.row(line_unit, raw)
        elif kind == "paragraph":
            builder.prose(line_unit, "p", raw=raw)
        elif kind == "list item":
            if previous_kind != "list item":  # the sentence that introduces the list
                builder.lead[place] = builder.last_sentence.get(place, "")
            builder.prose(line_unit, "li", [builder.lead.get(place, "")], raw=raw)
        elif kind == "box item":
            builder.prose(line_unit, "item", [builder.caption.get(place, "")], raw=raw)
        elif kind == "footnote":
            builder.prose(line_unit, "text")
        elif kind == "source line":
            builder.add(place, kind, place, "source", line_unit.line, line_unit.text,
                        [builder.caption.get(place, "")])
        else:
            stem = {"heading": "heading", "figure text": "text", "bibliography entry": "entry",
                    "title page": "line"}.get(kind, "text")
            context = [builder.caption.get(place, "")] if kind == "figure text" else []
            if kind == "title page" and builder.title:  # read with the paper's title
                context = [builder.title]
            unit = builder.add(place, kind, place, stem, line_unit.line, line_unit.text,
                               context)
            if kind == "title page" and raw.startswith("# "):
                builder.title = unit.id
        previous_kind = kind
    return Units(_called_from(builder.units, builder.callers))


def _called_from(units: dict[str, TextUnit], callers: dict[str, list[str]]
                 ) -> dict[str, TextUnit]:
    """A footnote's text read with the sentence that calls it (its first call)."""
    for unit_id, unit in list(units.items()):
        if unit.kind == "footnote" and unit.place in callers and unit.parent == unit.place:
            units[unit_id] = TextUnit(unit.id, unit.place, unit.kind, unit.parent, unit.order,
                                      unit.line, unit.text,
                                      unit.context + (callers[unit.place][0],))
    return units


def dumps(units: Units) -> str:
    """The units file: one unit per line (diffs stay readable)."""
    lines = [json.dumps(u.as_dict(), ensure_ascii=False) for u in units if u.kind != "place"]
    return '{"units": [\n' + ",\n".join(lines) + "\n]}\n"


@cache
def load_units() -> Units:
    """The units of the shipped paper (``kg/data/paper/units.json``)."""
    document = json.loads(files("kg.data").joinpath(PAPER_FOLDER, UNITS_FILE).read_text(
        encoding="utf-8"))
    found: dict[str, TextUnit] = {}
    for entry in document["units"]:
        unit = TextUnit(**{**entry, "context": tuple(entry.get("context", ()))})
        if unit.place not in found:
            found[unit.place] = TextUnit(unit.place, unit.place, "place", "", 0, unit.line, "")
        found[unit.id] = unit
    return Units(found)
