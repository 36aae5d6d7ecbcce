"""The documents stay true to the code (issue 31): the command-line reference is what
``kg --help`` prints now, every cross-reference resolves, and the README stays short.

* ``docs/cli.md`` is exactly what ``tools/cli_reference.py`` writes from ``kg --help`` and
  ``kg COMMAND --help``, with every long option of every command and no path of this machine.
* Docstrings under ``kg/``: every Sphinx role (``:func:``, ``:class:``, ``:mod:`` …), every
  double-backquoted ``kg.…`` name and ``kg/``, ``tests/`` or ``tools/`` Python file names
  something that exists (an importable object, relative to the module as Sphinx reads it,
  or a file of the checkout).
* README.md and docs/*.md: every ``kg.…`` name outside code blocks imports, every path into
  the checkout (``kg/``, ``queries/``, ``ontology/``, ``tests/``, ``tools/`` …) exists, and
  every link between the documents reaches an existing file and heading.

The examples of the same documents run in ``tests/test_readme.py``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
DOCUMENTS = [README, *sorted(DOCS.glob("*.md"))]

_ROLE = re.compile(r":(?:py:)?(?:func|mod|class|meth|attr|data|exc|obj):`([^`]+)`")
_LITERAL = re.compile(r"``(kg(?:\.[A-Za-z_]\w*)+)``")
_DOCSTRING_PATH = re.compile(r"``((?:kg|tests|tools)/[\w/.-]+\.py)``")
_NAME = re.compile(r"(?<![\w./-])kg(?:\.[A-Za-z_]\w*)+")
_PATH = re.compile(r"(?<![\w./~-])((?:kg|queries|ontology|tests|tools|benchmarks|\.ci)/[\w./*-]*)")
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_FENCED = re.compile(r"^```.*?^```", re.S | re.M)
#: A path segment written as a placeholder (NAME.rq, X.Y.Z.ttl, CLASS.csv) stands for any.
_PLACEHOLDER = re.compile(r"^[A-Z][A-Z0-9_.]*(\.[a-z]+)?$")
#: Paths the documents name inside an output folder, not the checkout (the static site).
_OUTPUT_PATHS = {"ontology/0.5.0.ttl"}


# -- resolving names ------------------------------------------------------------------------

def resolves(name: str, module: str | None = None) -> bool:
    """Whether a cross-reference names something: ``kg.a.b.c`` as an import and attributes,
    else (Sphinx's reading of a role inside ``module``) an attribute of the module or of a
    class defined in it.

    >>> resolves("kg.core.errors.DataError"), resolves("kg.errors.DataError")
    (True, False)
    >>> resolves("~OxigraphStore.select", "kg.store.ox_engine"), resolves("select", "kg.store.ox_engine")
    (True, True)
    >>> resolves("no_such_thing", "kg.store.embedded")
    False
    """
    name = name.split("<")[-1].rstrip(">").lstrip("~.")
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        if _has(found, parts[i:]):
            return True
        break
    if module is None:
        return False
    scope = importlib.import_module(module)
    classes = [c for _, c in inspect.getmembers(scope, inspect.isclass) if c.__module__ == module]
    return any(_has(s, parts) for s in [scope, *classes])


def _has(obj: object, attributes: list[str]) -> bool:
    for attribute in attributes:
        if not hasattr(obj, attribute):
            return False
        obj = getattr(obj, attribute)
    return True


def path_exists(path: str) -> bool:
    """Whether a path the documents name is in the checkout (``*`` and placeholders match)."""
    if path in _OUTPUT_PATHS or path.startswith("kg/_bundled"):  # _bundled: inside a wheel
        return True
    parts = ["*" if _PLACEHOLDER.match(p) else p for p in path.rstrip("/.").split("/")]
    return any(ROOT.glob("/".join(parts)))


def anchor(heading: str) -> str:
    """GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces -> -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


# -- docstrings -----------------------------------------------------------------------------

def test_docstring_cross_references_resolve():
    broken = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        text, module = path.read_text(encoding="utf-8"), _module_of(path)
        where = path.relative_to(ROOT)
        for match in _ROLE.finditer(text):
            if not resolves(match.group(1), module):
                broken.append(f"{where}:{_line(text, match.start())}: {match.group(0)}")
        for match in _LITERAL.finditer(text):
            if not resolves(match.group(1)):
                broken.append(f"{where}:{_line(text, match.start())}: {match.group(0)}")
        for match in _DOCSTRING_PATH.finditer(text):
            if not path_exists(match.group(1)):
                broken.append(f"{where}:{_line(text, match.start())}: {match.group(0)}")
    assert broken == []


def test_a_broken_reference_is_caught():
    # the five modules issue 31 found named in docstrings, which no longer exist
    for name in ("kg.errors", "kg.model", "kg.remote", "kg.load.load_records"):
        assert not resolves(name, "kg.data.load")
    assert not path_exists("kg/namespaces.py")
    assert path_exists("kg/core/namespaces.py") and path_exists("queries/checks/*-violation.rq")
    assert path_exists("queries/internal/NAME.rq") and not path_exists("queries/nothing/NAME.rq")


# -- README.md and docs/*.md -----------------------------------------------------------------

@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_document_references_resolve(document: Path):
    text = document.read_text(encoding="utf-8")
    prose = _FENCED.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    broken = [f"{_line(prose, m.start())}: {m.group(0)}" for m in _NAME.finditer(prose)
              if not resolves(m.group(0))]
    broken += [f"{_line(text, m.start())}: {m.group(1)}" for m in _PATH.finditer(text)
               if not path_exists(m.group(1))]
    assert broken == [], f"{document.relative_to(ROOT)} names what does not exist"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_document_links_reach_a_file_and_heading(document: Path):
    text = _FENCED.sub("", document.read_text(encoding="utf-8"))
    broken = []
    for target in _LINK.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto:
        file, _, fragment = target.partition("#")
        linked = (document.parent / file).resolve() if file else document
        if not linked.exists():
            broken.append(target)
        elif fragment and linked.suffix == ".md":
            body = _FENCED.sub("", linked.read_text(encoding="utf-8"))
            headings = {anchor(h) for h in re.findall(r"^#+ (.+)$", body, re.M)}
            if fragment not in headings:
                broken.append(target)
    assert broken == [], f"{document.relative_to(ROOT)} links to what does not exist"


def test_anchors_are_made_as_github_makes_them():
    assert anchor("The site: `kg serve`") == "the-site-kg-serve"
    assert anchor("Publishing on w3id.org") == "publishing-on-w3idorg"
    assert anchor("Checked by the standards' own tools") == "checked-by-the-standards-own-tools"


# -- the command-line reference -------------------------------------------------------------

def _cli_reference_tool():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "tools" / "cli_reference.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_the_cli_reference_is_what_the_tool_writes_now():
    written = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert written == _cli_reference_tool().reference(), (
        "docs/cli.md is out of date: run python tools/cli_reference.py")


def test_the_cli_reference_has_every_command_and_long_option():
    from kg.cli import _parser

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## kg ([\w-]+)\n\n```text\n(.*?)^```", text, re.S | re.M))
    commands = next(a for a in _parser()._actions if a.dest == "command").choices
    missing = [f"kg {name} {option}" for name, parser in commands.items()
               for action in parser._actions for option in action.option_strings
               if option.startswith("--") and option not in sections.get(name, "")]
    assert set(sections) == set(commands) and missing == []
    # 99 long options before issue 31, 31 of them missing from the README's command table
    assert sum(len(re.findall(r"^\s+--[\w-]+", s, re.M)) for s in sections.values()) >= 99


def test_help_names_no_path_of_this_machine():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    local = {str(ROOT), sys.prefix, str(Path.home()), os.getcwd()}
    assert [p for p in local if p in text] == []


# -- the README ----------------------------------------------------------------------------

def test_the_readme_is_short_and_maps_the_docs():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    assert all(f"(docs/{p.name})" in text for p in DOCS.glob("*.md"))


def test_the_readme_names_every_extra_and_every_command():
    from kg.cli.common import COMMANDS

    text = README.read_text(encoding="utf-8")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = pyproject["project"]["optional-dependencies"]
    assert [e for e in extras if f"`{e}`" not in text] == []
    assert [c for c in COMMANDS if f"| `kg {c}` |" not in text] == []
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    assert [c for c in COMMANDS if f"| [`kg {c}`](cli.md#kg-{c}) |" not in guide] == []


def test_the_quick_start_is_what_ci_runs():
    """``.ci/run`` runs the README's two commands on a fresh clone and checks them itself."""
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    expected = re.findall(r"^QUICK_START_\d='(.*)'$", run, re.M)
    shown = [subprocess.run([sys.executable, str(ROOT / ".ci" / "quickstart.py"), n],
                            capture_output=True, text=True, check=True).stdout.strip()
             for n in ("1", "2")]
    assert len(expected) == 2 and shown == expected


# -- EUCAN_BASE: removed --------------------------------------------------------------------

def test_the_base_is_fixed_whatever_the_environment():
    """``EUCAN_BASE`` changed the code's IRIs but not the ontology's or the 52 query files', so
    the build broke ("abbreviations.yaml:6: … found 'ConceptScheme', expected a class of the
    ontology"); the base is the published w3id.org one and nothing reads the variable."""
    env = dict(os.environ, EUCAN_BASE="https://example.org/elsewhere")
    out = subprocess.run([sys.executable, "-c", "import kg.core.namespaces as n; print(n.BASE)"],
                         env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert out == "https://w3id.org/eucan"
    places = [*(ROOT / "kg").rglob("*.py"), *(ROOT / "tools").glob("*.py"), *DOCUMENTS,
              ROOT / "build_graph.py", ROOT / ".ci" / "run", ROOT / "CONTRIBUTING.md"]
    assert [p.name for p in places if "EUCAN_BASE" in p.read_text(encoding="utf-8")] == []
