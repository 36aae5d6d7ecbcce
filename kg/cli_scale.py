"""``kg synth``: generate an ECCP-shaped synthetic graph for scale tests."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli import _progress, register

__all__ = ["cmd_synth"]


def cmd_synth(args: argparse.Namespace) -> int:
    from kg.synth import synthesise

    out = args.out or Path(f"out/synth-{args.scale:g}.nt")
    summary = synthesise(out, scale=args.scale, seed=args.seed, progress=_progress)
    print(f"{out}: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in summary.items()))
    return 0


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
