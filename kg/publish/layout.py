"""Where each node of the picture sits: EU actors left, Canadian right, bridges between.

The layout is computed once, in Python, to convergence (igraph's Fruchterman-Reingold
with per-node bounds, cooled to a standstill), and shipped in the page, so the picture
opens still. Each node is held in the column of its side: EU on the left, Canada on the
right, and in the middle what bridges them (agreements, events, the industrial
ecosystems and whatever belongs to both sides or to neither). Columns are as wide as
their share of the nodes. Nodes that the picture hides by default (hub places, the
paper's authors) do not pull on the layout; they are set in a row below (places) or
above (authors) their column, so that turning them on does not move anything else.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("eu", side="EU"); g.add_node("ca", side="Canada"); g.add_node("eco", side="")
>>> _ = g.add_edge("eu", "eco"); _ = g.add_edge("ca", "eco")
>>> pos = positions(g, set(g))
>>> pos["eu"][0] < pos["eco"][0] < pos["ca"][0]
True
>>> positions(g, set(g)) == pos  # seeded: the same graph gives the same positions
True
"""

from __future__ import annotations

import random
from collections.abc import Collection

import networkx as nx

__all__ = ["positions", "column_of", "WIDTH", "HEIGHT"]

#: Extent of the layout in canvas units (the page fits it to the window).
WIDTH, HEIGHT = 2400.0, 1500.0
#: Columns left to right.
COLUMNS = ("EU", "bridge", "Canada")
#: Space between columns, as a share of the width.
_GAP = 0.04


def column_of(side: str) -> str:
    """The column a node of ``side`` is drawn in.

    >>> column_of("EU"), column_of("Canada"), column_of("EU-Canada"), column_of("")
    ('EU', 'Canada', 'bridge', 'bridge')
    """
    return side if side in ("EU", "Canada") else "bridge"


