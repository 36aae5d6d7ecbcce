"""Lists to take away: every kind of thing the graph describes (``/browse``), and for
one kind (``/browse/KIND``) a table of its members with the facets that apply to it —
side, country, ecosystem, programme, generation, target market (:mod:`kg.serve.facets`)
— narrowed by any of them, and the same table as CSV.

"The ESCP-4i partnerships targeting Canada that involve Spain" is
``/browse/ESCP4iPartnership?market=canada&country=spain`` (Figure 24 of the paper lists
the partnerships, their generation and the origin of their clusters).

Examples
--------
>>> from kg.store.open import build_graph
>>> from kg.serve.site import Site
>>> site = Site(build_graph())
>>> table = kind_table(site, "ESCP4iPartnership", {"market": "canada", "country": "spain"})
>>> len(table.rows), [c for c, _ in table.columns][:3]
(21, ['side', 'country', 'ecosystem'])
>>> table_csv(table).decode().splitlines()[0]
'iri,name,side,country,ecosystem,programme,generation,market'
>>> [k.kind for k in kinds(site)][:2]
['Abbreviation', 'AdministrativeArrangement']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.core.cells import spreadsheet_cell
from kg.core.namespaces import ID
from kg.serve.facets import FACETS

__all__ = ["Kind", "KindTable", "kinds", "kind_table", "table_csv", "static_files",
           "PAPER_PARTS"]

#: Resources under this path are parts of the paper (sections, sentences, table cells…).
PAPER_PARTS = ID + "source/"


@dataclass(frozen=True)
class Kind:
    """One kind of thing: its class's local name, its names in words, how many."""

    kind: str
    singular: str
    plural: str
    count: int
    paper: bool


@dataclass
class KindTable:
    """The members of a kind (narrowed by ``chosen``) with a column per facet."""

    kind: Kind
    columns: list[tuple[str, str]]
    rows: list[dict[str, Any]]
    filters: list[dict[str, Any]]
    chosen: dict[str, str] = field(default_factory=dict)


def kinds(site: Any) -> list[Kind]:
    """Every kind the graph has members of (by their most specific class), by name; the
    parts of the paper flagged."""
    members: dict[str, list[str]] = {}
    for iri, kind in site.kinds.items():
        if iri in site.index.labels:
            members.setdefault(kind, []).append(iri)
    names = site.index.kind_names
    found = [Kind(kind, names.singular(kind), names.plural(kind), len(iris),
                  sum(i.startswith(PAPER_PARTS) for i in iris) * 2 > len(iris))
             for kind, iris in members.items()]
    return sorted(found, key=lambda k: (k.paper, k.plural.casefold()))


def find_kind(site: Any, name: str) -> Kind | None:
    return {k.kind: k for k in kinds(site)}.get(name)


def kind_table(site: Any, name: str, chosen: Mapping[str, str]) -> KindTable | None:
    """The table of kind ``name`` narrowed by ``chosen`` (facet -> key); None for a
    kind the graph has no members of."""
    kind = find_kind(site, name)
    if kind is None:
        return None
    members = sorted((i for i, k in site.kinds.items() if k == name and i in site.index.labels),
                     key=lambda i: (site.label(i).casefold(), i))
    facets = site.facets
    options = facets.options(members)
    columns = [(f, FACETS[f]) for f in FACETS if f in options]
    wanted = {f: v[:100] for f, v in chosen.items() if f in options and v}
    rows = []
    for iri in facets.keep(members, wanted):
        row: dict[str, Any] = {"iri": iri, "name": site.label(iri),
                               "href": site.local_path(iri) or iri}
        for facet, _ in columns:
            keys = sorted(facets.values(iri, facet), key=lambda k: facets.label(facet, k))
            row[facet] = [(k, facets.label(facet, k)) for k in keys]
        rows.append(row)
    filters = [{"name": f, "title": title, "options": options[f]} for f, title in columns]
    return KindTable(kind, columns, rows, filters, wanted)


def table_csv(table: KindTable) -> bytes:
    """The table as CSV (UTF-8): the IRI, the name, then one column per facet with the
    labels of its values joined by "; "; no cell a spreadsheet would run."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["iri", "name", *(f for f, _ in table.columns)])
    for row in table.rows:
        writer.writerow([spreadsheet_cell(c) for c in (
            row["iri"], row["name"], *("; ".join(label for _, label in row[f])
                                       for f, _ in table.columns))])
    return out.getvalue().encode("utf-8")


def static_files(site: Any, render: Callable[..., bytes]) -> dict[str, bytes]:
    """The browse pages of the static site (``kg site``): ``browse/index.html``, and for
    each kind ``browse/KIND/index.html`` (every member; its filters work in the page, by
    a small script: a static host cannot filter) and ``browse/KIND.csv`` (every member).

    >>> from kg.store.open import build_graph
    >>> from kg.serve.site import Site
    >>> files = static_files(Site(build_graph()), lambda name, **values: name.encode())
    >>> files["browse/index.html"], files["browse/GlobalInnovationCluster/index.html"]
    (b'browse.html', b'browse_kind.html')
    >>> len(files["browse/GlobalInnovationCluster.csv"].decode().splitlines())
    6
    """
    files = {"browse/index.html": render("browse.html", kinds=kinds(site))}
    for kind in kinds(site):
        table = kind_table(site, kind.kind, {})
        if table is None:
            continue
        files[f"browse/{kind.kind}/index.html"] = render(
            "browse_kind.html", t=table, csv_href=f"/browse/{kind.kind}.csv")
        files[f"browse/{kind.kind}.csv"] = table_csv(table)
    return files
