"""Network projection, linkage paths, linkage report and network measures.

A small fixture network (tests/fixtures/network/mini.ttl) has known answers; the
paper's graph is checked against facts the paper states (cited per test).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.core.errors import NameResolutionError
from kg.network.analysis import MEASURES, analyse
from kg.network.export import network_bytes, write_network
from kg.network.linkages import COMPONENTS, linkages
from kg.network.paths import PathError, find_paths
from kg.network.projection import HUB_CLASSES, project
from kg.query.resolve import resolve
from kg.store.embedded import Store
from tests.tools import ONTOLOGY_PATH

FIXTURE = Path(__file__).parent / "fixtures" / "network" / "mini.ttl"
ID = "https://w3id.org/eucan/id/"
ALPHA, BETA = ID + "partnership/alpha", ID + "partnership/beta"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
XCEL, YONDER = ID + "cluster/xcel", ID + "cluster/yonder"
SUAVE = ID + "partnership/suave"
PIC = ID + "cluster/protein-industries-canada"


@pytest.fixture(scope="module")
def mini_store() -> Store:
    store = Store()
    store.load(ONTOLOGY_PATH)
    store.load(FIXTURE)
    return store


@pytest.fixture(scope="module")
def mini(mini_store):
    return project(mini_store)


@pytest.fixture(scope="module")
def paper(store):
    return project(store)


# -- projection -------------------------------------------------------------------------

def test_projection_keeps_entities_only_with_predicate_direction_and_citation(mini):
    assert ID + "source/box-9" not in mini  # source locators are hubs, left out
    assert set(mini.node(ALPHA)) == {"label", "cls", "types", "countries", "side", "citations"}
    assert mini.relations(ALPHA, ID + "ecosystem/agri-food") == [
        ("activeInEcosystem", "active in", ("Box 9",))]
    assert mini.relations(ID + "ecosystem/agri-food", ALPHA) == []  # direction kept
    graph = mini.networkx()  # the same, as networkx's MultiDiGraph keyed by predicate
    edge = graph.edges[ALPHA, ID + "ecosystem/agri-food", "activeInEcosystem"]
    assert edge["predicate"] == "https://w3id.org/eucan/ontology#activeInEcosystem"
    assert edge["citations"] == ("Box 9",)
    assert not graph.has_edge(ID + "ecosystem/agri-food", ALPHA)
    assert graph.edges[XCEL, ID + "country/canada", "jurisdiction"]["citations"] == ("Section 1.1",)


def test_projection_tells_the_two_sides_apart(mini):
    assert mini.node(ALPHA)["side"] == "EU"  # through France, a Member State
    assert mini.node(BETA)["side"] == "EU"
    assert mini.node(XCEL)["side"] == "Canada"
    assert mini.node(ID + "agreement/zeta")["side"] == "EU-Canada"
    assert "ClusterPartnership" in mini.node(ALPHA)["types"]  # ancestors for filters


def test_network_neighbours_follow_predicate_and_direction(mini):
    # mini.ttl: Alpha is active in agri-food; Xcel is under Canada's jurisdiction
    agri = ID + "ecosystem/agri-food"
    assert mini.successors(ALPHA, "activeInEcosystem") == {agri}
    assert ALPHA in mini.predecessors(agri, "activeInEcosystem")
    assert mini.predecessors(ALPHA, "activeInEcosystem") == set()  # the other direction
    assert mini.successors(ALPHA, "noSuchPredicate") == set()
    assert mini.successors(ID + "nowhere", "activeInEcosystem") == set()
    graph = mini.networkx()
    for node in mini:
        for key in mini.keys:
            assert mini.successors(node, key) == {
                v for _, v, k in graph.out_edges(node, keys=True) if k == key}
            assert mini.predecessors(node, key) == {
                u for u, _, k in graph.in_edges(node, keys=True) if k == key}


def test_network_state_round_trips_and_igraph_has_every_edge(mini):
    from kg.network.entity_network import EntityNetwork, as_networkx

    again = EntityNetwork.from_state(mini.state())
    assert list(again.nodes()) == list(mini.nodes())
    assert list(again.edges()) == list(mini.edges())
    g = mini.igraph()
    assert (g.vcount(), g.ecount()) == (len(mini), mini.number_of_edges())
    assert {(mini.iris[e.source], mini.iris[e.target]) for e in g.es} == {
        (u, v) for u, v, _ in mini.edges()}
    assert as_networkx(mini) is mini.networkx()  # made once, kept
    with pytest.raises(ValueError, match="not a saved entity network"):
        EntityNetwork.from_state({"iris": []})


def test_a_blank_node_entity_is_a_node_named_by_its_label(mini_store):
    import pyoxigraph as ox

    from kg.store.embedded import Store

    store = Store()
    store.add(mini_store.triples())
    anon, eucan = ox.BlankNode("anon1"), "https://w3id.org/eucan/ontology#"
    store.add([ox.Triple(anon, ox.NamedNode(RDFS_LABEL), ox.Literal("Anon")),
               ox.Triple(anon, ox.NamedNode(RDF_TYPE), ox.NamedNode(eucan + "ClusterOrganisation")),
               ox.Triple(anon, ox.NamedNode(PROV_FROM), ox.NamedNode(ID + "source/box-9")),
               ox.Triple(anon, ox.NamedNode(eucan + "basedIn"), ox.NamedNode(ID + "country/france"))])
    network = project(store)
    assert network.node("_:anon1")["label"] == "Anon"
    assert network.node("_:anon1")["side"] == "EU"  # based in France, a Member State
    assert network.iris == sorted(network.iris)


def test_projection_can_keep_only_chosen_predicates(mini_store):
    graph = project(mini_store, predicates=["activeInEcosystem"])
    assert {k for _, _, k in graph.edges()} == set(graph.keys) == {"activeInEcosystem"}


def test_paper_projection_leaves_out_hubs_and_observations(paper):
    classes = {c for _, d in paper.nodes() for c in d["types"]}
    assert not classes & set(HUB_CLASSES)
    # Five GICs (Table 1) and 39 ESCP-4i partnerships (Figure 24) are all nodes.
    kinds = [d["cls"] for _, d in paper.nodes()]
    assert kinds.count("GlobalInnovationCluster") == 5
    assert kinds.count("ESCP4iPartnership") == 39


def test_the_arrays_give_the_plain_projection_on_the_paper(store, mini_store):
    # the scale-tuned path (TSV cells into arrays) against its meaning, the plain algorithm
    # (kg.network.reference); the paper's graph is above both size thresholds
    from dataclasses import fields

    import numpy as np

    from kg.network.projection import ARRAYS_FROM
    from kg.network.reference import as_network, plain_projection, plain_undirected

    assert len(store) >= ARRAYS_FROM and store._large()
    fast, plain = project(store, arrays=True), plain_projection(store)
    for field in fields(fast):
        mine, meant = getattr(fast, field.name), getattr(as_network(plain), field.name)
        assert np.array_equal(mine, meant) if isinstance(mine, np.ndarray) else mine == meant
    assert nx.utils.graphs_equal(fast.undirected(), plain_undirected(plain))
    # below the thresholds, project() is the plain algorithm itself
    assert len(mini_store) < ARRAYS_FROM and not mini_store._large()
    small = project(mini_store)
    assert list(small.nodes()) == list(plain_projection(mini_store).nodes(data=True))
    assert list(small.edges()) == list(project(mini_store, arrays=True).edges())


def test_projection_is_the_same_on_both_engines(records, paper):
    from kg.store.open import build_graph

    other = project(build_graph(records, engine="rdflib"))
    assert list(other.nodes()) == list(paper.nodes())
    assert list(other.edges()) == list(paper.edges())


# -- paths on the fixture ----------------------------------------------------------------

def test_shortest_paths_rank_the_specific_link_first(mini):
    paths = find_paths(mini, ALPHA, XCEL)
    assert [p.chain() for p in paths] == [
        "Alpha -[active in]-> Agri-food <-[active in]- Xcel",
        "Alpha -[targets market]-> Canada <-[jurisdiction]- Xcel",
        "Alpha -[targets market]-> Canada <-[party]- Zeta -[concerns]-> Xcel",
        "Alpha -[participant country]-> France -[member state of]-> European Union "
        "<-[party]- Zeta -[concerns]-> Xcel",
    ]
    assert [p.hops for p in paths] == [2, 2, 3, 4]


def test_k_and_max_hops_limit_the_paths(mini):
    assert len(find_paths(mini, ALPHA, XCEL, k=1)) == 1
    assert {p.hops for p in find_paths(mini, ALPHA, XCEL, max_hops=2)} == {2}


def test_via_a_node_type_keeps_only_paths_through_it(mini):
    paths = find_paths(mini, ALPHA, XCEL, via=["IndustrialEcosystem"])
    assert [p.labels for p in paths] == [("Alpha", "Agri-food", "Xcel")]


def test_avoid_an_edge_type_by_its_label(mini):
    paths = find_paths(mini, ALPHA, XCEL, avoid=["active in"])
    assert all("Agri-food" not in p.labels for p in paths)
    assert paths[0].labels == ("Alpha", "Canada", "Xcel")


def test_why_cites_each_step(mini):
    path = find_paths(mini, ALPHA, XCEL, k=1)[0]
    assert path.why() == ["Alpha -[active in]-> Agri-food: Box 9",
                          "Agri-food <-[active in]- Xcel: Section 1.1"]
    assert path.as_dict()["steps"][1]["relations"][0]["direction"] == "backward"


def test_impossible_constraints_are_clear_errors(mini):
    with pytest.raises(PathError, match="no path between Alpha and Yonder within 4 hops --via"):
        find_paths(mini, ALPHA, YONDER, via=["IndustrialEcosystem"])
    with pytest.raises(PathError, match="unknown edge or node type 'Ecosystm'.*did you mean"):
        find_paths(mini, ALPHA, XCEL, via=["Ecosystm"])
    with pytest.raises(PathError, match="same resource"):
        find_paths(mini, ALPHA, ALPHA)
    with pytest.raises(PathError, match="at least 1"):
        find_paths(mini, ALPHA, XCEL, max_hops=0)


def test_names_resolve_by_label_alt_label_slug_and_iri(mini_store):
    assert resolve(mini_store, "xcel") == XCEL
    assert resolve(mini_store, "ALPHA") == ALPHA
    assert resolve(mini_store, "yonder") == YONDER
    assert resolve(mini_store, XCEL) == XCEL
    with pytest.raises(NameResolutionError, match="'Twin' is ambiguous: it names Alpha.*Beta"):
        resolve(mini_store, "Twin")
    with pytest.raises(NameResolutionError, match="did you mean: Xcel"):
        resolve(mini_store, "Xcell")


# -- linkages on the fixture ---------------------------------------------------------------

def test_linkage_ranks_the_pair_sharing_an_ecosystem_first(mini_store, mini):
    report = linkages(mini_store, mini)
    top = report.pairs[0]
    assert (top["eu_actor"], top["gic"]) == ("Alpha", "Xcel")
    assert {c: top[c] for c in COMPONENTS} == {
        "ecosystems": 3, "eccp": 0, "target": 2, "reciprocity": 0, "partners": 0, "framing": 1}
    assert top["score"] == 6 and not top["gap"]
    assert "Zeta concerns Xcel (+1)" in top["reasons"]
    assert [p["gap"] for p in report.pairs] == [False, True, True, True]


def test_linkage_gaps_name_the_one_sided_ecosystems(mini_store, mini):
    gaps = {g["ecosystem"]: g["status"] for g in linkages(mini_store, mini).gaps}
    assert gaps == {"Aerospace": "Canadian side only", "Agri-food": "both sides",
                    "Digital": "EU side only"}


# -- the paper's graph -------------------------------------------------------------------

def test_suave_meets_protein_industries_canada_in_agri_food(paper):
    # Box 5: SUAVE is an agri-food Eurocluster targeting Canada; Table 1: Protein
    # Industries Canada is the agri-food GIC.
    best = find_paths(paper, SUAVE, PIC, via=["IndustrialEcosystem"])[0]
    assert best.labels == ("SUAVE", "Agri-Food", "Protein Industries Canada")
    assert "Box 5" in best.steps[0].citations()
    assert "Table 1" in best.steps[1].citations()


def test_paths_on_the_paper_graph_are_deterministic(paper, store):
    again = project(store)
    first = [p.as_dict() for p in find_paths(paper, SUAVE, PIC, k=8)]
    assert first == [p.as_dict() for p in find_paths(again, SUAVE, PIC, k=8)]
    assert len(first) == 8


def test_linkage_top_pair_and_gaps_on_the_paper(store, paper):
    report = linkages(store, paper)
    top = report.pairs[0]
    # Box 5: DESIRE works in digital and health; Table 1: the Digital Supercluster too.
    assert (top["eu_actor"], top["gic"]) == ("DESIRE", "Digital Supercluster")
    assert top["shared_ecosystems"] == ["Digital", "Health"]
    # Section 4.2: 23% of ECCP cluster organisations targeting Canada are in Digital.
    assert any("23% of ECCP" in r for r in top["reasons"])
    # 8 Euroclusters (Box 5) + 39 ESCP-4i partnerships (Figure 24) x 5 GICs.
    assert len(report.pairs) == 47 * 5
    gaps = {g["ecosystem"]: g for g in report.gaps}
    # Section 4.2: aerospace is the second ecosystem of ECCP interest in Canada (15%), yet
    # no GIC covers it (Table 1).
    assert gaps["Aerospace and Defence"]["status"] == "EU side only"
    assert gaps["Aerospace and Defence"]["eccp_share_targeting_canada"] == 15.0
    assert gaps["Agri-Food"]["gics"] == ["Protein Industries Canada"]
    assert report.as_dict() == linkages(store, project(store)).as_dict()


def test_analysis_finds_the_brokers_and_is_repeatable(paper):
    result = analyse(paper)
    rows = {r["label"]: r for r in result.nodes}
    assert rows["European Union"]["articulation_point"] and rows["Canada"]["articulation_point"]
    brokers = sorted(result.nodes, key=lambda r: -r["brokerage"])[:2]
    assert {b["label"] for b in brokers} == {"Canada", "European Union"}
    assert result.betweenness_method == "exact"
    assert sum(c["size"] for c in result.components) == paper.number_of_nodes()
    assert analyse(paper).as_dict() == result.as_dict()


def test_sampled_betweenness_says_so(mini):
    sampled = analyse(mini, sample=3, seed=7)
    assert sampled.betweenness_method == "sampled with igraph (k=3 pivots, seed=7)"
    assert analyse(mini, sample=3, seed=7).as_dict() == sampled.as_dict()


def test_igraph_betweenness_with_every_node_as_pivot_equals_networkx(paper):
    exact = {r["iri"]: (r["betweenness"], r["brokerage"]) for r in analyse(paper).nodes}
    every = analyse(paper, sample=paper.number_of_nodes()).nodes
    assert {r["iri"]: (r["betweenness"], r["brokerage"]) for r in every} == exact


def test_sampled_betweenness_estimates_the_exact_ranking(paper):
    exact = {r["iri"]: r["betweenness"] for r in analyse(paper).nodes}
    estimate = {r["iri"]: r["betweenness"] for r in analyse(paper, sample=150).nodes}
    top = sorted(exact, key=exact.get, reverse=True)[:2]
    assert set(sorted(estimate, key=estimate.get, reverse=True)[:2]) == set(top)
    assert estimate[top[0]] == pytest.approx(exact[top[0]], rel=0.35)


def test_igraph_structure_of_large_networks_agrees_with_networkx(paper):
    # above EXACT_BETWEENNESS_MAX nodes articulation points, bridges and communities come
    # from igraph: the exact ones are the same sets, the communities as good a partition
    from kg.network.analysis import _igraph, _structure_igraph

    simple = paper.undirected()
    articulation, communities, bridges = _structure_igraph(simple, _igraph(simple), 42)
    assert articulation == set(nx.articulation_points(simple))
    assert {frozenset(b) for b in bridges} == {frozenset(b) for b in nx.bridges(simple)}
    assert sorted(map(sorted, communities)) == sorted(
        map(sorted, _structure_igraph(simple, _igraph(simple), 42)[1]))  # repeatable
    ours = nx.community.modularity(simple, communities)
    assert ours >= 0.95 * nx.community.modularity(
        simple, nx.community.louvain_communities(simple, seed=42))


def test_every_measure_has_a_policy_sentence():
    assert set(MEASURES) == {"degree", "betweenness", "brokerage", "articulation", "bridges",
                             "communities", "components"}
    assert all(text.endswith(".") and len(text.split(". ")) == 1 for text in MEASURES.values())


# -- exports -----------------------------------------------------------------------------

def test_graphml_and_gexf_round_trip_with_attributes(paper, tmp_path):
    path = write_network(paper, tmp_path / "n.graphml")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == paper.number_of_nodes()
    assert back.number_of_edges() == paper.number_of_edges()
    by_iri = {data["iri"]: data for _, data in back.nodes(data=True)}
    assert by_iri[PIC]["label"] == "Protein Industries Canada"
    assert by_iri[PIC]["cls"] == "GlobalInnovationCluster"
    assert by_iri[SUAVE]["countries"] == "European Union; France; Hungary; Lithuania; " \
                                         "Poland; Spain"
    edge_ids = [key for _, _, key in back.edges(keys=True)]
    assert len(set(edge_ids)) == len(edge_ids) == paper.number_of_edges()
    gexf = nx.read_gexf(write_network(paper, tmp_path / "n.gexf"))
    assert gexf.number_of_nodes() == paper.number_of_nodes()
    assert network_bytes(paper, "gexf") == network_bytes(paper.networkx().copy(), "gexf")


def test_gexf_opens_coloured_by_side_and_laid_out(paper):
    """Colours and positions as the GEXF 1.2draft XSD declares them (read by local name,
    as Gephi does)."""
    import xml.etree.ElementTree as ET

    ns = "{http://www.gexf.net/1.2draft}"
    root = ET.fromstring(network_bytes(paper, "gexf"))
    nodes = root.iter(f"{ns}node")
    by_iri = {}
    for node in nodes:
        iri = next(v.get("value") for v in node.iter(f"{ns}attvalue")
                   if v.get("value", "").startswith("https://w3id.org/eucan/id/"))
        by_iri[iri] = node
    colour = by_iri[PIC].find(f"{ns}color")
    assert (colour.get("r"), colour.get("g"), colour.get("b")) == ("213", "43", "30")  # Canada
    positions = {(n.find(f"{ns}position").get("x"), n.find(f"{ns}position").get("y"))
                 for n in by_iri.values()}
    assert len(positions) == len(by_iri) == paper.number_of_nodes()


# -- command line ------------------------------------------------------------------------

def test_cli_paths_prints_chains_and_citations(capsys):
    assert main(["paths", "suava", "protein industries canada", "--k", "2", "--why"]) == 0
    out = capsys.readouterr().out
    assert "1. (2 hops) SUAVE -[active in]-> Agri-Food <-[active in]- Protein Industries " \
           "Canada" in out
    assert "Box 5" in out


def test_cli_paths_json_and_csv(capsys):
    assert main(["paths", "SUAVE", "scale-ai", "--format", "json", "--k", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["rank"] for d in data] == [1, 2, 3]
    assert data[0]["nodes"][0]["label"] == "SUAVE"
    assert main(["paths", "SUAVE", "scale-ai", "--format", "csv", "--k", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "rank,hops,chain,citations"


def test_cli_unknown_name_is_one_line_with_candidates(capsys):
    assert main(["paths", "SUAVEE", "Scale AI"]) == 1
    lines = [x for x in capsys.readouterr().err.splitlines() if not x.startswith("·")]
    assert len(lines) == 1 and "did you mean: SUAVE" in lines[0]


def test_cli_linkages_and_analyse(capsys, tmp_path):
    assert main(["linkages", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "DESIRE" in out and "Ecosystem gaps" in out and "EU side only" in out
    assert main(["linkages", "--format", "csv", "--gaps"]) == 0
    assert capsys.readouterr().out.startswith("ecosystem,status,eu_actors,gics")
    assert main(["analyse", "--measure", "brokerage", "--top", "3", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert MEASURES["brokerage"] in " ".join(out.split()) and "Canada" in out
    assert (tmp_path / "analysis-nodes.csv").read_text().startswith("iri,label,class,side")
    assert json.loads((tmp_path / "analysis.json").read_text())["betweenness_method"] == "exact"


def test_engine_written_rows_give_the_same_values_as_term_objects(store):
    # The projection reads rows as strings the engine writes (TSV); they must equal the
    # terms' values, escapes included (Québec's accent, quotes inside a label).
    from kg.core.resources import internal_query
    from kg.core.terms import term_value

    for name in ("network-nodes", "citations", "entity-countries", "network-edges",
                 "place-links", "country-sides"):
        query = internal_query(name)
        fast = sorted(map(tuple, store.select_values(query)))
        slow = sorted(tuple(term_value(t) for t in row.values())
                      for row in store.iter_select(query))
        assert fast == slow, name
    labels = {v[1] for v in store.select_values(internal_query("network-nodes"))}
    assert "Québec" in labels


def test_countries_from_place_links_are_those_entity_countries_rq_finds():
    # kg.network.countries follows each place's chain once; entity-countries.rq is the
    # meaning. A made-up graph with every branch: a chain of places, a cycle, a blank-node
    # place, a party with a seat, a participant, a country without a label, a country itself.
    from kg.core.resources import internal_query
    from kg.network.countries import entity_countries

    store = Store()
    store.load(ONTOLOGY_PATH)
    turtle = """
    @prefix eucan: <https://w3id.org/eucan/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix c: <https://w3id.org/eucan/id/country/> .
    @prefix x: <https://example.org/> .
    c:canada a eucan:Country ; rdfs:label "Canada"@en .
    c:european-union a eucan:SupranationalUnion ; rdfs:label "European Union"@en, "EU" .
    c:spain a eucan:Country ; rdfs:label "Spain"@en ; eucan:memberStateOf c:european-union .
    c:nowhere a eucan:Country .
    x:regina eucan:locatedIn x:saskatchewan . x:saskatchewan eucan:locatedIn c:canada .
    x:loop1 eucan:locatedIn x:loop2 . x:loop2 eucan:locatedIn x:loop1, c:spain .
    _:somewhere eucan:locatedIn c:spain .
    x:pic eucan:headquarteredIn x:regina .
    x:cluster eucan:basedIn _:somewhere ; eucan:participantCountry c:nowhere .
    x:loopy eucan:heldIn x:loop1 .
    x:deal eucan:party x:pic, x:spanish-body ; eucan:jurisdiction c:european-union .
    x:spanish-body eucan:jurisdiction x:loop2 .
    x:meeting eucan:participant x:cluster, c:canada .
    x:region eucan:locatedIn x:saskatchewan .
    """
    store.add_ntriples(b"".join(
        ox.serialize(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE),
                     format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)))
    expected: dict[str, set[tuple[str, str]]] = {}
    for s, _country, label, side in store.select_many([internal_query("entity-countries")])[0]:
        expected.setdefault(s, set()).add((label, side))
    links, countries = store.select_many([internal_query("place-links"),
                                          internal_query("country-sides")])
    found = entity_countries(links, countries)
    assert set(found) == set(expected)
    for entity, pairs in expected.items():
        assert found[entity] == ({label for label, _ in pairs}, {side for _, side in pairs})
    assert len(expected) >= 12 and '"Canada"@en' in found["<https://example.org/meeting>"][0]
