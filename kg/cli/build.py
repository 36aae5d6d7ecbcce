"""``kg build``, ``kg validate`` and ``kg stats``: the main job and its checks."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.cli.common import add_data, add_engine, add_format, add_out, count, progress, register
from kg.core.errors import KGError

__all__ = ["cmd_build", "cmd_validate", "cmd_stats"]

#: Classes the build summary counts, in this order.
SUMMARY_CLASSES = ("GlobalInnovationCluster", "Eurocluster", "ESCP4iPartnership", "Country",
                   "IndustrialEcosystem", "Programme", "Agreement", "Event", "PublicBody",
                   "Observation", "SourceLocator")


def cmd_build(args: argparse.Namespace) -> int:
    from kg.cli.tables import render
    from kg.publish.job import build

    if args.add and not args.store:
        raise KGError("--add loads RDF files into the on-disk store: give --store DIR too")
    if args.store:
        from kg.store.open import check_rdf_files, check_store_folder

        check_store_folder(args.store, args.out)  # before anything is written
        check_rdf_files(args.add)
    start = time.perf_counter()
    result = build(args.out, engine=args.engine, data_dir=args.data, progress=progress,
                   csv_bom=args.csv_bom, fresh=args.fresh)
    elapsed = time.perf_counter() - start
    rows = [{"class": c, "instances": result.classes.get(c, 0)} for c in SUMMARY_CLASSES]
    print(render(rows))
    split = ", ".join(f"{k} {v:.2f}" + (_parts(result.prepare) if k == "prepare" else "")
                      for k, v in result.timings.items())
    checked = "conforms (checked when this graph was made)" if "graph" in result.reused \
        else "conforms"
    print(f"\n{result.triples} triples; {result.shapes_checked} SHACL node shapes checked: "
          f"{checked}; built in {elapsed:.2f} s ({split})")
    if result.reused:
        print(f"unchanged inputs, previous files kept: {', '.join(result.reused)} "
              f"(hashes in {args.out}/.build-inputs.json; --fresh remakes them)")
    for name, path in result.files.items():
        print(f"  {name:14} {path}")
    if args.store:
        from kg.network.saved import PROJECTION_FILE, projection_of
        from kg.store.open import content_record, memory_copy, open_disk_store, write_disk_store

        progress(f"loading the on-disk store {args.store}"
                 + (f" with {len(args.add)} extra file(s)" if args.add else ""))
        write_disk_store(result.store, args.store, args.add)
        progress("projecting the entity network of the store (from a copy in memory where "
                 "it fits)")
        disk = open_disk_store(args.store)
        graph = projection_of(disk, source=memory_copy(disk))
        del disk
        record = content_record(args.store)  # counted when the store was written
        triples = record["triples"] if record else "?"
        print(f"  {'store':14} {args.store} (on-disk Oxigraph, {triples} triples; use "
              f"--store {args.store} with query, paths, linkages, analyse, viz)")
        print(f"  {'projection':14} {args.store / PROJECTION_FILE} ({graph.number_of_nodes()} "
              f"nodes, {graph.number_of_edges()} edges; read by --store commands)")
    return 0


def _parts(prepare: dict[str, float]) -> str:
    """The producers' split of the prepare time, e.g. ``" [network 0.10, docs 0.30]"``."""
    return " [" + ", ".join(f"{k} {v:.2f}" for k, v in prepare.items()) + "]" if prepare else ""


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.graph.validate import validate
    from kg.store.open import build_graph

    store = build_graph(engine=args.engine)
    failed = 0
    for kind, problems in validate(store).items():
        verdict = "ok" if not problems else f"{len(problems)} problem(s)"
        print(f"{kind:9} {verdict}")
        for problem in problems:
            print(f"  - {problem}")
        failed += len(problems)
    return 1 if failed else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.cli.tables import render
    from kg.query.stats import class_counts, property_counts, summary
    from kg.store.open import build_graph

    store = build_graph(engine=args.engine)
    counts = property_counts(store) if args.properties else class_counts(store)
    key = "property" if args.properties else "class"
    rows = [{key: k, "instances" if key == "class" else "uses": v} for k, v in counts.items()]
    rows = rows[: args.limit] if args.limit else rows
    print(render(rows, args.format, raw=args.csv_raw))
    if args.format == "table":
        print("\n" + "; ".join(f"{k}: {v}" for k, v in summary(store).items()))
    return 0


def _args_build(p: argparse.ArgumentParser) -> None:
    add_out(p)
    add_data(p)
    p.add_argument("--store", type=Path, default=None, metavar="DIR",
                   help="also load the graph into an on-disk Oxigraph store in DIR, with "
                        "its entity network saved beside it (default: none; the graph lives "
                        "in memory)")
    p.add_argument("--add", type=Path, action="append", default=[], metavar="FILE",
                   help="with --store: also load this RDF file into the store (format by "
                        "extension: .nt .ttl .nq .trig .rdf .jsonld; repeatable), e.g. "
                        "'kg synth' output (default: none)")
    p.add_argument("--csv-bom", action="store_true",
                   help="start the csv/*.csv files with a UTF-8 byte-order mark, for Excel "
                        "(default: plain UTF-8)")
    p.add_argument("--fresh", action="store_true",
                   help="build and validate everything again, even outputs whose inputs did "
                        "not change since the build in --out (default: reuse them)")


def _args_stats(p: argparse.ArgumentParser) -> None:
    add_format(p)
    p.add_argument("--properties", action="store_true", help="count property uses instead")
    p.add_argument("--limit", type=count, default=0, help="show only the first N rows")
    add_engine(p)


register("build", (cmd_build, "Build, validate and export the graph into out/ "
                   "(Turtle, N-Triples, JSON-LD, RDF/XML, network, picture, CSV, docs).",
                   ["kg build", "kg build --out /tmp/eucan", "kg build --fresh",
                    "kg build --store /tmp/eucan-store",
                    "kg synth --scale 0.75 --out /tmp/synth.nt && "
                    "kg build --store /tmp/eucan-1m --add /tmp/synth.nt",
                    "python build_graph.py --engine rdflib"], _args_build))
register("validate", (cmd_validate, "Check SHACL shapes, OWL Lite constructs and the "
                      "queries/checks/*-violation.rq checks.", ["kg validate"], add_engine))
register("stats", (cmd_stats, "Count resources per class (or property uses).",
                   ["kg stats", "kg stats --properties --format csv"], _args_stats))
