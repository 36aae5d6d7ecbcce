"""Every example in the README and in docs/*.md runs, from an empty folder, as a user would
type it.

* ``bash`` blocks: each line is one command; it must exit 0, and a ``kg query`` must
  return at least one row.
* ``python`` blocks: the whole block runs in a fresh interpreter and must exit 0.
* ``text`` blocks with ``$ command`` lines: the command runs and every output line the
  README shows must begin a line it prints (``...`` stands for lines left out).

A block preceded by ``<!-- readme-test: skip REASON -->`` is skipped with that reason
(the quick start, which ``.ci/run`` runs itself on a fresh clone; servers; long runs).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: The README and every document under docs/ (docs/cli.md is generated; tests/test_docs.py).
DOCUMENTS = [README, *sorted((ROOT / "docs").glob("*.md"))]
#: Fence languages that would be shell or Python without being run: not allowed.
_UNRUN_ALIASES = {"sh", "shell", "console", "zsh", "py", "python3", "pycon", "ipython"}
_FENCE = re.compile(r"^```(\w*)\s*$")
_MARKER = re.compile(r"<!--\s*readme-test:\s*skip\s*(.*?)\s*-->")


@dataclass(frozen=True)
class Block:
    language: str
    line: int
    text: str
    skip: str | None


def readme_blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, with the skip reason of the line before."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        match = _FENCE.match(lines[i].strip())
        if match and match.group(1):
            start, body = i, []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
            marker = _MARKER.search(before)
            blocks.append(Block(match.group(1), start + 1, "\n".join(body),
                                marker.group(1) or "marked" if marker else None))
        i += 1
    return blocks


def _runnable(block: Block) -> bool:
    return block.language in ("bash", "python") or (
        block.language == "text" and "\n$ " in "\n" + block.text)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


BLOCKS = [(_name(path), b) for path in DOCUMENTS
          for b in readme_blocks(path.read_text(encoding="utf-8")) if _runnable(b)]


def test_the_readme_and_the_docs_have_runnable_examples():
    run = [name for name, b in BLOCKS if b.skip is None]
    assert run.count("README.md") >= 2
    assert len(run) >= 10
    assert {"docs/guide.md", "docs/data-model.md"} <= set(run)


def test_every_shell_or_python_block_is_one_the_tests_run():
    """A block fenced as ``sh``, ``console`` or ``py`` would escape the run: use ``bash``,
    ``python`` or ``text`` with ``$ `` lines."""
    unrun = [f"{_name(path)}:{b.line}: {b.language}" for path in DOCUMENTS
             for b in readme_blocks(path.read_text(encoding="utf-8"))
             if b.language.lower() in _UNRUN_ALIASES]
    assert unrun == []


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "100"
    return env


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=_environment(),
                          capture_output=True, text=True, timeout=300)


def _rows_returned(command: str, result: subprocess.CompletedProcess) -> bool:
    out = result.stdout.strip()
    if "--format json" in command:
        return bool(json.loads(out))
    if "--format csv" in command or "--format tsv" in command:
        return len(out.splitlines()) >= 2
    found = re.search(r"(\d+) row\(s\)", result.stderr)
    return bool(out) and (found is None or int(found.group(1)) > 0)


def _normalise(line: str) -> str:
    return " ".join(line.split())


@pytest.mark.parametrize(("document", "block"), BLOCKS,
                         ids=[f"{name}:{b.line}:{b.language}" for name, b in BLOCKS])
def test_readme_example_runs(document: str, block: Block, tmp_path: Path):
    if block.skip:
        pytest.skip(f"{document}:{block.line}: {block.skip}")
    if block.language == "python":
        result = subprocess.run([sys.executable, "-c", block.text], cwd=tmp_path,
                                env=_environment(), capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        return
    if block.language == "bash":
        for command in (c.strip() for c in block.text.splitlines()):
            if not command or command.startswith("#"):
                continue
            result = _run(command, tmp_path)
            assert result.returncode == 0, f"{command}: {result.stderr[-1500:]}"
            if re.match(r"^(echo .*\| )?kg query (?!--list)", command):
                assert _rows_returned(command, result), f"{command}: no rows"
        return
    command, shown = None, []
    for line in block.text.splitlines() + ["$ "]:
        if line.startswith("$ "):
            if command:
                result = _run(command, tmp_path)
                assert result.returncode == 0, f"{command}: {result.stderr[-1500:]}"
                printed = {_normalise(x) for x in result.stdout.splitlines()}
                missing = [x for x in shown
                           if not any(p.startswith(_normalise(x)) for p in printed)]
                assert missing == [], f"{command}: {document} shows lines it does not print"
            command, shown = line[2:].strip(), []
        elif line.strip() and line.strip() != "...":
            shown.append(line)


def test_a_skip_marker_is_read_from_the_line_before_a_block():
    text = "<!-- readme-test: skip needs a server -->\n```bash\nkg serve\n```\n```bash\nkg stats\n```"
    blocks = readme_blocks(text)
    assert [(b.skip, b.text) for b in blocks] == [("needs a server", "kg serve"), (None, "kg stats")]
