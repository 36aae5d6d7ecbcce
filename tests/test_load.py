"""The loader rejects each kind of bad input with a message naming file, line, record, field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.core import errors
from kg.data.load import load_records

MINI = Path(__file__).parent / "fixtures" / "mini" / "facts.yaml"


def _load_with(tmp_path: Path, extra: str):
    bad = tmp_path / "zz-bad.yaml"
    bad.write_text(extra, encoding="utf-8")
    return load_records([MINI, bad])


CASES = [
    ("unknown reference to an ecosystem",
     "- {id: x, type: Eurocluster, label: X, fundedBy: gic, activeInEcosystem: agri-foods, source: table-1}\n",
     errors.UnknownReferenceError, ["zz-bad.yaml:1", "'x'", "'activeInEcosystem'", "'agri-foods'"]),
    ("reference of the wrong class",
     "- {id: x, type: Eurocluster, label: X, fundedBy: gic, activeInEcosystem: canada, source: table-1}\n",
     errors.UnknownReferenceError, ["IndustrialEcosystem", "it is a Country"]),
    ("duplicate id",
     "- {id: canada, type: Country, label: Canada again, isoCode: CA, source: table-1}\n",
     errors.DuplicateIdError, ["'canada'", "already defined at", "facts.yaml"]),
    ("missing citation",
     "- {id: x, type: Country, label: X, isoCode: XX}\n",
     errors.MissingCitationError, ["'x'", "'source'"]),
    ("wrong type",
     "- {id: x, type: Programme, label: X, startYear: soon, source: table-1}\n",
     errors.WrongTypeError, ["'startYear'", "'soon'", "a year"]),
    ("unknown currency",
     "- observations: table-1-dataset\n  measure: budget\n  currency: GBP\n  source: table-1\n"
     "  rows:\n    - {id: x-obs, observedEntity: ngen, value: 5}\n", errors.UnknownCurrencyError, ["'GBP'", "EUR, CAD, USD"]),
    ("year out of range",
     "- {id: x, type: Programme, label: X, startYear: 1850, source: table-1}\n",
     errors.YearOutOfRangeError, ["1850", "1950 to 2035"]),
    ("unknown field",
     "- {id: x, type: Country, label: X, colour: red, source: table-1}\n",
     errors.UnknownFieldError, ["'colour'"]),
    ("unknown class",
     "- {id: x, type: Cluster, label: X, source: table-1}\n",
     errors.UnknownClassError, ["'Cluster'"]),
    ("missing label",
     "- {id: x, type: Country, isoCode: XX, source: table-1}\n",
     errors.MissingFieldError, ["'label'"]),
    ("two values for a functional field",
     "- {id: x, type: Programme, label: X, startYear: [2001, 2002], source: table-1}\n",
     errors.WrongTypeError, ["a single value"]),
    ("malformed YAML",
     "- {id: x, type: Country\n", errors.YamlSyntaxError, ["zz-bad.yaml", "well-formed YAML"]),
]


@pytest.mark.parametrize("name, text, error, fragments", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_rejected_with_a_precise_message(tmp_path, name, text, error, fragments):
    with pytest.raises(error) as caught:
        _load_with(tmp_path, text)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_the_shipped_data_loads(records):
    # Table 1: five Global Innovation Clusters; Box 1: 14 industrial ecosystems.
    gics = [r for r in records.values() if r.types[0].endswith("#GlobalInnovationCluster")]
    ecosystems = [r for r in records.values() if r.types[0].endswith("#IndustrialEcosystem")]
    assert len(gics) == 5
    assert len(ecosystems) == 14


def test_observation_groups_expand_to_one_record_per_row(records):
    # Table 4 lists 27 Member States and a printed total.
    table4 = [r for r in records.values() if r.first("qb:dataSet") == "table-4-dataset"]
    assert len(table4) == 28
    assert records["table-4-spain"].first("value") == 176
