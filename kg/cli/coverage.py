"""``kg coverage``: which parts of the paper the graph's statements quote."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.cli.common import add_format, register
from kg.core.errors import KGError

__all__ = ["cmd_coverage"]


class PaperMissingError(KGError):
    """The paper's text is not where ``--paper`` says."""


def cmd_coverage(args: argparse.Namespace) -> int:
    from kg.cli.tables import render
    from kg.data.coverage import coverage
    from kg.data.load import folder_files, load_records
    from kg.data.paper import default_paper, read_paper

    args.paper = args.paper or default_paper()
    if not args.paper.is_file():
        raise PaperMissingError(f"{args.paper}: no such file (the paper's text; give its "
                                f"path with --paper)")
    records = load_records(folder_files(args.data) if args.data else None)
    report = coverage(records, read_paper(args.paper))
    uncovered = [{"line": u.unit.line, "place": u.unit.place, "kind": u.unit.kind,
                  "text": u.unit.text} for u in report.uncovered]
    bad = [{"record": q.record, "field": q.field, "source": q.source, "problem": why}
           for q, why in report.bad_quotes]
    if args.format == "json":
        print(json.dumps({"summary": report.summary(), "sections": report.by_section(),
                          "uncovered": uncovered, "quotes not verified": bad},
                         ensure_ascii=False, indent=2))
    elif args.uncovered:
        print(render(uncovered, args.format))
    else:
        print(render(report.by_section(), args.format))
        if args.format == "table":
            summary = report.summary()
            print("\n" + "; ".join(f"{k}: {v}" for k, v in summary.items()))
            if uncovered:
                print(f"\n{len(uncovered)} factual unit(s) no statement quotes "
                      f"(kg coverage --uncovered lists them):")
                print(render(uncovered[: args.show], "table"))
            for row in bad:
                print(f"quote not verified: {row['record']} {row['field']} "
                      f"({row['source']}): {row['problem']}")
    failed = bool(bad) or (args.strict and bool(uncovered or report.stale_allowances
                                                or report.stale_quotes))
    return 1 if failed else 0


def _args(p: argparse.ArgumentParser) -> None:
    from kg.data.paper import SEED_PAPER

    p.add_argument("--paper", type=Path, default=None,
                   help=f"the paper's text (default: $EUCAN_PAPER, else {SEED_PAPER})")
    p.add_argument("--data", type=Path, default=None,
                   help="folder of curated data files (default: the package's kg/data/)")
    p.add_argument("--uncovered", action="store_true",
                   help="list every factual unit no statement quotes, instead of the table")
    p.add_argument("--show", type=int, default=10,
                   help="how many uncovered units the table view lists (default: 10)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a factual unit is uncovered and not on the allow-list, or an "
                        "allowance is no longer needed, or a quote is stale")
    add_format(p)


register("coverage", (cmd_coverage, "Split the paper into paragraphs, table rows, box items "
                      "and footnotes and report which ones the graph's statements quote; "
                      "check every quote against the paper.",
                      ["kg coverage", "kg coverage --uncovered --format csv",
                       "kg coverage --paper ../shared/seed/000_a91e641535a880c8.txt --strict"],
                      _args))
