"""``kg synth`` and ``kg bench``: synthetic ECCP-scale graphs and the engine benchmark."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import count, positive, progress, register

__all__ = ["cmd_synth", "cmd_bench"]


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


def _args_bench(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sizes", default="paper,100k,1M",
                   help="comma-separated: paper, 100k, 1M, 3M (default: paper,100k,1M)")
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
                   ["kg bench", "kg bench --sizes paper,100k", "kg bench --sizes 3M --repeat 1"],
                   _args_bench))
