"""The projection at scale: the same network as the plain algorithm (arrays, their
networkx forms and the paths on them), saved beside an on-disk store and read back only
for the content it was made from.

Paths use the paper's SUAVE Eurocluster (Box 5, Section 3.1) and Protein Industries Canada
(Table 1), both active in the agri-food ecosystem.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import urllib.request
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.core.resources import internal_query as internal
from kg.core.terms import cell_value, term_cells
from kg.network.entity_network import EntityNetwork
from kg.network.paths import find_paths
from kg.network.projection import project
from kg.network.reference import plain_projection, plain_undirected
from kg.network.saved import PROJECTION_FILE, projection_of, read_projection
from kg.scale.synth import synthesise
from kg.store.embedded import CONTENT_FILE, CONTENT_NTRIPLES, Store
from kg.store.open import (
    build_graph,
    content_record,
    open_disk_store,
    recorded_ntriples,
    write_disk_store,
)
from kg.store.remote import RemoteStore
from tests.tools import kg_serve

ID = "https://w3id.org/eucan/id/"
SUAVE, PIC = ID + "partnership/suave", ID + "cluster/protein-industries-canada"


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory) -> Store:
    """The paper's graph and about 100,000 synthetic triples."""
    path = tmp_path_factory.mktemp("synth") / "synth.nt"
    synthesise(path, scale=0.07, seed=3)
    store = build_graph()
    store.load(path)
    return store


def _same(network: EntityNetwork, plain: nx.MultiDiGraph) -> None:
    """The network, its networkx form and its undirected view are those of ``plain``."""
    graph = network.networkx()
    assert list(graph.nodes(data=True)) == list(plain.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))
    assert list(network.nodes()) == list(plain.nodes(data=True))
    simple, expected = network.undirected(), plain_undirected(plain)
    assert nx.utils.graphs_equal(simple, expected)  # nodes, edges and all their data
    # neighbours in the same order too: path finding breaks ties by it
    assert [list(simple.adj[n]) for n in simple] == [list(expected.adj[n]) for n in expected]
    for u, v, data in plain.edges(data=True):  # what a path step shows
        assert (data["label"], data["citations"]) in [
            (label, cites) for _, label, cites in network.relations(u, v)]


def _plain_paths(plain: nx.MultiDiGraph, source: str, target: str) -> list[list[str]]:
    """The shortest simple paths in the plain undirected view, straight from networkx."""
    found = nx.all_shortest_paths(plain_undirected(plain), source, target)
    return sorted(found)


def test_projection_equals_the_plain_algorithm_on_the_paper(store):
    _same(project(store, arrays=True), plain_projection(store))


def test_projection_equals_the_plain_algorithm_on_100k_synthetic_triples(synthetic_store):
    fast, plain = project(synthetic_store, arrays=True), plain_projection(synthetic_store)
    assert fast.number_of_nodes() > 10_000
    _same(fast, plain)
    shortest = _plain_paths(plain, SUAVE, PIC)
    found = find_paths(fast, SUAVE, PIC, k=len(shortest), hubs=False)
    assert sorted(list(p.nodes) for p in found if p.hops == len(shortest[0]) - 1) == shortest


@pytest.mark.parametrize("name", ["network-nodes", "network-edges", "citations",
                                  "entity-countries", "place-links", "country-sides"])
def test_term_objects_give_the_cells_the_engine_writes(store, name):
    # rdflib and remote stores give term objects, turned into cells (kg.core.terms.term_cells)
    # for the projection: the same values as Oxigraph's own TSV
    def values(rows):
        return sorted(tuple(cell_value(c) for c in row) for row in rows)

    (engine,) = store.select_many([internal(name)])
    assert values(term_cells(store.iter_select(internal(name)))) == values(engine)


@pytest.fixture()
def disk(tmp_path, store) -> Path:
    folder = tmp_path / "store"
    write_disk_store(store, folder)
    return folder


def test_saved_projection_is_read_back_equal_with_the_same_paths(disk, store):
    first = projection_of(open_disk_store(disk))
    assert (disk / PROJECTION_FILE).is_file()
    record = content_record(disk)
    again = read_projection(disk, record["sha256"])
    assert again is not None and again is not first
    _same(again, project(store).networkx())
    # the undirected view comes back with it, equal to one made from the arrays again
    view = again.undirected()
    assert nx.utils.graphs_equal(view, EntityNetwork.from_state(again.state()).undirected())
    assert view.edges[SUAVE, ID + "ecosystem/agri-food"]["keys"] == {"activeInEcosystem"}
    assert ([p.chain() for p in find_paths(again, SUAVE, PIC)]
            == [p.chain() for p in find_paths(first, SUAVE, PIC)])


