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
from typing import Any

__all__ = ["COMMANDS", "Command", "register", "progress", "add_out", "add_store", "add_graph",
           "graph_source", "open_graph", "url", "records_of",
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


def add_engine(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph",
                   help="embedded engine (default: oxigraph)")


def add_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=None,
                   help="folder of curated data files (default: the package's kg/data/)")


def add_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("out"),
                   help="output folder (default: out/)")
    add_engine(p)


def add_graph(p: argparse.ArgumentParser, *, endpoint: bool = False, engine: bool = True,
              build_flag: str = "--out") -> None:
    """The options that choose the graph a command reads (:mod:`kg.store.source`);
    ``build_flag`` names the option of the build folder (``kg site`` writes to ``--out``,
    so it reads a build from ``--build``)."""
    group = p.add_argument_group(
        "the graph to read", f"the first given of {'--endpoint, ' if endpoint else ''}--store, "
                             f"--data; else the graph built in {build_flag} (default: out/) "
                             "when there is one; else the data shipped in the package")
    group.add_argument(build_flag, dest="graph_out", type=Path, default=None, metavar="DIR",
                       help="the folder of a build to read (default: out/)")
    choice = group.add_mutually_exclusive_group()
    choice.add_argument("--store", type=Path, default=None, metavar="DIR",
                        help="an on-disk Oxigraph store made by 'kg build --store DIR'")
    choice.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="a folder of curated data files: build the graph from it now")
    if endpoint:
        choice.add_argument("--endpoint", dest="graph_endpoint", type=url, metavar="URL",
                            help="a remote SPARQL 1.1 query endpoint, http or https")
    if engine:
        add_engine(group)


def graph_source(args: argparse.Namespace) -> Any:
    """The graph ``args`` choose (:func:`kg.store.source.choose_graph`), announced in the
    command's first progress line."""
    from kg.store.source import choose_graph

    source = choose_graph(out=getattr(args, "graph_out", None),
                          store=getattr(args, "store", None),
                          data=getattr(args, "data", None),
                          endpoint=getattr(args, "graph_endpoint", None))
    progress(f"reading {source.describe()}")
    return source


def open_graph(args: argparse.Namespace, **remote: Any) -> Any:
    """The store of the graph ``args`` choose (``remote``: options of a remote one)."""
    from kg.store.source import open_graph as open_source

    return open_source(graph_source(args), engine=getattr(args, "engine", "oxigraph"),
                       **remote)


def add_store(p: argparse.ArgumentParser) -> None:
    """Only ``--store`` (commands that read an on-disk store or the built graph)."""
    add_graph(p, engine=False)


def add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table",
                   help="output format (default: table)")
    p.add_argument("--csv-raw", action="store_true",
                   help="write CSV and TSV cells unchanged (default: a cell a spreadsheet "
                        "would run as a formula, starting with = + - @, gets a ' in front)")


def url(text: str) -> str:
    """An argparse type: an http(s) URL with a host (shown without its credentials)."""
    from kg.core.errors import EndpointError
    from kg.store.urls import check_url

    try:
        return check_url(text, "")
    except EndpointError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def records_of(args: argparse.Namespace) -> Any:
    """The curated records a command reads: ``--data``, else the data folder the build in
    ``--out`` (default ``out/``) read, else the package's."""
    from kg.data.load import folder_files, load_records
    from kg.store.source import DEFAULT_OUT, recorded_data

    data = getattr(args, "data", None) or recorded_data(getattr(args, "graph_out", None)
                                                        or DEFAULT_OUT)
    return load_records(folder_files(data) if data else None)


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
