"""What the command modules share: the command registry, common options, progress.

Each command module calls :func:`register` for its commands; :mod:`kg.cli` builds
the parser from :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["COMMANDS", "Command", "register", "progress", "add_out", "add_store",
           "add_format", "add_engine", "add_data", "count", "positive", "port", "seconds",
           "host_address", "byte_count"]

#: A command: (function, one-line help, examples, function adding its arguments).
Command = tuple[Callable[[argparse.Namespace], int], str, list[str],
                Callable[[argparse.ArgumentParser], None]]
COMMANDS: dict[str, Command] = {}


def register(name: str, command: Command) -> None:
    """Add a subcommand to ``kg``."""
    COMMANDS[name] = command


def progress(message: str) -> None:
    """Report progress of long work on standard error (standard output stays data)."""
    print(f"· {message}", file=sys.stderr, flush=True)


def add_engine(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="embedded engine (default: oxigraph)")


def add_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=None,
                   help="folder of curated data files (default: the package's kg/data/)")


def add_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("out"),
                   help="output folder (default: out/)")
    add_engine(p)


def add_store(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", type=Path, default=None, metavar="DIR",
                   help="read an on-disk Oxigraph store made by 'kg build --store DIR' "
                        "(default: out/eucan.nt in memory, else the package data)")


def add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table",
                   help="output format (default: table)")
    p.add_argument("--csv-raw", action="store_true",
                   help="write CSV and TSV cells unchanged (default: a cell a spreadsheet "
                        "would run as a formula, starting with = + - @, gets a ' in front)")


def count(text: str) -> int:
    """An argparse type: a whole number of at least 0 (``--top 0`` means all)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; give 0 or more")
    return value


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = count(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: give 1 or more")
    return value


def port(text: str) -> int:
    """An argparse type: a TCP port, 0 (any free one) to 65535."""
    value = count(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port; give 0 to 65535")
    return value


def seconds(text: str) -> float:
    """An argparse type: a positive, finite number of seconds (``--timeout 2.5``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text!r}: give a positive number of seconds")
    return value


def host_address(text: str) -> str:
    """An argparse type: an IP address to listen on (``127.0.0.1``, ``::1``, ``0.0.0.0``)
    or ``localhost``."""
    if text == "localhost":
        return "127.0.0.1"
    try:
        return str(ipaddress.ip_address(text.strip("[]")))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an IP address of this machine "
                                         "(e.g. 127.0.0.1, ::1, 0.0.0.0)") from None


def byte_count(text: str) -> int:
    """An argparse type: a whole number of bytes, at least 1, with an optional K, M or G
    (KiB, MiB, GiB): ``--max-bytes 64M``."""
    match = re.fullmatch(r"\s*(\d{1,15})\s*([KMG]?)(?:i?B)?\s*", text, flags=re.IGNORECASE)
    if not match or int(match.group(1)) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of bytes, at least "
                                         "1, with an optional K, M or G (e.g. 64M)")
    return int(match.group(1)) << {"": 0, "K": 10, "M": 20, "G": 30}[match.group(2).upper()]
