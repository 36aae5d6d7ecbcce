"""Competency questions on parts of the paper the named-query cases do not cover: the
annex, value chains, provinces, boxes, footnotes, bibliography and abbreviations.

Each case names its place in the paper, asks in SPARQL over the plain triples (names
and properties bound as RDF terms, never pasted) and lists what the paper says. A case
marked exact requires exactly those answers; the others require them among the rows.
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg.core.namespaces import EUCAN, PREFIXES

_HEAD = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
#: The value, or the label of the resource, that ?property gives the thing named ?name.
VALUE_OF = "SELECT ?answer WHERE { ?x rdfs:label ?name ; ?property ?answer }"
NAME_OF = "SELECT ?answer WHERE { ?x rdfs:label ?name ; ?property ?y . ?y rdfs:label ?answer }"


ACCORD = "ACCORD: Action concertée de coopération régionale de développement"  # Box 3's name of the programme


def _eucan(name: str) -> ox.NamedNode:
    return ox.NamedNode(EUCAN + name)


# (place, question, SPARQL selecting ?answer, bindings, expected answers, exact?)
CASES = [
    ("Box 3", "Which province runs ACCORD?",
     NAME_OF,
     {"property": _eucan("jurisdiction"), "name": ACCORD},
     {"Québec"}, True),
    ("Box 3", "When was ACCORD launched?",
     VALUE_OF,
     {"property": _eucan("startYear"), "name": ACCORD},
     {2002}, True),
    ("Box 3", "Whom does ACCORD support?",
     VALUE_OF,
     {"property": _eucan("beneficiary"), "name": ACCORD},
     {"business organisations", "business NGOs", "collaborations of SMEs", "municipalities",
      "research centres"}, False),
    ("Box 4", "Which zones d'innovation were announced first?",
     NAME_OF,
     {"property": _eucan("hasPart"), "name": "Zones d'Innovation"}, None, False),
    ("Box 4", "When was the zones d'innovation programme initiated?",
     VALUE_OF,
     {"property": _eucan("startYear"), "name": "Zones d'Innovation"}, {2019}, True),
    ("Box 4", "How much did Québec announce for the two confirmed zones?",
     "SELECT ?answer WHERE { ?o eucan:observedEntity/rdfs:label ?name ; eucan:currency 'CAD' ;"
     " eucan:value ?answer }", {"name": "Zones d'Innovation"}, {Decimal("690000000")}, False),
    ("Box 6", "What members does the Digital Supercluster have?",
     VALUE_OF,
     {"property": _eucan("memberProfile"), "name": "Digital Supercluster"},
     {"Industry: Startups, SMEs, Large, Multinational",
      "Research: Universities, colleges, institutes, Government, Not-for-profits"}, True),
    ("Box 6", "Which roles make up the Digital Supercluster's collaboration approach?",
     VALUE_OF,
     {"property": _eucan("collaborationRole"), "name": "Digital Supercluster"},
     {"Technology Lead Partners: Product Companies", "Co-development Partners: Startups/SMEs",
      "Industry Partners: Customers/Adopters", "Digital Supercluster: Co-investor",
      "Technical Service Providers: Solution Integration",
      "Post-secondary & Research Partners: Commercialisation Research"}, True),
    ("Box 6", "How many members does Box 6 give the Digital Supercluster?",
     "SELECT ?answer WHERE { ?o eucan:observedEntity/rdfs:label ?name ; eucan:statedAs ?answer ;"
     " prov:wasDerivedFrom <https://w3id.org/eucan/id/source/box-6> }",
     {"name": "Digital Supercluster"}, {"1000+ Organisations"}, False),
    ("Box 6", "Which programme streams does the Digital Supercluster run?",
     "SELECT (COUNT(?s) AS ?answer) WHERE { ?c rdfs:label ?name ; eucan:programmeStream ?s }",
     {"name": "Digital Supercluster"}, {5}, True),
    ("Box 2", "How many objectives does Box 2 give the GIC programme?",
     "SELECT (COUNT(?o) AS ?answer) WHERE { ?p rdfs:label ?name ; eucan:objective ?o"
     " FILTER (REGEX(?o, '^A (national force|driver of growth|creator of networks|catalyst "
     "for skills development):')) }", {"name": "Global Innovation Clusters"}, {4}, True),
    ("Section 5.1", "Which horizontal objectives are the Clusters mandated to address?",
     "SELECT ?answer WHERE { ?p rdfs:label ?name ; eucan:objective ?answer"
     " FILTER (CONTAINS(?answer, 'Indigenous')) }", {"name": "Global Innovation Clusters"},
     {"address broader horizontal objectives, including the integration of female "
      "entrepreneurs and Indigenous communities"}, True),
    ("Box 5", "Which Eurocluster names Mexico as a target market?",
     "SELECT ?answer WHERE { ?e a eucan:Eurocluster ; rdfs:label ?answer ;"
     " eucan:targetsMarket/rdfs:label ?name }", {"name": "Mexico"}, {"SUAVE"}, False),
    ("Box 5", "Which Euroclusters target Canada?",
     "SELECT ?answer WHERE { ?e a eucan:Eurocluster ; rdfs:label ?answer ;"
     " eucan:targetsMarket/rdfs:label ?name }", {"name": "Canada"},
     {"CIRCINWATER", "DESIRE", "DREAM", "E-BOOST", "GEMSTONE", "LEVIATAD", "METASTARS",
      "SUAVE"}, True),
    ("Section 3.1", "Where do SUAVE's cluster members come from?",
     NAME_OF,
     {"property": _eucan("participantCountry"), "name": "SUAVE"}, {"France", "Hungary", "Lithuania", "Poland", "Spain"}, True),
    ("Figure 24", "Which ESCP-4i is number 19?",
     "SELECT ?answer WHERE { ?e a eucan:ESCP4iPartnership ; eucan:listNumber ?n ;"
     " rdfs:label ?answer }", {"n": 19}, {"NF4"}, True),
    ("Figure 24", "Where do NF4's clusters come from?",
     NAME_OF,
     {"property": _eucan("participantCountry"), "name": "NF4"}, {"France", "Spain", "Belgium", "Netherlands"}, True),
    ("Figure 24", "What is LASER-GO's thematic focus?",
     VALUE_OF,
     {"property": _eucan("focus"), "name": "LASER-GO"}, {"European Cluster Partnership in Photonics for Health"}, True),
    ("Figure 24", "Which generation and strand is AdPack?",
     "SELECT ?answer WHERE { ?e rdfs:label ?name ; eucan:generation ?g ; eucan:strand ?s"
     " BIND (CONCAT(STR(?g), '-', STR(?s)) AS ?answer) }", {"name": "AdPack"}, {"1-1"}, True),
    ("Table 1", "Where is the Digital Supercluster headquartered?",
     NAME_OF,
     {"property": _eucan("headquarteredIn"), "name": "Digital Supercluster"}, {"British Columbia"}, True),
    ("Table 1 / places", "Which Global Innovation Cluster is headquartered in Ontario?",
     "SELECT ?answer WHERE { ?c a eucan:GlobalInnovationCluster ; rdfs:label ?answer ;"
     " eucan:headquarteredIn/rdfs:label ?name }", {"name": "Ontario"},
     {"Next Generation Manufacturing Canada"}, True),
    ("Figure 10 / places", "Which provinces do the project partner figures cover?",
     "SELECT DISTINCT ?answer WHERE { ?o eucan:observedEntity ?p ; eucan:measure ?m ."
     " ?m rdfs:label ?mname . ?p rdfs:label ?answer FILTER (CONTAINS(LCASE(?mname), ?name)) }",
     {"name": "region"}, {"Ontario", "Québec", "British Columbia"}, False),
    ("Abbreviations", "What does ISI stand for, and is it Canadian or European?",
     "SELECT ?answer WHERE { ?a skos:notation ?name ; eucan:expansion ?x ;"
     " eucan:abbreviationTag ?t BIND (CONCAT(?x, ' (', ?t, ')') AS ?answer) }",
     {"name": "ISI"}, {"Innovation Superclusters Initiative (CA)"}, True),
    ("Abbreviations", "Which abbreviation stands for the Smart Specialisation Strategy?",
     "SELECT ?answer WHERE { ?a eucan:expansion ?name ; skos:notation ?answer }",
     {"name": "Smart Specialisation Strategy"}, {"S3"}, True),
    ("Abbreviations", "Is ESCP-4x listed, and what does it expand to?",
     "SELECT ?answer WHERE { ?a skos:notation ?name ; eucan:expansion ?answer }",
     {"name": "ESCP-4x"}, {"ESCP for Excellence"}, True),
    ("Bibliography", "Which footnotes cite Porter (1998)?",
     "SELECT ?answer WHERE { ?b a eucan:BibliographyEntry ; eucan:authorsAsPrinted ?name ;"
     " eucan:publicationYear 1998 ; eucan:citedInFootnote/eucan:locatorNumber ?answer }",
     {"name": "Porter, M."}, {"5", "66"}, False),
    ("Bibliography", "How many entries does the bibliography list?",
     "SELECT (COUNT(?b) AS ?answer) WHERE { ?b a eucan:BibliographyEntry }", {}, {41}, True),
    ("Bibliography", "When was Nicholson (2018) last accessed?",
     "SELECT ?answer WHERE { ?b a eucan:BibliographyEntry ; eucan:authorsAsPrinted ?name ;"
     " eucan:lastAccessed ?d BIND (SUBSTR(STR(?d), 1, 4) AS ?answer) }",
     {"name": "Nicholson, P."}, {"2023"}, False),
    ("Footnote 41", "What address does the paper give for SUAVE's ECCP profile?",
     "SELECT ?answer WHERE { ?f eucan:locatorNumber ?name ; a eucan:Footnote ;"
     " eucan:citedUrl ?answer }", {"name": "41"},
     {"https://profile.clustercollaboration.eu/profile/cluster-partnership-initiative/"
      "bb0add61-ed3f-4d3d-9b2e-77cdef83b7bd"}, True),
    ("Footnote 57", "In which section is footnote 57 printed?",
     "SELECT ?answer WHERE { ?f eucan:locatorNumber ?name ; a eucan:Footnote ;"
     " eucan:printedIn/eucan:locatorNumber ?answer }", {"name": "57"}, {"3.3"}, True),
    ("Figure 6", "What is the source line of Figure 6?",
     "SELECT ?answer WHERE { ?f a eucan:Figure ; eucan:locatorNumber ?name ;"
     " eucan:sourceLine ?answer }", {"name": "6"},
     {"Source: ISED. Results as of 31.03.2023."}, True),
    ("Table 3", "In which section is Table 3 printed?",
     "SELECT ?answer WHERE { ?f a eucan:Table ; eucan:locatorNumber ?name ;"
     " eucan:printedIn/eucan:locatorNumber ?answer }", {"name": "3"}, {"4.1.2"}, True),
    ("Figure 23", "What date are Figure 23's data from?",
     "SELECT ?answer WHERE { ?f a eucan:Figure ; eucan:locatorNumber ?name ;"
     " eucan:sourceLine ?s BIND (CONTAINS(?s, 'January 2023') AS ?answer) }", {"name": "23"},
     {True}, True),
    ("Annex: Figure 14", "Which indicators does Figure 14 correlate with cluster organisations?",
     "SELECT (COUNT(DISTINCT ?o) AS ?answer) WHERE { ?o qb:dataSet ?d . ?d rdfs:label ?l"
     " FILTER (STRSTARTS(?l, ?name)) }", {"name": "Figure 14"}, None, False),
    ("Section 2.2", "Which six key ecosystems link EU-Canada trade?",
     "SELECT ?answer WHERE { ?e skos:inScheme/rdfs:label ?name ; rdfs:label ?answer }",
     {"name": "Six key industrial ecosystems for EU-Canada cooperation"},
     {"Aerospace and Defence", "Agri-Food", "Digital", "Health",
      "Mobility, Transport & Automotive", "Renewable Energy"}, True),
    ("Section 4.2", "Which share of European clusters targeting Canada are in agri-food?",
     "SELECT ?answer WHERE { ?o eucan:observedEntity/rdfs:label ?name ;"
     " eucan:counterpart <https://w3id.org/eucan/id/country/canada> ; eucan:value ?answer }",
     {"name": "Agri-Food"}, {Decimal("12")}, False),
    ("Section 3.1", "How many direct beneficiaries did INNOSUP-1 have?",
     "SELECT ?answer WHERE { ?o eucan:observedEntity/skos:altLabel ?name ;"
     " eucan:measure/rdfs:label ?m ; eucan:value ?answer FILTER (CONTAINS(LCASE(?m), 'benef')) }",
     {"name": "INNOSUP-1"}, {Decimal("1687")}, False),
    ("Box 7", "How much direct support did Budget 2021 give Canada's aerospace industry?",
     "SELECT ?answer WHERE { ?o eucan:statedAs ?answer FILTER (CONTAINS(?answer, ?name)) }",
     {"name": "$2 billion"}, None, False),
    ("Statement provenance", "Which place states that Scale AI is headquartered in Quebec?",
     "SELECT ?answer WHERE { ?a owl:annotatedSource ?c ; owl:annotatedProperty "
     "eucan:headquarteredIn ; eucan:assertedIn/rdfs:label ?answer . ?c rdfs:label ?name }",
     {"name": "Scale AI"}, {"Table 1: Overview of the five Canadian Global Innovation Clusters"},
     False),
    ("Statement provenance", "Which words state NF4's countries?",
     "SELECT ?answer WHERE { ?a owl:annotatedSource ?e ; owl:annotatedProperty "
     "eucan:participantCountry ; oa:exact ?answer . ?e rdfs:label ?name }",
     {"name": "NF4"}, None, False),
    # Lists transcribed whole, and relations and dates from sentences.
    ("Box 5", "How many specific objectives does DREAM have?",
     "SELECT (COUNT(?o) AS ?answer) WHERE { ?x rdfs:label ?name ; eucan:objective ?o }",
     {"name": "DREAM"}, {6}, True),
    ("Box 5", "How many objectives does CIRCINWATER list?",
     "SELECT (COUNT(?o) AS ?answer) WHERE { ?x rdfs:label ?name ; eucan:objective ?o }",
     {"name": "CIRCINWATER"}, {7}, True),
    ("Box 5", "Which five thematic sectors does GEMSTONE bring its ambition to?",
     VALUE_OF, {"property": _eucan("focus"), "name": "GEMSTONE"},
     {"Energy", "Mobility", "Materials", "Aeronautics/Defence", "Agriculture/Agrifood"}, True),
    ("Section 3.2", "Whom does France's competitiveness cluster policy benefit?",
     VALUE_OF, {"property": _eucan("beneficiary"), "name": "Pôles de compétitivité"},
     {"organisations", "large and small enterprises", "research organisations",
      "academic institutions"}, True),
    ("Section 3.2", "On what condition may large companies take part in Spain's AEI programme?",
     VALUE_OF, {"property": _eucan("eligibility"),
                "name": "Programa de Apoyo a Agrupaciones Empresariales Innovadoras"},
     {"large companies can only participate in cooperation with SMEs"}, True),
    ("Section 3.3", "When was the Innovation Superclusters Initiative rebranded?",
     "SELECT ?answer WHERE { ?h eucan:about ?x ; eucan:happeningKind/skos:notation 'rebranded' ;"
     " eucan:printedDate ?answer . ?x rdfs:label ?name }",
     {"name": "Innovation Superclusters Initiative"}, {"2022"}, True),
    ("Box 4", "When were the first two zones d'innovation announced?",
     "SELECT ?answer WHERE { ?h eucan:about ?x ; eucan:happeningKind/skos:notation 'announced' ;"
     " eucan:printedDate ?answer . ?x rdfs:label ?name }",
     {"name": "Zone d'innovation on microelectronics (Bromont)"}, {"February 2022"}, True),
]


def _term(value: object) -> ox.Literal | ox.NamedNode:
    if isinstance(value, ox.NamedNode):
        return value
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(value))


def _python(term: ox.Literal | None) -> object:
    if term is None:
        return None
    kind = term.datatype.value.rsplit("#", 1)[-1] if isinstance(term, ox.Literal) else ""
    if kind in ("integer", "int", "long"):
        return int(term.value)
    if kind == "decimal":
        return Decimal(term.value)
    if kind == "boolean":
        return term.value == "true"
    return term.value


def test_there_are_forty_cases_each_citing_its_place():
    assert len(CASES) >= 40
    assert all(place and question.endswith("?") for place, question, *_ in CASES)


@pytest.mark.parametrize(("place", "question", "query", "bindings", "expected", "exact"),
                         CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_the_graph_answers_what_the_paper_says(store, place, question, query, bindings,
                                               expected, exact):
    rows = store.select(_HEAD + query, {k: _term(v) for k, v in bindings.items()})
    answers = {_python(r["answer"]) for r in rows} - {None}
    if expected is None:  # the paper states the thing; the graph must hold at least one
        assert answers, f"{place}: no answer to {question!r}"
    elif exact:
        assert answers == expected, f"{place}: {question}"
    else:
        assert expected <= answers, f"{place}: {question} (got {sorted(map(str, answers))})"
