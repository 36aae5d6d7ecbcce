"""Publishing as linked data: every IRI the project mints resolves, on ``kg serve`` and
through the ``kg site`` static site behind the w3id.org rules in a real Apache; content
negotiation honours q-values alike in both; the OWL API (Protégé's library) loads the
ontology by its IRI.

Facts: the CETA (``id/agreement/ceta``) is the EU-Canada trade agreement the paper names
in section 2.2 and Box 2; the ontology's versions are those of ``CHANGELOG.md``.
"""

from __future__ import annotations

import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from kg.core.namespaces import BASE, ONTOLOGY_IRI, OWL
from kg.serve.negotiate import EXTENSIONS, OFFERED, best
from tests.apache import apache
from tests.tools import debian_version, executable, owlapi_classpath, report

LOADER = Path(__file__).resolve().parent.parent / "tools" / "owlapi" / "LoadByIri.java"
#: The Accept header of the OWL API 5 (Protégé), as the issue recorded it.
OWLAPI_ACCEPT = ("application/rdf+xml, application/xml; q=0.7, text/xml; q=0.6, "
                 "text/plain; q=0.1, */*; q=0.09")
ACCEPTS = ["", "*/*", "text/html", "text/turtle", "application/rdf+xml", "application/ld+json",
           "application/n-triples", "text/turtle;q=0.1, text/html", "text/*",
           "text/html;q=0.4, application/*;q=0.5", "text/turtle, */*;q=0.1", OWLAPI_ACCEPT,
           "text/html;q=0, text/turtle;q=0", "image/png", "TEXT/TURTLE; Q=0.8, text/html;q=0.7",
           "application/ld+json;q=0.50, text/turtle;q=0.5", "text/turtle;q=abc, text/html;q=0.2",
           "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]


@pytest.fixture(scope="module")
def out(tmp_path_factory, records) -> Path:
    from kg.publish.job import build

    folder = tmp_path_factory.mktemp("ld") / "out"
    build(folder)
    return folder


@pytest.fixture(scope="module")
def minted(out) -> list[str]:
    """Every IRI under the base in the graph and in void.ttl, without its fragment."""
    found = set()
    for name, fmt in (("eucan.nt", ox.RdfFormat.N_TRIPLES), ("void.ttl", ox.RdfFormat.TURTLE)):
        for t in ox.parse(path=str(out / name), format=fmt):
            for term in (t.subject, t.predicate, t.object):
                if isinstance(term, ox.NamedNode) and (term.value == BASE or
                                                       term.value.startswith(BASE + "/")):
                    found.add(term.value.split("#")[0])
    return sorted(found)


@pytest.fixture(scope="module")
def app(out):
    """The site as ``kg serve`` runs it on the build in ``out``."""
    from kg.serve.app import create_app
    from kg.serve.linked import add_description
    from kg.store.embedded import Store

    store = Store()
    store.add_ntriples((out / "eucan.nt").read_bytes())
    files = add_description(store, "http://127.0.0.1/query", out_dir=out)
    site = create_app(store, files=files)
    yield site
    site.state.kg.sandbox.close()


@pytest.fixture(scope="module")
def site(out, tmp_path_factory) -> Path:
    from kg.serve.export import write_site
    from kg.store.embedded import Store

    store = Store()
    store.add_ntriples((out / "eucan.nt").read_bytes())
    folder = tmp_path_factory.mktemp("ld-site") / "site"
    write_site(store, folder, dist=out, contact="eucan-kg maintainers <test@example.org>")
    return folder


def _counts(iris: list[str]) -> str:
    kinds: dict[str, int] = {}
    for iri in iris:
        path = iri[len(BASE) + 1:]
        kind = "/".join(path.split("/")[:2]) if path.startswith(("id/", "dataset/")) \
            else path.split("/")[0] or "(base)"
        kinds[kind] = kinds.get(kind, 0) + 1
    return ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))


# -- kg serve ------------------------------------------------------------------------------

def test_every_minted_iri_resolves_on_kg_serve(app, minted):
    """Before: 184 of the IRIs did not resolve (versions, catalogue, dataset, partitions,
    distributions, named graphs, the publisher)."""
    failed = []
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for iri in minted:
            for accept in ("text/html", "text/turtle"):
                answer = client.get(iri[len(BASE):] or "/", headers={"Accept": accept})
                if answer.status_code != 200:
                    failed.append(f"{iri} ({accept}): {answer.status_code}")
    report(f"IRI walk on kg serve: {len(minted)} IRIs x 2 types, {len(failed)} unresolved "
           f"({_counts(minted)})")
    assert len(minted) > 1000 and failed == []


