"""The paper's text as citable units: paragraphs, table rows, box items, footnotes.

The source paper ships with the project: a markdown transcription in
``kg/data/paper/`` beside a record of what it is (:func:`paper_record`: title, authors,
publisher, date, address, the terms of reuse and the text's SHA-256, which
:func:`read_paper` checks). ``$EUCAN_PAPER`` or ``kg coverage --paper`` reads another
transcription instead. :func:`split_units` walks it once
and gives every non-empty line after the front matter a place of the paper (the id of a
``Source`` record: ``section-3-1``, ``box-5``, ``table-4``, ``figure-24``, ``footnote-41``…)
and a kind. :func:`display` strips the markup so that a quote reads as printed, and
:func:`fold` makes the comparison form (case, quotes, dashes and spaces unified; the same
length as its input, so positions carry over).

>>> units = split_units("## 2.1 Economic Profiles\\n\\nCanada's GDP grew.<sup>10</sup>\\n"
...                     "\\n<sup>10</sup> Statistics Canada (2023).\\n")
>>> for u in units:
...     print(u.place, u.kind, u.text, sep=" | ")
section-2-1 | heading | 2.1 Economic Profiles
section-2-1 | paragraph | Canada's GDP grew.
footnote-10 | footnote | Statistics Canada (2023).
>>> fold("Canada’s “Digital” – 2023") == "canada's \\"digital\\" - 2023"
True
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

__all__ = ["Unit", "split_units", "display", "fold", "comparable", "printed_text",
           "unit_offsets", "read_paper", "default_paper", "paper_record", "PAPER_FOLDER"]

#: The paper's folder in the package: its text and its record (``paper.json``).
PAPER_FOLDER = "paper"
#: The running header of the chapter title pages, not part of the text.
_RUNNING_HEADER = "european cluster"

_SUP = re.compile(r"<sup>\s*[\d,\s*]+\s*</sup>")
#: A superscript digit inside a link's text, as in Figure 24's "AdPack²": part of a name.
_NAME_SUP = re.compile(r"(?<=\w)<sup>(\d)</sup>(?=</a>)")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_ANGLE = re.compile(r"<(https?://[^>\s]+)>")
_HEADING = re.compile(r"^#{1,6}\s+")
_NUMBERED = re.compile(r"^(?:#{1,6}\s+)?\**\s*(\d+(?:\.\d+)*)\.?\s+\S")
_CHAPTER = re.compile(r"^#\s+0?(\d)\s*$")
_CAPTION = re.compile(r"^[*_\s]*(Figure|Table|Box)\s*(\d+)\s*:", re.I)
_HEADED_BOX = re.compile(r"^#{1,6}\s+[*_\s]*Box\s*(\d+)\s*:", re.I)
_FOOTNOTE = re.compile(r"^<sup>\s*(\d+)\s*</sup>\s*")
_SOURCE_LINE = re.compile(r"^[*_\s]*Source\s*:", re.I)
_NAMED = {"executive summary": "executive-summary", "abbreviations": "abbreviations",
          "bibliography": "bibliography", "annex": "annex"}
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2013": "-",
                       "\u2014": "-", "\u2011": "-", "\u2212": "-", "\u00a0": " ",
                       "\t": " ", "\n": " ", "\u202f": " "})


@dataclass(frozen=True)
class Unit:
    """One citable unit of the paper: where it is, what it is and its text as printed."""

    place: str
    kind: str
    line: int
    text: str
    #: the section the unit is printed in (a footnote's or a box's section)
    section: str = ""


def display(line: str) -> str:
    """A line of the transcription as read: markup, footnote marks and escapes removed.

    >>> display("**Scale AI** raised \\\\$125 million.<sup>57</sup> See [here](#).")
    'Scale AI raised $125 million. See here.'
    >>> display('<a href="#">AdPack<sup>2</sup></a>')  # a name's superscript is no footnote call
    'AdPack²'
    """
    text = _NAME_SUP.sub(lambda m: m.group(1).translate(_SUPERSCRIPT), line)
    text = _SUP.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ANGLE.sub(lambda m: m.group(1), text)
    text = _TAG.sub(" ", text).replace("( )", "")
    text = html.unescape(text).replace("\\", "")
    text = re.sub(r"(\*\*|__|(?<!\w)\*|\*(?!\w))", "", text)
    text = text.replace("|", " ").strip(" -•*#")
    return " ".join(text.split())


def fold(text: str) -> str:
    """The comparison form of ``text``: one character for one (positions carry over).

    Lower case, typographic quotes and dashes as ASCII, every space character a space.
    """
    folded = text.translate(_FOLD)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def comparable(text: str) -> str:
    """``text`` folded with its spaces normalised: the form quotes and the paper are
    compared in.

    >>> comparable("Cluster  members\\nof SUAVE")
    'cluster members of suave'
    """
    return " ".join(fold(text).split())


def printed_text(paper: str) -> str:
    """The whole paper as read, one displayed line per line (what quotes are checked on)."""
    return "\n".join(_with_sign(line, display(line)) if "\t" in line else display(line)
                     for line in paper.splitlines())


def unit_offsets(units: list[Unit], text: str) -> list[int]:
    """Where each unit's text starts in ``text`` (the printed paper with its spaces
    normalised, ``" ".join(printed_text(paper).split())``); units are in reading order."""
    offsets, at = [], 0
    for unit in units:
        found = text.find(unit.text, at)
        offsets.append(found if found >= 0 else text.find(unit.text))
        if found >= 0:
            at = found + len(unit.text)
    return offsets


def paper_record() -> dict[str, Any]:
    """What the shipped paper is: title, series, authors, publisher and its address,
    place, date, terms of reuse, file name, media type and SHA-256.

    >>> record = paper_record()
    >>> record["issued"], record["file"]
    ('2023-12', 'eccp-eu-canada-2023.md')
    """
    return json.loads(files("kg.data").joinpath(PAPER_FOLDER, "paper.json").read_text(
        encoding="utf-8"))


def default_paper() -> Path:
    """Where the paper is: ``$EUCAN_PAPER`` when set, else the copy shipped in the package
    (``kg/data/paper/``)."""
    if os.environ.get("EUCAN_PAPER"):
        return Path(os.environ["EUCAN_PAPER"])
    return Path(str(files("kg.data").joinpath(PAPER_FOLDER, paper_record()["file"])))


def read_paper(path: Path | None = None) -> str:
    """The paper's text (:func:`default_paper` by default). The shipped copy must match
    the SHA-256 of its record: the units and quotes of the data were made from it.

    :raises FileNotFoundError: when the file is not there.
    :raises DataError: when the shipped copy's bytes are not the recorded ones.
    """
    chosen = path or default_paper()
    data = chosen.read_bytes()
    shipped = Path(str(files("kg.data").joinpath(PAPER_FOLDER, paper_record()["file"])))
    if chosen.resolve() == shipped.resolve():
        digest = hashlib.sha256(data).hexdigest()
        if digest != paper_record()["sha256"]:
            from kg.core.errors import DataError

            raise DataError(str(chosen), None, None, None, f"SHA-256 {digest[:12]}…",
                            "the text recorded in paper.json (its sha256)")
    return data.decode("utf-8")


def _with_sign(raw: str, shown: str) -> str:
    """A table row's text with its last cell when that cell is a sign only (Figure 14's
    "-", a weak negative correlation), which :func:`display` reads as a list's dash.

    >>> _with_sign("\\tSurvival rate of enterprises\\t\\t-\\t", "Survival rate of enterprises")
    'Survival rate of enterprises -'
    """
    cells = [c.strip() for c in raw.split("\t") if c.strip()]
    sign = cells[-1] if cells and re.fullmatch(r"[-+]{1,2}", cells[-1]) else ""
    return f"{shown} {sign}" if sign and not shown.endswith(sign) else shown


def _unit(section: str | None, place: str, kind: str, line: int, text: str) -> Unit:
    return Unit(place, kind, line, text, section or place)


def _section_place(number: str, places: set[str] | None) -> str:
    parts = number.split(".")
    while parts:
        place = "section-" + "-".join(parts)
        if places is None or place in places:
            return place
        parts.pop()
    return "section-" + number.split(".")[0]


def split_units(text: str, places: Iterable[str] | None = None) -> list[Unit]:
    """The paper's units in reading order, each with its place and kind.

    ``places`` (the ids of the known ``Source`` records) lets a heading numbered
    ``4.1`` fall back to ``section-4`` when the data has no ``section-4-1``.
    """
    known = set(places) if places is not None else None
    units: list[Unit] = []
    section: str | None = "title-page"
    block, front = None, True
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        shown = display(line)
        heading = _HEADING.match(line)
        if front:
            title = _HEADING.sub("", line).strip("* ").lower() if heading else ""
            if title == "table of contents":
                section = None
            if title and (title in _NAMED or _NUMBERED.match(line)):
                front = False
            else:
                if section == "title-page" and (not title or line.startswith("# ")):
                    units.append(_unit(section, "title-page", "title page", number, shown))
                continue
        footnote = _FOOTNOTE.match(line)
        if not footnote and units and units[-1].kind == "footnote" and (
                line.startswith(("http", "<http", "[http", "See also"))):
            units.append(_unit(section, units[-1].place, "footnote", number, shown))
            continue
        if footnote:
            units.append(_unit(section, f"footnote-{footnote.group(1)}", "footnote", number,
                              display(line[footnote.end():])))
            continue
        boxed = _HEADED_BOX.match(line)
        caption = boxed and ("box", boxed.group(1)) or None
        if caption is None and not heading:
            found = _CAPTION.match(line)
            if found and not line.rstrip().endswith(("…", ".....")):
                caption = (found.group(1).lower(), found.group(2))
        if caption:
            block = f"{caption[0]}-{caption[1]}"
            units.append(_unit(section, block, "caption", number, shown))
            continue
        if heading:
            chapter = _CHAPTER.match(line)
            numbered = _NUMBERED.match(line)
            title = _HEADING.sub("", line).strip("* ").lower()
            if chapter:
                section = _section_place(chapter.group(1), known)
            elif numbered:
                section = _section_place(numbered.group(1), known)
            elif title in _NAMED:
                section = _NAMED[title]
            block = None
            if section and shown and not chapter:
                units.append(_unit(section, section, "heading", number, shown))
            continue
        place = block or section
        if place is None:
            continue
        if _SOURCE_LINE.match(line):
            units.append(_unit(section, place, "source line", number, shown))
            block = None
            continue
        if section == "abbreviations":
            kind = "abbreviation"
        elif section == "bibliography":
            kind = "bibliography entry"
        elif block and block.startswith("box"):
            kind = "box item"
        elif "\t" in raw or line.startswith("|") or (block and block.startswith("table")):
            kind = "table row"  # a row whose other cells are empty still has their tabs
            shown = _with_sign(raw, shown)
        elif block:
            kind = "figure text"
        elif line.startswith(("- ", "* ", "• ")) or re.match(r"^\d+\.\s", line):
            kind = "list item"
        else:
            kind = "paragraph"
        if shown and not re.fullmatch(r"[-|: ]*", line) and shown.lower() != _RUNNING_HEADER:
            units.append(_unit(section, place, kind, number, shown))
    return units
