"""An interactive, self-contained HTML picture of the entity network (pyvis / vis-network).

pyvis assembles the nodes, edges and vis-network options; the page is our
own template (``kg/publish/templates/graph.html``) with vis-network's script and
style inlined from the pyvis package, so it opens with no network at all.
Data reaches the page as JSON inside ``<script type="application/json">``
with ``<``, ``>`` and ``&`` escaped, and the page writes every label and
tooltip with ``textContent``: nothing from the data is ever parsed as HTML.

Colour tells the side (EU, Canada, both, neither), shape tells the kind of
node; a legend explains both. Each node carries its type, countries,
ecosystems, budgets and the places in the paper that state it.

Examples
--------
>>> from kg.store.open import build_graph
>>> from kg.network.projection import project
>>> store = build_graph()
>>> page = render_html(project(store), store)
>>> page.count("<script src=") + page.count("<link ")
0
>>> "vis.Network" in page
True
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.core.files import write_atomic
from kg.core.resources import internal_query as internal
from kg.network.export import SIDE_COLOURS

__all__ = ["render_html", "write_html", "subgraph", "GROUPS", "SIDE_COLOURS", "DEFAULT_OUT"]

DEFAULT_OUT = Path("out/graph.html")

#: Node groups by class (first match wins): group name, shape, classes.
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Global Innovation Cluster", "star", ("GlobalInnovationCluster",)),
    ("Eurocluster", "diamond", ("Eurocluster",)),
    ("ESCP and other cluster partnerships", "triangle", ("ClusterPartnership",)),
    ("Public body", "dot", ("PublicBody",)),
    ("Other organisation or person", "ellipse", ("Organisation", "Person")),
    ("Industrial ecosystem", "hexagon", ("IndustrialEcosystem",)),
    ("Agreement", "triangleDown", ("Agreement",)),
    ("Policy, programme, instrument", "box", ("Policy", "FundingInstrument", "FundingPeriod")),
    ("Event", "dashed box", ("Event",)),
    ("Country or region", "square", ("Place",)),
)
OTHER_GROUP = ("Other", "dot", ())

#: Fill colours by side.
SIDE_NAMES = {"EU": "EU side", "Canada": "Canadian side", "EU-Canada": "EU and Canada",
              "": "neither side"}
HIGHLIGHT = "#f39c12"
_LABEL_MAX = 28


def _group(types: Iterable[str]) -> tuple[str, str, tuple[str, ...]]:
    types = set(types)
    for group in GROUPS:
        if types & set(group[2]):
            return group
    return OTHER_GROUP


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_MAX else label[: _LABEL_MAX - 1] + "…"


def _budgets(store: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in store.select(internal("entity-budgets")):
        text = f"{row['currency'].value} {float(row['value'].value):,.0f}"
        if row["period"] is not None:
            text += f" ({row['period'].value})"
        found.setdefault(row["entity"].value, []).append(text)
    return found


def subgraph(graph: nx.MultiDiGraph, focus: str, depth: int = 1) -> nx.MultiDiGraph:
    """The neighbourhood of ``focus`` up to ``depth`` hops (edges in either direction).

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(subgraph(g, "b", 1))
    ['a', 'b', 'c']
    """
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), focus,
                                                 cutoff=depth)
    return graph.subgraph(near).copy()


def _network_data(graph: nx.MultiDiGraph, store: Any | None,
                  highlight_nodes: set[str], highlight_edges: set[tuple[str, str]],
                  seed: int) -> tuple[list[dict], list[dict], dict]:
    from pyvis.network import Network

    budgets = _budgets(store) if store is not None else {}
    net = Network(directed=True, cdn_resources="in_line")
    for node, data in sorted(graph.nodes(data=True)):
        group, shape, _ = _group(data["types"])
        ecosystems = sorted(graph.nodes[v]["label"] for _, v, k in graph.out_edges(node, keys=True)
                            if k == "activeInEcosystem")
        colour = SIDE_COLOURS.get(data["side"], SIDE_COLOURS[""])
        lit = node in highlight_nodes
        extra = {"shapeProperties": {"borderDashes": [4, 3]}} if shape == "dashed box" else {}
        net.add_node(node, label=_short(data["label"]), shape=shape.split()[-1], **extra,
                     color={"background": colour, "border": HIGHLIGHT if lit else colour},
                     borderWidth=5 if lit else (2 if extra else 1), size=22 if lit else 14,
                     font={"size": 14, "color": "#222222"}, group_name=group,
                     info={"label": data["label"], "type": data["cls"], "group": group,
                           "side": SIDE_NAMES.get(data["side"], ""),
                           "countries": list(data["countries"]), "ecosystems": ecosystems,
                           "budgets": budgets.get(node, []),
                           "citations": list(data["citations"]), "iri": node})
    for u, v, key, data in sorted(graph.edges(keys=True, data=True)):
        lit = (u, v) in highlight_edges or (v, u) in highlight_edges
        net.add_edge(u, v, id=f"{u} {key} {v}", relation=data["label"],
                     citations=list(data["citations"]),
                     color={"color": HIGHLIGHT if lit else "#b0b0b0"}, width=5 if lit else 1,
                     arrows="to")
    nodes, edges, *_ = net.get_network_data()
    options = {
        "layout": {"randomSeed": seed, "improvedLayout": len(nodes) < 1500},
        "physics": {"solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
                    "stabilization": {"enabled": True, "iterations": 400, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
        "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.5}}},
        "nodes": {"font": {"face": "sans-serif"}},
    }
    return nodes, edges, options


def _json_for_script(value: Any) -> str:
    """JSON that cannot close or open a tag inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _asset(name: str) -> str:
    pyvis_lib = importlib.resources.files("pyvis") / "lib" / "vis-9.1.2" / name
    return pyvis_lib.read_text(encoding="utf-8")


def render_html(graph: nx.MultiDiGraph, store: Any | None = None, *, title: str =
                "EU-Canada cluster policy graph", highlight_nodes: Iterable[str] = (),
                highlight_edges: Iterable[tuple[str, str]] = (), seed: int = 42) -> str:
    """The whole page as a string: data, legend, search, filters, vis-network inlined."""
    nodes, edges, options = _network_data(graph, store, set(highlight_nodes),
                                          set(highlight_edges), seed)
    legend = {"sides": [{"name": SIDE_NAMES[s], "colour": c} for s, c in SIDE_COLOURS.items()],
              "groups": [{"name": g, "shape": s} for g, s, _ in (*GROUPS, OTHER_GROUP)],
              "highlight": HIGHLIGHT}
    payload = {"title": title, "nodes": nodes, "edges": edges, "options": options,
               "legend": legend}
    template = (importlib.resources.files("kg.publish") / "templates" / "graph.html").read_text(
        encoding="utf-8")
    page = template.replace("/*VIS_CSS*/", _asset("vis-network.css").replace("</", "<\\/"))
    script = _asset("vis-network.min.js").replace("</script", "<\\/script")
    page = page.replace("/*VIS_JS*/", script)
    page = page.replace("{{TITLE}}", title.replace("&", "&amp;").replace("<", "&lt;"))
    return page.replace("/*DATA*/", _json_for_script(payload))


def write_html(graph: nx.MultiDiGraph, path: Path = DEFAULT_OUT, store: Any | None = None,
               **options: Any) -> Path:
    """Write the page to ``path`` atomically; returns the path."""
    write_atomic(path, render_html(graph, store, **options).encode("utf-8"))
    return path
