"""The figures a resource page shows, as a reader needs them: each row says what it
counts (measure, category, flow direction, counterpart) in words, its value as people
write it ("CAD 323 million") beside the printed form, its period; rows grouped by the
place of the paper that states them; the same rows as CSV (``kg serve``:
``PAGE/?figures=csv``; ``kg site``: ``PAGE/figures.csv``).

Examples
--------
>>> from kg.store.open import build_graph
>>> store = build_graph()
>>> rows = figure_rows(store, "https://w3id.org/eucan/id/cluster/protein-industries-canada")
>>> sorted({r["category"] for r in rows if r["measure"] == "Project partnerships"})
['Large companies', 'Other', 'Research organisations', 'SMEs', 'Total']
>>> [r["amount"] for r in rows if r["statedAs"] == "$323 million (total)"]
['CAD 323 million']
>>> figures_csv(rows).splitlines()[0].split(",")[:4]
['place', 'measure', 'category', 'flow direction']
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pyoxigraph as ox

from kg.core.namespaces import BASE
from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.serve.words import amount

__all__ = ["figure_rows", "figure_groups", "figures_csv", "CSV_COLUMNS"]

#: The CSV's columns: header -> key of a row.
CSV_COLUMNS = {"place": "cite", "measure": "measure", "category": "category",
               "flow direction": "direction", "counterpart": "counterpart",
               "value": "value", "unit": "unit", "value in words": "amount",
               "period": "period", "stated as": "statedAs", "qualifier": "qualifier",
               "note": "note", "observation": "obs", "place IRI": "place"}

#: Qualifiers that add nothing before a value.
_PLAIN = {"", "Exact"}


def _text(term: Any) -> str:
    return term.value if term is not None else ""


def _href(iri: str) -> str:
    return iri[len(BASE):] if iri.startswith(BASE + "/") else iri


def figure_rows(store: SparqlStore, iri: str) -> list[dict[str, str]]:
    """Every figure about ``iri``: plain strings, one dict per observation (the keys of
    :data:`CSV_COLUMNS`, plus ``obs_label`` and ``what``: the details in words)."""
    rows = []
    for row in store.select(internal("figure-rows"), {"entity": ox.NamedNode(iri)}):
        found = {key: _text(row[key]) for key in (
            "obs", "measure", "value", "unit", "period", "statedAs", "note", "qualifier",
            "category", "direction", "counterpart", "place", "placeLabel", "cite")}
        words = amount(found["value"], found["unit"])
        if found["qualifier"] not in _PLAIN:
            words = f"{found['qualifier'].lower()} {words}"
        found["amount"] = words
        found["obs_href"] = _href(found["obs"])
        found["place_href"] = _href(found["place"])
        found["what"] = " · ".join(v for v in (found["category"], found["direction"],
                                               found["counterpart"] and "with "
                                               + found["counterpart"]) if v)
        rows.append(found)
    return rows


def figure_groups(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The rows grouped by the place of the paper that states them (in the rows' order:
    by short name), each group's rows by measure, then category."""
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        group = groups.setdefault(row["place"], {"place": row["place"],
                                                  "href": row["place_href"],
                                                  "label": row["placeLabel"] or "Not placed",
                                                  "cite": row["cite"], "rows": []})
        group["rows"].append(row)
    for group in groups.values():
        group["rows"].sort(key=lambda r: (r["measure"], r["category"] == "Total",
                                          r["direction"], r["category"], r["counterpart"]))
    return list(groups.values())


def figures_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV (RFC 4180, a header line first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([row[key] for key in CSV_COLUMNS.values()])
    return out.getvalue()