def test_a_change_through_the_store_retires_the_saved_projection(disk):
    opened = open_disk_store(disk)
    projection_of(opened)
    new = ID + "cluster/new-cluster"
    opened.update("""INSERT DATA {
        <https://w3id.org/eucan/id/cluster/new-cluster>
            a <https://w3id.org/eucan/ontology#ClusterOrganisation> ;
            <http://www.w3.org/2000/01/rdf-schema#label> "New" ;
            <http://www.w3.org/ns/prov#wasDerivedFrom> <https://w3id.org/eucan/id/source/section-3-1> .
    }""")
    assert not (disk / CONTENT_FILE).exists() and content_record(disk) is None
    assert not (disk / CONTENT_NTRIPLES).exists() and recorded_ntriples(disk) is None
    assert new in projection_of(opened)  # projected again, not read from the old file


def _payload(marker: Path) -> bytes:
    """The pickle of the hardening issue: STACK_GLOBAL('networkx.classes.graph',
    'Graph.__init__.__builtins__.get') fetches the builtin ``get``, which gives ``exec``;
    the program it runs writes ``marker``."""
    program = f"open({str(marker)!r}, 'w').write('ran')"
    return b"".join([
        pickle.PROTO + b"\x04",
        pickle.SHORT_BINUNICODE + bytes([len(b"networkx.classes.graph")]) + b"networkx.classes.graph",
        pickle.SHORT_BINUNICODE + bytes([len(b"Graph.__init__.__builtins__.get")])
        + b"Graph.__init__.__builtins__.get",
        pickle.STACK_GLOBAL,
        pickle.SHORT_BINUNICODE + b"\x04exec", pickle.TUPLE1, pickle.REDUCE,
        pickle.BINUNICODE + len(program.encode()).to_bytes(4, "little") + program.encode(),
        pickle.TUPLE1, pickle.REDUCE, pickle.STOP])


def test_the_payload_runs_when_unpickled_so_the_test_below_means_something(tmp_path):
    marker = tmp_path / "ran"
    pickle.loads(_payload(marker))
    assert marker.read_text() == "ran"


