"""The support rule's fixes of issue 29 (the causes R1-R7 of tests/fixtures/support-sample.json):
each loosening comes with the quotes it must still refuse, each tightening with the quote it
now refuses.

Facts from the paper (kg/data/paper/eccp-eu-canada-2023.md): Figure 14 ("Relationship of
clusters and regional competitiveness, correlation results") is a table with the columns
Dimension, Indicator, Cluster Organisations, Regional relevant nodes, Industry relevant
nodes; its source line reads "weak correlations include coefficients $geq 0.1$" and
"extracted from ECCP Platform on 14/10/22".
"""

from __future__ import annotations

import re

import pytest

from kg.data.quotes import Quote
from kg.data.support import Support, _guarded


@pytest.fixture(scope="module")
def check(records) -> Support:
    return Support(records)


def _at(check: Support, record: str, field: str, value, unit_id: str):
    """The verdict on a quote of ``record``'s ``field`` made of the whole unit ``unit_id``."""
    unit = check.units[unit_id]
    return check.verdict(Quote(record, field, value, unit.place, unit.text, unit=unit.id))


# R3: a number is not found inside another number --------------------------------------

@pytest.mark.parametrize("text, found", [("0.1", False), ("1,087", False), ("1.5", False),
                                         ("10", False), ("1.0", True), ("(1)", True),
                                         ("1, 2 and 3", True)])
def test_a_number_is_not_found_inside_another(text, found):
    assert bool(re.search(_guarded("1"), text)) is found


def test_the_source_line_of_figure_14_proves_no_correlation(check):
    """'1' is in '$geq 0.1$' of Figure 14's source line, which prints no correlation."""
    verdict = _at(check, "corr-share-of-ict-in-gva-cluster-organisations", "category",
                  "node-cluster-organisations", "figure-14/source")
    assert not verdict.proved


# R1: a figure in a table cell is proved by the cell's own headers --------------------

def test_a_cell_of_another_indicator_proves_nothing(check):
    """Row 'PCT patents per million population' has '+' under 'Cluster Organisations':
    no figure of 'GDP per Capita', nor of 'Industry relevant nodes'."""
    for field, value in (("category", "node-industry"), ("value", 1), ("statedAs", "+"),
                         ("counterpart", "indicator-gdp-per-capita")):
        assert not _at(check, "corr-gdp-per-capita-industry", field, value,
                       "figure-14/row10/cell3").proved, field


def test_the_head_row_does_not_name_a_cells_category(check):
    """GDP per Capita's '+' under 'Cluster Organisations' (row 2, column 3) is not its
    industry figure, though the head row names 'Industry relevant nodes'."""
    assert not _at(check, "corr-gdp-per-capita-industry", "category", "node-industry",
                   "figure-14/row2/cell3").proved
    assert _at(check, "corr-gdp-per-capita-industry", "category", "node-industry",
               "figure-14/row2/cell5").proved


def test_a_dimension_names_its_own_group_only(check):
    """Figure 14 prints the Dimension once per group ('Firms' behaviour' on the row of
    'Business R&D expenditure'): a cell of that group does not put an indicator of
    another group in it."""
    assert _at(check, "indicator-public-private-co-publications", "indicatorDimension",
               "dimension-firms-behaviour", "figure-14/row17/cell2").proved
    assert not _at(check, "indicator-public-private-co-publications", "indicatorDimension",
                   "dimension-outcome-indicators", "figure-14/row17/cell2").proved
    assert not _at(check, "indicator-gdp-per-capita", "indicatorDimension",
                   "dimension-firms-behaviour", "figure-14/row17/cell2").proved


# R4: a cell whose whole text is the value names it ------------------------------------

def test_a_sign_cell_proves_its_own_figure(check):
    """'SMEs that introduced a business process innovations' has '-' under 'Regional
    relevant nodes' (Figure 14, row 15)."""
    record = "corr-smes-that-introduced-a-business-process-innovation-regional"
    assert _at(check, record, "value", -1, "figure-14/row15/cell4").proved
    assert _at(check, record, "statedAs", "-", "figure-14/row15/cell4").proved


def test_a_sign_cell_proves_no_other_sign(check):
    """A '+' is no '-', a '++' no '+': the whole cell must be the value's form."""
    # Business R&D expenditure: '++' Cluster Organisations, '+' Regional (row 13)
    assert not _at(check, "corr-business-r-d-expenditure-regional", "statedAs", "++",
                   "figure-14/row13/cell4").proved
    assert not _at(check, "corr-business-r-d-expenditure-cluster-organisations", "statedAs",
                   "+", "figure-14/row13/cell3").proved
    # a '-' of the Regional column, quoted at a '+' of that column (Business R&D, row 13)
    assert not _at(check, "corr-smes-that-introduced-a-business-process-innovation-regional",
                   "value", -1, "figure-14/row13/cell4").proved


