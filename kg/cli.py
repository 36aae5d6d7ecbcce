"""The ``kg`` command line: a thin layer over the Python API.

User errors (:class:`kg.errors.KGError`) print one line and exit with code 1.

Examples
--------
>>> main(["stats", "--format", "csv", "--limit", "2"])  # doctest: +ELLIPSIS
class,instances
...
0
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kg.errors import KGError

__all__ = ["main"]

EPILOG = "Examples:\n  {examples}"


def _progress(message: str) -> None:
    print(f"· {message}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="EU-Canada cluster policy knowledge graph.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'kg COMMAND --help' for a command's options and examples.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (func, help_text, examples, add_args) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text,
                           formatter_class=argparse.RawDescriptionHelpFormatter,
                           epilog=EPILOG.format(examples="\n  ".join(examples)))
        add_args(p)
        p.set_defaults(func=func)
    return parser


def _add_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("out"),
                   help="output folder (default: out/)")
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="embedded engine (default: oxigraph)")


def _add_store(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", type=Path, default=None, metavar="DIR",
                   help="read an on-disk Oxigraph store made by 'kg build --store DIR' "
                        "(default: out/eucan.nt in memory, else the package data)")


def _add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table",
                   help="output format (default: table)")


def cmd_build(args: argparse.Namespace) -> int:
    from kg.output import render
    from kg.pipeline import build

    start = time.perf_counter()
    result = build(args.out, engine=args.engine, data_dir=args.data, progress=_progress)
    elapsed = time.perf_counter() - start
    top = ["GlobalInnovationCluster", "Eurocluster", "ESCP4iPartnership", "Country",
           "IndustrialEcosystem", "Programme", "Agreement", "Event", "PublicBody",
           "Observation", "SourceLocator"]
    rows = [{"class": c, "instances": result.classes.get(c, 0)} for c in top]
    print(render(rows))
    split = ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items())
    print(f"\n{result.triples} triples; {result.shapes_checked} SHACL node shapes checked: "
          f"conforms; built in {elapsed:.2f} s ({split})")
    for name, path in result.files.items():
        print(f"  {name:14} {path}")
    if args.store:
        from kg.pipeline import write_disk_store

        print(f"  {'store':14} {write_disk_store(result.store, args.store)} (on-disk Oxigraph; "
              f"use --store {args.store} with query, paths, linkages, analyse, viz)")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.build import build_graph
    from kg.validate import validate

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
    from kg.build import build_graph
    from kg.output import render
    from kg.stats import class_counts, property_counts, summary

    store = build_graph(engine=args.engine)
    counts = property_counts(store) if args.properties else class_counts(store)
    key = "property" if args.properties else "class"
    rows = [{key: k, "instances" if key == "class" else "uses": v} for k, v in counts.items()]
    rows = rows[: args.limit] if args.limit else rows
    print(render(rows, args.format))
    if args.format == "table":
        print("\n" + "; ".join(f"{k}: {v}" for k, v in summary(store).items()))
    return 0


def _args_build(p: argparse.ArgumentParser) -> None:
    _add_out(p)
    p.add_argument("--data", type=Path, default=None,
                   help="folder of curated YAML data files (default: the package's kg/data/)")
    p.add_argument("--store", type=Path, default=None, metavar="DIR",
                   help="also load the graph into an on-disk Oxigraph store in DIR "
                        "(default: none; the graph lives in memory)")


def _args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="embedded engine (default: oxigraph)")


def _args_stats(p: argparse.ArgumentParser) -> None:
    _add_format(p)
    p.add_argument("--properties", action="store_true", help="count property uses instead")
    p.add_argument("--limit", type=int, default=0, help="show only the first N rows")
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="embedded engine (default: oxigraph)")


Command = tuple[Callable[[argparse.Namespace], int], str, list[str],
                Callable[[argparse.ArgumentParser], None]]
COMMANDS: dict[str, Command] = {
    "build": (cmd_build, "Build, validate and export the graph into out/ "
              "(Turtle, N-Triples, JSON-LD, RDF/XML).",
              ["kg build", "kg build --out /tmp/eucan",
               "python build_graph.py --engine rdflib"], _args_build),
    "validate": (cmd_validate, "Check SHACL shapes, OWL Lite constructs and the "
                 "queries/checks/*-violation.rq checks.", ["kg validate"], _args_validate),
    "stats": (cmd_stats, "Count resources per class (or property uses).",
              ["kg stats", "kg stats --properties --format csv"], _args_stats),
}


def register(name: str, command: Command) -> None:
    """Add a subcommand (used by the modules that extend the CLI)."""
    COMMANDS[name] = command


def main(argv: list[str] | None = None) -> int:
    """Run ``kg`` with ``argv``; returns the exit code."""
    _load_extensions()
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except KGError as error:
        print(f"kg {args.command}: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


#: Modules that register further subcommands when imported.
EXTENSIONS = ("kg.cli_query", "kg.cli_network", "kg.cli_scale")


def _load_extensions() -> None:
    """Import the modules that register further commands (query, paths...)."""
    import importlib

    for module in EXTENSIONS:
        importlib.import_module(module)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
