"""``kg coverage``: which parts of the paper the graph's statements quote; ``kg mentions``:
whether everything the data's descriptions name is linked in the data."""

from __future__ import annotations

import argparse
import errno
import json
from pathlib import Path

from kg.cli.common import add_data, add_format, count, records_of, register

__all__ = ["cmd_coverage", "cmd_mentions"]


def cmd_coverage(args: argparse.Namespace) -> int:
    if args.claims:
        return _claims(args)
    if args.support or args.sample:
        return _support(args)
    from kg.cli.tables import render
    from kg.data.coverage import coverage
    from kg.data.paper import default_paper, read_paper

    paper = args.paper or default_paper()
    if not paper.is_file():  # one line from the CLI's error boundary, with a hint
        raise FileNotFoundError(errno.ENOENT, "no such file (the paper's text: give its "
                                "path with --paper or $EUCAN_PAPER)", str(paper))
    records = records_of(args)
    report = coverage(records, read_paper(paper))
    uncovered = [{"line": u.unit.line, "place": u.unit.place, "kind": u.unit.kind,
                  "text": u.unit.text} for u in report.uncovered]
    bad = [{"record": q.record, "field": q.field, "source": q.source, "problem": why}
           for q, why in report.bad_quotes]
    if args.format == "json":
        print(json.dumps({"summary": report.summary(), "sections": report.by_section(),
                          "uncovered": uncovered, "quotes not verified": bad},
                         ensure_ascii=False, indent=2))
    elif args.uncovered:
        print(render(uncovered, args.format, raw=args.csv_raw))
    else:
        print(render(report.by_section(), args.format, raw=args.csv_raw))
        if args.format == "table":
            summary = report.summary()
            print("\n" + "; ".join(f"{k}: {v}" for k, v in summary.items()))
            if uncovered:
                print(f"\n{len(uncovered)} factual unit(s) no statement quotes "
                      f"(kg coverage --uncovered lists them):")
                print(render(uncovered[: args.show or None], "table"))
            for row in bad:
                print(f"quote not verified: {row['record']} {row['field']} "
                      f"({row['source']}): {row['problem']}")
    failed = bool(bad) or (args.strict and bool(uncovered or report.stale_allowances
                                                or report.stale_quotes))
    return 1 if failed else 0


def _support(args: argparse.Namespace) -> int:
    """``--support``: the statements no quote proves; ``--sample N``: N statements drawn
    at random (``--seed``), with their quotes, to read against the paper."""
    import random

    from kg.cli.tables import emit
    from kg.data.support import support_report

    report = support_report(records_of(args))
    if args.sample:
        statements = sorted(report.statements().items())
        chosen = random.Random(args.seed).sample(statements, min(args.sample, len(statements)))
        rows = [report.row(next((v for v in vs if v.proved), vs[0])) for _, vs in chosen]
    else:
        rows = [report.row(v) for v in report.unsupported(None if args.all_statements
                                                          else True)]
    summary = report.summary()
    emit(args.format, rows, summary=summary, raw=args.csv_raw,
         document={"summary": summary, "statements": rows})
    unsupported = summary["relation statements: unsupported"] + (
        summary["other statements: unsupported"] if args.all_statements else 0)
    return 1 if args.support and unsupported else 0


