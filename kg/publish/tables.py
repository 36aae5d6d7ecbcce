"""Exports beyond the four RDF syntaxes: named graphs, spreadsheets, JSON-LD context.

* N-Quads and TriG put the ontology and the data in two named graphs
  (:data:`ONTOLOGY_GRAPH`, :data:`DATA_GRAPH`), so a triple store keeps them apart;
* ``context.jsonld`` is the published JSON-LD context and ``eucan.compact.jsonld``
  the graph compacted with it;
* ``csv/CLASS.csv`` lists the instances of each class (by their most specific
  classes) with one column per property they use; resources appear by label. A cell a
  spreadsheet would run as a formula starts with a single quote
  (:func:`kg.core.cells.spreadsheet_cell`).

Every payload is computed in memory first (:func:`publication_payloads`), so the
caller writes all of them or none.

Examples
--------
>>> from kg.store.open import build_graph
>>> payloads = publication_payloads(build_graph())
>>> sorted(p for p in payloads if not p.startswith("csv/"))
['context.jsonld', 'eucan.compact.jsonld', 'eucan.nq', 'eucan.trig']
>>> payloads["csv/GlobalInnovationCluster.csv"].decode().splitlines()[0][:40]
'iri,label,altLabel,comment,activeInEcosy'
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyoxigraph as ox

from kg.core.cells import spreadsheet_cell
from kg.core.namespaces import BASE, PREFIXES
from kg.core.resources import internal_query as internal
from kg.core.terms import local_name, to_python
from kg.data.schema import ontology_triples
from kg.graph.provenance import is_statement_node
from kg.publish.context import compact_jsonld, jsonld_context

__all__ = ["publication_payloads", "named_graph_quads", "class_tables", "ONTOLOGY_GRAPH",
           "DATA_GRAPH"]

ONTOLOGY_GRAPH = BASE + "/graph/ontology"
DATA_GRAPH = BASE + "/graph/data"
#: Columns shown first in every class table, in this order.
_LEADING = ("label", "altLabel", "comment")


def named_graph_quads(store: Any) -> list[ox.Quad]:
    """The graph as quads, in the store's sorted triple order: ontology triples in one named
    graph, data in another.

    The ontology's blank nodes (its cardinality restrictions, ``_:b0``…) go with the
    ontology; the statement nodes of the data (``_:q…``, :mod:`kg.graph.provenance`) with
    the data.
    """
    ontology = {str(t) for t in ontology_triples()}
    quads = []
    for triple in store.triples():
        in_ontology = str(triple) in ontology or any(
            isinstance(term, ox.BlankNode) and not is_statement_node(term)
            for term in (triple.subject, triple.object))
        graph = ox.NamedNode(ONTOLOGY_GRAPH if in_ontology else DATA_GRAPH)
        quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    return quads


def class_tables(store: Any, *, bom: bool = False) -> dict[str, bytes]:
    """``csv/CLASS.csv`` -> CSV bytes, one table per class with instances. A link is shown
    by the label of its target, and its IRIs are in the column beside it (``NAME_iri``), so
    tables can be joined back. ``bom`` starts each file with a UTF-8 byte-order mark, which
    Excel needs to read "Québec" and "ACCIÓ" correctly. A cell a spreadsheet would run as
    a formula (``=HYPERLINK(…)``) starts with a single quote."""
    rows: dict[str, dict[str, dict[str, list[str]]]] = {}
    for row in store.select(internal("class-table-values")):
        table = rows.setdefault(local_name(row["class"].value), {})
        record = table.setdefault(row["s"].value, {})
        name = local_name(row["p"].value)
        record.setdefault(name, []).append(str(to_python(row["shown"])))
        if isinstance(row["o"], ox.NamedNode):
            record.setdefault(f"{name}_iri", []).append(row["o"].value)
    tables = {}
    for cls, records in sorted(rows.items()):
        used = sorted({p for r in records.values() for p in r} - set(_LEADING))
        columns = ["iri", *[c for c in _LEADING if any(c in r for r in records.values())], *used]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for iri, record in sorted(records.items()):
            writer.writerow([spreadsheet_cell(iri)] + [
                spreadsheet_cell("; ".join(sorted(set(record.get(c, []))))) for c in columns[1:]])
        tables[f"csv/{cls}.csv"] = buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
    return tables


def publication_payloads(store: Any, jsonld: bytes | None = None, *,
                         csv_bom: bool = False) -> dict[str, bytes]:
    """Relative path -> bytes for every extra export (``jsonld``: the graph's JSON-LD if
    already serialised, to compact without serialising it again; ``csv_bom``: CSV files for
    Excel)."""
    quads = named_graph_quads(store)
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"}
    context = jsonld_context(store)
    payloads = {
        "eucan.nq": ox.serialize(quads, format=ox.RdfFormat.N_QUADS),
        "eucan.trig": ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes),
        "context.jsonld": (json.dumps(context, indent=1, sort_keys=True) + "\n").encode("utf-8"),
        "eucan.compact.jsonld": compact_jsonld(jsonld or store.serialize("jsonld"), context),
    }
    payloads.update(class_tables(store, bom=csv_bom))
    return payloads
