"""Locating the independent tools the interoperability tests run.

A missing tool skips its test with the reason, unless ``EUCAN_REQUIRE_TOOLS=1``
(set by ``.ci/run``), where it fails: in CI every tool must be there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_PATH = ROOT / "ontology" / "eucan.ttl"
SHAPES_PATH = ROOT / "ontology" / "shapes.ttl"
QUERIES_DIR = ROOT / "queries"
CHECKS_DIR = QUERIES_DIR / "checks"
N3_DIR = ROOT / "tools" / "n3"
OWLAPI_CHECKER = ROOT / "tools" / "owlapi" / "CheckProfile.java"
#: SLF4J bridges that clash with each other on one classpath (the OWL API then fails to start).
SLF4J_BRIDGES = ("slf4j-jcl", "jcl-over-slf4j", "log4j-over-slf4j", "slf4j-log4j12",
                 "jul-to-slf4j", "slf4j-jdk14", "slf4j-simple", "slf4j-migrator", "slf4j-reload4j")


#: One line per independent tool run: tool, version, file, verdict (printed after the tests).
REPORT: list[str] = []


def report(line: str) -> None:
    """Record a tool's verdict for the summary printed at the end of the test run."""
    REPORT.append(line)


def debian_version(package: str) -> str:
    run = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                         text=True)
    return run.stdout.strip() or "?"


def require(condition: bool, reason: str) -> None:
    """Skip (or, with EUCAN_REQUIRE_TOOLS=1, fail) when ``condition`` is false."""
    if condition:
        return
    if os.environ.get("EUCAN_REQUIRE_TOOLS") == "1":
        pytest.fail(f"required tool missing: {reason}")
    pytest.skip(reason)


def executable(name: str, package: str) -> str:
    path = shutil.which(name)
    require(path is not None, f"{name} not found (Debian package {package})")
    return path


#: Where the npm packages of the site's outside judges (axe-core, vnu-jar, lighthouse) are
#: looked for when ``EUCAN_NODE_MODULES`` does not say: installed outside the checkout by
#: ``.ci/run`` (``npm install --prefix ~/.cache/eucan-judges axe-core vnu-jar lighthouse``).
NODE_MODULES_PLACES = (Path.home() / ".cache" / "eucan-judges" / "node_modules",
                       Path("/tmp/judges/node_modules"), ROOT / "node_modules")


def node_package(name: str, file: str = "package.json") -> Path:
    """``file`` inside the npm package ``name``, from the ``node_modules`` folder that
    ``EUCAN_NODE_MODULES`` names, else the first of :data:`NODE_MODULES_PLACES` that holds
    it; skips (or, with EUCAN_REQUIRE_TOOLS=1, fails) with the command that installs it."""
    given = os.environ.get("EUCAN_NODE_MODULES")
    places = [Path(given)] if given else list(NODE_MODULES_PLACES)
    found = next((place / name / file for place in places if (place / name / file).is_file()),
                 None)
    require(found is not None, f"npm package {name} not found in {', '.join(map(str, places))} "
            f"(npm install --prefix DIR {name}, then EUCAN_NODE_MODULES=DIR/node_modules)")
    return found


def owlapi_classpath() -> str:
    """The jars of Debian's libowlapi-java and its direct dependencies, minus SLF4J bridges."""
    executable("dpkg", "dpkg")
    listed = subprocess.run(["dpkg", "-L", "libowlapi-java"], capture_output=True, text=True)
    require(listed.returncode == 0, "Debian package libowlapi-java is not installed")
    depends = subprocess.run(["apt-cache", "depends", "libowlapi-java"], capture_output=True,
                             text=True).stdout
    packages = ["libowlapi-java"] + [p for p in re.findall(r"Depends: (\S+)", depends)
                                     if not p.startswith("<")]
    jars = set()
    for package in packages:
        files = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True).stdout
        for line in files.split():
            name = line.rsplit("/", 1)[-1]
            if (line.startswith("/usr/share/java/") and name.endswith(".jar")
                    and not re.search(r"-\d[\w.~+]*\.jar$", name)
                    and not name.startswith(SLF4J_BRIDGES)):
                jars.add(line)
    return ":".join(sorted(jars))


def n3_ready() -> Path:
    """The N3.js checker folder, with its npm dependencies (N3.js, jsonld.js) installed (by
    ``npm ci`` from the lock file, once, when npm is there)."""
    executable("node", "nodejs")
    installed = [N3_DIR / "node_modules" / name for name in ("n3", "jsonld")]
    if not all(p.exists() for p in installed) and shutil.which("npm"):
        subprocess.run(["npm", "ci", "--prefix", str(N3_DIR), "--no-audit", "--no-fund",
                        "--silent"], capture_output=True, timeout=300)
    require(all(p.exists() for p in installed), "N3.js or jsonld.js not installed: npm "
            "(Debian package npm) could not run 'npm ci' in tools/n3")
    return N3_DIR


def same_graph(first, second) -> bool:
    """Whether two graphs (rdflib graphs, or iterables of pyoxigraph triples) are
    isomorphic: both canonicalised with RDFC-1.0 in Oxigraph (rdflib's own isomorphism
    takes minutes on thousands of blank nodes)."""
    import pyoxigraph as ox
    import rdflib

    def canonical(graph) -> set:
        if isinstance(graph, rdflib.Graph):
            data = graph.serialize(format="nt", encoding="utf-8")
            graph = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in graph)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        return set(dataset)

    return canonical(first) == canonical(second)


@contextmanager
def kg_serve(*args: str, cwd: Path | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """``kg serve`` on a free loopback port with ``args``, until the block ends: yields its
    base URL and process (its stderr is read after the block); the server must stop with
    exit code 0 on SIGTERM, and is killed if it does not."""
    from kg.store.server import free_port

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), *args],
                               cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in line, process.stderr.read()[-2000:]
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        try:
            assert process.wait(timeout=30) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
