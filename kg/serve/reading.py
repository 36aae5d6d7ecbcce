"""The paper beside the graph: a reading view of the paper, place by place.

:class:`Reading` is made once per served graph from the units of the paper the graph
holds (:mod:`kg.graph.units`: ``eucan:text``, ``eucan:order``, ``dcterms:isPartOf``) and
the statements anchored in them (``eucan:anchoredIn``, :mod:`kg.graph.provenance`). Each
place (section, table, figure, box …) is one page, ``/paper/PLACE/``, listing its
sentences, list and box items and table rows in the paper's order, each with an anchor
(its unit id, ``/`` read as ``.``: ``section-3-3.p6.s1``). A unit that a statement quotes
is marked and links to the resources the statements speak of; a unit with none stays
plain, so a reader sees what the graph does not hold. A footnote is shown with the
sentence that calls it; a place's table rows are one HTML table with a CSV
(``/paper/PLACE.csv``). The pages are in :mod:`kg.serve.reading_pages`.

Examples
--------
>>> from kg.store.open import build_graph
>>> from kg.serve.site import Site
>>> reading = Reading(Site(build_graph()))
>>> reading.href("https://w3id.org/eucan/id/source/section-3-3/p6/s1")
'/paper/section-3-3/#section-3-3.p6.s1'
>>> reading.csv_rows("table-1")[0][:2]
['DIGITAL SUPERCLUSTER', 'SCALE AI']
>>> [c["id"] for c in reading.contents()][:3]
['title-page', 'abbreviations', 'executive-summary']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import EUCAN, ID
from kg.core.resources import internal_query as internal
from kg.data.units import KINDS

__all__ = ["Reading", "reading_of", "anchor", "PREFIX"]

#: Where the places of the paper are minted (``…/id/source/section-3-3``).
PREFIX = ID + "source/"
#: Places whose first table row heads the columns (as :mod:`kg.data.units` reads them).
_HEADED = re.compile(r"^(table|figure)-\d+$")
_PROSE = {"Paragraph": "para", "ListItem": "li", "BoxItem": "item", "FootnoteText": "note"}
_KINDS = set(KINDS.values())
#: How many resources a marked unit names before "and N more".
SHOWN = 12


def anchor(unit_id: str) -> str:
    """The anchor of a unit on its page: its id, ``/`` read as ``.``.

    >>> anchor("footnote-61/text/s3")
    'footnote-61.text.s3'
    """
    return unit_id.replace("/", ".")


@dataclass
class Unit:
    """One unit as the reading view draws it."""

    iri: str
    kind: str
    text: str
    line: int
    order: int
    parent: str
    place: str
    children: list[Unit] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.iri[len(PREFIX):]


def _place_id(iri: str) -> str:
    return iri[len(PREFIX):] if iri.startswith(PREFIX) else ""


class Reading:
    """The paper's places and units, and what the graph states in each."""

    def __init__(self, site: Any) -> None:
        self.site = site
        self.units: dict[str, Unit] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.top: dict[str, list[Unit]] = {}  # place -> the units directly in it, in order
        self.about: dict[str, list[str]] = {}  # unit -> the resources stated from it
        self.calls: dict[str, list[str]] = {}  # calling unit -> footnote places
        self.home: dict[str, str] = {}  # footnote place -> the place that calls it
        self._units(site.store)
        self._places(site.store)
        self._anchors(site.store)
        self._calls(site.store)
        self._count()

    def _units(self, store: Any) -> None:
        for row in store.select(internal("paper-units")):
            kind = row["kind"].value[len(EUCAN):]
            found = self.units.get(row["u"].value)
            if found is not None:  # also typed with its super-classes (eucan:TextUnit …)
                found.kind = kind if kind in _KINDS else found.kind
                continue
            self.units[row["u"].value] = Unit(
                row["u"].value, kind, row["text"].value, int(row["line"].value),
                int(row["order"].value), row["parent"].value, row["place"].value)
        for unit in sorted(self.units.values(), key=lambda u: (u.line, u.order, u.iri)):
            parent = self.units.get(unit.parent)
            if parent is not None:
                parent.children.append(unit)
            else:
                self.top.setdefault(_place_id(unit.place), []).append(unit)

    def _places(self, store: Any) -> None:
        for row in store.select(internal("paper-places")):
            pid = _place_id(row["place"].value)
            if pid and pid not in self.places:
                self.places[pid] = {
                    "id": pid, "iri": row["place"].value,
                    "label": row["label"].value if row["label"] else pid,
                    "number": row["number"].value if row["number"] else "",
                    "in": _place_id(row["printedIn"].value) if row["printedIn"] else "",
                    "line": 0, "units": 0, "marked": 0}

    def _anchors(self, store: Any) -> None:
        for row in store.select(internal("paper-anchors")):
            found = self.about.setdefault(row["u"].value, [])
            for term in (row["s"], row["o"]):
                if isinstance(term, ox.NamedNode) and term.value not in found \
                        and term.value not in self.units:
                    found.append(term.value)

    def _calls(self, store: Any) -> None:
        """Each footnote's first caller: the footnote is read on the caller's page."""
        for row in sorted(store.select(internal("paper-read-with")),
                          key=lambda r: (r["u"].value, r["c"].value)):
            note, caller = self.units.get(row["u"].value), self.units.get(row["c"].value)
            if note is None or caller is None or caller.kind == "FootnoteText":
                continue
            note_place = _place_id(note.place)
            if note_place in self.home:
                continue
            self.home[note_place] = _place_id(caller.place)
            self.calls.setdefault(caller.iri, []).append(note_place)

    def _count(self) -> None:
        for unit in self.units.values():
            place = self.places.get(_place_id(unit.place))
            if place is None:
                continue
            if not place["line"] or unit.line < place["line"]:
                place["line"] = unit.line
            if not unit.children:  # count what a reader reads: sentences, cells, items
                place["units"] += 1
                place["marked"] += 1 if unit.iri in self.about else 0

    # -- addresses -----------------------------------------------------------------------
    def page_of(self, place: str) -> str:
        """The page a place is read on: its own, or a called footnote's caller's."""
        return self.home.get(place, place)

    def href(self, unit_iri: str) -> str | None:
        """The address of a unit in context (``/paper/PLACE/#ANCHOR``), or None."""
        unit = self.units.get(unit_iri)
        if unit is None:
            return None
        return f"/paper/{self.page_of(_place_id(unit.place))}/#{anchor(unit.id)}"

    def contents(self) -> list[dict[str, Any]]:
        """The places read on their own page, in the paper's order."""
        shown = [p for p in self.places.values() if p["id"] not in self.home]
        return sorted(shown, key=lambda p: (p["line"], p["id"]))

    # -- what a page shows ---------------------------------------------------------------
    def _about(self, unit: Unit) -> list[dict[str, Any]]:
        """The resources stated from ``unit``, but its own place (a caption names it)."""
        return [self.site.link(iri) for iri in self.about.get(unit.iri, [])
                if iri != unit.place]

    def _cell(self, unit: Unit) -> dict[str, Any]:
        about = self._about(unit)
        return {"anchor": anchor(unit.id), "text": unit.text, "about": about[:SHOWN],
                "more": max(len(about) - SHOWN, 0), "kind": unit.kind,
                "quoted": unit.iri in self.about}

    def _sentence(self, unit: Unit) -> dict[str, Any]:
        found = self._cell(unit)
        found["notes"] = [{"number": self.places[n]["number"] or n, "anchor": anchor(first.id)}
                          for n, first in self._notes(unit)]
        return found

    def _notes(self, unit: Unit) -> list[tuple[str, Unit]]:
        """The footnotes ``unit`` calls: (place, its first unit)."""
        return [(n, self.top[n][0]) for n in self.calls.get(unit.iri, []) if self.top.get(n)]

    def _row(self, unit: Unit) -> dict[str, Any]:
        row = self._cell(unit)
        cells = {c.order: c for c in unit.children if c.kind == "TableCell"}
        row["cells"] = [self._cell(cells[n]) if n in cells else None
                        for n in range(1, max(cells, default=0) + 1)]
        if not cells:
            row["cells"] = [{"anchor": "", "text": unit.text, "about": [], "more": 0}]
        return row

    def _prose(self, unit: Unit) -> dict[str, Any]:
        block = self._cell(unit)
        block["type"] = _PROSE[unit.kind]
        parts = [c for c in unit.children if c.kind == "Sentence"] or [unit]
        block["sentences"] = [self._sentence(p) for p in parts]
        if parts == [unit]:  # the unit is its one sentence: the anchor and marks are its
            block["anchor"], block["about"], block["more"], block["quoted"] = "", [], 0, False
        block["notes"] = []
        for part in parts:
            for place, first in self._notes(part):
                block["notes"].append({**self.block(first), "label": self.places[place]["label"]})
        return block

    def block(self, unit: Unit) -> dict[str, Any]:
        """One top unit of a place as the template draws it (rows: see :meth:`blocks`)."""
        if unit.kind in _PROSE:
            return self._prose(unit)
        block = self._cell(unit)
        block["type"] = {"Heading": "heading", "Caption": "caption"}.get(unit.kind, "line")
        return block

    def blocks(self, place: str) -> list[dict[str, Any]]:
        """A place's units in order: table rows gathered into tables, and the tables,
        figures and boxes printed in it as links where they stand."""
        found: list[dict[str, Any]] = []
        inner = sorted((p for p in self.places.values() if p["in"] == place
                        and p["id"] not in self.home), key=lambda p: p["line"])
        for unit in self.top.get(place, []):
            while inner and inner[0]["line"] < unit.line:
                found.append({"type": "place", **inner.pop(0)})
            if unit.kind == "TableRow":
                if not found or found[-1]["type"] != "table":
                    head = _HEADED.match(place) is not None and not any(
                        b["type"] == "table" for b in found)
                    found.append({"type": "table", "head": head, "rows": [],
                                  "csv": f"/paper/{place}.csv"})
                found[-1]["rows"].append(self._row(unit))
                continue
            found.append(self.block(unit))
        found += [{"type": "place", **p} for p in inner]
        return found

    def tables(self, place: str) -> list[dict[str, Any]]:
        """The tables of a place (for its resource page and its data set's)."""
        return [b for b in self.blocks(place) if b["type"] == "table"]

    def csv_rows(self, place: str) -> list[list[str]]:
        """The cells of a place's table rows, as printed (its CSV)."""
        return [[c["text"] if c else "" for c in row["cells"]]
                for table in self.tables(place) for row in table["rows"]]


def reading_of(site: Any) -> Reading:
    """The :class:`Reading` of a :class:`kg.serve.site.Site` (made on first use, kept)."""
    found = site.__dict__.get("reading")
    if found is None:
        found = site.__dict__.setdefault("reading", Reading(site))
    return found
