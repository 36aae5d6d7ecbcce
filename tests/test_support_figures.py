"""The support rule on the figures and the apparatus: each statement's quote names its
subject and its object in one unit of the paper, read with what a reader reads it with.

Cases of issue 29 (the data part): figures whose period is printed in another form than
the data kept ("Data: 31.03.2023", Table 3), figures whose sentence names its subject only
sentences before or across a page break (INNOSUP-1, section 3.1, pages 13-14), entries
of the bibliography that footnotes cite by a short title, another author's name or their
address only (footnotes 4, 34, 41, 72), values no unit named at all (unquoted, so the
rule never saw them), and the allowances and interpretations kept small and explained.
"""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from kg.data.load import load_records
from kg.data.quotes import UNQUOTED_FIELDS, value_key
from kg.data.support import Support, allow_list

#: Files whose every statement is supported by this branch alone.
APPARATUS = ("bibliography.yaml", "footnote-citations.yaml", "sources.yaml",
             "sources-footnotes.yaml")


@pytest.fixture(scope="module")
def records():
    return load_records()


@pytest.fixture(scope="module")
def support(records):
    return Support(records)


def _statements(records, names):
    """Every (record, field, value) of the files ``names`` a quote should state."""
    for record in records.values():
        if record.path.rsplit("/", 1)[-1] not in names:
            continue
        for field in record.fields:
            skip = field == "label" and any(t.endswith(("#Footnote", "#FootnoteCitation"))
                                            for t in record.types)
            if field in UNQUOTED_FIELDS or skip:
                continue
            for value in record.values(field):
                if not isinstance(value, bool):
                    yield record, field, value


_ALL: dict[int, list] = {}


def _verdicts(support, record, field, value):
    """The verdicts on the statement, its quotes' or (without one) the statement's own."""
    if id(support) not in _ALL:
        _ALL[id(support)] = support.verdicts()
    return [v for v in _ALL[id(support)] if v.quote.record == record.id
            and v.quote.field == field and value_key(v.quote.value) == value_key(value)]


def test_every_statement_of_the_apparatus_is_supported(records, support):
    # Before: 10 bibliography links (footnotes 4, 34, 35, 38, 41, 60, 62, 72, 74, 75), the
    # labels printed "EY (2022). …", "ISED; DG GROW (2019). …", "Prognos … (2021) : …",
    # the title page and three link addresses were unquoted or unproved.
    bad = [(r.id, f, value_key(v)[:40]) for r, f, v in _statements(records, APPARATUS)
           if not any(v_.supported for v_ in _verdicts(support, r, f, v))]
    assert bad == []


@pytest.mark.parametrize("entry, footnote", [
    ("bib-eccp-2022", "footnote-4"),  # "See ECCP (2022): Summary report, p. 27"
    ("bib-european-commission-2021", "footnote-34"),  # the address alone
    ("bib-eccp-2023", "footnote-41"),  # "European Cluster Collaboration Platform (2023): SUAVE"
    ("bib-government-of-canada-2023", "footnote-72"),  # the address alone
    ("bib-ised-2022", "footnote-62"),  # "ISED (2022). Evaluation of …"
    ("bib-ised-dg-grow-2019", "footnote-74"),  # "ISED; DG GROW (2019). Administrative …"
    ("bib-prognos-et-al-on-behalf-of-the-european-2021", "footnote-35"),  # "European
    # Commission (2021): Evaluation Study of … COSME, H2020 and FPI"
])
def test_footnotes_name_the_entries_they_cite(records, support, entry, footnote):
    verdicts = _verdicts(support, records[entry], "citedInFootnote", footnote)
    assert any(v.proved and v.quote.source == footnote for v in verdicts)


def test_an_address_behind_words_is_quoted_by_its_words():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import bibliography

    # Footnote 40: "Available under: [Funding & tenders (europa.eu)](https://ec.europa.eu/…)"
    words = bibliography.link_words(
        "[Funding & tenders \\(europa.eu\\)](https://ec.europa.eu/euroclusters/)")
    assert words == {"https://ec.europa.eu/euroclusters/": "Funding & tenders (europa.eu)"}


@pytest.mark.parametrize("record, field, value, unit", [
    # Table 3's source line: "Data: 31.03.2023." (the data said "as of 31.03.2023")
    ("table-3-ngen-sme", "refPeriod", "31.03.2023", "table-3/"),
    # Table 3: "74%" states the share's unit
    ("table-3-ngen-sme-share", "unit", "percent", "table-3/"),
    # 3.1, pages 13-14: "An innovative approach of the INNOSUP-1 initiative | was the so-called
    # cascade funding approach … In total, 30 projects were funded by 222 consortium partners"
    ("innosup-1-consortium-partners", "value", 222, "section-3-1/p6/s2"),
    # 3.1: "Spanish clusters exhibit the highest level of activity with 30 project
    # participations, while Italy and France follow | with 23 and 21 participations"
    ("eurocluster-participations-italy", "value", 23, "section-3-1/p9/s1"),
    # 3.2: "The programme's budget totals EUR 5.6 million" (the programme of p6/s2)
    ("catalonia-budget", "value", 5600000, "section-3-2/p6/s8"),
    # 3.3: "The co-investment … has leveraged total investments of over CAD 2.29 billion"
    # after "Global Innovation Clusters are on track to meet …"
    ("gic-total-investment-cad", "value", 2290000000, "section-3-3/p10/s3"),
    # 5.2: "Through the agreement, … around 25 cluster organisations and firms in the EU";
    # footnote 75 on the sentence before: "Administrative Arrangement on Cluster Cooperation."
    ("admin-arrangement-target", "value", 25, "section-5-2/p6/s2"),
    # 4.2: "European cluster organisations interested in the Canadian market are active in
    # the following Industrial ecosystems: digital industries (23%)"
    ("canada-targeting-share-digital", "unit", "percent", "section-4-2/p2/s1"),
])
def test_figures_are_proved_where_the_paper_prints_them(records, support, record, field,
                                                         value, unit):
    verdicts = _verdicts(support, records[record], field, value)
    assert any(v.proved and v.unit.startswith(unit) for v in verdicts), [
        (v.unit, v.why) for v in verdicts]


def test_statements_the_paper_does_not_word_are_interpretations(records, support):
    # The exchange rate is arithmetic on "CAD 750 million (EUR 523 million)" (section 3.3)
    # and footnote 58; the paper prints no rate.
    for field in ("value", "unit", "measure", "refPeriod", "statedAs"):
        (verdict,) = [v for v in _verdicts(support, records["exchange-rate-cad-eur"], field,
                                           records["exchange-rate-cad-eur"].first(field))
                      if v.interpretation]
        assert "not print" in verdict.interpretation or "InforEuro" in verdict.interpretation


def test_allowances_are_needed_and_explained(records, support):
    # Each allowance names a statement the data has, the rule cannot prove, and gives
    # the paper's words as its reason.
    document = json.loads(files("kg.data").joinpath("support-allow-figures.json")
                          .read_text(encoding="utf-8"))
    allowed = allow_list()
    for entry in document["allowed"]:
        record = records[entry["record"]]
        values = [value_key(v) for v in record.values(entry["field"])]
        assert value_key(entry["value"]) in values or entry["value"] in values, entry
        verdicts = _verdicts(support, record, entry["field"],
                             next(v for v in record.values(entry["field"])
                                  if str(v) == entry["value"]))
        assert verdicts and not any(v.proved for v in verdicts), entry
        assert "'" in entry["reason"], entry  # the paper's words, quoted
        assert allowed[entry["record"], entry["field"], entry["value"]] == entry["reason"]
