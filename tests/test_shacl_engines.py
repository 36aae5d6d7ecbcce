"""Three SHACL engines, one verdict: the ``shacl`` package (Rust, the build's gate),
pyshacl (the reference) and rudof (pyrudof, Rust) agree on the shipped graph and on
fifteen planted violations: the gate and the reference give the same results (focus
node, path, constraint component), rudof the same number.

The shapes use core SHACL only and the published data carries its entailed types, so
neither engine needs inference or SPARQL-based constraints.
"""

from __future__ import annotations

import pytest

from kg.data.schema import shapes_turtle
from kg.graph.validate import shacl_results
from kg.store.embedded import Store

pyrudof = pytest.importorskip("pyrudof", reason="pyrudof is a test extra (pip install -e '.[test]')")

OBS = "<https://w3id.org/eucan/id/observation/table-4-austria>"  # Table 4: Austria, 28
PIC = "<https://w3id.org/eucan/id/cluster/protein-industries-canada>"
CETA = "<https://w3id.org/eucan/id/agreement/ceta>"
#: One SPARQL Update per planted fault, each breaking one constraint of ontology/shapes.ttl.
PLANTED = {
    "observation without value": f"DELETE WHERE {{ {OBS} eucan:value ?v }}",
    "observation with two values": f'INSERT DATA {{ {OBS} eucan:value 29.0 }}',
    "value not a decimal": f'DELETE {{ {OBS} eucan:value ?v }} INSERT {{ {OBS} eucan:value "28" }} WHERE {{ {OBS} eucan:value ?v }}',
    "observation without entity": f"DELETE WHERE {{ {OBS} eucan:observedEntity ?e }}",
    "measure not a Measure": f"DELETE {{ {OBS} eucan:measure ?m }} INSERT {{ {OBS} eucan:measure {PIC} }} WHERE {{ {OBS} eucan:measure ?m }}",
    "observation without data set": f"DELETE WHERE {{ {OBS} qb:dataSet ?d }}",
    "currency outside the list": 'DELETE { ?o eucan:currency "CAD" } INSERT { ?o eucan:currency "GBP" } WHERE { ?o eucan:currency "CAD" ; eucan:observedEntity <https://w3id.org/eucan/id/cluster/scale-ai> }',
    "year before 1950": f"DELETE {{ {CETA} eucan:startYear ?y }} INSERT {{ {CETA} eucan:startYear 1900 }} WHERE {{ {CETA} eucan:startYear ?y }}",
    "year as text": f'DELETE {{ {CETA} eucan:startYear ?y }} INSERT {{ {CETA} eucan:startYear "2017" }} WHERE {{ {CETA} eucan:startYear ?y }}',
    "start after end": f"INSERT DATA {{ {CETA} eucan:endYear 2000 }}",
    "resource without label": f"DELETE WHERE {{ {PIC} rdfs:label ?l }}",
    "resource without citation": f"DELETE WHERE {{ {PIC} prov:wasDerivedFrom ?s }}",
    "GIC without headquarters": f"DELETE WHERE {{ {PIC} eucan:headquarteredIn ?r }}",
    "country code not two letters": 'DELETE { ?c eucan:isoCode "CA" } INSERT { ?c eucan:isoCode "CAN" } WHERE { ?c eucan:isoCode "CA" }',
    "agreement with one party": f"DELETE {{ {CETA} eucan:party ?p }} WHERE {{ {CETA} eucan:party ?p FILTER (?p != <https://w3id.org/eucan/id/country/canada>) }}",
}


def rudof_results(store: Store) -> int:
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(store.serialize("ntriples").decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes_turtle().decode("utf-8"))
    report = rudof.validate_shacl()
    return 0 if report.conforms else len(report)


def _copy(store: Store) -> Store:
    copy = Store()
    copy.add(store.triples())
    return copy


def test_every_engine_finds_the_shipped_graph_conforms(store):
    assert shacl_results(store) == []
    assert shacl_results(store, engine="pyshacl") == []
    assert rudof_results(store) == 0


@pytest.mark.parametrize("fault", sorted(PLANTED))
def test_every_engine_reports_a_planted_violation_alike(store, fault):
    broken = _copy(store)
    before = len(broken)
    broken.update(PLANTED[fault])
    assert len(broken) != before or "DELETE" in PLANTED[fault] and "INSERT" in PLANTED[fault]
    reference = shacl_results(broken, engine="pyshacl")
    assert len(reference) >= 1, f"pyshacl missed: {fault}"
    assert shacl_results(broken) == reference
    assert rudof_results(broken) == len(reference)


def test_all_planted_violations_at_once_give_the_same_report(store):
    broken = _copy(store)
    for update in PLANTED.values():
        broken.update(update)
    reference = shacl_results(broken, engine="pyshacl")
    assert len(reference) >= len(PLANTED)
    assert shacl_results(broken) == reference
    assert {r.component for r in reference} >= {
        "MinCountConstraintComponent",
        "DatatypeConstraintComponent", "ClassConstraintComponent", "InConstraintComponent"}
