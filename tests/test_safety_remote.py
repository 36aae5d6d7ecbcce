"""The remote clients against hostile servers, proven by attack: ``kg query --endpoint``
(:class:`kg.store.remote.RemoteStore`) and ``kg push`` (:func:`kg.store.push.push`).

* Credentials never leave the origin (scheme, host, port) they were given for: a server
  on one port redirects (301, 302, 303, 307, 308) to a recording server on another, which
  asks for credentials and must never get an ``Authorization`` header; a redirect within
  the origin keeps them. No global urllib opener is installed.
* ``--timeout`` is one deadline for the whole operation and ``--max-bytes`` caps an
  answer: a server trickling a byte every 0.2 s, or sending without end, is given up on
  in time, with bounded memory, and nothing reads on afterwards.
* Only http(s) URLs with a host, given or redirected to; option values are checked when
  the command line is read.

Every server here runs on 127.0.0.1 in a thread and is stopped on every exit path. The
triple pushed comes from the paper: SUAVE, section 3.1 (Box 5, "Cluster members of SUAVE
come from France, Spain, Hungary, Lithuania and Poland").
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from kg.cli import main
from kg.core.errors import AnswerTooLargeError, EndpointError, EndpointURLError
from kg.store.push import push
from kg.store.remote import RemoteStore

KG = [sys.executable, "-m", "kg"]
PASSWORD = "s3cret-Box5"
ASK = "ASK { ?s ?p ?o }"
#: SUAVE's label (the paper, section 3.1, Box 5).
TRIPLE = (b'<https://w3id.org/eucan/resource/suave> '
          b'<http://www.w3.org/2000/01/rdf-schema#label> "SUAVE" .\n')
#: An answer that is both a SELECT result (one row: n = 1) and an ASK result (true).
ANSWER = json.dumps({"head": {"vars": ["n"]}, "boolean": True, "results": {"bindings": [
    {"n": {"type": "literal", "value": "1",
           "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}).encode()
BASIC = "Basic " + base64.b64encode(f"ann:{PASSWORD}".encode()).decode()
CHALLENGES = ('Digest realm="SPARQL", nonce="b0x5", qop="auth"', 'Basic realm="SPARQL"')


class Hostile(http.server.BaseHTTPRequestHandler):
    """A server answering as its path's first segment says; it records every request.

    ``/redirect/CODE/REST`` sends to ``server.target + /REST`` (another origin),
    ``/same/CODE/REST`` to ``/REST`` here, ``/to/CODE`` to ``server.target`` as it is,
    ``/loop`` to itself; ``/sparql`` and ``/query`` answer :data:`ANSWER` and ``/store``
    takes an upload, both only with the credentials when ``server.password`` is set;
    ``/trickle`` sends a byte of body every 0.2 s, ``/slowhead`` a header line, and ``/endless`` 64 KiB blocks (a pause of
    ``server.pause`` s between them) until the client goes; ``/big`` announces 1 GiB and
    sends 2 bytes; ``/challenge`` asks for
    credentials (Basic and Digest) whatever comes, and so does every path of a
    ``server.greedy`` server.
    """

    def log_message(self, *args) -> None:
        pass

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization"),
                                 self.headers.get("Cookie")))
        parts = self.path.split("?")[0].strip("/").split("/")
        if self.server.greedy:
            parts = ["challenge"]
        getattr(self, f"_{parts[0]}", self._challenge)(*parts[1:])

    do_GET = do_POST = do_PUT = _answer

    def _send(self, status: int, body: bytes = b"", headers: tuple = ()) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, code: str, *rest: str) -> None:
        self._send(int(code), b"moved", [("Location", f"{self.server.target}/{'/'.join(rest)}")])

    def _same(self, code: str, *rest: str) -> None:
        self._send(int(code), b"moved", [("Location", "/" + "/".join(rest))])

    def _to(self, code: str) -> None:
        self._send(int(code), b"moved", [("Location", self.server.target)])

    def _loop(self) -> None:
        self._send(303, b"", [("Location", "/loop")])

    def _allowed(self) -> bool:
        given = self.headers.get("Authorization") or ""
        return not self.server.password or given == BASIC or (
            given.startswith("Digest ") and 'username="ann"' in given)

    def _sparql(self, *rest: str) -> None:
        if self._allowed():
            self._send(200, ANSWER, [("Content-Type", "application/sparql-results+json")])
        else:
            self._challenge()

    _query = _sparql

    def _store(self, *rest: str) -> None:
        self._send(204) if self._allowed() else self._challenge()

    def _challenge(self, *rest: str) -> None:
        self._send(401, b"who are you?", [("WWW-Authenticate", c) for c in CHALLENGES])

    def _trickle(self, *rest: str) -> None:
        self.send_response(200)
        self.end_headers()
        self._stream(b"{", 0.2, 20)  # 20 s at most, so that a failing test ends

    def _slowhead(self, *rest: str) -> None:
        self.wfile.write(b"HTTP/1.0 200 OK\r\n")
        self._stream(b"X-Box: 5\r\n", 0.2, 20)

    def _big(self, *rest: str) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(2**30))
        self.end_headers()
        self.wfile.write(b"{}")

    def _endless(self, *rest: str) -> None:
        self.send_response(200)
        self.end_headers()
        self._stream(b" " * 2**16, self.server.pause, 60)

    def _stream(self, block: bytes, pause: float, longest: float) -> None:
        until = time.monotonic() + longest
        try:
            while not self.server.stopping.is_set() and time.monotonic() < until:
                self.wfile.write(block)
                self.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass  # the client went away
        finally:
            self.server.finished.set()


@contextmanager
def serving(**settings) -> Iterator[http.server.ThreadingHTTPServer]:
    """A :class:`Hostile` server on 127.0.0.1 (``.url``), stopped on every exit path."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.seen, server.stopping, server.finished = [], threading.Event(), threading.Event()
    server.target, server.password, server.pause, server.greedy = "", None, 0.01, False
    for name, value in settings.items():
        setattr(server, name, value)
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture()
def recorder():
    """Another origin (another port) that asks for credentials and records what comes."""
    with serving(greedy=True) as server:
        yield server


