"""``kg serve`` attacked as a hostile page, visitor or neighbour would: the endpoint never
fetches from another host, no query freezes the site or grows it without bound, no other
site can post to it or reach it under its own name, and every failure is one line.

The graph's facts used here come from the paper: the five Global Innovation Clusters
(Section 3.3, Table 1) and the SUAVE Eurocluster (Box 5).
"""

from __future__ import annotations

import http.client
import http.server
import logging
import os
import signal
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kg.core.errors import QueryLimitError
from kg.scale.load import load_test
from kg.serve.app import create_app
from kg.store.sandbox import Limits, QuerySandbox
from tests.tools import kg_serve

#: A query no graph of this size answers in seconds: a four-way Cartesian product.
# Heavy in time, flat in memory: a Cartesian COUNT of two triple patterns streams its
# 6.7 billion pairs (a four-way one materialises its parts and met the 256 MiB limit in
# 0.4 s once the graph grew to 82,000 triples, before the time limit this test is about).
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
GICS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a eucan:GlobalInnovationCluster }"


@contextmanager
def listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records every request it gets (the host a
    SERVICE clause would make the endpoint fetch from)."""
    seen: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen.append(f"GET {self.path}")
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def app(store):
    app = create_app(store, limits=Limits(timeout=2, memory=256 << 20), cache_bytes=1 << 20)
    yield app
    app.state.kg.sandbox.close()


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


# -- SERVICE: never a request on a visitor's behalf ------------------------------------

def _service_queries(target: str) -> list[str]:
    return [f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"select * {{ service silent <{target}> {{ ?s ?p ?o }} }}",
            f"SELECT * {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"PREFIX x: <{target.rsplit('/', 1)[0]}/> SELECT * {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
            "SELECT * { BIND(<" + target + "> AS ?e) SERVICE ?e { ?s ?p ?o } }"]


def test_service_is_refused_on_every_way_in_and_nothing_is_fetched(client):
    with listener() as (target, seen):
        for query in _service_queries(target):
            answers = [
                client.get("/sparql", params={"query": query}),
                client.post("/query", data={"query": query}),
                client.post("/sparql", content=query.encode(),
                            headers={"Content-Type": "application/sparql-query"}),
            ]
            for answer in answers:
                assert answer.status_code == 403, (query, answer.text)
                assert answer.text.count("\n") == 1 and "SERVICE" in answer.text
            page = client.post("/queries/run", data={"query": query})
            assert page.status_code == 200 and "is refused" in page.text
        assert seen == []


def test_the_sandbox_cannot_reach_a_host_even_when_the_text_check_is_bypassed(store):
    sandbox = QuerySandbox(store, Limits(timeout=5))
    try:
        with listener() as (target, seen):
            with pytest.raises(Exception) as refused:
                sandbox.answer(f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                               "application/sparql-results+json")
            assert seen == [], refused.value
    finally:
        sandbox.close()


def test_an_allowed_service_host_is_reached(store):
    with listener() as (target, seen):
        app = create_app(store, allow_service=["127.0.0.1"], limits=Limits(timeout=5))
        try:
            with TestClient(app, base_url="http://127.0.0.1") as client:
                client.get("/sparql", params={"query": _service_queries(target)[0]})
            assert seen, "the allowed host was not asked"
        finally:
            app.state.kg.sandbox.close()


# -- bounded queries ---------------------------------------------------------------------

def test_a_heavy_query_stops_at_the_time_limit_with_one_line(client):
    began = time.monotonic()
    answer = client.get("/sparql", params={"query": HEAVY})
    assert answer.status_code == 503 and "longer than 2 s" in answer.text
    assert answer.text.count("\n") == 1
    assert time.monotonic() - began < 6
    assert client.get("/sparql", params={"query": GICS},
                      headers={"Accept": "text/csv"}).text.split() == ["n", "5"]


def test_a_query_that_grows_past_the_memory_limit_is_stopped(store):
    sandbox = QuerySandbox(store, Limits(timeout=30, memory=64 << 20, bytes=1 << 30,
                                         rows=10**9))
    try:
        began = time.monotonic()
        with pytest.raises(QueryLimitError):
            sandbox.answer("SELECT ?a ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f",
                           "application/sparql-results+json")
        assert time.monotonic() - began < 20
        assert sandbox.answer(GICS, "text/csv")[0].split() == [b"n", b"5"]
    finally:
        sandbox.close()


@pytest.mark.parametrize(("query", "media"), [
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "application/sparql-results+json"),
    ("CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }", "text/turtle"),
])
def test_answers_are_bounded_in_rows(client, query, media):
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": media})
    assert answer.status_code == 503 and "more than 100,000 rows" in answer.text


def test_answers_are_bounded_in_bytes(store):
    sandbox = QuerySandbox(store, Limits(bytes=100_000))
    try:
        with pytest.raises(QueryLimitError, match="larger than"):
            sandbox.answer("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")
    finally:
        sandbox.close()


def test_a_large_body_is_refused(client):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (2 << 20)
    answer = client.post("/sparql", content=big.encode(),
                         headers={"Content-Type": "application/sparql-query"})
    assert answer.status_code == 413 and answer.text.count("\n") == 1

    def chunks():  # no Content-Length: refused while it is read
        for _ in range(40):
            yield b"x" * 65536

    answer = client.post("/sparql", content=chunks(),
                         headers={"Content-Type": "application/sparql-query"})
    assert answer.status_code == 413


def test_the_answer_cache_stays_within_its_bytes(app, client):
    for n in range(400):
        assert client.get(f"/id/partnership/suave/?bust={n}").status_code == 200
    assert app.state.kg.cache.size <= 1 << 20
    assert len(app.state.kg.cache) < 400


# -- who may ask -------------------------------------------------------------------------

def test_other_host_names_are_refused(client):
    """DNS rebinding: a page on another site, its name pointed at 127.0.0.1."""
    answer = client.get("/", headers={"Host": "attacker.example"})
    assert answer.status_code == 400
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_cross_site_posts_are_refused(client):
    form = {"query": GICS}
    for headers in ({"Origin": "http://attacker.example"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}):
        assert client.post("/sparql", data=form, headers=headers).status_code == 403
        assert client.post("/queries/run", data=form, headers=headers).status_code == 403
    same = client.post("/sparql", data=form, headers={"Origin": "http://127.0.0.1:8000",
                                                      "Accept": "text/csv"})
    assert same.status_code == 200 and same.text.split() == ["n", "5"]


@pytest.mark.parametrize("kind", ["application/sparql-update", "Application/SPARQL-Update",
                                  "APPLICATION/SPARQL-UPDATE; charset=utf-8"])
def test_updates_are_refused_in_any_spelling(client, kind):
    answer = client.post("/sparql", content=b"CLEAR ALL", headers={"Content-Type": kind})
    assert answer.status_code == 403 and "read-only" in answer.text


# -- every error one line ----------------------------------------------------------------

def test_odd_addresses_are_pages_not_errors(client):
    assert client.get("/id/a%20b").status_code == 404
    assert client.get("/id/%3Cscript%3E").status_code == 404
    assert client.get("/ontology", params={"instances": '"'}).status_code == 200
    assert client.get("/ontology", params={"instances": "Country"}).status_code == 200


def test_an_unexpected_failure_is_one_line_on_the_page_and_in_the_log(app, caplog,
                                                                      monkeypatch):
    def broken(*args: object) -> None:
        raise RuntimeError("a bug\nover two lines")

    monkeypatch.setattr(app.state.kg.site, "suggestions", broken)
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client, \
            caplog.at_level(logging.ERROR, logger="kg.serve"):
        answer = client.get("/no/such/page")
    assert answer.status_code == 500 and answer.text.count("\n") == 1
    assert "Traceback" not in answer.text and "a bug" not in answer.text
    (record,) = [r for r in caplog.records if r.name == "kg.serve"]
    assert record.exc_info is None and "\n" not in record.getMessage()
    assert "a bug over two lines" in record.getMessage()


def test_javascript_iris_in_results_are_not_links(client):
    query = "SELECT ?x WHERE { VALUES ?x { <javascript:alert(1)> <https://example.org/a> } }"
    page = client.post("/queries/run", data={"query": query}).text
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page
    assert 'href="https://example.org/a"' in page


def test_a_named_query_page_shows_no_python_object(client):
    page = client.get("/queries/gic-budgets").text
    assert "NamedQuery(" not in page and "PosixPath" not in page


# -- the real server ---------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(x) for x in task.read_text().split()}
    return found


def _descendants(pid: int) -> set[int]:
    todo, found = [pid], set()
    while todo:
        for child in _children(todo.pop()):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def _heavy_in_background(base: str) -> threading.Thread:
    def ask() -> None:
        try:
            urllib.request.urlopen(f"{base}/sparql?" + urllib.parse.urlencode({"query": HEAVY}),
                                   timeout=60).read()
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            pass

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread


@pytest.mark.server
def test_cheap_pages_stay_fast_while_heavy_queries_run_and_stop_ends_everything():
    with kg_serve("--query-timeout", "20") as (base, process):
        heavy = [_heavy_in_background(base) for _ in range(2)]
        time.sleep(1.0)
        workers = _descendants(process.pid)
        assert len(workers) >= 3, workers  # the zygote and two running queries
        result = load_test(base, clients=4, requests=60, mix=(
            ("home", "/"), ("resource page", "/id/partnership/suave/"),
            ("search", "/search?q=ISED")))
        assert result["all"]["errors"] == 0
        assert result["all"]["p99_ms"] < 250, result["all"]
        began = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        assert time.monotonic() - began < 2.5
        deadline = time.monotonic() + 3
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers)
        for thread in heavy:
            thread.join(timeout=5)


@pytest.mark.server
def test_a_visitor_who_goes_away_stops_the_query():
    with kg_serve("--query-timeout", "60") as (base, process):
        port = int(base.rsplit(":", 1)[1])
        sock = socket.create_connection(("127.0.0.1", port))
        path = "/sparql?" + urllib.parse.urlencode({"query": HEAVY})
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        deadline = time.monotonic() + 10
        while len(_descendants(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        running = _descendants(process.pid)
        assert len(running) >= 2
        sock.close()
        deadline = time.monotonic() + 5
        while len(_descendants(process.pid)) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_descendants(process.pid)) == 1  # only the zygote is left


@pytest.mark.parametrize(("args", "expected"), [
    (["--port", "99999"], "99999 is not a port"),
    (["--host", "example.org"], "is not an IP address"),
    (["--query-timeout", "nan"], "give a positive number of seconds"),
    (["--query-memory", "lots"], "give a whole number of bytes"),
])
def test_bad_serve_options_give_one_line(args, expected):
    from tests.test_safety import kg, one_line_error

    assert expected in one_line_error(kg("serve", *args, timeout=60))


@pytest.mark.server
def test_ipv6_loopback_is_served_with_a_bracketed_address():
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        probe = socket.socket(socket.AF_INET6)
        probe.bind(("::1", 0))
        probe.close()
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--host", "::1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("SPARQL endpoint: http://[::1]:"), process.stderr.read()
        url = line.split()[2]
        with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": GICS}),
                                    timeout=30) as answer:
            assert answer.status == 200
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0


def test_every_interface_warns_and_names_a_reachable_endpoint():
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--host", "0.0.0.0",
                                "--allow-host", "kg.example.org"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("SPARQL endpoint: http://kg.example.org:"), line
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "listening on every interface" in process.stderr.read()


def test_no_zygote_is_left_when_the_app_is_closed(store):
    sandbox = QuerySandbox(store)
    pid = sandbox.zygote
    assert _alive(pid)
    sandbox.close()
    assert not _alive(pid)
    assert os.getpid() not in _descendants(os.getpid())