def test_a_thing_303s_to_its_document_and_every_negotiated_answer_varies_by_accept(app):
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
        for accept in ACCEPTS:
            answer = client.get("/id/agreement/ceta", headers={"Accept": accept})
            chosen = best(accept, OFFERED)
            # by the media type asked for (and, compressed or not, by Accept-Encoding)
            assert "Accept" in answer.headers["vary"].replace(" ", "").split(","), accept
            if chosen is None:
                assert answer.status_code == 406, accept
                continue
            suffix = "/" if chosen == "text/html" else EXTENSIONS[chosen]
            assert (answer.status_code, answer.headers["location"]) == \
                (303, "/id/agreement/ceta" + suffix), accept
        page = client.get("/id/agreement/ceta/")
        assert page.status_code == 200 and "CETA" in page.text


def test_the_ontology_iri_answers_the_ontology_alone_in_four_syntaxes(app):
    """Before: Turtle gave the whole graph (39,924 triples); RDF/XML gave HTML."""
    from kg.data.schema import ontology_triples

    alone = len(ontology_triples())
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for media, fmt in (("text/turtle", ox.RdfFormat.TURTLE),
                           ("application/rdf+xml", ox.RdfFormat.RDF_XML),
                           ("application/ld+json", ox.RdfFormat.JSON_LD),
                           ("application/n-triples", ox.RdfFormat.N_TRIPLES)):
            answer = client.get("/ontology", headers={"Accept": media})
            assert answer.headers["content-type"].startswith(media)
            assert "Accept" in answer.headers["vary"].replace(" ", "").split(",")
            assert len(list(ox.parse(answer.content, format=fmt))) == alone, media
        html = client.get("/ontology", headers={"Accept": OWLAPI_ACCEPT.replace(
            "application/rdf+xml, ", "")})
        assert html.headers["content-type"].startswith("text/html")


def test_each_version_iri_answers_its_own_version(app):
    from kg.data.versions import releases

    with TestClient(app, base_url="http://127.0.0.1") as client:
        for version in releases():
            body = client.get(f"/ontology/{version}", headers={"Accept": "text/turtle"}).content
            iris = {t.object.value for t in ox.parse(body, format=ox.RdfFormat.TURTLE)
                    if t.predicate.value == OWL + "versionIRI"}
            assert iris == {f"{ONTOLOGY_IRI}/{version}"}
        assert client.get("/ontology/9.9.9").status_code == 404


def test_the_ontology_names_the_release_before_as_prior_version():
    """Before: owl:priorVersion was 0.4.0 while the release before 0.6.0 was 0.5.0."""
    from kg.data.versions import header_problems, releases, set_header

    assert header_problems() == []
    stale = set_header(Path(__file__).parent.parent.joinpath("ontology", "eucan.ttl").read_text(
        encoding="utf-8"), releases()[-1], "0.4.0")
    assert header_problems(stale) == [
        f"ontology/eucan.ttl: owl:priorVersion is '{ONTOLOGY_IRI}/0.4.0', expected "
        f"'{ONTOLOGY_IRI}/{releases()[-2]}'"]


def test_kg_serve_answers_every_distribution_void_lists(app, out):
    from kg.publish.describe import DOWNLOAD_BASE

    urls = {t.object.value for t in ox.parse(path=str(out / "void.ttl"),
                                             format=ox.RdfFormat.TURTLE)
            if t.predicate.value.endswith("#downloadURL")}
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for url in sorted(urls):
            name = url[len(DOWNLOAD_BASE):]
            answer = client.get(f"/dist/{name}")
            assert answer.status_code == 200 and answer.content == (out / name).read_bytes()
        assert client.get("/dist/../pyproject.toml").status_code == 404
        assert client.get("/dist/void.ttl").status_code == 404
    assert len(urls) > 50


# -- the static site behind the w3id rules in Apache ---------------------------------------

def test_the_static_site_carries_every_distribution_void_lists(site, out):
    from kg.publish.describe import DOWNLOAD_BASE

    void = ox.parse(path=str(site / "void.ttl"), format=ox.RdfFormat.TURTLE)
    names = {t.object.value[len(DOWNLOAD_BASE):] for t in void
             if t.predicate.value.endswith("#downloadURL")}
    assert names and all((site / "dist" / n).read_bytes() == (out / n).read_bytes()
                         for n in names)
    assert (site / "void.ttl").read_bytes() == (out / "void.ttl").read_bytes()


