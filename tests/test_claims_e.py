"""Competency questions for the claims of group E's places: the Annex's Figure 14 (its
column "Dimension" and its legend), Figures 15 and 16 (their price base years), Table 4
and Figure 24, each asked of the built graph as a user would ask it.

Every fact cites its place in the paper (kg/data/paper/eccp-eu-canada-2023.md, Annex).
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from kg.core.namespaces import resource_iri
from kg.data.claims import claims_report
from kg.data.units import load_units

PLACES = ("annex", "figure-14", "table-4", "figure-24")
#: The resources the questions start from, bound by name (no text pasted into a query).
NAMED = {"dimensions": ("scheme", "competitiveness-dimensions"),
         "indicators": ("scheme", "competitiveness-indicators"),
         "classes": ("scheme", "correlation-classes"),
         "correlation": ("measure", "correlation"),
         "clusterNodes": ("category", "node-cluster-organisations"),
         "table4": ("dataset", "table-4-dataset"), "canada": ("country", "canada")}


def answers(store, query: str, **literals: str) -> list[tuple[str | None, ...]]:
    bindings = {name: ox.NamedNode(resource_iri(*NAMED[name])) for name in NAMED
                if f"?{name}" in query}
    bindings.update({name: ox.Literal(text) for name, text in literals.items()})
    return list(store.select_values(query, bindings))


# -- Figure 14: the column "Dimension" -------------------------------------------------------

# Figure 14, first column: "Outcome indicators" heads the rows GDP per Capita … Air
# emissions; "Intermediate performance indicators" Gross fixed capital formation … ICT
# patents; "Firms' behaviour" Business R&D expenditure … Green Employment; "Business
# Environment" Public R&D expenditure … Number of recovery & recycling facilities.
DIMENSIONS = {
    "Outcome indicators": [
        "Air emissions in fine particulates (PM2.5) in Industry",
        "Employment in technology & knowledge-intensive sectors", "GDP per Capita",
        "Sales of new-to-market & new-to-enterprise product innovations as percentage of "
        "total turnover", "Share of ICT in GVA"],
    "Intermediate performance indicators": [
        "Apparent labour productivity", "Employment rate", "Green PCT patents",
        "Gross fixed capital formation", "ICT patents", "PCT patents per million population"],
    "Firms' behaviour": [
        "Business R&D expenditure", "Employed ICT specialists", "Green Employment",
        "Innovative SMEs collaborating with others", "Public-private co-publications",
        "SMEs that introduced a business process innovations",
        "SMEs that introduced a product innovation"],
    "Business Environment": [
        "Birth of enterprises", "Human resources in science & technology",
        "Individuals who have above basic overall digital skills",
        "Number of recovery & recycling facilities", "Public R&D expenditure",
        "Quality of Government Index", "Survival rate of enterprises"],
}


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_which_indicators_of_figure_14_belong_to_each_dimension(store, dimension):
    rows = answers(store, """
        SELECT ?indicator WHERE {
          ?d skos:inScheme ?dimensions ; rdfs:label ?dimension .
          ?i eucan:indicatorDimension ?d ; rdfs:label ?indicator } ORDER BY ?indicator""",
                   dimension=dimension)
    assert [r[0] for r in rows] == sorted(DIMENSIONS[dimension])


def test_every_indicator_has_one_dimension_also_as_skos_broader(store):
    rows = answers(store, """
        SELECT ?dimension (COUNT(DISTINCT ?i) AS ?n) WHERE {
          ?i skos:inScheme ?indicators ; skos:broader ?d .
          ?d rdfs:label ?dimension } GROUP BY ?dimension ORDER BY ?dimension""")
    assert {d: int(n) for d, n in rows} == {d: len(i) for d, i in DIMENSIONS.items()}
    no_dimension = answers(store, """
        SELECT ?i WHERE { ?i skos:inScheme ?indicators
                          FILTER NOT EXISTS { ?i eucan:indicatorDimension ?d } }""")
    assert no_dimension == []


def test_which_business_environment_indicators_correlate_with_cluster_organisations(store):
    # Figure 14, column "Cluster Organisations", rows of "Business Environment": Public R&D
    # expenditure "+", Human resources in science & technology "+".
    rows = answers(store, """
        SELECT ?indicator ?sign WHERE {
          ?o eucan:measure ?correlation ; eucan:category ?clusterNodes ;
             eucan:counterpart ?i ; eucan:statedAs ?sign .
          ?i eucan:indicatorDimension/rdfs:label "Business Environment" ; rdfs:label ?indicator
        } ORDER BY ?indicator""")
    assert rows == [("Human resources in science & technology", "+"),
                    ("Public R&D expenditure", "+")]


# -- Figure 14: the legend, and every printed sign ----------------------------------------------

def test_which_indicators_correlate_weakly_negatively_in_the_legends_words(store):
    # Figure 14, legend: "- Weak negative correlation"; the "-" cells: Sales of new-to-market
    # …, Innovative SMEs collaborating with others, SMEs that introduced a business process
    # innovations, Survival rate of enterprises (regional nodes); Individuals who have above
    # basic overall digital skills (industry nodes).
    rows = answers(store, """
        SELECT ?indicator ?node WHERE {
          ?class skos:inScheme ?classes ; rdfs:label "Weak negative correlation" ;
                 skos:notation ?sign .
          ?o eucan:measure ?correlation ; eucan:statedAs ?sign ; eucan:counterpart ?i ;
             eucan:category/rdfs:label ?node .
          ?i rdfs:label ?indicator } ORDER BY ?indicator""")
    assert rows == [
        ("Individuals who have above basic overall digital skills", "Industry relevant nodes"),
        ("Innovative SMEs collaborating with others", "Regional relevant nodes"),
        ("SMEs that introduced a business process innovations", "Regional relevant nodes"),
        ("Sales of new-to-market & new-to-enterprise product innovations as percentage of "
         "total turnover", "Regional relevant nodes"),
        ("Survival rate of enterprises", "Regional relevant nodes")]


def test_the_legend_names_four_classes_by_their_signs(store):
    rows = answers(store, """
        SELECT ?sign ?label WHERE { ?c skos:inScheme ?classes ;
          skos:notation ?sign ; rdfs:label ?label } ORDER BY ?sign""")
    # Figure 14, legend: "++ Positive correlation -- Negative correlation",
    # "+ Weak positive correlation - Weak negative correlation".
    assert dict(rows) == {"++": "Positive correlation", "--": "Negative correlation",
                          "+": "Weak positive correlation", "-": "Weak negative correlation"}


def test_figure_14_has_one_observation_per_printed_sign(store):
    # Figure 14 prints 38 signs (27 "+", 6 "++", 5 "-"); its cells are units of the paper,
    # the "-" ones included (they were read as list dashes before).
    cells = [u for u in load_units().in_place("figure-14")
             if u.kind == "table cell" and u.text in ("+", "++", "-", "--")]
    assert Counter(u.text for u in cells) == Counter({"+": 27, "++": 6, "-": 5})
    rows = answers(store, """
        SELECT ?sign (COUNT(?o) AS ?n) WHERE { ?o eucan:measure ?correlation ;
          eucan:statedAs ?sign } GROUP BY ?sign""")
    assert {s: int(n) for s, n in rows} == {"+": 27, "++": 6, "-": 5}
    # the indicators whose row is empty: no significant correlation with any node type
    empty = answers(store, """
        SELECT ?indicator WHERE { ?i skos:inScheme ?indicators ;
          rdfs:label ?indicator
          FILTER NOT EXISTS { ?o eucan:measure ?correlation ; eucan:counterpart ?i } }
        ORDER BY ?indicator""")
    assert [r[0] for r in empty] == ["Green PCT patents", "Gross fixed capital formation",
                                     "Quality of Government Index",
                                     "SMEs that introduced a product innovation"]


def test_rows_of_figure_14_whose_other_cells_are_empty_are_table_rows():
    # Figure 14: "Green PCT patents", "SMEs that introduced a product innovation" and
    # "Quality of Government Index" are rows with empty cells, read with their dimension.
    units = load_units()
    row = next(u for u in units.in_place("figure-14") if u.text == "Green PCT patents"
               and u.kind == "table row")
    cell = units.children(row.id)[0]
    assert units[cell.context[0]].text == "Intermediate performance indicators"
    assert units["figure-14/row23"].text == "Survival rate of enterprises -"


# -- Figures 15 and 16: constant prices of 2012 and 2015 ----------------------------------------

def test_at_which_constant_prices_figures_15_and_16_show_gdp(store):
    # Figure 15: "Canada's GDP at constant prices (2012) in trillion CAD …"; Figure 16: "EU27
    # Member States' GDP at constant prices (2015) in trillion EUR …".
    rows = answers(store, """
        SELECT ?number ?year WHERE { ?f eucan:priceBaseYear ?year ; eucan:locatorNumber ?number }
        ORDER BY ?number""")
    assert rows == [("15", "2012"), ("16", "2015")]


# -- Table 4 -------------------------------------------------------------------------------------

def test_table_4_every_row_as_printed_and_its_total(store):
    # Table 4 (Annex): 27 rows, Austria 28 … Sweden 39, "Total 1108".
    printed = {}
    for unit in load_units().in_place("table-4"):
        if unit.kind == "table row" and unit.id != "table-4/row1":
            name, number = unit.text.rsplit(" ", 1)
            printed[name] = int(number)
    rows = answers(store, """
        SELECT ?name ?value WHERE { ?o qb:dataSet ?table4 ;
          eucan:observedEntity/rdfs:label ?name ; eucan:value ?value
          FILTER NOT EXISTS { ?o eucan:isPaperTotal true } }""")
    assert {n: int(v) for n, v in rows} == {k: v for k, v in printed.items() if k != "Total"}
    total = answers(store, """
        SELECT ?value ?whole WHERE { ?o qb:dataSet ?table4 ;
          eucan:isPaperTotal true ; eucan:value ?value ; eucan:observedEntity/rdfs:label ?whole }""")
    assert total == [("1108", "European Union")]
    assert sum(v for k, v in printed.items() if k != "Total") == printed["Total"] == 1108


# -- Figure 24 -----------------------------------------------------------------------------------

GENERATIONS = {"First": 1, "Second": 2, "Third": 3, "Fourth": 4}


def test_figure_24_every_row_as_printed(store):
    # Figure 24: number, "First generation – Strand 1", name, thematic focus, origins.
    units = load_units()
    printed = {}
    for row in units.in_place("figure-24"):
        cells = {c.order: c.text for c in units.children(row.id)} if row.kind == "table row" else {}
        if cells.get(1, "").isdigit():
            generation, strand = cells[2].split(" generation – Strand ")
            printed[int(cells[1])] = (GENERATIONS[generation], int(strand), cells[3], cells[4],
                                      sorted(set(cells[5].split(" • "))))
        elif cells and not cells.get(1):  # the rest of number 9's thematic focus, printed on the next line
            printed[9] = printed[9][:3] + (f"{printed[9][3]} {cells[4]}",) + printed[9][4:]
    rows = answers(store, """
        SELECT ?number ?generation ?strand ?name ?focus
               (GROUP_CONCAT(?country; separator="|") AS ?origins) WHERE {
          ?p a eucan:ESCP4iPartnership ; eucan:listNumber ?number ; eucan:generation ?generation ;
             eucan:strand ?strand ; rdfs:label ?name ; eucan:focus ?focus ;
             eucan:participantCountry/rdfs:label ?country ; eucan:targetsMarket ?canada }
        GROUP BY ?number ?generation ?strand ?name ?focus""")
    found = {int(n): (int(g), int(s), name, focus, sorted(o.split("|")))
             for n, g, s, name, focus, o in rows}
    assert len(printed) == 39
    assert found == printed


# -- The ledger of these places ------------------------------------------------------------------

def test_every_unit_of_group_e_places_is_reviewed_and_structured():
    report = claims_report()
    rows = [r for r in report.rows() if r["unit"].split("/")[0] in PLACES]
    states = Counter(r["state"] for r in rows)
    assert states == Counter({"structured": 96, "not factual": 4}), states
