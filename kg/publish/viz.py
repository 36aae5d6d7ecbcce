"""An interactive, self-contained HTML picture of the entity network (pyvis / vis-network).

Overview first: EU actors on the left, Canadian actors on the right, the agreements,
events and industrial ecosystems that bridge them in between
(:mod:`kg.publish.layout`, computed to convergence in Python and shipped in the page,
which opens still). Hub places (the EU, Canada, Member States, provinces …) are shown as
attributes of the nodes and hidden as nodes until a toggle brings them back; so are the
paper's authors. Labels keep a readable size on screen at every zoom; where they would
overlap, the less connected node's label waits until the user zooms in.

The nodes and edges are vis-network's, as pyvis would make them; the page is our own
template (``kg/publish/templates/graph.html``) with vis-network's script and style
inlined from the pyvis package, so it opens with no network at all. Data reaches
the page as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and
``&`` escaped, and the page writes every label and tooltip with ``textContent``:
nothing from the data is ever parsed as HTML.

Colour tells the side (EU, Canada, both, neither), shape tells the kind of node; the
legend lists the kinds present. Each node carries its names (search finds alternative
names and acronyms), type, countries, ecosystems, description, derivation note,
figures with units, periods and the place that states each, and its citations; each
edge says "A → relation → B" with its own citations. Paths (``kg viz --path``,
``--linkages``) are listed in the side panel step by step, one colour per path, and the
page finds paths between any two nodes itself.

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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.core.files import write_atomic
from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.network.entity_network import EntityNetwork, as_networkx
from kg.network.export import SIDE_COLOURS
from kg.network.paths import LinkPath
from kg.publish.layout import positions
from kg.publish.visassets import vis_css, vis_js

__all__ = ["render_html", "write_html", "subgraph", "hub_nodes", "paper_metadata_nodes",
           "Highlight", "GROUPS", "SIDE_COLOURS", "PATH_COLOURS", "DEFAULT_OUT"]

DEFAULT_OUT = Path("out/graph.html")

#: Node groups by class (first match wins): group name, vis shape, dashed border, classes.
#: Every shape draws its label below the node, on the page's background.
GROUPS: tuple[tuple[str, str, bool, tuple[str, ...]], ...] = (
    ("Global Innovation Cluster", "star", False, ("GlobalInnovationCluster",)),
    ("Eurocluster", "diamond", False, ("Eurocluster",)),
    ("ESCP and other cluster partnerships", "triangle", False, ("ClusterPartnership",)),
    ("Public body", "square", False, ("PublicBody",)),
    ("Other organisation or person", "dot", True, ("Organisation", "Person")),
    ("Industrial ecosystem", "hexagon", False, ("IndustrialEcosystem",)),
    ("Agreement", "triangleDown", False, ("Agreement",)),
    ("Policy, programme, instrument", "dot", False, ("Policy", "FundingInstrument",
                                                     "FundingPeriod")),
    ("Event", "triangleDown", True, ("Event",)),
    ("Country or region", "square", True, ("Place",)),
)
OTHER_GROUP = ("Other", "dot", True, ())
#: Kinds whose labels win when labels compete for space (the paper's main actors), by rank.
_KEY_GROUPS = {"Global Innovation Cluster": 3, "Eurocluster": 3, "Industrial ecosystem": 2,
               "Agreement": 2, "Public body": 1}

SIDE_NAMES = {"EU": "EU side", "Canada": "Canadian side", "EU-Canada": "EU and Canada",
              "": "neither side"}
#: One colour per highlighted path, none of them a side colour.
PATH_COLOURS = ("#d35400", "#1e8449", "#b7950b", "#c2185b", "#00838f", "#6d4c41")
EDGE_COLOUR = "#a6a6a6"
_LABEL_MAX = 32


def _group(types: Iterable[str]) -> tuple[str, str, bool, tuple[str, ...]]:
    types = set(types)
    for group in GROUPS:
        if types & set(group[3]):
            return group
    return OTHER_GROUP


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_MAX else label[: _LABEL_MAX - 1] + "…"


def hub_nodes(graph: nx.MultiDiGraph) -> set[str]:
    """Places (countries, the EU, provinces, cities …): hubs that touch almost everything;
    the picture shows them as attributes unless asked."""
    return {n for n, d in graph.nodes(data=True) if "Place" in d.get("types", ())}


def paper_metadata_nodes(graph: nx.MultiDiGraph, store: SparqlStore | None) -> set[str]:
    """The paper's authors and the organisations known only through them (Prognos), places
    excepted: metadata of the source, hidden by default."""
    if store is None:
        return set()
    hubs = hub_nodes(graph)
    found = {row["x"].value for row in store.select(internal("paper-authors"))}
    found = {n for n in found if n in graph and n not in hubs}
    plain = nx.Graph(graph)
    changed = True
    while changed:
        changed = False
        for node in sorted(set(plain) - found - hubs):
            near = set(plain[node])
            if near and near <= found:
                found.add(node)
                changed = True
    return found


def subgraph(graph: nx.MultiDiGraph, focus: str, depth: int = 1, *,
             through: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The neighbourhood of ``focus`` up to ``depth`` hops (edges in either direction).
    Nodes in ``through`` (e.g. :func:`hub_nodes`) are reached but not walked through,
    unless ``focus`` is one of them.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(subgraph(g, "b", 1))
    ['a', 'b', 'c']
    >>> sorted(subgraph(g, "a", 3, through={"b"}))
    ['a', 'b']
    """
    stop = set(through) - {focus}
    near, frontier = {focus}, [focus]
    plain = graph.to_undirected(as_view=True)
    for _ in range(depth):
        step = []
        for node in frontier:
            if node in stop:
                continue
            for other in plain[node]:
                if other not in near:
                    near.add(other)
                    step.append(other)
        frontier = step
    return graph.subgraph(near).copy()


