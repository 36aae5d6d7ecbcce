"""``kg serve`` compresses its text answers (issue 32, item 6: the picture was 1.2 MB
uncompressed): pages, scripts, SPARQL results and files stream through gzip, the answer
cache keeps one uncompressed copy for every client, and binary or short answers go as they
are. The query lists every name, the paper's GICs among them (Table 1).
"""

from __future__ import annotations

import gzip

import pytest
from starlette.testclient import TestClient

from kg.publish.visassets import vis_js
from kg.serve.app import create_app
from kg.serve.picture import SCRIPT_PATH

LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label"""
GZIP = {"Accept-Encoding": "gzip"}
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture(scope="module")
def client(store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dist")
    (folder / "eucan.nt").write_bytes(store.serialize("ntriples"))
    app = create_app(store, files={"eucan.nt": folder / "eucan.nt"})
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client
    app.state.kg.sandbox.close()


def _raw(client, path: str, **kwargs):
    """The answer's bytes as sent (httpx would decode gzip itself)."""
    with client.stream("GET", path, **kwargs) as answer:
        return answer, b"".join(answer.iter_raw())


def test_the_picture_and_its_script_go_compressed(client):
    for path in ("/graph", SCRIPT_PATH):
        answer, sent = _raw(client, path, headers=GZIP)
        assert answer.headers["content-encoding"] == "gzip"
        assert "accept-encoding" in answer.headers["vary"].lower()
        body = gzip.decompress(sent)
        assert len(sent) < len(body) / 3  # 1.2 MB of page before, in one piece
        assert int(answer.headers["content-length"]) == len(sent)
    page = gzip.decompress(_raw(client, "/graph", headers=GZIP)[1]).decode()
    assert f'<script src="{SCRIPT_PATH}" defer></script>' in page
    assert vis_js()[:300] not in page  # the script is not inlined


@pytest.mark.parametrize("accept", ["text/csv", "application/sparql-results+json"])
def test_sparql_answers_are_the_same_compressed_or_not_and_from_the_cache(client, accept):
    params = {"query": LABELS}
    first, zipped = _raw(client, "/sparql", params=params, headers={**GZIP, "Accept": accept})
    plain, body = _raw(client, "/sparql", params=params, headers={**PLAIN, "Accept": accept})
    again, zipped_again = _raw(client, "/sparql", params=params,
                               headers={**GZIP, "Accept": accept})
    assert first.status_code == plain.status_code == again.status_code == 200
    assert "content-encoding" not in plain.headers  # the cache kept it uncompressed
    assert b"Protein Industries Canada" in body and b"Scale AI" in body
    assert gzip.decompress(zipped) == body == gzip.decompress(zipped_again)
    assert plain.headers["content-type"].startswith(accept)


def test_a_streamed_file_streams_through_gzip(client, store):
    answer, sent = _raw(client, "/dist/eucan.nt", headers=GZIP)
    assert answer.status_code == 200 and answer.headers["content-encoding"] == "gzip"
    assert "content-length" not in answer.headers  # streamed in chunks, each flushed
    assert gzip.decompress(sent) == store.serialize("ntriples")


def test_short_answers_go_as_they_are(client):
    answer, sent = _raw(client, "/sparql", params={"query": "ASK {}"},
                        headers={**GZIP, "Accept": "application/sparql-results+json"})
    assert answer.status_code == 200 and "content-encoding" not in answer.headers
    assert b"true" in sent