def _no_redirects() -> urllib.request.OpenerDirector:
    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(Keep)


def _get(url: str, accept: str, opener=None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=20) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def test_every_minted_iri_resolves_through_the_w3id_rules_on_apache(site, minted):
    failed = []
    with apache(site, _rules) as (w3id, _host):
        for iri in minted:
            for accept in ("text/html", "text/turtle"):
                status, _, _ = _get(w3id + (iri[len(BASE):] or "/"), accept)
                if status != 200:
                    failed.append(f"{iri} ({accept}): {status}")
    report(f"IRI walk through w3id rules on Apache {debian_version('apache2')}: "
           f"{len(minted)} IRIs x 2 types, {len(failed)} unresolved")
    assert failed == []


def _rules(site_url: str) -> str:
    from kg.serve.rewrite import htaccess

    return htaccess(site_url, "eucan-kg maintainers <test@example.org>")


def test_apache_and_kg_serve_negotiate_alike_with_vary_accept(site, app):
    opener = _no_redirects()
    with apache(site, _rules) as (w3id, host), \
            TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as client:
        for accept in ACCEPTS:
            for path in ("/id/agreement/ceta", "/ontology"):
                status, headers, _ = _get(w3id + path, accept, opener)
                chosen = best(accept, OFFERED)
                assert "Accept" in headers.get("Vary", ""), (path, accept)
                if chosen is None:
                    assert status == 406, (path, accept)
                    continue
                suffix = "/" if chosen == "text/html" else EXTENSIONS[chosen]
                assert (status, headers["Location"]) == (303, host + path + suffix), accept
                served = client.get(path, headers={"Accept": accept})
                assert "Accept" in served.headers["vary"].replace(" ", "").split(",")
        status, _, body = _get(w3id + "/ontology", "text/turtle")
        ontology = {t.subject.value for t in ox.parse(body, format=ox.RdfFormat.TURTLE)}
        assert status == 200 and ONTOLOGY_IRI in ontology and f"{BASE}/id/agreement/ceta" \
            not in ontology


# -- the OWL API (Protégé's library) -------------------------------------------------------

def _serve_in_thread(app):
    from kg.serve.run import listening_socket, site_server

    sock = listening_socket("127.0.0.1", 0)
    server = site_server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_the_owl_api_loads_the_ontology_by_its_iri(site, app, tmp_path):
    """Before: UnparsableOntologyException after 19 GETs (every answer was HTML)."""
    from kg.data.versions import releases

    javac, java = executable("javac", "openjdk-17-jdk-headless"), executable("java", "java")
    classpath = owlapi_classpath()
    compiled = subprocess.run([javac, "-d", str(tmp_path), "-cp", classpath, str(LOADER)],
                              capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stderr
    server, thread, served = _serve_in_thread(app)
    try:
        with apache(site, _rules) as (w3id, _host):
            iris = [f"{w3id}/ontology", f"{w3id}/ontology/{releases()[-2]}",
                    f"{served}/ontology"]
            run = subprocess.run([java, "-cp", f"{tmp_path}:{classpath}", "LoadByIri", *iris],
                                 capture_output=True, text=True, timeout=300)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
    for line in run.stdout.splitlines():
        report(f"OWL API {debian_version('libowlapi-java')} by IRI: {line}")
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert f"ontology={ONTOLOGY_IRI} version={ONTOLOGY_IRI}/{releases()[-1]}" in lines[0]
    assert f"version={ONTOLOGY_IRI}/{releases()[-2]}" in lines[1]
    assert "format=RDF/XML" in lines[0] and "format=RDF/XML" in lines[2]


def test_a_contact_that_would_add_a_rewrite_rule_is_refused_before_writing(tmp_path):
    """The contact goes into a comment line of .htaccess: a newline would start a rule."""
    import sys

    from kg.serve.export import write_site
    from kg.serve.rewrite import ContactError

    with pytest.raises(ContactError):
        write_site(None, tmp_path / "site", contact="x\nRewriteRule ^ http://evil.example/ [R]")
    run = subprocess.run([sys.executable, "-m", "kg", "site", "--out", "site", "--contact",
                          "x\rRewriteRule ^ http://evil.example/ [R]"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith("kg site: error: --contact") and "Traceback" not in run.stderr
    assert not (tmp_path / "site").exists()