class Highlight:
    """A path or linkage drawn in one colour and listed in the side panel.

    >>> Highlight("a to b", ["a", "b"], [("a", "b", "partner", True, ("Box 5",))]).as_dict(
    ...     {"a": "A", "b": "B"}, "#000")["steps"][0]["text"]
    'A -[partner]-> B'
    """

    def __init__(self, title: str, nodes: Sequence[str],
                 steps: Sequence[tuple[str, str, str, bool, tuple[str, ...]]]) -> None:
        self.title, self.nodes, self.steps = title, tuple(nodes), tuple(steps)

    @classmethod
    def from_path(cls, path: LinkPath) -> Highlight:
        steps = [(step.source, step.target, rel.label, rel.forward, rel.citations)
                 for step in path.steps for rel in step.relations]
        return cls(path.chain(), path.nodes, steps)

    def as_dict(self, labels: dict[str, str], colour: str) -> dict[str, Any]:
        steps = []
        for a, b, relation, forward, citations in self.steps:
            arrow = f"-[{relation}]->" if forward else f"<-[{relation}]-"
            steps.append({"from": a, "to": b, "relation": relation, "forward": forward,
                          "citations": list(citations),
                          "text": f"{labels.get(a, a)} {arrow} {labels.get(b, b)}"})
        return {"title": self.title, "nodes": list(self.nodes), "steps": steps,
                "colour": colour}


def _details(store: SparqlStore | None) -> tuple[dict, dict, dict, dict]:
    """Names, descriptions, derivation notes and figures of every entity, from the store."""
    names: dict[str, set[str]] = {}
    comments: dict[str, str] = {}
    notes: dict[str, str] = {}
    figures: dict[str, list[dict[str, str]]] = {}
    if store is None:
        return names, comments, notes, figures
    for row in store.select(internal("names")):
        names.setdefault(row["s"].value, set()).add(row["name"].value)
    for row in store.select(internal("entity-details")):
        if row["comment"] is not None:
            comments.setdefault(row["s"].value, row["comment"].value)
        if row["note"] is not None:
            notes.setdefault(row["s"].value, row["note"].value)
    for row in store.select(internal("resource-figures")):  # every entity: ?entity unbound
        value = float(row["value"].value)
        printed = f"{value:,.0f}" if value == int(value) else f"{value:,}"
        unit = row["unit"].value if row["unit"] is not None else ""
        figures.setdefault(row["entity"].value, []).append({
            "measure": row["measure"].value, "value": f"{printed} {unit}".strip(),
            "statedAs": row["statedAs"].value if row["statedAs"] is not None else "",
            "period": row["period"].value if row["period"] is not None else "",
            "cite": row["cite"].value if row["cite"] is not None else "",
            "note": row["note"].value if row["note"] is not None else ""})
    return names, comments, notes, figures


