"""List the kg modules that no test of the fast tier (``pytest -m "not slow"``) covers.

A module is covered when a fast test file imports it directly (``import kg.x.y``, ``from
kg.x.y import …`` or ``from kg.x import y``, anywhere in the file), or imports a package
whose ``__init__`` imports it (``kg.cli`` registers its commands' modules), or when its own
doctests are in the fast tier; ``kg.__main__`` when a fast test file runs ``python -m kg``. The
tier is what pytest collects with ``-m "not slow"`` (the marking is in tests/conftest.py);
nothing is run.

    python tools/fast_tier.py      # prints the uncovered modules; exit 1 if there is one
"""

from __future__ import annotations

import ast
import contextlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"


def kg_modules(package: Path = PACKAGE) -> set[str]:
    """Every module of the package, by dotted name (packages by their ``__init__``)."""
    found = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def imported(source: str, known: set[str]) -> set[str]:
    """The modules of ``known`` the Python ``source`` imports directly.

    >>> sorted(imported("from kg.store import embedded\\nimport kg.core.terms",
    ...                 {"kg.store", "kg.store.embedded", "kg.core.terms"}))
    ['kg.core.terms', 'kg.store', 'kg.store.embedded']
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found & known


def uncovered(items: list[tuple[str, str]], modules: set[str]) -> list[str]:
    """The modules no fast item covers; ``items`` are (file path, item name) pairs of the
    fast tier (a doctest item's name is its dotted object name).

    >>> uncovered([("kg/core/x.py", "kg.core.x.f")], {"kg.core.x", "kg.core.y"})
    ['kg.core.y']
    """
    covered: set[str] = set()
    for path, name in items:
        if Path(path).name.startswith("test_"):
            source = Path(path).read_text(encoding="utf-8")
            covered |= imported(source, modules)
            if '"-m", "kg"' in source:
                covered.add("kg.__main__")
        else:  # a doctest: the module and its objects
            covered |= {m for m in modules if name == m or name.startswith(m + ".")}
    for package in sorted(covered):
        init = PACKAGE.parent / package.replace(".", "/") / "__init__.py"
        if init.exists():
            covered |= imported(init.read_text(encoding="utf-8"), modules)
    return sorted(modules - covered)


class _Collector:
    """A pytest plugin keeping the (path, name) of each selected item."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def pytest_collection_finish(self, session) -> None:  # noqa: ANN001 (pytest's hook)
        self.items = [(str(item.path), item.name) for item in session.items]


def fast_items() -> list[tuple[str, str]]:
    """The items of the fast tier, collected (not run) from the project root."""
    import pytest

    collector = _Collector()
    with contextlib.redirect_stdout(io.StringIO()):
        pytest.main(["--collect-only", "-q", "-m", "not slow", "-p", "no:cacheprovider",
                     "--rootdir", str(ROOT), str(ROOT / "tests"), str(PACKAGE)],
                    plugins=[collector])
    return collector.items


def main() -> int:
    items = fast_items()
    missing = uncovered(items, kg_modules())
    print(f"{len(items)} fast tests; kg modules without one: {len(missing)}")
    for name in missing:
        print(f"  {name}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
