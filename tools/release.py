"""The release step for the ontology's version IRIs.

    python tools/release.py          # after adding "## [X.Y.Z] - DATE" to CHANGELOG.md
    python tools/release.py --check  # exit 1 and say what is wrong, change nothing

Sets ``owl:versionInfo`` and ``owl:versionIRI`` of ``ontology/eucan.ttl`` to the newest
release of ``CHANGELOG.md`` and ``owl:priorVersion`` to the release before it, and keeps
``ontology/versions/X.Y.Z.ttl``, the ontology as published at that version, so that every
version IRI answers its own version (``kg serve``, ``kg site``). A snapshot already
shipped is never rewritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.data.versions import header_problems, releases, set_header  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report; change nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = header_problems()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    done = releases()
    path = ROOT / "ontology" / "eucan.ttl"
    text = set_header(path.read_text(encoding="utf-8"), done[-1],
                      done[-2] if len(done) > 1 else None)
    path.write_text(text, encoding="utf-8")
    snapshot = ROOT / "ontology" / "versions" / f"{done[-1]}.ttl"
    if not snapshot.exists():
        snapshot.write_text(text, encoding="utf-8")
        print(f"wrote {snapshot.relative_to(ROOT)}")
    print(f"ontology/eucan.ttl: version {done[-1]}" +
          (f", prior version {done[-2]}" if len(done) > 1 else ""))
    problems = header_problems()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
