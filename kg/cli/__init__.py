"""The ``kg`` command line: a thin layer over the Python API.

User errors (:class:`kg.core.errors.KGError`) print one line and exit with code 1.

May import: every layer of ``kg``; nothing imports it.

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

from kg.cli import build, network, query, scale  # noqa: F401  (each registers its commands)
from kg.cli.common import COMMANDS
from kg.core.errors import KGError
from kg.core.resources import version

__all__ = ["main", "run"]

EPILOG = "Examples:\n  {examples}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="EU-Canada cluster policy knowledge graph.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'kg COMMAND --help' for a command's options and examples.")
    parser.add_argument("--version", action="version", version=f"kg (eucan-kg) {version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (func, help_text, examples, add_args) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text,
                           formatter_class=argparse.RawDescriptionHelpFormatter,
                           epilog=EPILOG.format(examples="\n  ".join(examples)))
        add_args(p)
        p.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``kg`` with ``argv``; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except KGError as error:
        print(f"kg {args.command}: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
