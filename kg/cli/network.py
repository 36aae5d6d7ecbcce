"""``kg paths``, ``kg linkages``, ``kg analyse`` and ``kg network``: network analysis."""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path
from typing import Any

from kg.cli.common import add_format, add_graph, count, open_graph, positive, progress, register
from kg.core.formats import NETWORK_FORMATS

__all__ = ["cmd_paths", "cmd_linkages", "cmd_analyse", "cmd_network"]


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _store_and_graph(args: argparse.Namespace) -> tuple[Any, Any]:
    from kg.network.saved import projection_of

    store = open_graph(args)
    return store, projection_of(store)


def cmd_paths(args: argparse.Namespace) -> int:
    from kg.cli.tables import render
    from kg.network.paths import find_paths
    from kg.query.resolve import resolve

    store, graph = _store_and_graph(args)
    source, target = resolve(store, args.source), resolve(store, args.target)
    paths = find_paths(graph, source, target, max_hops=args.max_hops, k=args.k,
                       via=_split(args.via), avoid=_split(args.avoid))
    if args.format == "json":
        print(json.dumps([{"rank": i, **p.as_dict()} for i, p in enumerate(paths, 1)],
                         ensure_ascii=False, indent=2))
        return 0
    if args.format in ("csv", "tsv"):
        rows = [{"rank": i, "hops": p.hops, "chain": p.chain(),
                 "citations": " | ".join(p.why())} for i, p in enumerate(paths, 1)]
        print(render(rows, args.format, raw=args.csv_raw))
        return 0
    for i, path in enumerate(paths, 1):
        print(f"{i}. ({path.hops} hop{'s' if path.hops > 1 else ''}) {path.chain()}")
        if args.why:
            for line in path.why():
                print(f"     {line}")
    return 0


def cmd_linkages(args: argparse.Namespace) -> int:
    from kg.cli.tables import fits, render, terminal_width
    from kg.network.linkages import COMPONENTS, linkages

    store, graph = _store_and_graph(args)
    report = linkages(store, graph)
    pairs = report.pairs if args.all else [p for p in report.pairs if not p["gap"]]
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    columns = ["rank", "score", *COMPONENTS, "eu_actor", "eu_class", "gic", "shared_ecosystems",
               "agreements", "programmes", "gap"]
    if args.format in ("csv", "tsv"):
        rows = report.gaps if args.gaps else report.pairs
        print(render(rows, args.format,
                     None if args.gaps else columns + ["reasons", "eu_actor_iri", "gic_iri"],
                     raw=args.csv_raw))
        return 0
    shown = pairs[: args.top] if args.top else pairs
    columns = ["rank", "score", *COMPONENTS, "eu_actor", "gic", "shared_ecosystems"]
    if not fits(shown, columns, max_width=48):
        columns = ["rank", "score", "eu_actor", "gic", "shared_ecosystems"]
        progress("score components hidden at this terminal width: widen it, or use --why "
                 "or --format csv")
    print(render(shown, "table", columns, max_width=48))
    if args.why:
        for pair in shown:
            print(f"\n{pair['rank']}. {pair['eu_actor']} - {pair['gic']} (score {pair['score']})")
            for reason in pair["reasons"]:
                print(f"   - {reason}")
    gaps = sum(p["gap"] for p in report.pairs)
    print("\n" + textwrap.fill(
        f"{len(report.pairs)} pairs of {len({p['eu_actor'] for p in report.pairs})} EU "
        f"actors targeting Canada x {len({p['gic'] for p in report.pairs})} GICs; "
        f"{len(report.pairs) - gaps} share an ecosystem, {gaps} share none (gaps; "
        "--all lists them)", terminal_width()))
    print("\n" + textwrap.fill("Ecosystem gaps (EU actors targeting Canada vs. GICs active in "
                              "the ecosystem):", terminal_width()))
    print(render([{k: v for k, v in g.items() if k != "eu_actor_names"} for g in report.gaps],
                 "table", max_width=60))
    return 0


