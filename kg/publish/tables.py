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
from kg.core.protocols import LocalGraph, SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import bound_rows, local_name, to_python
from kg.data.schema import ontology_triples
from kg.graph.provenance import is_statement_node
from kg.publish.context import compact_jsonld, jsonld_context

__all__ = ["publication_payloads", "syntax_payloads", "named_graph_nquads", "class_tables",
           "ONTOLOGY_GRAPH", "DATA_GRAPH"]

ONTOLOGY_GRAPH = BASE + "/graph/ontology"
DATA_GRAPH = BASE + "/graph/data"
#: Columns shown first in every class table, in this order.
_LEADING = ("label", "altLabel", "comment")


def named_graph_nquads(ntriples: bytes) -> bytes:
    """The graph (its sorted N-Triples) as N-Quads, in the same order: ontology triples in one
    named graph, data in another. Written line by line (a quad is its triple's line with the
    graph before the final dot), with no object per triple.

    The ontology's blank nodes (its cardinality restrictions, ``_:b0``…) go with the
    ontology; the statement nodes of the data (``_:q…``, :mod:`kg.graph.provenance`) with
    the data.

    >>> from kg.store.open import build_graph
    >>> lines = named_graph_nquads(build_graph().serialize("ntriples")).decode().splitlines()
    >>> sorted({line.rsplit(" ", 2)[1] for line in lines})
    ['<https://w3id.org/eucan/graph/data>', '<https://w3id.org/eucan/graph/ontology>']
    """
    ontology = {str(t).encode("utf-8") for t in ontology_triples()}
    in_ontology = b" <%s> .\n" % ONTOLOGY_GRAPH.encode()
    in_data = b" <%s> .\n" % DATA_GRAPH.encode()
    blanks: dict[bytes, bool] = {}  # blank node -> whether it belongs to the ontology

    def ontology_blank(term: bytes) -> bool:
        if term[:2] != b"_:":
            return False
        found = blanks.get(term)
        if found is None:
            found = blanks[term] = not is_statement_node(ox.BlankNode(term[2:].decode()))
        return found

    quads = []
    for line in ntriples.split(b"\n")[:-1]:
        triple = line[:-2]  # N-Triples lines end in " ."; terms hold no raw newline or space
        subject, _, rest = triple.partition(b" ")
        blank = ontology_blank(subject) or ontology_blank(rest.partition(b" ")[2])
        quads.append(triple + (in_ontology if blank or triple in ontology else in_data))
    return b"".join(quads)


def class_tables(store: SparqlStore, *, bom: bool = False) -> dict[str, bytes]:
    """``csv/CLASS.csv`` -> CSV bytes, one table per class with instances. A link is shown
    by the label of its target, and its IRIs are in the column beside it (``NAME_iri``), so
    tables can be joined back. ``bom`` starts each file with a UTF-8 byte-order mark, which
    Excel needs to read "Québec" and "ACCIÓ" correctly. A cell a spreadsheet would run as
    a formula (``=HYPERLINK(…)``) starts with a single quote."""
    classes: dict[str, list[str]] = {}
    for s, cls in bound_rows(store.select_values(internal("class-table-classes"))):
        classes.setdefault(s, []).append(local_name(cls))
    records: dict[str, dict[str, set[str]]] = {}  # resource -> column -> values
    names: dict[str, str] = {}
    for row in store.iter_select(internal("class-table-values")):
        record = records.setdefault(row["s"].value, {})
        p = row["p"].value
        name = names.get(p) or names.setdefault(p, local_name(p))
        record.setdefault(name, set()).add(str(to_python(row["shown"])))
        if isinstance(row["o"], ox.NamedNode):
            record.setdefault(f"{name}_iri", set()).add(row["o"].value)
    rows: dict[str, dict[str, dict[str, set[str]]]] = {}
    for s, record in records.items():
        for cls in classes.get(s, ()):
            rows.setdefault(cls, {})[s] = record
    tables = {}
    for cls, records in sorted(rows.items()):
        used = sorted({p for r in records.values() for p in r} - set(_LEADING))
        columns = ["iri", *[c for c in _LEADING if any(c in r for r in records.values())], *used]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for iri, record in sorted(records.items()):
            writer.writerow([spreadsheet_cell(iri)] + [
                spreadsheet_cell("; ".join(sorted(record.get(c, ())))) for c in columns[1:]])
        tables[f"csv/{cls}.csv"] = buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
    return tables


def publication_payloads(store: LocalGraph, jsonld: bytes | None = None, *,
                         csv_bom: bool = False) -> dict[str, bytes]:
    """Relative path -> bytes for every extra export (``jsonld``: the graph's JSON-LD if
    already serialised, to compact without serialising it again; ``csv_bom``: CSV files for
    Excel): :func:`syntax_payloads` and :func:`class_tables`."""
    payloads = syntax_payloads(store.serialize("ntriples"), jsonld or store.serialize("jsonld"),
                               jsonld_context(store))
    payloads.update(class_tables(store, bom=csv_bom))
    return payloads


def syntax_payloads(ntriples: bytes, jsonld: bytes, context: dict[str, Any]) -> dict[str, bytes]:
    """The named graphs (N-Quads, TriG), the JSON-LD context and the compacted JSON-LD, from
    the graph's sorted N-Triples, its JSON-LD and its context alone (no store: the main job's
    helper process makes them)."""
    nquads = named_graph_nquads(ntriples)
    quads = ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)  # the engine's own
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"}
    return {
        "eucan.nq": nquads,
        "eucan.trig": ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b"",
        "context.jsonld": (json.dumps(context, indent=1, sort_keys=True) + "\n").encode("utf-8"),
        "eucan.compact.jsonld": compact_jsonld(jsonld, context),
    }