def _claims(args: argparse.Namespace) -> int:
    """``--claims``: the claims ledger per section, and the units whose claims the data
    holds only in descriptions (or that nobody has read yet)."""
    from kg.cli.tables import emit
    from kg.data.claims import CLAIMS_FOLDER, claims_report, load_ledger
    from kg.store.source import DEFAULT_OUT, recorded_data

    data = args.data or recorded_data(getattr(args, "graph_out", None) or DEFAULT_OUT)
    ledger = Path(data) / CLAIMS_FOLDER if data else None  # a data folder's own ledger
    report = claims_report(records_of(args),
                           load_ledger(ledger if ledger and ledger.is_dir() else None))
    gaps = report.rows(["only described", "partly described", "unreviewed"])
    summary = report.summary()
    # In a table the footnotes share one row and unit ids stay whole: it fits the terminal.
    rows = gaps if args.uncovered else report.by_section(fold_footnotes=args.format == "table")
    emit(args.format, rows, summary=summary, raw=args.csv_raw, notes=report.problems,
         whole=("unit", "section"),
         document={"summary": summary, "sections": report.by_section(), "gaps": gaps,
                   "problems": report.problems})
    failing = summary["only described"] + summary["unreviewed"] + len(report.problems)
    return 1 if (args.strict or args.claims) and failing else 0


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--paper", type=Path, default=None,
                   help="the paper's text (default: $EUCAN_PAPER, else the copy shipped in "
                        "the package, kg/data/paper/)")
    add_data(p)
    p.add_argument("--uncovered", action="store_true",
                   help="list every factual unit no statement quotes, instead of the table")
    p.add_argument("--show", type=count, default=10,
                   help="how many uncovered units the table view lists (default: 10; 0: all)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a factual unit is uncovered and not on the allow-list, or an "
                        "allowance is no longer needed, or a quote is stale")
    p.add_argument("--support", action="store_true",
                   help="list the relation statements whose quote does not name both ends "
                        "within its unit of the paper (file, line, record, field, quote, "
                        "why); exit 1 if there is one not on kg/data/support-allow*.json")
    p.add_argument("--all-statements", action="store_true",
                   help="with --support: every statement, not only relations")
    p.add_argument("--claims", action="store_true",
                   help="the claims ledger (kg/data/claims/, or the claims/ folder of "
                        "--data): per section, claims the data "
                        "holds as statements and claims only described; with --uncovered, "
                        "the units whose claims are only described or not yet read; exit 1 "
                        "if there is one")
    p.add_argument("--sample", type=count, default=0, metavar="N",
                   help="print N statements drawn at random with their quote, unit and "
                        "verdict, to read against the paper")
    p.add_argument("--seed", type=int, default=1, help="the random draw of --sample (default: 1)")
    add_format(p)


register("coverage", (cmd_coverage, "Split the paper into paragraphs, table rows, box items "
                      "and footnotes and report which ones the graph's statements quote; "
                      "check every quote against the paper.",
                      ["kg coverage", "kg coverage --uncovered --format csv",
                       "kg coverage --strict", "kg coverage --support",
                       "kg coverage --claims --uncovered",
                       "kg coverage --sample 100 --seed 7 --format csv"],
                      _args))


def cmd_mentions(args: argparse.Namespace) -> int:
    from kg.cli.tables import emit
    from kg.data.mentions import audit

    report = audit(records_of(args))
    shown = report.mentions if args.all else report.unlinked
    rows = [{"file": Path(m.path).name, "line": m.line, "record": m.record, "field": m.field,
             "names": m.name, "mentioned": m.target, "linked": m.how or "no"} for m in shown]
    stale = [{"record": r, "mentioned": t} for r, t in report.stale_allowances]
    emit(args.format, rows, summary=report.summary(), raw=args.csv_raw,
         notes=[f"allowance no longer needed: {r['record']} -> {r['mentioned']} "
                "(kg/data/mentions-allow.json)" for r in stale],
         document={"summary": report.summary(), "mentions": rows, "stale allowances": stale})
    return 1 if report.unlinked or (args.strict and stale) else 0


def _mention_args(p: argparse.ArgumentParser) -> None:
    add_data(p)
    p.add_argument("--all", action="store_true",
                   help="list every mention and how it is linked, not only the unlinked ones")
    p.add_argument("--strict", action="store_true",
                   help="also exit 1 when an allowance is no longer needed")
    add_format(p)


register("mentions", (cmd_mentions, "Audit the data's descriptions: every organisation, "
                      "programme, place or agreement a comment names must be linked to the "
                      "record by a property (exit 1 lists those that are not).",
                      ["kg mentions", "kg mentions --all --format csv"], _mention_args))
