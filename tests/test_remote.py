"""The remote path against two real SPARQL servers on 127.0.0.1: the Oxigraph server
(the ``oxigraph`` executable from PyPI) and Virtuoso 7 (Debian's
``virtuoso-opensource``, a private instance with its own database folder and
``virtuoso.ini`` bound to loopback, and the grant docs/servers.md documents).

The graph is uploaded with ``kg push`` — into the default graph of Oxigraph, into the
documented named graph on Virtuoso — and every named query must give the same answer
on each server as on the embedded store: values compared as RDF terms, numbers by
value, ``GROUP_CONCAT`` cells as sets (SPARQL leaves their order undefined).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest

from kg.cli import main
from kg.core.errors import EndpointError
from kg.query import catalogue as queries
from kg.store.remote import DEFAULT_GRAPH, RemoteStore
from kg.store.server import free_port, start_server, start_virtuoso, stop_process
from tests.answers import answer
from tests.tools import executable

pytestmark = pytest.mark.server


@dataclass
class Server:
    name: str
    query_url: str
    store_url: str
    graph: str | None

    def remote(self, **options) -> RemoteStore:
        return RemoteStore(self.query_url, graph=self.graph, timeout=60, **options)

    def push_args(self) -> list[str]:
        return ["push", "--endpoint", self.store_url] + (["--graph", self.graph]
                                                          if self.graph else [])


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    port = free_port()
    process = start_server(tmp_path_factory.mktemp("oxigraph"), port, read_only=False)
    yield Server("oxigraph", f"http://127.0.0.1:{port}/query",
                 f"http://127.0.0.1:{port}/store", None)
    stop_process(process)


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    executable("virtuoso-t", "virtuoso-opensource")
    running = start_virtuoso(tmp_path_factory.mktemp("virtuoso"), memory_mb=500)
    try:
        yield Server("virtuoso", running.query_url, running.store_url, DEFAULT_GRAPH)
    finally:
        running.stop()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request) -> Server:
    return request.getfixturevalue(f"{request.param}_server")


@pytest.fixture(scope="module")
def remote(server, store):
    assert main(server.push_args() + ["--chunk-size", "2000"]) == 0
    return server.remote()


def test_push_uploads_every_triple(remote, store):
    assert len(remote) == len(store)


@pytest.mark.parametrize("name", [q.name for q in queries.catalogue()])
def test_named_query_gives_the_same_answer_on_each_server(remote, store, name):
    assert answer(name, remote) == answer(name, store)


def test_parameters_bind_the_same_way_remotely(remote, store):
    for text in ("SUAVA", 'Canada" } UNION { ?resource ?p ?o } #'):
        assert (queries.run("resources-by-label", remote, text=text)
                == queries.run("resources-by-label", store, text=text))


def test_push_append_mode_adds_to_a_named_graph(remote, server, store):
    graph = "https://w3id.org/eucan/graph/test"
    assert main(["push", "--endpoint", server.store_url, "--graph", graph,
                 "--mode", "append"]) == 0
    rows = RemoteStore(server.query_url, graph=graph).select(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"].value) == len(store)


def test_http_error_gives_one_clear_line(server):
    base = server.query_url.rsplit("/", 1)[0]
    with pytest.raises(EndpointError, match=r"answered HTTP 404"):
        RemoteStore(f"{base}/nothing-here").ask("ASK { ?s ?p ?o }")


def test_a_query_error_shows_the_servers_own_first_line(remote):
    with pytest.raises(EndpointError) as caught:
        remote.select("SELECT ?x WHERE { ?x ?p }")
    message = str(caught.value)
    assert "answered HTTP 400: " in message and "\n" not in message
    assert len(message.split("HTTP 400: ", 1)[1]) > 5  # the server's own words follow


def test_non_sparql_answer_is_reported(server):
    base = server.query_url.rsplit("/", 1)[0]
    with pytest.raises(EndpointError):
        RemoteStore(f"{base}/").select("SELECT * WHERE { ?s ?p ?o }")


def test_dead_server_gives_one_line_and_exit_code_1(tmp_path, capsys):
    port = free_port()
    process = start_server(tmp_path, port, read_only=False)
    process.kill()
    process.wait()
    code = main(["query", "gic-budgets", "--endpoint", f"http://127.0.0.1:{port}/query"])
    # progress lines start with "·" (the first names the graph read); one error line
    err = [line for line in capsys.readouterr().err.strip().splitlines()
           if not line.startswith("·")]
    assert code == 1 and len(err) == 1
    assert "cannot reach the SPARQL endpoint" in err[0]


def test_kg_serve_answers_curl_and_sparqlwrapper_and_stops_on_ctrl_c():
    from SPARQLWrapper import JSON, SPARQLWrapper

    executable("curl", "curl")

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in first, process.stderr.read()[-2000:]
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