@pytest.fixture()
def redirector(recorder):
    """A server whose /redirect/... paths send to the recorder."""
    with serving(target=recorder.url) as server:
        yield server


def received_credentials(server) -> list:
    return [seen for seen in server.seen if seen[2] is not None or seen[3] is not None]


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single error line of a failed command (progress lines start with '·')."""
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = [x for x in result.stderr.splitlines() if x.strip() and not x.startswith("·")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def kg(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=timeout,
                          env=env)


def cli_error(capsys, *argv: str) -> str:
    """The one stderr line of ``kg ARGV`` run in this process, which must fail with 1."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    captured = capsys.readouterr()
    lines = [x for x in captured.err.splitlines() if x.strip() and not x.startswith("·")]
    assert code == 1 and len(lines) == 1, captured.err
    return lines[0]


# -- credentials stay with their origin ------------------------------------------------------

CODES = [301, 302, 303, 307, 308]
WAYS = {"user": {"user": "ann", "password": PASSWORD},
        "digest": {"user": "ann", "password": PASSWORD, "auth": "digest"},
        "url": {}}


def _with_credentials(url: str, way: str) -> str:
    return url.replace("http://", f"http://ann:{PASSWORD}@") if way == "url" else url


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("code", CODES)
def test_a_query_redirected_to_another_port_never_sends_the_password(
        redirector, recorder, code, way):
    url = _with_credentials(f"{redirector.url}/redirect/{code}/sparql", way)
    with pytest.raises(EndpointError) as caught:
        RemoteStore(url, timeout=5, **WAYS[way]).ask(ASK)
    assert PASSWORD not in str(caught.value)
    assert received_credentials(recorder) == []
    assert redirector.seen[0][2] == (None if way == "digest" else BASIC)


@pytest.mark.parametrize("way", ["user", "url"])
@pytest.mark.parametrize("code", CODES)
def test_a_push_never_sends_the_password_to_another_port(redirector, recorder, code, way):
    """The upload itself and its check (the count on the query URL) are redirected."""
    options = WAYS[way]
    for store, query in [(f"/redirect/{code}/store", None),
                         ("/store", f"{redirector.url}/redirect/{code}/query")]:
        with pytest.raises(EndpointError):
            push(TRIPLE, _with_credentials(redirector.url + store, way), timeout=5,
                 query_url=query, **options)
    assert received_credentials(recorder) == []


