"""Dated happenings: several dates per thing, each with its kind, date and place, and
data snapshots ("as of …") as data that sorts and compares (places cited per case)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.core.errors import DataError
from kg.data.load import folder_files, load_records
from kg.graph.happenings import happening_triples
from kg.graph.validate import shacl_problems
from kg.query.catalogue import run
from kg.store.embedded import Store


def _rows(store, **params):
    return run("happenings", store, **{k: str(v) for k, v in params.items()})


def test_a_programme_has_several_dates_each_with_its_kind_and_place(store):
    # Section 3.3: "in 2017 the Canadian government introduced the 'Innovation
    # Superclusters Initiative' (ISI) which was rebranded as the 'Global Innovation
    # Clusters' (GIC) programme in 2022 ... In 2018, after a competitive selection
    # process, five successful superclusters were announced".
    rows = _rows(store, thing="Innovation Superclusters Initiative")
    assert [(r["when"], r["kind"]) for r in rows] == \
        [("2017", "Introduction"), ("2018", "Selection"), ("2022", "Rebranding")]
    assert all(r["place"].startswith("3.3") for r in rows)


def test_happenings_of_one_year_compare_by_their_days(store):
    # 2022: the rebranding (3.3), the first zones d'innovation in February (Box 4), Russia's
    # invasion of Ukraine in February (2.2: "the Russian invasion of Ukraine in February
    # 2022"), ISED's
    # evaluation and EY's final report in March (3.3; footnote 60: "Final Report. March
    # 2022."), the Euroclusters count as of September (3.1) and the ECCP extraction of
    # 14/10/22 (Figure 14's source line).
    rows = _rows(store, year=2022)
    assert [r["when"] for r in rows] == ["2022", "February 2022", "February 2022", "March 2022",
                                        "March 2022", "As of September 2022", "14/10/22"]
    assert {r["when"] for r in _rows(store, year=2017)} == {"2017"}
    assert len(_rows(store, year=2017)) == 3  # CETA, SPA (5.2) and the ISI (3.3)


def test_a_snapshot_printed_to_the_day_is_that_day(store):
    # Figure 14: "extracted from ECCP Platform on 14/10/22".
    assert store.ask(
        "ASK { ?h eucan:printedDate '14/10/22' ; eucan:happeningKind/skos:notation 'data as of' ;"
        " eucan:earliestDay '2022-10-14T00:00:00'^^xsd:dateTime ;"
        " eucan:latestDay '2022-10-14T00:00:00'^^xsd:dateTime ;"
        " eucan:datePrecision/skos:notation 'day' ; prov:wasDerivedFrom/rdfs:label ?place"
        " FILTER STRSTARTS(?place, 'Figure 14') }")


def test_every_happening_has_a_kind_a_subject_and_a_place(store):
    rows = store.select("SELECT ?h WHERE { ?h a eucan:Happening "
                        "FILTER NOT EXISTS { ?h eucan:happeningKind ?k ; eucan:about ?a ;"
                        " prov:wasDerivedFrom ?p . ?p a eucan:Source } }")
    assert rows == []
    assert len(store.select("SELECT ?h WHERE { ?h a eucan:Happening }")) >= 20


def test_a_happening_without_its_kind_fails_the_shapes(store):
    broken = Store()
    broken.add(store.triples())
    broken.update("DELETE { ?h eucan:happeningKind ?k } WHERE { ?h eucan:happeningKind ?k ;"
                  " eucan:printedDate 'February 2022' }")
    assert any("happeningKind" in p for p in shacl_problems(broken))


def test_an_unknown_date_form_stops_the_build_naming_the_record(data_copy, capsys):
    path = data_copy / "happenings.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'printedDate: "February 2022"', 'printedDate: "early 2022"'), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        happening_triples(load_records(folder_files(data_copy)))
    assert "happenings.yaml" in str(caught.value) and "first-zones-announced-2022" in str(
        caught.value) and "printedDate" in str(caught.value)
    assert main(["build", "--data", str(data_copy), "--out", str(data_copy.parent / "out")]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("·")]
    assert len(errors) == 1 and "happenings.yaml:" in errors[0] and "printedDate" in errors[0]


def test_happenings_are_plain_triples_a_consumer_can_sort(store):
    # The earliest: section 5.2's "the Treaty of Rome in the late 1950s" (1957 to 1959).
    rows = store.select("SELECT ?d WHERE { ?h a eucan:Happening ; eucan:earliestDay ?d } "
                        "ORDER BY ?d LIMIT 1")
    assert rows[0]["d"] == ox.Literal("1957-01-01T00:00:00",
                                      datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime"))
