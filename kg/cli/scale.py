"""``kg synth`` and ``kg bench``: synthetic ECCP-scale graphs and the engine benchmark."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import add_graph, count, graph_source, positive, progress, register, seconds

__all__ = ["cmd_synth", "cmd_bench", "cmd_bulk_load"]


def cmd_synth(args: argparse.Namespace) -> int:
    from kg.scale.synth import synthesise

    out = args.out or Path(f"out/synth-{args.scale:g}.nt")
    summary = synthesise(out, scale=args.scale, seed=args.seed, progress=progress)
    print(f"{out}: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in summary.items()))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from kg.scale.bench import SIZES, run_bench

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        from kg.core.errors import KGError

        raise KGError(f"unknown size {unknown[0]!r}; expected some of {', '.join(SIZES)}")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    run_bench(sizes, engines, repeat=args.repeat, timeout=args.step_timeout,
                        shacl_max=args.shacl_max, out=args.out, progress=progress)
    print((args.out / "bench.md").read_text(encoding="utf-8"))
    print(f"written: {args.out}/bench.json, {args.out}/bench.md")
    return 0


def cmd_bulk_load(args: argparse.Namespace) -> int:
    from kg.cli.query import _password
    from kg.store.bulk import bulk_load
    from kg.store.open import check_rdf_files
    from kg.store.source import source_ntriples

    check_rdf_files(args.add)
    password = _password(args.user)
    graph = source_ntriples(graph_source(args))
    done = bulk_load([graph, *args.add], isql=args.isql, folder=args.dir,
                     graph=args.graph, user=args.user, password=password or "",
                     loaders=args.loaders, replace=args.mode == "replace",
                     timeout=args.timeout, progress=progress)
    rate = done.triples / done.seconds if done.seconds else 0.0
    print(f"loaded {done.triples:,} triples into <{args.graph}> on Virtuoso {args.isql} in "
          f"{done.seconds:.1f} s ({rate:,.0f} triples/s; load {done.timings['load']:.1f} s, "
          f"checkpoint {done.timings['checkpoint']:.1f} s; {done.files} file(s), "
          f"{done.loaders} loader(s)), counted")
    return 0


def _args_bulk_load(p: argparse.ArgumentParser) -> None:
    from kg.store.urls import DEFAULT_GRAPH

    add_graph(p, engine=False)
    p.add_argument("--isql", required=True, metavar="HOST:PORT",
                   help="Virtuoso's SQL port, e.g. 127.0.0.1:1111 (isql-vt runs there)")
    p.add_argument("--dir", type=Path, required=True, metavar="DIR",
                   help="a folder this process may write and Virtuoso may read (DirsAllowed "
                        "in its virtuoso.ini); the files are written into a fresh subfolder "
                        "and removed afterwards")
    p.add_argument("--graph", default=DEFAULT_GRAPH, metavar="IRI",
                   help=f"the named graph to load into (default: {DEFAULT_GRAPH})")
    p.add_argument("--add", type=Path, action="append", default=[], metavar="FILE",
                   help="also load this RDF file (.nt .ttl .nq .trig .rdf; repeatable), e.g. "
                        "'kg synth' output (default: none)")
    p.add_argument("--mode", choices=("replace", "append"), default="replace",
                   help="clear the graph first or add to it (default: replace)")
    p.add_argument("--loaders", type=positive, default=2,
                   help="loaders run at once, one per core (default: 2)")
    p.add_argument("--user", default="dba",
                   help="Virtuoso user; the password comes from $EUCAN_PASSWORD or is asked "
                        "for, and is given to isql-vt on its command line (default: dba)")
    p.add_argument("--timeout", type=seconds, default=7200.0,
                   help="deadline in seconds for the whole load (default: 7200)")


def _args_bench(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sizes", default="paper,100k,1M",
                   help="comma-separated: paper, 100k, 1M, 3M, 10M (default: paper,100k,1M; "
                        "10M: bulk-loaded into a private Virtuoso, every named query there)")
    p.add_argument("--engines", default="oxigraph,rdflib",
                   help="comma-separated engines, baseline last (default: oxigraph,rdflib)")
    p.add_argument("--repeat", type=positive, default=3,
                   help="runs per step at paper and 100k sizes (default: 3; 1 above)")
    p.add_argument("--step-timeout", type=positive, default=120,
                   help="seconds a step may take before it is reported as a timeout "
                        "(default: 120)")
    p.add_argument("--shacl-max", type=count, default=150_000,
                   help="run SHACL validation only up to this many triples (default: 150000)")
    p.add_argument("--out", type=Path, default=Path("out/bench"),
                   help="folder for bench.json and bench.md (default: out/bench)")


def _args_synth(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scale", type=float, default=1.0,
                   help="1 = the ECCP's size: ~1,320 cluster organisations, ~219,479 members, "
                        "about 1.3M triples (default: 1)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default: 42)")
    p.add_argument("--out", type=Path, default=None,
                   help="N-Triples file (default: out/synth-SCALE.nt)")


register("synth", (cmd_synth, "Write a seeded, ECCP-shaped synthetic graph (N-Triples) that "
                   "follows the ontology and passes the shapes.",
                   ["kg synth --scale 0.1", "kg synth --scale 1 --seed 7 --out /tmp/eccp.nt"],
                   _args_synth))
register("bench", (cmd_bench, "Benchmark Oxigraph against rdflib on the paper's graph and "
                   "synthetic graphs: every step, medians, ratios, peak memory, targets.",
                   ["kg bench", "kg bench --sizes paper,100k", "kg bench --sizes 3M --repeat 1",
                    "kg bench --sizes 1M,3M,10M --engines oxigraph --repeat 1"],
                   _args_bench))
register("bulk-load", (cmd_bulk_load, "Load the graph (and more files) into Virtuoso with its "
                       "bulk loader (ld_dir, rdf_loader_run): one loader per core, through "
                       "files in a folder the server reads; for graphs too large for kg push.",
                       ["EUCAN_PASSWORD=dba kg bulk-load --isql 127.0.0.1:1111 "
                        "--dir /var/lib/virtuoso-opensource-7/db",
                        "kg synth --scale 7.5 --out /tmp/synth.nt && kg bulk-load --isql "
                        "127.0.0.1:1111 --dir /srv/import --add /tmp/synth.nt --loaders 2"],
                       _args_bulk_load))
