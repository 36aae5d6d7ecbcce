"""The data-safety contract, proven by attack: bad input and faults end in one line and
exit code 1, and nothing is lost — ``out/``, a store or a folder the user named is left
exactly as it was (checked by checksums), or replaced whole by a complete new build.

Facts the attacks change come from the paper: CETA entered into force in 2017 (section
5.2), SUAVE (section 3.1, Box 5).
"""

from __future__ import annotations

import hashlib
import http.server
import json
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.core.errors import KGError
from kg.data.load import folder_files, load_records
from kg.store.open import build_graph
from tests.tools import report

KG = [sys.executable, "-m", "kg"]


def checksums(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder``."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def kg(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The single error line of a failed command (progress lines start with '·')."""
    assert result.returncode == 1, result.stderr[-2000:]
    lines = [x for x in result.stderr.splitlines() if x.strip() and not x.startswith("·")]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A folder with a complete out/ from a real build."""
    home = tmp_path_factory.mktemp("safety")
    assert kg("build", "--out", "out", cwd=home).returncode == 0
    return home


# -- folders the user names --------------------------------------------------------------

def test_store_in_a_foreign_folder_is_refused_and_the_folder_kept(built, tmp_path):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.tex").write_text("Québec")
    before, out_before = checksums(precious), checksums(built / "out")
    line = one_line_error(kg("build", "--out", "out", "--store", str(precious), cwd=built))
    assert "not written by eucan-kg" in line and str(precious) in line
    assert checksums(precious) == before and checksums(built / "out") == out_before


def test_store_inside_out_is_refused_before_anything_is_written(built):
    before = checksums(built / "out")
    line = one_line_error(kg("build", "--out", "out", "--store", "out/store", cwd=built))
    assert "inside the output folder" in line
    assert checksums(built / "out") == before


def test_store_that_is_a_file_is_refused_before_anything_is_written(built):
    (built / "a-file").write_text("x")
    before = checksums(built / "out")
    line = one_line_error(kg("build", "--out", "out", "--store", "a-file", cwd=built))
    assert "is a file" in line
    assert checksums(built / "out") == before


def test_out_that_is_a_foreign_folder_is_left_alone(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "letter.txt").write_text("keep me")
    line = one_line_error(kg("build", "--out", "documents", cwd=tmp_path))
    assert "left alone" in line
    assert (tmp_path / "documents" / "letter.txt").read_text() == "keep me"


@pytest.mark.parametrize("data", ["/typo/that/does/not/exist", "empty"])
def test_data_folder_must_exist_and_hold_data(built, data):
    (built / "empty").mkdir(exist_ok=True)
    before = checksums(built / "out")
    line = one_line_error(kg("build", "--out", "out", "--data", data, cwd=built))
    assert data in line and "YAML" in line
    assert checksums(built / "out") == before


def test_a_derived_picture_leaves_the_main_jobs_files_alone(built):
    before = checksums(built / "out")
    result = kg("viz", "--focus", "SUAVE", "--depth", "2", cwd=built)
    assert result.returncode == 0, result.stderr
    assert (built / "eucan-view.html").stat().st_size > 10_000
    assert checksums(built / "out") == before


# -- bad data: one line naming file, line, record and field -------------------------------

def _broken(data_copy: Path, name: str, old: str, new: str | bytes) -> None:
    path = data_copy / name
    text = path.read_bytes()
    replacement = new if isinstance(new, bytes) else new.encode()
    assert old.encode() in text
    path.write_bytes(text.replace(old.encode(), replacement, 1))


@pytest.mark.parametrize(("name", "old", "new", "expected"), [
    ("agreements-events.yaml", "startYear: 2017", 'startYear: "2017"',
     "field 'startYear': found '2017', expected a year such as 2019, unquoted"),
    ("clusters.yaml", "SUAVE", b"SUAV\xe9", "expected UTF-8 text"),
    ("clusters.yaml", "activeInEcosystem: [", "activeInEcosystem: [[", "well-formed YAML"),
    ("clusters.yaml", "activeInEcosystem: agri-food", "activeInEcosystem: agrifood",
     "'agrifood', expected the id of a IndustrialEcosystem record"),
])
def test_bad_data_gives_one_line_and_keeps_out(built, data_copy, name, old, new, expected):
    _broken(data_copy, name, old, new)
    before = checksums(built / "out")
    line = one_line_error(kg("build", "--out", "out", "--data", str(data_copy), cwd=built))
    assert name in line and expected in line, line
    assert checksums(built / "out") == before


def test_broken_yaml_names_the_parsers_reason(data_copy):
    _broken(data_copy, "clusters.yaml", "activeInEcosystem: [", "activeInEcosystem: [[")
    with pytest.raises(KGError) as caught:
        load_records(folder_files(data_copy))
    assert "expected ',' or ']'" in str(caught.value) or "while parsing" in str(caught.value)
    assert "clusters.yaml:" in str(caught.value)


MUTATIONS = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    ["delete", "insert", "duplicate-line", "drop-line"]), st.sampled_from(
    [":", "-", "[", "]", "{", "}", '"', "'", "#", " ", "\n", "\t", "é", "\x00", "2017", "&a", "*a"])),
    min_size=1, max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=MUTATIONS)
def test_random_yaml_mutations_load_or_fail_in_one_line(data_copy, mutations):
    path = data_copy / "agreements-events.yaml"
    original = path.read_text(encoding="utf-8")
    text = original
    for position, kind, token in mutations:
        at = position % max(len(text), 1)
        lines = text.splitlines(keepends=True)
        row = position % max(len(lines), 1)
        if kind == "delete":
            text = text[:at] + text[at + 1:]
        elif kind == "insert":
            text = text[:at] + token + text[at:]
        elif kind == "duplicate-line" and lines:
            text = "".join(lines[:row + 1] + lines[row:])
        elif lines:
            text = "".join(lines[:row] + lines[row + 1:])
    path.write_text(text, encoding="utf-8")
    try:
        load_records(folder_files(data_copy))
    except KGError as error:
        assert "\n" not in str(error) and "agreements-events.yaml" in str(error) or \
            "kg/data" in str(error) or str(data_copy) in str(error)
    finally:
        path.write_text(original, encoding="utf-8")


# -- out/ is atomic as a whole -------------------------------------------------------------

def test_a_build_killed_at_20_random_instants_leaves_a_complete_old_or_new_out(tmp_path,
                                                                              data_copy):
    """Builds of two versions of the data alternate; each is killed with SIGKILL at a seeded
    instant (half anywhere in the run, half inside the write phase), and out/ must then be
    exactly the complete set it held before or the complete set the killed build wrote."""
    variant = tmp_path / "variant"
    variant.mkdir()
    for path in data_copy.iterdir():
        variant.joinpath(path.name).write_bytes(path.read_bytes())
    _broken(variant, "agreements-events.yaml", "startYear: 2017", "startYear: 2016")
    sets = {}
    for name, data in (("variant", variant), ("original", data_copy)):
        assert kg("build", "--out", "out", "--data", str(data), cwd=tmp_path).returncode == 0
        sets[name] = checksums(tmp_path / "out")
    assert sets["variant"] != sets["original"]
    state, rng, kept, completed = "original", random.Random(20231201), 0, 0
    for attempt in range(20):
        target = "variant" if state == "original" else "original"
        data = variant if target == "variant" else data_copy
        process = subprocess.Popen([*KG, "build", "--out", "out", "--data", str(data)],
                                   cwd=tmp_path, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        try:
            if attempt % 2:
                for line in process.stderr:
                    if line.startswith("· writing"):
                        break
                time.sleep(rng.uniform(0, 0.08))
            else:
                time.sleep(rng.uniform(0, 3.0))
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=60)
        now = checksums(tmp_path / "out")
        assert now in (sets[state], sets[target]), f"kill {attempt}: out/ is a mix"
        if now == sets[target]:
            state, completed = target, completed + 1
        else:
            kept += 1
    report(f"kill test: 20 builds killed with SIGKILL (10 in the write phase): out/ was the "
           f"complete previous set {kept} times, the complete new set {completed} times, "
           "never a mix")
    assert kg("build", "--out", "out", cwd=tmp_path).returncode == 0
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")
                 and p.name != ".out.lock"]
    assert leftovers == []


def test_a_second_build_into_the_same_out_stops_with_a_clear_line(tmp_path):
    from kg.core.files import folder_lock

    with folder_lock(tmp_path / "out"):
        line = one_line_error(kg("build", "--out", "out", cwd=tmp_path))
    assert "another kg command is writing" in line


def test_a_store_in_use_gives_one_line(tmp_path):
    assert kg("build", "--out", "out", "--store", "store", cwd=tmp_path).returncode == 0
    from kg.store.open import open_disk_store

    holder = open_disk_store(tmp_path / "store")
    try:
        line = one_line_error(kg("query", "gic-budgets", "--store", "store", cwd=tmp_path))
        assert "in use by another kg command" in line
    finally:
        del holder


# -- file-system errors --------------------------------------------------------------------

def test_out_under_a_file_gives_one_line(tmp_path):
    (tmp_path / "afile").write_text("x")
    assert "afile is a file" in one_line_error(kg("build", "--out", "afile/out", cwd=tmp_path))


def test_synth_into_a_folder_gives_one_line(tmp_path):
    assert "is a folder" in one_line_error(kg("synth", "--scale", "0.001", "--out", str(tmp_path)))


@pytest.mark.parametrize("args", [["push", "--endpoint", "http://127.0.0.1:1/store",
                                   "--chunk-size", "0"], ["linkages", "--top", "-3"],
                                  ["paths", "SUAVE", "Scale AI", "--k", "zero"]])
def test_bad_option_values_give_one_line(args):
    assert "error: argument" in one_line_error(kg(*args))


# -- endpoints that misbehave --------------------------------------------------------------

class Misbehaving(http.server.BaseHTTPRequestHandler):
    """A local server that answers wrongly in the way its path names."""

    def log_message(self, *args) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        mode = self.path.strip("/").split("?")[0].split("/")[0]
        if mode == "junk":
            self._send(200, b"<html>hello</html>")
        elif mode == "shape":
            self._send(200, json.dumps({"head": {"vars": ["x"]},
                                        "results": {"bindings": [{"x": {"v": 1}}]}}).encode())
        elif mode == "cut":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"head": ')
            self.wfile.flush()
            self.connection.shutdown(2)
        elif mode == "trickle":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.25)
        elif mode == "error":
            self._send(500, b"Internal failure: the disk is full\nmore detail")
        else:
            self._send(404, b"no such thing")

    do_GET = do_POST = do_PUT = _answer

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def misbehaving():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("mode", "expected"), [
    ("junk", "did not answer with SPARQL JSON results"),
    ("shape", "JSON that is not a SPARQL result"),
    ("cut", "broke off its answer"),
    ("trickle", "did not answer within 2 s"),
    ("error", "answered HTTP 500: Internal failure: the disk is full"),
    ("nothing", "answered HTTP 404"),
])
def test_a_misbehaving_endpoint_gives_one_line(misbehaving, mode, expected):
    start = time.monotonic()
    result = kg("query", "gic-budgets", "--endpoint", f"{misbehaving}/{mode}/sparql",
                "--timeout", "2")
    assert expected in one_line_error(result)
    assert time.monotonic() - start < 20  # --timeout is a deadline, not per read


def test_push_to_a_server_that_answers_200_with_junk_fails(misbehaving):
    line = one_line_error(kg("push", "--endpoint", f"{misbehaving}/junk/store", "--timeout", "20"))
    assert "cannot be verified" in line or "did not" in line


def test_credentials_never_appear_in_messages(misbehaving):
    url = misbehaving.replace("http://", "http://ann:s3cret@") + "/error/sparql"
    for args in (["query", "gic-budgets", "--endpoint", url],
                 ["push", "--endpoint", url.replace("sparql", "store")]):
        result = kg(*args)
        assert "s3cret" not in result.stderr + result.stdout
        one_line_error(result)


# -- uploads keep the graph ------------------------------------------------------------------

def test_push_in_chunks_of_10_survives_a_killed_server_and_resumes_isomorphic(tmp_path):
    """Chunks of 10 triples to a real Oxigraph server; the server is killed mid-push and
    restarted on the same folder; the upload resumes from the chunk the error names."""
    import re

    import rdflib

    from kg.store.push import push
    from kg.store.server import free_port, start_server, stop_process
    from tests.tools import same_graph

    data = build_graph().serialize("ntriples")
    port, folder = free_port(), tmp_path / "oxigraph"
    url = f"http://127.0.0.1:{port}/store"
    process = start_server(folder, port, read_only=False)
    server = {"process": process}

    def kill_midway(done: int, total: int, sent: int) -> None:
        if done == 300:
            server["process"].send_signal(signal.SIGKILL)
            server["process"].wait()

    try:
        with pytest.raises(KGError) as caught:
            push(data, url, chunk_size=10, progress=kill_midway)
        resume = int(re.search(r"--start-chunk (\d+)", str(caught.value)).group(1))
        assert resume >= 300
        server["process"] = start_server(folder, port, read_only=False)
        push(data, url, chunk_size=10, start_chunk=resume)
        request = urllib.request.Request(f"{url}?default",
                                         headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
    finally:
        stop_process(server["process"])
    held = rdflib.Graph().parse(data=body.decode("utf-8"), format="nt")
    expected = rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")
    assert len(held) == len(expected)
    assert same_graph(held, expected)


def test_out_that_is_a_file_gives_one_line(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    assert "is a file" in one_line_error(kg("build", "--out", "out", cwd=tmp_path))
    assert (tmp_path / "out").read_text() == "not a folder"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_kg_serve_cleans_up_on_every_stop_signal(tmp_path, stop):
    """The child server stops, its port is free again and its temporary folder is gone."""
    import socket
    import tempfile

    from kg.store.server import free_port

    port = free_port()
    before = set(Path(tempfile.gettempdir()).glob("eucan-serve-*"))
    process = subprocess.Popen([*KG, "serve", "--port", str(port)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert f"127.0.0.1:{port}" in process.stdout.readline()
        process.send_signal(stop)
        assert process.wait(timeout=30) == 0, process.stderr.read()[-1500:]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with socket.socket() as sock:
        # SO_REUSEADDR lets the bind pass over connections in TIME_WAIT, never over a
        # server still listening: the oxigraph child is gone and the port is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
    assert set(Path(tempfile.gettempdir()).glob("eucan-serve-*")) == before