@pytest.mark.parametrize("name", [PROJECTION_FILE, "projection.pickle"])
def test_a_planted_pickle_never_runs_in_any_command(disk, tmp_path, name):
    projection_of(open_disk_store(disk))
    marker = tmp_path / "ran"
    sha = content_record(disk)["sha256"]
    header = f'{{"code": "x", "content": "{sha}", "format": 3}}\n'.encode()
    (disk / PROJECTION_FILE).unlink()
    (disk / name).write_bytes(header + _payload(marker))
    assert read_projection(disk, sha) is None
    for command in (["paths", "--store", str(disk), "SUAVE", "Scale AI"],
                    ["linkages", "--store", str(disk), "--top", "1"],
                    ["analyse", "--store", str(disk), "--measure", "degree", "--top", "1"]):
        result = subprocess.run([sys.executable, "-m", "kg", *command], capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert not marker.exists(), command
    assert not (disk / "projection.pickle").exists()  # a fresh projection replaced it
    assert read_projection(disk, sha) is not None


def test_a_saved_projection_that_is_not_plain_arrays_is_not_read(disk):
    import io

    import numpy as np

    projection_of(open_disk_store(disk))
    sha = content_record(disk)["sha256"]
    path = disk / PROJECTION_FILE
    good = path.read_bytes()
    assert read_projection(disk, "0" * 64) is None  # other content
    with np.load(path) as saved:
        arrays = {name: saved[name] for name in saved.files}
    for name, value in (("columns", np.array([{"iris": []}], dtype=object)),  # a pickle
                        ("adj_idx", arrays["adj_idx"] + 10**9),            # out of range
                        ("adj_edge", arrays["adj_edge"] * -1 - 1),         # negative
                        ("source", arrays["source"].astype(float))):       # not integers
        buffer = io.BytesIO()
        np.savez(buffer, **{**arrays, name: value})
        path.write_bytes(buffer.getvalue())
        assert read_projection(disk, sha) is None, name
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # compressed members could inflate without bound
    path.write_bytes(buffer.getvalue())
    assert read_projection(disk, sha) is None
    path.write_bytes(good)
    assert read_projection(disk, sha) is not None
    assert SUAVE in projection_of(open_disk_store(disk))


def test_build_store_takes_extra_rdf_files(tmp_path, capsys):
    extra = tmp_path / "extra.nt"
    extra.write_text(f'<{ID}cluster/extra> <http://www.w3.org/2000/01/rdf-schema#label> '
                     '"Extra" .\n', encoding="utf-8")
    folder = tmp_path / "db"
    assert main(["build", "--out", str(tmp_path / "out"), "--store", str(folder),
                 "--add", str(extra)]) == 0
    assert "projection" in capsys.readouterr().out
    assert open_disk_store(folder).ask('ASK { ?s ?p "Extra" }',
                                       {"s": ox.NamedNode(ID + "cluster/extra")})


def test_build_store_refuses_a_broken_extra_file_and_keeps_the_old_store(tmp_path, capsys):
    folder = tmp_path / "db"
    assert main(["build", "--out", str(tmp_path / "out"), "--store", str(folder)]) == 0
    before = sorted(p.name for p in folder.iterdir())
    bad = tmp_path / "bad.nt"
    bad.write_text('<a:b> <c:d> "fine" .\n<a:b> <c:d> broken .\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--out", str(tmp_path / "out"), "--store", str(folder),
                 "--add", str(bad)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines()
           if line and not line.startswith("·")]  # progress lines start with a dot
    assert len(err) == 1 and "line 2" in err[0] and str(bad) in err[0] and "Traceback" not in err[0]
    assert sorted(p.name for p in folder.iterdir()) == before
    assert main(["build", "--out", str(tmp_path / "out"), "--add", str(bad)]) == 1
    assert "--store" in capsys.readouterr().err


def test_recorded_content_makes_the_same_in_memory_copy_as_the_on_disk_store(disk, store):
    recorded = recorded_ntriples(disk)
    assert recorded == store.serialize("ntriples")
    opened = open_disk_store(disk)
    copy = opened.in_memory_copy(recorded)
    assert copy.path is None and copy.serialize("ntriples") == opened.in_memory_copy(
        ).serialize("ntriples") == recorded
    (disk / CONTENT_NTRIPLES).write_bytes(recorded.replace(b"SUAVE", b"SUAVA"))
    assert recorded_ntriples(disk) is None  # not the recorded content: not used


@pytest.mark.server
def test_serve_store_answers_from_memory_and_leaves_the_store_to_other_commands(disk):
    with kg_serve("--store", str(disk)) as (base, process):
        # SUAVE's label (Box 5) from the served copy, over the SPARQL protocol
        remote = RemoteStore(f"{base}/query", timeout=30)
        assert remote.ask('ASK { ?s ?p "SUAVE" }', {"s": ox.NamedNode(SUAVE)})
        # the copy carries the VoID description naming its endpoint; the store does not
        assert remote.ask("ASK { ?d <http://rdfs.org/ns/void#sparqlEndpoint> ?e }",
                          {"e": ox.NamedNode(f"{base}/query")})
        # the on-disk store is not held while the copy is served
        run = subprocess.run([sys.executable, "-m", "kg", "paths", "SUAVE",
                              "Protein Industries Canada", "--store", str(disk)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0 and "Agri-Food" in run.stdout, run.stderr
    errors = process.stderr.read()
    assert "copying the store into memory" in errors and "answering from memory" in errors
    assert content_record(disk) is not None  # the store itself was left as it was


@pytest.mark.server
def test_serve_store_on_disk_answers_from_the_store_it_holds(disk):
    with kg_serve("--store", str(disk), "--on-disk") as (base, process):
        with urllib.request.urlopen(f"{base}/search?q=SUAVE", timeout=30) as answer:
            assert "SUAVE" in answer.read().decode("utf-8")
        run = subprocess.run([sys.executable, "-m", "kg", "linkages", "--store", str(disk)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 1 and "in use by another kg command" in run.stderr
    assert "answering from the on-disk store (as asked)" in process.stderr.read()
