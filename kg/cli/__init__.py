"""The ``kg`` command line: a thin layer over the Python API.

One error boundary: every user-caused failure — a :class:`kg.core.errors.KGError` (data,
query, endpoint, folders) or a file-system error (``OSError``: a read-only or missing
folder, a file where a folder was meant) — prints one line naming what failed and exits
with code 1. A traceback appears only for a real bug, or on purpose with ``--debug``.

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
import gc
import sys

from kg.cli import build, coverage, network, query, scale  # noqa: F401  (each registers its commands)
from kg.cli.common import COMMANDS
from kg.core.errors import KGError
from kg.core.resources import version

__all__ = ["main", "run"]

EPILOG = "Examples:\n  {examples}"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit code 1, like every
    other user error (``--help`` still shows the usage and examples)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(1, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


class _Version(argparse.Action):
    """``--version``, reading the package metadata only when asked (it takes a while)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        print(f"kg (eucan-kg) {version()}")
        parser.exit(0)


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the command named in ``argv`` gets its options set up (some
    import their library to list choices), so a command starts without the others' cost.
    Without ``argv`` every command is set up."""
    chosen = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    parser = _Parser(
        prog="kg", description="EU-Canada cluster policy knowledge graph.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'kg COMMAND --help' for a command's options and examples.")
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the installed version and exit")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an error instead of one line")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=_Parser)
    for name, (func, help_text, examples, add_args) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text,
                           formatter_class=argparse.RawDescriptionHelpFormatter,
                           epilog=EPILOG.format(examples="\n  ".join(examples)))
        if chosen is None or argv is None or name == chosen:
            add_args(p)
        p.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``kg`` with ``argv``; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(argv).parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except (KGError, OSError) as error:
        if args.debug:
            raise
        print(f"kg {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130


def _one_line(error: BaseException) -> str:
    """The message of a user error on one line (a file-system error names its path)."""
    if isinstance(error, OSError) and not isinstance(error, KGError) and error.strerror:
        where = error.filename or ""
        return f"{where}: {error.strerror}" if where else error.strerror
    return " ".join(str(error).split())


def run() -> None:
    """Console-script entry point."""
    code = main()
    # What the command leaves is dropped with the process, not collected object by object:
    # collecting a 1M-triple projection's reference cycles at exit took 3 s.
    gc.freeze()
    sys.exit(code)
