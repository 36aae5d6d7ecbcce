"""The package layout is the architecture: imports run one way, from the CLI down to
the core, with no import circles — checked on every import statement, including the
ones inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import kg

PACKAGE = Path(kg.__file__).resolve().parent
#: The stages, lowest first: a module may import its own stage and the ones before it.
LAYERS = ("core", "data", "graph", "store", "query", "network", "publish", "serve", "scale",
          "cli")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, known: set[str]) -> set[str]:
    """The kg modules a file imports, anywhere in it (``from kg.x import y`` counts
    ``kg.x.y`` when that is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kg"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names
                         if f"{node.module}.{a.name}" in known)
    return found & known


def import_graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports(path, set(modules)):
            if target != name and not name.startswith(target + "."):
                graph.add_edge(name, target)
    return graph


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_belongs_to_a_stage():
    loose = [m for m in _modules() if _layer(m) is None and m not in ("kg", "kg.__main__")]
    assert loose == []


def test_kg_has_no_import_cycles():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == [], f"import cycles: {cycles[:5]}"


def test_a_planted_cycle_is_found():
    graph = import_graph()
    graph.add_edge("kg.core.errors", "kg.cli")
    assert list(nx.simple_cycles(graph))


def test_imports_run_down_the_stages_only():
    upward = [(a, b) for a, b in import_graph().edges
              if _layer(a) is not None and _layer(b) is not None and _layer(b) > _layer(a)]
    assert upward == []


@pytest.mark.parametrize("stage", LAYERS)
def test_each_stage_says_what_it_holds_and_may_import(stage):
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
    assert doc and ("May import" in doc or "imports it" in doc)


def test_the_top_level_package_imports_no_stage_eagerly():
    """``import kg`` stays cheap: the API is resolved on first use."""
    assert [b for _, b in import_graph().out_edges("kg")] == []
