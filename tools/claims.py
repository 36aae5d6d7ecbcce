"""Draft the claims ledger (``kg/data/claims/PLACE.yaml``) from the statements anchored in
each unit of the paper.

Run from the repository root::

    python tools/claims.py            # drafts entries for the units the ledger lacks

For every unit the ledger reviews (:func:`kg.data.claims.review_units`) and does not yet
list, an entry is appended to its place's file with the statements whose quote lies in
the unit (or in one of its cells) as claims ``[record, field, value]``, marked ``draft:
true``: a draft counts as unreviewed until someone reads the unit, completes its claims
(or marks it ``factual: false`` with a reason) and removes the mark. Existing entries are
never changed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.data.claims import load_ledger, review_units  # noqa: E402
from kg.data.load import load_records  # noqa: E402
from kg.data.quotes import value_key  # noqa: E402
from kg.data.support import Support  # noqa: E402

FOLDER = Path(__file__).resolve().parent.parent / "kg" / "data" / "claims"


def anchored(support: Support) -> dict[str, list[list[object]]]:
    """Unit id -> the statements anchored in it or in its cells, as ``[record, field,
    value]`` (each once, in record order)."""
    found: dict[str, list[list[object]]] = {}
    for record in support.records.values():
        for quote in record.quotes:
            unit = support.anchor(quote) if quote.exact else None
            if unit is None:
                continue
            claim = [quote.record, quote.field, quote.value]
            for key in (unit.id, unit.parent):
                entries = found.setdefault(key, [])
                if not any(c[:2] == claim[:2] and value_key(c[2]) == value_key(claim[2])
                           for c in entries):
                    entries.append(claim)
    return found


def main() -> int:
    records = load_records()
    support = Support(records)
    ledger = load_ledger()
    statements = anchored(support)
    drafts: dict[str, list[str]] = {}
    for unit in review_units(support.units):
        if unit.id in ledger:
            continue
        claims = statements.get(unit.id, [])
        lines = [f"- unit: {unit.id}", f"  # {json.dumps(unit.text[:160], ensure_ascii=False)}",
                 "  draft: true"]
        lines.append("  claims:" + ("" if claims else " []"))
        lines += [f"    - {json.dumps(c, ensure_ascii=False)}" for c in claims]
        drafts.setdefault(unit.place, []).append("\n".join(lines))
    FOLDER.mkdir(exist_ok=True)
    for place, entries in drafts.items():
        path = FOLDER / f"{place}.yaml"
        head = "" if path.exists() else (f"# The claims of {place}: one entry per unit "
                                          "(kg/data/claims.py).\n\n")
        with path.open("a", encoding="utf-8") as out:
            out.write(head + "\n\n".join(entries) + "\n\n")
    print(f"{sum(len(e) for e in drafts.values())} entries drafted in {len(drafts)} files",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