def cmd_analyse(args: argparse.Namespace) -> int:
    from kg.cli.tables import render, terminal_width
    from kg.core.files import write_atomic
    from kg.network.analysis import MEASURES, analyse

    _, graph = _store_and_graph(args)
    progress(f"analysing {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    result = analyse(graph, seed=args.seed, sample=args.sample)
    if args.out:
        write_atomic(args.out / "analysis-nodes.csv",
                     (render(result.nodes, "csv", raw=args.csv_raw) + "\n").encode("utf-8"))
        write_atomic(args.out / "analysis-bridges.csv",
                     (render(result.bridges, "csv", raw=args.csv_raw) + "\n").encode("utf-8"))
        write_atomic(args.out / "analysis.json",
                     json.dumps(result.as_dict(), ensure_ascii=False, indent=2).encode("utf-8"))
        progress(f"wrote {args.out}/analysis-nodes.csv, analysis-bridges.csv, analysis.json")
    if args.format == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if args.format in ("csv", "tsv"):
        table = {"bridges": result.bridges, "communities": result.communities,
                 "components": result.components}.get(args.measure, result.nodes)
        print(render(table, args.format, raw=args.csv_raw))
        return 0
    measures = list(MEASURES) if args.measure == "all" else [args.measure]
    columns = ["label", "class", "side"]
    for measure in measures:
        print(f"\n## {measure}\n" + textwrap.fill(MEASURES[measure], terminal_width()))
        if measure in ("degree", "betweenness", "brokerage"):
            key = "degree_centrality" if measure == "degree" else measure
            rows = sorted(result.nodes, key=lambda r: (-r[key], r["label"]))[: args.top]
            print(render(rows, "table", columns + [key, "degree"]))
            if measure != "degree":
                print(f"({result.betweenness_method})")
        elif measure == "articulation":
            rows = [r for r in result.nodes if r["articulation_point"]]
            print(render(rows[: args.top], "table", columns + ["degree"]))
            print(f"({len(rows)} articulation points)")
        elif measure == "bridges":
            print(render(result.bridges[: args.top], "table", ["from", "to"]))
            print(f"({len(result.bridges)} bridges)")
        else:
            table = result.communities if measure == "communities" else result.components
            print(render(table[: args.top], "table", max_width=70))
            method = f"; {result.communities_method}" if measure == "communities" else ""
            print(f"({len(table)} {measure}{method})")
    return 0


def cmd_network(args: argparse.Namespace) -> int:
    from kg.network.export import write_network

    _, network = _store_and_graph(args)
    graph = network.networkx()
    path = write_network(graph, args.out, args.format)
    print(f"{path}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    return 0


def cmd_viz(args: argparse.Namespace) -> int:
    from kg.network.linkages import linkages
    from kg.network.paths import find_paths
    from kg.publish.viz import Highlight, hub_nodes, subgraph, write_html
    from kg.query.resolve import resolve

    store, network = _store_and_graph(args)
    highlights: list[Highlight] = []
    if args.path:
        source, target = (resolve(store, name) for name in args.path)
        highlights += [Highlight.from_path(path) for path in
                       find_paths(network, source, target, k=args.k, max_hops=args.max_hops)]
    graph = network.networkx()
    if args.linkages:
        for pair in linkages(store, network).pairs[: args.linkages]:
            actor, gic = pair["eu_actor_iri"], pair["gic_iri"]
            shared = [v for _, v, k in graph.out_edges(actor, keys=True)
                      if k == "activeInEcosystem" and graph.has_edge(gic, v, "activeInEcosystem")]
            steps = []
            for eco in shared:
                for end in (actor, gic):
                    edge = graph.edges[end, eco, "activeInEcosystem"]
                    steps.append((end, eco, edge["label"], True, edge["citations"]))
            title = f"{pair['eu_actor']} and {pair['gic']}: score {pair['score']:g}"
            highlights.append(Highlight(title, [actor, *shared, gic], steps))
    shown = graph
    if args.focus:
        focus = resolve(store, args.focus)
        shown = subgraph(graph, focus, args.depth,
                         through=() if args.through_hubs else hub_nodes(graph))
        highlights.insert(0, Highlight(f"{graph.nodes[focus]['label']} and its neighbourhood",
                                       [focus], []))
    path = write_html(shown, args.out, store, highlights=highlights)
    lit = {n for h in highlights for n in h.nodes}
    print(f"{path}: {shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges"
          + (f"; {len(highlights)} paths or pairs, {len(lit)} highlighted nodes"
             if highlights else "")
          + "; opens offline in any browser")
    return 0


def _engine(p: argparse.ArgumentParser, build_flag: str = "--out") -> None:
    add_graph(p, build_flag=build_flag)


def _args_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="FROM", help="an actor: label, alternative label, slug or IRI")
    p.add_argument("target", metavar="TO", help="an actor: label, alternative label, slug or IRI")
    p.add_argument("--max-hops", type=positive, default=4,
                   help="longest path, in edges (default: 4)")
    p.add_argument("--k", type=positive, default=5, help="number of paths (default: 5)")
    p.add_argument("--via", action="append", default=[], metavar="TYPE,...",
                   help="use only these edge types (predicates) and/or intermediate node "
                        "types (classes), e.g. activeInEcosystem or IndustrialEcosystem")
    p.add_argument("--avoid", action="append", default=[], metavar="TYPE,...",
                   help="leave out these edge or node types, e.g. Country,SupranationalUnion")
    p.add_argument("--why", action="store_true", help="cite where the paper states each step")
    add_format(p)
    _engine(p)


def _args_linkages(p: argparse.ArgumentParser) -> None:
    p.add_argument("--top", type=count, default=15, help="pairs shown in the table (default: 15; "
                   "0 for all)")
    p.add_argument("--all", action="store_true",
                   help="include the pairs that share no ecosystem (gaps) in the table")
    p.add_argument("--why", action="store_true", help="list the reasons behind each score")
    p.add_argument("--gaps", action="store_true",
                   help="with --format csv/tsv: the ecosystem gaps instead of the pairs")
    add_format(p)
    _engine(p)


def _args_analyse(p: argparse.ArgumentParser) -> None:
    from kg.network.measures import MEASURES

    p.add_argument("--measure", choices=["all", *MEASURES], default="all",
                   help="which measure to show (default: all). " + " ".join(MEASURES.values()))
    p.add_argument("--top", type=count, default=10, help="rows per table (default: 10)")
    p.add_argument("--seed", type=int, default=42,
                   help="seed for Louvain and sampled betweenness (default: 42)")
    p.add_argument("--sample", type=positive, default=None,
                   help="pivots for sampled betweenness (default: exact up to 5000 nodes)")
    p.add_argument("--out", type=Path, default=None,
                   help="also write analysis-nodes.csv, analysis-bridges.csv and analysis.json "
                        "into this folder")
    add_format(p)
    _engine(p, build_flag="--build")


def _args_network(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("out/eucan-network.graphml"),
                   help="output file (default: out/eucan-network.graphml)")
    p.add_argument("--format", choices=tuple(NETWORK_FORMATS), default=None,
                   help="graphml or gexf (default: from the file suffix)")
    _engine(p, build_flag="--build")


def _args_viz(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("eucan-view.html"),
                   help="HTML file to write (default: eucan-view.html here; the main job's "
                        "out/graph.html is left alone)")
    p.add_argument("--focus", metavar="NAME", help="draw only this actor's neighbourhood")
    p.add_argument("--depth", type=count, default=1,
                   help="hops around --focus (default: 1)")
    p.add_argument("--through-hubs", action="store_true",
                   help="let --depth walk through countries and regions (the EU, Canada, "
                        "Member States), which touch almost everything")
    p.add_argument("--path", nargs=2, metavar=("FROM", "TO"),
                   help="highlight the linkage paths between two actors")
    p.add_argument("--k", type=positive, default=3, help="paths highlighted by --path (default: 3)")
    p.add_argument("--max-hops", type=positive, default=4, help="longest --path (default: 4)")
    p.add_argument("--linkages", type=count, default=0, metavar="N",
                   help="highlight the N strongest EU-GIC pairings and their shared ecosystems")
    _engine(p, build_flag="--build")


register("paths", (cmd_paths, "Ranked linkage paths between two actors, explained edge by edge.",
                   ["kg paths SUAVE 'Protein Industries Canada'",
                    "kg paths SUAVE 'Protein Industries Canada' --via IndustrialEcosystem --why",
                    "kg paths SpaceWave 'Scale AI' --avoid Country,SupranationalUnion --k 3",
                    "kg paths METASTARS scale-ai --format json"], _args_paths))
register("linkages", (cmd_linkages, "Score EU actors targeting Canada against the Global "
                      "Innovation Clusters; list ecosystem gaps.",
                      ["kg linkages", "kg linkages --top 5 --why", "kg linkages --format csv",
                       "kg linkages --format csv --gaps"], _args_linkages))
register("analyse", (cmd_analyse, "Network measures: centralities, EU-Canada brokers, "
                     "articulation points, bridges, communities, components.",
                     ["kg analyse", "kg analyse --measure brokerage --top 20",
                      "kg analyse --format csv > nodes.csv", "kg analyse --out out/"],
                     _args_analyse))
register("viz", (cmd_viz, "Write an interactive HTML picture of the graph that works offline "
                 "(search, filters, legend, highlighted paths).",
                 ["kg viz", "kg viz --focus SUAVE --depth 2 --out suave.html",
                  "kg viz --path SUAVE 'Protein Industries Canada'", "kg viz --linkages 10"],
                 _args_viz))
register("network", (cmd_network, "Write the entity network as GraphML or GEXF "
                     "(Gephi, Cytoscape).",
                     ["kg network", "kg network --out out/eucan-network.gexf"], _args_network))