def _bounds(counts: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Each column's x range, as wide as the square root of its share of nodes."""
    weights = {c: max(counts.get(c, 0), 1) ** 0.5 for c in COLUMNS}
    usable = WIDTH * (1 - _GAP * (len(COLUMNS) - 1))
    total = sum(weights.values())
    bounds, x = {}, -WIDTH / 2
    for column in COLUMNS:
        width = usable * weights[column] / total
        bounds[column] = (x, x + width)
        x += width + WIDTH * _GAP
    return bounds


def _place_loose(loose: list[str], side: dict[str, str],
                 bounds: dict[str, tuple[float, float]],
                 placed: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Set nodes without a drawn link in a strip at the outer edge of their column (EU left,
    Canada right, the bridge column's bottom), in label order; returns the bounds that
    are left for the force layout."""
    left = dict(bounds)
    for column in COLUMNS:
        members = [n for n in loose if side[n] == column]
        if not members:
            continue
        low, high = bounds[column]
        if column == "bridge":
            per_row = max(1, int((high - low) // 420))
            for i, n in enumerate(members):
                row, slot = divmod(i, per_row)
                placed[n] = (low + (slot + 0.5) * (high - low) / min(per_row, len(members)),
                             HEIGHT / 2 - 80 * row)
            continue
        strips = 1 + (len(members) - 1) // 18
        width = min(0.45 * (high - low), 420.0 * strips)
        step = HEIGHT / max(len(members) / strips, 1)
        for i, n in enumerate(members):
            strip, slot = divmod(i, -(-len(members) // strips))
            x = (low + width * (strip + 0.5) / strips) if column == "EU" else (
                high - width * (strip + 0.5) / strips)
            placed[n] = (x, -HEIGHT / 2 + (slot + 0.5) * step)
        left[column] = (low + width + 60, high) if column == "EU" else (low, high - width - 60)
    return left


#: The paper's main actors: their labels must not compete with each other at the first view.
KEY_TYPES = frozenset({"GlobalInnovationCluster", "Eurocluster"})
#: The least distance (canvas units) between two main actors: a label's width at the first view.
KEY_GAP = 320.0


def _separate(placed: dict[str, tuple[float, float]], keys: list[str],
              rounds: int = 60, within: dict[str, tuple[float, float]] | None = None) -> None:
    """Push the main actors ``keys`` apart, in place, until no two are closer than
    :data:`KEY_GAP` (or ``rounds`` passes are done): each too-close pair moves apart
    along the line between them, half the shortfall each, its x kept in ``within[node]``
    (its column's bounds). Deterministic.

    >>> where = {"a": (0.0, 0.0), "b": (30.0, 0.0), "c": (500.0, 0.0)}
    >>> _separate(where, ["a", "b", "c"])
    >>> where["b"][0] - where["a"][0] >= KEY_GAP, where["c"]
    (True, (500.0, 0.0))
    """
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                (ax, ay), (bx, by) = placed[a], placed[b]
                dx, dy = bx - ax, by - ay
                dist = (dx * dx + dy * dy) ** 0.5
                if dist >= KEY_GAP:
                    continue
                if dist == 0:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (KEY_GAP - dist) / 2 / dist
                placed[a] = _clamp(a, (ax - dx * push, ay - dy * push), within)
                placed[b] = _clamp(b, (bx + dx * push, by + dy * push), within)
                moved = True
        if not moved:
            return


def _clamp(node: str, where: tuple[float, float],
           within: dict[str, tuple[float, float]] | None) -> tuple[float, float]:
    """``where`` with x kept inside ``within[node]`` and y inside the canvas."""
    x, y = where
    if within and node in within:
        x = min(max(x, within[node][0]), within[node][1])
    return x, min(max(y, -HEIGHT / 2), HEIGHT / 2)


def positions(graph: nx.MultiDiGraph, shown: Collection[str], *, hidden_above:
              Collection[str] = (), seed: int = 42) -> dict[str, tuple[float, float]]:
    """Canvas positions ``node -> (x, y)`` (rounded to 0.1) for every node of ``graph``.

    :param shown: the nodes drawn by default; they alone take part in the force layout.
    :param hidden_above: hidden nodes set in a row above their column (the others
        hidden by default go in a row below).
    """
    import igraph

    side = {n: column_of(graph.nodes[n].get("side", "")) for n in graph}
    linked = {n for u, v in graph.edges() if u != v and u in shown and v in shown
              for n in (u, v)}
    core = sorted(n for n in graph if n in linked)
    loose = sorted((n for n in graph if n in shown and n not in linked),
                   key=lambda n: (graph.nodes[n].get("label", n), n))
    bounds = _bounds({c: sum(1 for n in graph if n in shown and side[n] == c) for c in COLUMNS})
    placed: dict[str, tuple[float, float]] = {}
    bounds = _place_loose(loose, side, bounds, placed)
    index = {n: i for i, n in enumerate(core)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in graph.edges()
                    if u in index and v in index and u != v})
    if core:
        # The force layout works at its natural scale (ideal edge length about 1); the
        # result is scaled to the canvas afterwards. One fixed anchor per column, tied
        # to each of its nodes by a weak edge, acts as the column's gravity.
        unit = (len(core) ** 0.5) * 1.5 / WIDTH
        anchors = {c: len(core) + i for i, c in enumerate(COLUMNS)}
        centre = {c: (bounds[c][0] + bounds[c][1]) / 2 * unit for c in COLUMNS}
        ties = [(index[n], anchors[side[n]]) for n in core]
        rng = random.Random(seed)
        start = [[rng.uniform(*bounds[side[n]]) * unit, rng.uniform(-HEIGHT / 2, HEIGHT / 2) * unit]
                 for n in core] + [[centre[c], 0.0] for c in COLUMNS]
        net = igraph.Graph(n=len(core) + len(COLUMNS), edges=pairs + ties)
        weights = [1.0] * len(pairs) + [0.3] * len(ties)
        free = WIDTH * unit
        low_x = [-free] * len(core) + [centre[c] for c in COLUMNS]
        high_x = [free] * len(core) + [centre[c] for c in COLUMNS]
        igraph.set_random_number_generator(random.Random(seed))
        try:
            # Bounds pin the anchors; the cooling schedule brings every node to rest,
            # so the page ships the result with physics off.
            found = net.layout_fruchterman_reingold(
                weights=weights, seed=start, niter=800, grid="nogrid", minx=low_x, maxx=high_x,
                miny=[-free] * len(core) + [0.0] * len(COLUMNS),
                maxy=[free] * len(core) + [0.0] * len(COLUMNS))
        finally:
            igraph.set_random_number_generator(random)
        coords = found.coords[: len(core)]
        ys = [y for _, y in coords]
        low, high = min(ys), max(ys)
        spread = (high - low) or 1.0
        # Each column's x range is stretched onto the column (order kept, no node pinned
        # at a border), y onto the full height.
        span: dict[str, tuple[float, float]] = {}
        for n, (x, _) in zip(core, coords, strict=True):
            a, b = span.get(side[n], (x, x))
            span[side[n]] = (min(a, x), max(b, x))
        for n, (x, y) in zip(core, coords, strict=True):
            (a, b), (left, right) = span[side[n]], bounds[side[n]]
            share = (x - a) / (b - a) if b > a else 0.5
            placed[n] = (left + share * (right - left), (y - low) / spread * HEIGHT - HEIGHT / 2)
    keys = [n for n in core if KEY_TYPES & set(graph.nodes[n].get("types", ()))]
    _separate(placed, keys, within={n: bounds[side[n]] for n in keys})
    rows: dict[tuple[str, bool], list[str]] = {}
    for n in sorted(graph, key=lambda n: (-graph.degree(n), n)):
        if n not in placed:
            rows.setdefault((side[n], n in hidden_above), []).append(n)
    for (column, above), members in sorted(rows.items()):
        left, right = bounds[column]
        per_row = max(1, int((right - left) // 150))
        for i, n in enumerate(members):
            row, slot = divmod(i, per_row)
            x = left + (slot + 0.5) * (right - left) / min(per_row, len(members))
            y = (-HEIGHT / 2 - 160 - 90 * row) if above else (HEIGHT / 2 + 160 + 90 * row)
            placed[n] = (x, y)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in sorted(placed.items())}
