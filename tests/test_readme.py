"""Every example in the README runs, from an empty folder, as a user would type it.

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

README = Path(__file__).resolve().parent.parent / "README.md"
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


BLOCKS = [b for b in readme_blocks(README.read_text(encoding="utf-8"))
          if b.language in ("bash", "python") or (b.language == "text" and "\n$ " in "\n" + b.text)]


def test_the_readme_has_runnable_examples():
    assert sum(b.skip is None for b in BLOCKS) >= 5


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


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: f"README.md:{b.line}:{b.language}")
def test_readme_example_runs(block: Block, tmp_path: Path):
    if block.skip:
        pytest.skip(f"README.md:{block.line}: {block.skip}")
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
                assert missing == [], f"{command}: README shows lines it does not print"
            command, shown = line[2:].strip(), []
        elif line.strip() and line.strip() != "...":
            shown.append(line)


def test_a_skip_marker_is_read_from_the_line_before_a_block():
    text = "<!-- readme-test: skip needs a server -->\n```bash\nkg serve\n```\n```bash\nkg stats\n```"
    blocks = readme_blocks(text)
    assert [(b.skip, b.text) for b in blocks] == [("needs a server", "kg serve"), (None, "kg stats")]