def test_kg_query_with_user_and_a_303_to_another_port(redirector, recorder):
    """The reported attack, as typed: EUCAN_PASSWORD=... kg query ... --user ann."""
    env = {**os.environ, "EUCAN_PASSWORD": PASSWORD}
    result = kg("query", "gic-budgets", "--endpoint", f"{redirector.url}/redirect/303/sparql",
                "--user", "ann", env=env)
    assert PASSWORD not in result.stderr + result.stdout
    assert "answered HTTP 401" in one_line(result)
    assert recorder.seen and received_credentials(recorder) == []


@pytest.mark.parametrize("auth", ["basic", "digest"])
@pytest.mark.parametrize("code", [303, 307, 308])
def test_a_redirect_within_the_origin_keeps_the_credentials(code, auth):
    with serving(password=PASSWORD) as server:
        store = RemoteStore(f"{server.url}/same/{code}/sparql", user="ann", password=PASSWORD,
                            auth=auth, timeout=5)
        assert store.ask(ASK) is True
        assert [seen[1] for seen in server.seen if seen[2]][-1] == "/sparql"


def test_a_push_redirected_within_the_origin_keeps_the_credentials():
    """307 keeps the PUT and its body; the count is asked on /same/307/query."""
    with serving(password=PASSWORD) as server:
        assert push(TRIPLE, f"{server.url}/same/307/store", user="ann", password=PASSWORD,
                    timeout=5) == 1
        method, path, given, _ = next(seen for seen in server.seen if seen[2])
        assert (method, path) == ("PUT", "/store")  # the PUT, re-sent, then answered
        assert given.startswith('Digest username="ann", realm="SPARQL"')


def test_no_global_opener_is_installed():
    before = urllib.request._opener
    with serving(password=PASSWORD) as server:
        RemoteStore(f"{server.url}/sparql", user="ann", password=PASSWORD, auth="digest",
                    timeout=5).ask(ASK)
    assert urllib.request._opener is before


def test_a_redirect_loop_stops(redirector):
    with pytest.raises(EndpointError, match="redirected more than 5 times"):
        RemoteStore(f"{redirector.url}/loop", timeout=5).ask(ASK)
    assert len(redirector.seen) == 6


# -- one deadline, a cap on bytes --------------------------------------------------------------

@pytest.mark.parametrize("path", ["trickle", "slowhead"])
def test_a_query_gives_up_on_a_trickle_at_the_deadline(path):
    with serving() as server:
        start = time.monotonic()
        with pytest.raises(EndpointError, match="did not answer within 1 s"):
            RemoteStore(f"{server.url}/{path}", timeout=1).ask(ASK)
        assert time.monotonic() - start < 1.5
        assert server.finished.wait(3)  # nothing reads on: the server's writes fail


def test_nothing_reads_on_after_a_query_gives_up():
    with serving(pause=0.005) as server:
        with pytest.raises(EndpointError, match="did not answer within 1 s"):
            RemoteStore(f"{server.url}/endless", timeout=1, max_bytes=2**40).ask(ASK)
        assert server.finished.wait(3)


@pytest.mark.parametrize("path", ["trickle", "slowhead"])
def test_a_push_gives_up_on_a_trickle_at_the_deadline(path):
    with serving() as server:
        start = time.monotonic()
        with pytest.raises(EndpointError, match="did not answer within 1 s"):
            push(TRIPLE, f"{server.url}/{path}/store", timeout=1, verify=False)
        assert time.monotonic() - start < 1.5
        assert server.finished.wait(3)


def test_kg_push_gives_up_on_a_trickle_at_the_deadline():
    with serving() as server:
        start = time.monotonic()
        line = one_line(kg("push", "--endpoint", f"{server.url}/trickle/store", "--timeout", "2",
                           "--no-verify"))
        elapsed = time.monotonic() - start
    assert f"the Graph Store {server.url}/trickle/store" in line
    assert "did not answer within 2 s" in line and "--start-chunk 0" in line
    assert elapsed < 2 + 6  # the command's own start (building the graph) included


@pytest.mark.parametrize("command", ["query", "push"])
def test_an_endless_answer_stops_at_max_bytes(command):
    with serving(pause=0) as server:
        url = f"{server.url}/endless/" + ("sparql" if command == "query" else "store")
        args = ["gic-budgets"] if command == "query" else ["--no-verify"]
        start = time.monotonic()
        line = one_line(kg(command, *args, "--endpoint", url, "--max-bytes", "1M"))
        assert time.monotonic() - start < 15
    assert url in line and "answered more than 1 MiB (--max-bytes 1048576)" in line