def test_a_sign_inside_words_names_nothing(check):
    """'-' inside a sentence or a hyphenated word is no weak negative correlation."""
    assert not _at(check, "corr-smes-that-introduced-a-business-process-innovation-regional",
                   "statedAs", "-", "figure-14/row3/cell2").proved


# R6: a relation with specific wording needs its cue words ------------------------------

def test_an_author_is_not_who_commissioned_the_work(check):
    """Footnote 35, 'European Commission (2021): Evaluation Study of …', prints the
    Commission as the study's author; footnote 38 says 'Prognos et al. on behalf of the
    European Commission (2021)'; section 3.3: 'an official economic analysis commissioned by
    ISED and conducted by EY'."""
    assert not _at(check, "eu-evaluation-study-2021", "commissionedBy", "european-commission",
                   "footnote-35/text/s1").proved
    assert _at(check, "eu-evaluation-study-2021", "commissionedBy", "european-commission",
               "footnote-38/text/s1").proved
    assert _at(check, "ey-economic-analysis", "commissionedBy", "ised",
               "section-3-3/p11/s4").proved


# R7: the project's own code lists are not the paper's words ----------------------------

def test_the_names_of_the_projects_code_lists_are_no_statements(records):
    """'Directions of EU27-Canada trade flows' names the project's list of flow directions
    (projectVocabulary: true); 'EU27 exports to Canada' one of its codes: neither is a
    statement to prove, while an indicator's name, printed in Figure 14, still is."""
    from kg.data.quotes import statements

    assert ("label", "Directions of EU27-Canada trade flows") not in statements(
        records["flow-directions"], records)
    assert not any(f in ("label", "altLabel") for f, _ in statements(
        records["flow-exports"], records))
    assert ("label", "GDP per Capita") in statements(records["indicator-gdp-per-capita"],
                                                     records)


# R2: a figure's printed number is no period ------------------------------------------

def test_a_figures_number_does_not_print_its_period(check):
    """Figure 14's '++' of 'Business R&D expenditure' under 'Cluster Organisations' is no
    cell of 'Share of ICT in GVA' and prints no date; the source line does ('extracted from
    ECCP Platform on 14/10/22'), and with it the figure's own cell."""
    record = "corr-share-of-ict-in-gva-industry"
    assert not _at(check, record, "refPeriod", "14/10/22", "figure-14/row13/cell3").proved
    assert _at(check, record, "refPeriod", "14/10/22", "figure-14/row5/cell5").proved
    assert _at(check, record, "refPeriod", "14/10/22", "figure-14/source").proved


@pytest.mark.parametrize("value, printed, found", [
    ("2022-10-14", "extracted from ECCP Platform on 14/10/22,", True),
    ("2022-10-14", "on 14/10/2022", True),
    ("2022-10-15", "extracted from ECCP Platform on 14/10/22,", False),
    ("14/10/2022", "on 14/10/22.", True),
    ("14/10/2022", "on 14/10/23.", False),
    ("2022/23-2028", "from 2022/23 to 2028", True),
    ("2022/23-2028", "from 2022/23 to 2027", False),
])
def test_the_forms_a_period_is_printed_in(records, value, printed, found):
    """Dates as the paper prints them: 'dd/mm/yy' (Figure 14's source line), a phase
    '2022/23 to 2028' (section 3.3); a near date or year is no form of it."""
    from kg.data.quotes import fact_forms
    from kg.data.support import _names, matchable

    forms = tuple(fact_forms(records["eccp-correlation-sample"], "refPeriod", value, records))
    assert _names(forms, matchable(printed)) is found


# R5: a footnote citation's date and address are in its own part of the footnote -------

def test_a_citations_access_date_is_its_own(check, records):
    """Footnote 29: 'Government of Canada (2023): … index.aspx?lang=eng (last access
    07.03.2023); European Commission (2021): Workshop report. … (last access 07.03.2023)':
    the sentence 'lang=eng (last access 07.03.2023); European Commission (2021): Workshop
    report.' dates citation 1, the last sentence citation 2."""
    def at(rid: str, unit: str) -> bool:
        value = records[rid].first("lastAccessed")
        return _at(check, rid, "lastAccessed", value, unit).proved

    assert not at("footnote-29-citation-2", "footnote-29/text/s3")
    assert at("footnote-29-citation-2", "footnote-29/text/s5")
    assert at("footnote-29-citation-1", "footnote-29/text/s3")
    assert not at("footnote-29-citation-1", "footnote-29/text/s5")


def test_a_citations_address_is_its_own(check, records):
    """Footnote 29's second address (digital-strategy.ec.europa.eu) is not citation 1's."""
    url = str(records["footnote-29-citation-2"].first("citedUrl"))
    assert not _at(check, "footnote-29-citation-1", "citedUrl", url, "footnote-29/text/s5"
                   ).proved
