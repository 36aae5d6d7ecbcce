"""The remote path against a real Oxigraph SPARQL server on 127.0.0.1.

The server is the ``oxigraph`` executable from PyPI (a test dependency); the
graph is uploaded with ``kg push`` and every named query must give the same
answer on the server as on the embedded store.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from kg.cli import main
from kg.core.errors import EndpointError
from kg.query import catalogue as queries
from kg.store.remote import RemoteStore
from kg.store.server import free_port, start_server

pytestmark = pytest.mark.server



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    process = start_server(tmp_path_factory.mktemp("oxigraph"), port, read_only=False)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def remote(server, store):
    assert main(["push", "--endpoint", f"{server}/store", "--chunk-size", "2000"]) == 0
    return RemoteStore(f"{server}/query", timeout=20)


def test_push_uploads_every_triple(remote, store):
    assert len(remote) == len(store)


@pytest.mark.parametrize("name", [q.name for q in queries.catalogue()])
def test_named_query_gives_the_same_answer_remotely(remote, store, name):
    # GROUP_CONCAT leaves the order of the joined values to the engine: compare them as sets.
    def normal(rows):
        return [{k: sorted(v.split("; ")) if isinstance(v, str) and "; " in v else v
                 for k, v in row.items()} for row in rows]

    assert normal(queries.run(name, remote)) == normal(queries.run(name, store))


def test_parameters_bind_the_same_way_remotely(remote, store):
    for text in ("SUAVA", 'Canada" } UNION { ?resource ?p ?o } #'):
        assert (queries.run("resources-by-label", remote, text=text)
                == queries.run("resources-by-label", store, text=text))


def test_push_append_mode_adds_to_a_named_graph(server, store):
    graph = "https://w3id.org/eucan/graph/test"
    assert main(["push", "--endpoint", f"{server}/store", "--graph", graph,
                 "--mode", "append"]) == 0
    rows = RemoteStore(f"{server}/query").select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0]["n"].value) == len(store)


def test_http_error_gives_one_clear_line(server):
    with pytest.raises(EndpointError, match="HTTP 404|refused the query"):
        RemoteStore(f"{server}/nothing-here").ask("ASK { ?s ?p ?o }")


def test_non_sparql_answer_is_reported(server):
    with pytest.raises(EndpointError):
        RemoteStore(f"{server}/").select("SELECT * WHERE { ?s ?p ?o }")


def test_dead_server_gives_one_line_and_exit_code_1(tmp_path, capsys):
    port = free_port()
    process = start_server(tmp_path, port, read_only=False)
    process.kill()
    process.wait()
    code = main(["query", "gic-budgets", "--endpoint", f"http://127.0.0.1:{port}/query"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1
    assert "cannot reach the SPARQL endpoint" in err[0]


def test_kg_serve_answers_curl_and_sparqlwrapper_and_stops_on_ctrl_c():
    from SPARQLWrapper import JSON, SPARQLWrapper

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in first
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?g a <https://w3id.org/eucan/ontology#GlobalInnovationCluster> }"
        curl = subprocess.run(["curl", "-s", "-H", "Accept: application/sparql-results+json",
                               f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": query})],
                              capture_output=True, text=True, timeout=20)
        assert json.loads(curl.stdout)["results"]["bindings"][0]["n"]["value"] == "5"
        wrapper = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
        wrapper.setQuery(query)
        wrapper.setReturnFormat(JSON)
        assert wrapper.query().convert()["results"]["bindings"][0]["n"]["value"] == "5"
        # The served dataset describes itself, naming this endpoint (VoID).
        wrapper.setQuery("SELECT ?e WHERE { ?d <http://rdfs.org/ns/void#sparqlEndpoint> ?e }")
        endpoint = wrapper.query().convert()["results"]["bindings"][0]["e"]["value"]
        assert endpoint == f"http://127.0.0.1:{port}/query"
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
        assert "<html" in page.lower()
        update = urllib.request.Request(f"http://127.0.0.1:{port}/update",
                                        data=b"CLEAR ALL", method="POST",
                                        headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=10)
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