def test_an_announced_length_over_the_cap_is_not_read():
    with serving() as server:
        with pytest.raises(AnswerTooLargeError, match=r"\(announced 1073741824 bytes, "):
            RemoteStore(f"{server.url}/big", max_bytes=100, timeout=5).ask(ASK)


MEMORY = textwrap.dedent("""
    import resource, sys
    from kg.core.errors import AnswerTooLargeError
    from kg.store.remote import RemoteStore
    store = RemoteStore(sys.argv[1], max_bytes=32 * 2**20, timeout=30)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        store.ask("ASK { ?s ?p ?o }")
    except AnswerTooLargeError:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
""")


def test_memory_stays_bounded_by_the_cap():
    """An endless answer read to a 32 MiB cap: the process grows by little more."""
    with serving(pause=0) as server:
        result = subprocess.run([sys.executable, "-c", MEMORY, f"{server.url}/endless"],
                                capture_output=True, text=True, timeout=60)
    grown_kib = int(result.stdout.strip() or -1)
    assert 0 <= grown_kib < 80 * 1024, result.stderr[-2000:]


# -- http(s) URLs only -------------------------------------------------------------------------

BAD_URLS = ["file:///etc/passwd", "notaurl", "ftp://127.0.0.1:1/x", "http://", "http:///x",
            "javascript:alert(1)", "http://127.0.0.1:99999/x", "http://[::1/x",
            "http://127.0.0.1/a b", "http://127.0.0.1/caf\u00e9", "http://127.0.0.1:x/",
            f"ftp://ann:{PASSWORD}@127.0.0.1/x"]


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("command", [["query", "gic-budgets", "--endpoint"],
                                     ["push", "--endpoint"],
                                     ["push", "--endpoint", "http://127.0.0.1:1/store",
                                      "--query-endpoint"]])
def test_only_http_urls_are_taken(capsys, command, url):
    line = cli_error(capsys, *command, url)
    assert f"argument {command[-1]}: " in line and "is not an http:// or https:// URL" in line
    assert PASSWORD not in line and "root:" not in line
    assert url.replace(f"ann:{PASSWORD}@", "")[:10] in line


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1:1/x", "notaurl"])
def test_the_library_refuses_other_urls_too(url):
    with pytest.raises(EndpointURLError):
        RemoteStore(url)
    with pytest.raises(EndpointURLError):
        push(TRIPLE, url)


@pytest.mark.parametrize("code", [301, 303, 308])
def test_a_redirect_to_ftp_or_a_file_is_not_followed(code):
    listener = socket.create_server(("127.0.0.1", 0))  # an "FTP server" that must stay alone
    listener.setblocking(False)
    try:
        for target in (f"ftp://127.0.0.1:{listener.getsockname()[1]}/x", "file:///etc/passwd"):
            with serving(target=target) as server:
                with pytest.raises(EndpointURLError, match="only http:// and https://"):
                    RemoteStore(f"{server.url}/to/{code}", timeout=5).construct(
                        "CONSTRUCT WHERE { ?s ?p ?o }")
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()


# -- option values -----------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--timeout", "--max-bytes", "--user"])
@pytest.mark.parametrize("command", [["query", "gic-budgets"], ["push"]])
def test_bad_values_of_the_remote_options_give_one_line(capsys, option, command):
    bad = {"--timeout": ["nan", "-1", "0", "inf", "-inf", "1e400", "soon"],
           "--max-bytes": ["0", "-5", "2X", "1.5M", "9" * 5000],
           "--user": ["", "ann:x", 'ann"', "ann\nx"]}[option]
    for value in bad:
        line = cli_error(capsys, *command, "--endpoint", "http://127.0.0.1:1/x", option, value)
        assert f"argument {option}: " in line


def test_good_values_of_the_remote_options_are_read():
    from kg.cli import _parser

    args = _parser(["query"]).parse_args(["query", "--timeout", "2.5", "--max-bytes", "64M",
                                          "--user", "ann", "--endpoint", "https://h/sparql"])
    assert (args.timeout, args.max_bytes, args.user) == (2.5, 64 * 2**20, "ann")
