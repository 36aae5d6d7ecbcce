"""The entity network as GraphML 1.0 and GEXF 1.2 files that validate against their XSDs.

Node ids are ``n0, n1, ...`` in IRI order (an IRI is not an ``xs:NMTOKEN``) with the IRI
as the ``iri`` attribute; edge ids ``e0, e1, ...`` are unique, the relation is the
``predicate`` and ``relation`` attributes. GEXF nodes carry the picture's side colours
(``viz:color``) and a seeded layout (``viz:position``), so Gephi opens the network laid
out and coloured. The same graph always gives the same bytes.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://w3id.org/eucan/id/a", label="A", side="EU")
>>> g.add_node("https://w3id.org/eucan/id/b", label="B", side="Canada")
>>> _ = g.add_edge("https://w3id.org/eucan/id/a", "https://w3id.org/eucan/id/b", key="p",
...                predicate="urn:p", label="p")
>>> text = network_bytes(g, "graphml").decode()
>>> '<node id="n0">' in text and '<edge source="n0" target="n1" id="e0">' in text
True
>>> b'<color r="43" g="89" b="195"' in network_bytes(g, "gexf")
True
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from kg.core.errors import KGError
from kg.core.files import write_atomic
from kg.core.formats import NETWORK_FORMATS
from kg.network.entity_network import EntityNetwork, as_networkx

__all__ = ["network_bytes", "write_network", "NETWORK_FORMATS", "SIDE_COLOURS", "layout"]

#: Node colour by side (EU blue, Canada red, both purple, neither grey), as in the picture.
SIDE_COLOURS = {"EU": "#2b59c3", "Canada": "#d52b1e", "EU-Canada": "#8e44ad", "": "#8c8c8c"}


def layout(graph: nx.MultiDiGraph, seed: int = 42) -> dict[str, tuple[float, float]]:
    """A seeded spring layout of the network, rounded (stable across runs)."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted((u, v) for u, v in graph.edges() if u != v))
    positions = nx.spring_layout(simple, seed=seed, iterations=100, scale=1000.0)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in positions.items()}


def _rgb(colour: str) -> dict[str, int | float]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16),
            "a": 1.0}


def _flat(graph: nx.MultiDiGraph, viz: bool) -> nx.MultiDiGraph:
    """A copy with safe ids and string attribute values (GraphML/GEXF hold no tuples)."""
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph))}
    positions = layout(graph) if viz else {}
    flat = nx.MultiDiGraph()
    for node in sorted(graph):
        data = graph.nodes[node]
        attributes = {k: "; ".join(v) if isinstance(v, tuple) else v for k, v in data.items()}
        attributes["iri"] = node
        if viz:
            x, y = positions[node]
            attributes["viz"] = {"color": _rgb(SIDE_COLOURS.get(data.get("side", ""),
                                                                SIDE_COLOURS[""])),
                                 "position": {"x": x, "y": y, "z": 0.0}}
        flat.add_node(ids[node], **attributes)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for number, (u, v, key, data) in enumerate(edges):
        attributes = {k: "; ".join(x) if isinstance(x, tuple) else x for k, x in data.items()}
        attributes["relation"] = key
        flat.add_edge(ids[u], ids[v], key=f"e{number}", id=f"e{number}", **attributes)
    return flat


def network_bytes(graph: EntityNetwork | nx.MultiDiGraph, fmt: str) -> bytes:
    """``graph`` (:func:`~kg.network.entity_network.as_networkx`) as GraphML or GEXF bytes;
    the same graph always gives the same bytes."""
    if fmt not in NETWORK_FORMATS:
        raise KGError(f"unknown network format {fmt!r}; expected one of "
                      f"{', '.join(NETWORK_FORMATS)}")
    flat = _flat(as_networkx(graph), viz=fmt == "gexf")
    if fmt == "graphml":
        lines = nx.generate_graphml(flat, edge_id_from_attribute="id")
    else:
        lines = nx.generate_gexf(flat, version="1.2draft")
    text = "\n".join(lines) + "\n"
    if fmt == "gexf":
        # GEXF 1.2draft allows no graph/@name, and networkx stamps today's date into <meta>.
        text = re.sub(r'(<graph [^>]*?) name="[^"]*"', r"\1", text, count=1)
        # The 1.2draft XSD declares a node's <color> and <position> in the GEXF namespace
        # (with the viz types); Gephi reads them by local name.
        text = re.sub(r"<viz:(color|position) ", r"<\1 ", text)
        text = re.sub(r' xmlns:viz="[^"]*"', "", text, count=1)
        text = re.sub(r'<meta lastmodifieddate="[^"]*">', "<meta>", text, count=1)
    return text.encode("utf-8")


def write_network(graph: EntityNetwork | nx.MultiDiGraph, path: Path,
                  fmt: str | None = None) -> Path:
    """Write ``graph`` as GraphML or GEXF (from ``fmt`` or the file's suffix), atomically.

    >>> import tempfile
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("a", "b", key="p", label="p")
    >>> path = write_network(g, Path(tempfile.mkdtemp()) / "g.graphml")
    >>> b"<graphml" in path.read_bytes()
    True
    """
    fmt = fmt or path.suffix.lstrip(".")
    if fmt not in NETWORK_FORMATS:
        raise KGError(f"{path}: unknown network format {fmt!r}; expected one of "
                      f"{', '.join(NETWORK_FORMATS)}")
    write_atomic(path, network_bytes(graph, fmt))
    return path
