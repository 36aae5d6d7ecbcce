"""Named queries: catalogue, parameters bound as terms, read-only, errors."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.core.errors import NameResolutionError, QueryError
from kg.query import catalogue as queries
from kg.query.catalogue import catalogue
from tests.tools import QUERIES_DIR

NAMES = [q.name for q in catalogue()]


@pytest.mark.parametrize("name", NAMES)
def test_every_named_query_has_a_header_and_runs(store, name):
    query = queries.get(name)
    assert query.title and query.title != name
    assert query.description
    rows = queries.run(name, store)
    assert isinstance(rows, list) and rows, f"{name} returned nothing on the built graph"


def test_query_files_are_only_in_the_catalogue_folder():
    assert {p.stem for p in QUERIES_DIR.glob("*.rq")} == set(NAMES)


def test_gic_budgets_match_table_1(store):
    # Table 1: budgets in CAD million (GIC / ISI / total).
    rows = queries.run("gic-budgets", store)
    got = {r["cluster"]: (r["gic"], r["isi"], r["total"]) for r in rows}
    million = 1_000_000
    assert got == {
        "Digital Supercluster": (125 * million, 173 * million, 298 * million),
        "Scale AI": (125 * million, 230 * million, 355 * million),
        "Canada's Ocean Supercluster": (125 * million, 153 * million, 278 * million),
        "Protein Industries Canada": (150 * million, 173 * million, 323 * million),
        "Next Generation Manufacturing Canada": (177 * million, 250 * million, 427 * million),
    }


def test_resource_parameter_resolves_alternative_labels(store):
    # Section 3.1 calls SUAVE also SUAVA; footnote 41 gives its ECCP profile.
    rows = queries.run("where-does-the-paper-say", store, resource="suava")
    assert {r["place"] for r in rows} >= {"Footnote 41", "Box 5: Brief descriptions of the "
                                          "Euroclusters with Canada as target market"}


def test_unknown_name_suggests_candidates(store):
    with pytest.raises(NameResolutionError, match="did you mean: SUAVE"):
        queries.run("where-does-the-paper-say", store, resource="Suav")
    with pytest.raises(QueryError, match="did you mean gic-budgets"):
        queries.get("gic-budget")


def test_undeclared_parameter_is_refused(store):
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        queries.run("gic-budgets", store, colour="red")


@pytest.mark.parametrize("update", [
    "DELETE WHERE { ?s ?p ?o }", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "CLEAR ALL", "DROP DEFAULT", "LOAD <http://example.org/x.ttl>",
    "PREFIX x: <urn:x#>\n# comment\nWITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"])
def test_updates_are_refused_unless_allowed(store, update):
    before = len(store)
    with pytest.raises(QueryError, match="read-only"):
        queries.execute(store, update)
    assert len(store) == before


INJECTIONS = ['Canada" } UNION { ?resource ?p ?o } #', "Canada'\n} UNION {", "} # comment",
              'x"""', "\\\" ) } SELECT * WHERE { ?s ?p ?o", "Canada\n# drop"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_attempts_find_nothing_and_change_nothing(store, text):
    assert queries.run("resources-by-label", store, text=text) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('"\'{}#<>\\\n UNIONSELECTa?*.')), max_size=30))
def test_any_text_parameter_binds_as_one_literal(store, text):
    rows = queries.run("resources-by-label", store, text=text)
    labels = {r["resource"] for r in rows}
    expected = {r["s"].value for r in store.select(
        "SELECT DISTINCT ?s WHERE { ?s rdfs:label|skos:altLabel ?t FILTER (STR(?t) = ?x) }",
        {"x": __import__("pyoxigraph").Literal(text)})}
    assert labels <= expected


def test_exact_label_finds_the_resource(store):
    rows = queries.run("resources-by-label", store, text="SUAVA")
    assert {r["label"] for r in rows} == {"SUAVE"}


@pytest.fixture(scope="module")
def rdflib_store(records):
    from kg.store.open import build_graph

    return build_graph(records, engine="rdflib")


def _comparable(result):
    """Rows as sorted tuples; GROUP_CONCAT values as sets (their order is the engine's);
    rows sort by their text, so an unbound cell (None) sorts beside a bound one."""
    if isinstance(result, bool):
        return result
    return sorted((tuple(sorted((k, tuple(sorted(v.split("; "))) if isinstance(v, str) else v)
                                for k, v in row.items())) for row in result), key=repr)


@pytest.mark.parametrize("name", NAMES)
def test_every_named_query_gives_the_same_answer_on_both_engines(store, rdflib_store, name):
    assert _comparable(queries.run(name, rdflib_store)) == _comparable(queries.run(name, store))


@pytest.mark.parametrize("query", catalogue(), ids=lambda q: q.name)
def test_named_query_needs_no_transitive_path_inside_optional_or_group_by(query):
    """Servers differ there (Virtuoso 7 answers wrongly); the graph publishes the closures."""
    from kg.query.portable import unsafe_paths

    if re.search(r"^#\+\s*portable:\s*\S", query.text, re.M):
        return
    assert unsafe_paths(query.text) == []


def test_the_portability_check_catches_the_patterns_that_broke_on_virtuoso():
    from kg.query.portable import unsafe_paths

    old = ("SELECT ?p (GROUP_CONCAT(?l) AS ?pre) WHERE { ?p eucan:inFundingPeriod ?per . "
           "OPTIONAL { ?x eucan:succeededBy+ ?p . ?x rdfs:label ?l } } GROUP BY ?p")
    assert unsafe_paths(old) == ["eucan:succeededBy+ under GROUP BY, inside OPTIONAL"]
    counted = ("SELECT ?eco (COUNT(?eu) AS ?n) WHERE { ?eco a eucan:IndustrialEcosystem . "
               "OPTIONAL { ?eu eucan:activeInEcosystem ?eco ; "
               "a/rdfs:subClassOf* eucan:ClusterPartnership } } GROUP BY ?eco")
    assert unsafe_paths(counted) == ["rdfs:subClassOf* under GROUP BY, inside OPTIONAL"]
