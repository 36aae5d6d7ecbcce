"""The files the package reads: the ontology, the SPARQL queries and the changelog.

They live at the top level of the repository (``ontology/``, ``queries/``,
``CHANGELOG.md``) and ship inside the wheel as ``kg/_bundled/...``. Both are found
with :mod:`importlib.resources`, so an installed package never looks outside
itself; only a source checkout (an editable install) falls back to the
repository's top level.

Examples
--------
>>> "GlobalInnovationCluster" in read_text("ontology", "eucan.ttl")
True
>>> "gic-budgets.rq" in [f.name for f in folder("queries").iterdir()]
True
>>> internal_query("names").lstrip().startswith("#+")
True
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["folder", "resource", "read_text", "read_bytes", "internal_query", "version",
           "BUNDLED", "DISTRIBUTION"]

#: Where the top-level folders sit inside an installed package.
BUNDLED = "_bundled"
#: The name the package is installed under.
DISTRIBUTION = "eucan-kg"
_CHECKOUT = Path(__file__).resolve().parents[2]


def folder(name: str) -> Traversable:
    """The packaged folder ``name`` (``ontology``, ``queries``), or the checkout's.

    :raises FileNotFoundError: if neither exists (a broken installation).
    """
    packaged = files("kg").joinpath(BUNDLED, name)
    if packaged.is_dir():
        return packaged
    checkout = _CHECKOUT / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the installed package has no {name}/ folder (reinstall eucan-kg)")


def resource(*parts: str) -> Traversable:
    """A file under a packaged folder: ``resource("queries", "checks", "x.rq")``."""
    if len(parts) == 1:  # a top-level file such as CHANGELOG.md
        packaged = files("kg").joinpath(BUNDLED, parts[0])
        return packaged if packaged.is_file() else _CHECKOUT / parts[0]
    return folder(parts[0]).joinpath(*parts[1:])


def read_text(*parts: str) -> str:
    """The UTF-8 text of a packaged file."""
    return resource(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    """The bytes of a packaged file."""
    return resource(*parts).read_bytes()


def internal_query(name: str) -> str:
    """The text of a query the library itself runs (``queries/internal/NAME.rq``)."""
    return read_text("queries", "internal", f"{name}.rq")


def version() -> str:
    """The installed distribution's version, from its metadata (``kg --version``)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"