def _network_data(graph: nx.MultiDiGraph, store: SparqlStore | None,
                  highlights: Sequence[Highlight], seed: int) -> dict[str, Any]:
    names, comments, notes, figures = _details(store)
    hubs = hub_nodes(graph)
    metadata = paper_metadata_nodes(graph, store)
    lit = {n for h in highlights for n in h.nodes}
    shown = set(graph) - hubs - metadata
    where = positions(graph, shown, hidden_above=metadata, seed=seed)
    plain = nx.Graph(graph)
    degree = {n: plain.degree(n) for n in plain}
    shown_degree = {n: sum(1 for m in plain[n] if m in shown) for n in plain}
    nodes: list[dict[str, Any]] = []
    for node, data in sorted(graph.nodes(data=True)):
        group, shape, dashed, _ = _group(data["types"])
        ecosystems = sorted(graph.nodes[v]["label"] for _, v, k in graph.out_edges(node, keys=True)
                            if k == "activeInEcosystem")
        colour = SIDE_COLOURS.get(data["side"], SIDE_COLOURS[""])
        key = group in _KEY_GROUPS
        importance = shown_degree[node] + 1000 * _KEY_GROUPS.get(group, 0)
        x, y = where[node]
        extra = {"shapeProperties": {"borderDashes": [5, 4]}} if dashed else {}
        colours = {"background": colour, "border": "#ffffff" if not dashed else colour,
                   "highlight": {"background": colour, "border": "#111111"},
                   "hover": {"background": colour, "border": "#111111"}}
        # vis-network's node as pyvis's Network.add_node made it (label falls back to id)
        nodes.append({"id": node, "label": _short(data["label"]) or node, "shape": shape,
                      "x": x, "y": y, **extra, "color": colours, "borderWidth": 2,
                      "borderWidthSelected": 5, "size": 20 if key else 13, "group_name": group,
                      "hub": node in hubs, "meta": node in metadata, "importance": importance,
                      "degree": degree[node], "lit": node in lit, "info": {
                          "label": data["label"],
                          "names": sorted(names.get(node, set()) | {data["label"]}),
                          "type": data["cls"], "group": group,
                          "side": SIDE_NAMES.get(data["side"], ""),
                          "countries": list(data["countries"]), "ecosystems": ecosystems,
                          "description": comments.get(node, ""), "note": notes.get(node, ""),
                          "figures": figures.get(node, []),
                          "citations": list(data["citations"]), "iri": node}})
    # Drawn alike (colour, width, arrow: the options below) and named by their ends' labels
    # in the page: each edge ships only what is its own.
    edges = [{"from": u, "to": v, "id": f"{u} {key} {v}", "relation": data["label"],
              "citations": list(data["citations"])}
             for u, v, key, data in sorted(graph.edges(keys=True, data=True))]
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    paths = [h.as_dict(labels, PATH_COLOURS[i % len(PATH_COLOURS)])
             for i, h in enumerate(highlights)]
    options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "hideEdgesOnDrag": len(edges) > 3000},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                  "color": {"inherit": False}},
        "nodes": {"font": {"face": "sans-serif", "color": "#1a1a1a", "strokeColor": "#ffffff"}},
    }
    return {"nodes": nodes, "edges": edges, "options": options, "paths": paths}


def _json_for_script(value: Any) -> str:
    """JSON that cannot close or open a tag inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_html(graph: EntityNetwork | nx.MultiDiGraph, store: SparqlStore | None = None, *,
                title: str = "EU-Canada cluster policy graph", highlights: Sequence[Highlight] = (),
                seed: int = 42, links: bool = False, script_src: str | None = None) -> str:
    """The whole page as a string: data, legend, search, paths, filters, vis-network.

    :param highlights: paths or linkages to draw in colour, list in the side panel and
        zoom to when the page opens.
    :param links: the page is served by ``kg serve``: node names link to their pages there
        (``/id/…``), and ``/graph#IRI`` opens with that node selected.
    :param script_src: the address the page loads vis-network's script from (deferred,
        so that the page shows before the script runs); by default the script is inlined
        and the page needs nothing else.
    """
    from kg.core.namespaces import BASE

    payload = _network_data(as_networkx(graph), store, highlights, seed)
    payload["site"] = {"base": BASE} if links else None
    shapes = {g: (s, d) for g, s, d, _ in (*GROUPS, OTHER_GROUP)}
    payload.update(title=title, legend={
        "sides": [{"side": SIDE_NAMES[s], "colour": c} for s, c in SIDE_COLOURS.items()],
        "groups": [{"name": g, "shape": s, "dashed": d} for g, (s, d) in shapes.items()]})
    template = (importlib.resources.files("kg.publish") / "templates" / "graph.html").read_text(
        encoding="utf-8")
    page = template.replace("{{TITLE}}", _attribute(title)).replace("/*VIS_CSS*/", vis_css())
    page = page.replace("/*DATA*/", _json_for_script(payload))
    script = "<script>\n" + vis_js() + "\n</script>" if script_src is None else \
        f'<script src="{_attribute(script_src)}" defer></script>'
    return page.replace("<!--VIS_JS-->", script)


def _attribute(text: str) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def write_html(graph: EntityNetwork | nx.MultiDiGraph, path: Path = DEFAULT_OUT,
               store: SparqlStore | None = None,
               **options: Any) -> Path:
    """Write the page to ``path`` atomically; returns the path."""
    write_atomic(path, render_html(graph, store, **options).encode("utf-8"))
    return path
