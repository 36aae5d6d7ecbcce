"""Split the shipped paper into its units and write ``kg/data/paper/units.json``.

Run from the repository root when the paper's transcription or the splitting changes::

    python tools/units.py > kg/data/paper/units.json

Every sentence, list item, table row and cell, box item, caption, source line and
footnote gets an id under its place (:mod:`kg.data.units`); sentences are split with
pysbd (``pip install -e '.[test]'``). The output is sorted in reading order and stable.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.data.load import load_records  # noqa: E402
from kg.data.paper import read_paper  # noqa: E402
from kg.data.units import dumps, make_units  # noqa: E402


def main() -> int:
    units = make_units(read_paper(), load_records())
    sys.stdout.write(dumps(units))
    print(f"{sum(1 for u in units if u.kind != 'place')} units", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
