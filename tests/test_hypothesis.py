"""Mutated records are either accepted or rejected with the project's own error type."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.core.errors import KGError
from kg.data.load import load_records

MINI = Path(__file__).parent / "fixtures" / "mini" / "facts.yaml"
BASE = yaml.safe_load(MINI.read_text())
FIELDS = ["id", "type", "label", "source", "startYear", "isoCode", "headquarteredIn",
          "altLabel", "focus", "value", "currency", "measure", "locatedIn", "rows"]
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                   st.text(max_size=12), st.lists(st.text(max_size=6), max_size=3),
                   st.sampled_from(["canada", "ngen", "table-1", "GBP", "2019", "ontario"]),
                   st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, len(BASE) - 1), field=st.sampled_from(FIELDS), value=VALUES,
       drop=st.booleans())
def test_mutated_record_is_accepted_or_raises_kgerror(tmp_path, index, field, value, drop):
    items = [dict(item) for item in BASE]
    if drop:
        items[index].pop(field, None)
    else:
        items[index][field] = value
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True))
    try:
        load_records([path])
    except KGError:
        pass
