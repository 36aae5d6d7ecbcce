"""Interoperability: independent tools accept what the main job writes.

rapper (raptor2-utils) and N3.js parse every RDF export with the project's triple count;
the OWL API finds the ontology and the whole graph in OWL 2 DL; HermiT (bundled with
owlready2) finds the graph consistent; the VoID/DCAT description, JSON-LD context, CSV
tables, named graphs and ontology documentation say what they should. Tool versions and
verdicts are printed (run pytest with -s to see them in the log).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import tomllib
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.core.namespaces import DCAT, VOID
from kg.graph.validate import check_problems
from kg.publish.describe import DATASET_IRI, release
from kg.publish.job import build
from kg.store.open import build_graph
from tests.tools import (
    ONTOLOGY_PATH,
    OWLAPI_CHECKER,
    debian_version,
    executable,
    n3_ready,
    owlapi_classpath,
    report,
    require,
    same_graph,
)

ID = "https://w3id.org/eucan/id/"


@pytest.fixture(scope="module")
def out(tmp_path_factory, records) -> Path:
    folder = tmp_path_factory.mktemp("out")
    build(folder)
    return folder


@pytest.fixture(scope="module")
def triples(out) -> int:
    return sum(1 for line in (out / "eucan.nt").read_text(encoding="utf-8").splitlines() if line)


def test_main_job_writes_every_output(out):
    for name in ("eucan.ttl", "eucan.nt", "eucan.jsonld", "eucan.rdf", "eucan.nq", "eucan.trig",
                 "context.jsonld", "eucan.compact.jsonld", "void.ttl", "graph.html",
                 "eucan-network.graphml", "eucan-network.gexf", "docs/index.html",
                 "csv/Eurocluster.csv"):
        assert (out / name).stat().st_size > 0, name


def test_every_output_is_byte_identical_across_builds(out, tmp_path):
    build(tmp_path)
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        assert (tmp_path / path.relative_to(out)).read_bytes() == path.read_bytes(), path.name


# -- rapper --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, syntax", [("eucan.ttl", "turtle"), ("eucan.nt", "ntriples"),
                                          ("eucan.rdf", "rdfxml"), ("eucan.nq", "nquads"),
                                          ("eucan.trig", "trig")])
def test_rapper_parses_exports_without_warnings_with_the_same_count(out, triples, name, syntax):
    rapper = executable("rapper", "raptor2-utils")
    run = subprocess.run([rapper, "-i", syntax, "-c", str(out / name)], capture_output=True,
                         text=True)
    version = subprocess.run([rapper, "--version"], capture_output=True, text=True).stdout.strip()
    report(f"rapper {version}: {name}: {run.stderr.strip().splitlines()[-1]}; "
           f"warnings: {run.stderr.lower().count('warning')}")
    assert run.returncode == 0, run.stderr
    assert "warning" not in run.stderr.lower() and "error" not in run.stderr.lower(), run.stderr
    assert f"returned {triples} " in run.stderr


def test_rapper_parses_the_dataset_description(out):
    rapper = executable("rapper", "raptor2-utils")
    run = subprocess.run([rapper, "-i", "turtle", "-c", str(out / "void.ttl")],
                         capture_output=True, text=True)
    described = len(list(ox.parse(path=str(out / "void.ttl"), format=ox.RdfFormat.TURTLE)))
    assert run.returncode == 0 and f"returned {described} " in run.stderr, run.stderr


# -- N3.js ---------------------------------------------------------------------------------

def test_n3js_parses_exports_with_the_same_count(out, triples):
    folder = n3_ready()
    files = [str(out / n) for n in ("eucan.ttl", "eucan.nt", "eucan.nq", "eucan.trig")]
    run = subprocess.run(["node", str(folder / "count.mjs"), *files], capture_output=True,
                         text=True, cwd=folder)
    version = json.loads((folder / "node_modules" / "n3" / "package.json").read_text())["version"]
    results = [json.loads(line) for line in run.stdout.splitlines()]
    for r in results:
        report(f"N3.js {version}: {Path(r['file']).name}: {r.get('quads')} quads in "
               f"{r.get('graphs')} graph(s){'; ' + r['error'] if 'error' in r else ''}")
    assert run.returncode == 0, run.stdout + run.stderr
    assert [r["quads"] for r in results] == [triples] * 4
    # Ontology and data in two named graphs.
    assert [r["graphs"] for r in results] == [1, 1, 2, 2]


# -- OWL API -------------------------------------------------------------------------------

def test_owl_api_finds_ontology_and_graph_in_owl2_dl(out, tmp_path):
    javac, java = executable("javac", "openjdk-17-jdk-headless"), executable("java", "java")
    classpath = owlapi_classpath()
    compiled = subprocess.run([javac, "-d", str(tmp_path), "-cp", classpath,
                               str(OWLAPI_CHECKER)], capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stderr
    run = subprocess.run([java, "-cp", f"{tmp_path}:{classpath}", "CheckProfile",
                          str(ONTOLOGY_PATH), str(out / "eucan.rdf")],
                         capture_output=True, text=True, timeout=300)
    for line in run.stdout.splitlines():
        if not line.startswith("  "):
            report(f"OWL API {debian_version('libowlapi-java')}: {Path(line.split(':')[0]).name}:"
                   f" {line.split(': ', 1)[1]}")
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert "in-profile=true violations=0" in lines[0] and "in-profile=true violations=0" in lines[1]


# -- HermiT via owlready2 ------------------------------------------------------------------

def _hermit(path: Path):
    owlready2 = _require_owlready()
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load(format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def _require_owlready():
    try:
        import owlready2
    except ImportError:
        require(False, "owlready2 is not installed (pip install -e '.[test]')")
    executable("java", "java")
    return owlready2


def test_hermit_finds_the_graph_consistent_with_the_paper_types(out):
    world = _hermit(out / "eucan.nt")

    def types(slug: str) -> set[str]:
        return {getattr(c, "name", "") for c in world[ID + slug].INDIRECT_is_a}

    # Section 3.1 / Box 5: a Eurocluster is a cluster partnership, an organisation, an actor.
    assert {"Eurocluster", "ClusterPartnership", "Organisation", "Actor"} <= types(
        "partnership/suave")
    # Table 1: Protein Industries Canada is one of the GICs, i.e. a cluster organisation.
    assert {"GlobalInnovationCluster", "ClusterOrganisation", "Actor"} <= types(
        "cluster/protein-industries-canada")
    # Section 5.2: CETA is a trade agreement; Québec (section 3.3) a province, a region.
    assert {"TradeAgreement", "Agreement"} <= types("agreement/ceta")
    assert {"Province", "Region", "Place"} <= types("region/quebec")
    import owlready2

    report(f"HermiT (owlready2 {owlready2.VERSION}): eucan.nt: consistent; SUAVE is "
           + ", ".join(sorted(types("partnership/suave") - {"Thing", "Entity"})))


def test_hermit_detects_an_inconsistency(records, tmp_path):
    owlready2 = _require_owlready()
    store = build_graph(records)
    # publicationYear is functional: two different years for the paper cannot both hold.
    store.update("INSERT DATA { <https://w3id.org/eucan/id/source/eccp-2023> "
                 "eucan:publicationYear 2024 }")
    path = tmp_path / "broken.nt"
    path.write_bytes(store.serialize("ntriples"))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(path)


# -- pitfall checks --------------------------------------------------------------------------

PITFALLS = {
    "unconnected-class": "INSERT DATA { eucan:Lonely a owl:Class ; rdfs:label 'lonely' }",
    "property-without-domain-or-range": "INSERT DATA { eucan:bare a owl:ObjectProperty }",
    "several-domains-or-ranges": "INSERT DATA { eucan:partner rdfs:domain eucan:Place }",
    "missing-inverse": "DELETE WHERE { eucan:precededBy owl:inverseOf ?x }",
    "mixed-naming-convention": "INSERT DATA { eucan:bad_name a owl:ObjectProperty }",
    "duplicate-term-label": "INSERT DATA { eucan:Twin a owl:Class ; rdfs:label 'country'@en }",
    "ontology-declaration-and-licence": "DELETE WHERE { <https://w3id.org/eucan/ontology> "
                                        "dcterms:license ?l }",
    "term-in-foreign-namespace": "INSERT DATA { <https://w3id.org/eucan/id/country/canada> "
                                 "prov:wasDerivedFrm <https://w3id.org/eucan/id/source/table-1> }",
    # Before: Canada planted as also a Programme and an Event stayed consistent (HermiT).
    "disjoint-classes": "INSERT DATA { <https://w3id.org/eucan/id/country/canada> "
                        "a eucan:Programme , eucan:Event }",
}


def test_pitfall_scan_finds_nothing_in_the_graph(store):
    problems = check_problems(store)
    report(f"pitfall scan (queries/checks, {len(PITFALLS)} OOPS!-style checks + 4 contract "
           f"checks): {len(problems)} rows")
    assert problems == []


@pytest.mark.parametrize("check", sorted(PITFALLS))
def test_each_pitfall_check_catches_its_pitfall(records, check):
    store = build_graph(records)
    store.update(PITFALLS[check])
    found = [p for p in check_problems(store) if p.startswith(f"{check}-violation")]
    assert found, check


# -- linked data links ----------------------------------------------------------------------

def test_external_links_are_only_the_verified_ones(store):
    rows = store.select("SELECT ?s ?o WHERE { ?s owl:sameAs|skos:exactMatch ?o }")
    links = {(r["s"].value, r["o"].value) for r in rows}
    others = {o for _, o in links if "/authority/country/" not in o}
    assert others == {"http://publications.europa.eu/resource/authority/corporate-body/GROW",
                      "http://www.wikidata.org/entity/Q16", "http://www.wikidata.org/entity/Q458",
                      "http://data.europa.eu/nuts/code/DED", "http://data.europa.eu/nuts/code/ES51"}
    countries = {s: o for s, o in links if "/authority/country/" in o}
    assert all(re.fullmatch(r"http://publications\.europa\.eu/resource/authority/country/[A-Z]{3}",
                            o) for o in countries.values())
    assert countries[ID + "country/canada"].endswith("/CAN")
    assert countries[ID + "country/germany"].endswith("/DEU")
    assert (ID + "body/dg-grow", "http://publications.europa.eu/resource/authority/corporate-body/"
            "GROW") in links


# -- self-description -----------------------------------------------------------------------

def test_void_and_dcat_describe_the_files_and_counts(out, triples):
    graph = rdflib.Graph().parse(out / "void.ttl", format="turtle")
    ds = rdflib.URIRef(DATASET_IRI)
    assert int(graph.value(ds, rdflib.URIRef(VOID + "triples"))) == triples
    version, modified = release()
    assert str(graph.value(ds, rdflib.URIRef(DCAT + "version"))) == version
    assert str(graph.value(ds, rdflib.URIRef("http://purl.org/dc/terms/modified"))) == modified
    sizes = {}
    for dist in graph.objects(ds, rdflib.URIRef(DCAT + "distribution")):
        name = str(graph.value(dist, rdflib.URIRef(DCAT + "downloadURL"))).rsplit("/dist/", 1)[1]
        sizes[name] = int(graph.value(dist, rdflib.URIRef(DCAT + "byteSize")))
        # Every file has an EU file type; a media type only where IANA registered one
        # (GraphML and GEXF have none).
        assert str(graph.value(dist, rdflib.URIRef("http://purl.org/dc/terms/format"))) \
            .startswith("http://publications.europa.eu/resource/authority/file-type/")
        media = graph.value(dist, rdflib.URIRef(DCAT + "mediaType"))
        assert (media is None) == name.endswith((".graphml", ".gexf")), name
    for name in ("eucan.ttl", "eucan.nt", "eucan.jsonld", "eucan.rdf", "eucan.nq", "eucan.trig",
                 "eucan-network.graphml", "graph.html", "docs/index.html"):
        assert sizes[name] == (out / name).stat().st_size, name
    examples = set(graph.objects(ds, rdflib.URIRef(VOID + "exampleResource")))
    assert rdflib.URIRef(ID + "partnership/suave") in examples


def test_version_agrees_everywhere(store):
    version, _ = release()
    project = tomllib.loads((ONTOLOGY_PATH.parent.parent / "pyproject.toml").read_text())
    assert project["project"]["version"] == version
    import kg

    assert kg.__version__ == version
    row = store.select("SELECT ?v ?iri WHERE { <https://w3id.org/eucan/ontology> "
                       "owl:versionInfo ?v ; owl:versionIRI ?iri }")[0]
    assert row["v"].value == version and row["iri"].value.endswith("/" + version)
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)


def test_compacted_jsonld_with_the_published_context_is_the_same_graph(out, store):
    context = json.loads((out / "context.jsonld").read_text())["@context"]
    assert context["activeInEcosystem"]["@type"] == "@id"
    compact = json.loads((out / "eucan.compact.jsonld").read_text())
    suave = next(n for n in compact["@graph"] if n["id"] == "res:partnership/suave")
    # The published graph carries the entailed types: SUAVE is a Eurocluster and, above it,
    # a cluster partnership and an org:Organization (Box 5 and the ontology).
    assert {"Eurocluster", "ClusterPartnership", "org:Organization"} <= set(suave["type"])
    assert suave["label"] == ["SUAVE"]
    graph = rdflib.Graph().parse(out / "eucan.compact.jsonld", format="json-ld")
    assert same_graph(graph, store.triples())


def test_jsonld_js_reads_the_compacted_jsonld_as_the_same_graph(out, store):
    folder = n3_ready()
    run = subprocess.run(["node", str(folder / "jsonld-nquads.mjs"),
                          str(out / "eucan.compact.jsonld")], capture_output=True, cwd=folder)
    assert run.returncode == 0, run.stderr.decode()
    version = json.loads((folder / "node_modules" / "jsonld" / "package.json").read_text())
    quads = list(ox.parse(run.stdout, format=ox.RdfFormat.N_QUADS))
    report(f"jsonld.js {version['version']}: eucan.compact.jsonld: {len(quads)} triples")
    assert len(quads) == len(store) and same_graph(quads, store.triples())


def test_ontology_docs_are_the_stock_pylode_page(out, store):
    # The project's OntPub replaces only pyLODE's slow namespace section: same page.
    from pylode import OntPub

    from kg.publish.docs import documented_ontology, term_examples

    stock = OntPub(ontology=documented_ontology(term_examples(store)), sort_subjects=True)
    assert stock.make_html().encode("utf-8") == (out / "docs" / "index.html").read_bytes()


def test_named_graphs_split_ontology_and_data(out):
    quads = list(ox.parse(path=str(out / "eucan.nq"), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert graphs == {"https://w3id.org/eucan/graph/ontology", "https://w3id.org/eucan/graph/data"}
    ontology = [q for q in quads if q.graph_name.value.endswith("/ontology")]
    assert len(ontology) == len(list(ox.parse(path=str(ONTOLOGY_PATH),
                                              format=ox.RdfFormat.TURTLE)))


def test_csv_per_class_lists_the_five_gics(out):
    rows = list(csv.DictReader(io.StringIO((out / "csv" / "GlobalInnovationCluster.csv")
                                           .read_text(encoding="utf-8"))))
    # Table 1: the five Global Innovation Clusters.
    assert sorted(r["label"] for r in rows) == [
        "Canada's Ocean Supercluster", "Digital Supercluster", "Next Generation Manufacturing "
        "Canada", "Protein Industries Canada", "Scale AI"]
    pic = next(r for r in rows if r["label"] == "Protein Industries Canada")
    assert pic["activeInEcosystem"] == "Agri-Food"
    assert "Table 1" in pic["wasDerivedFrom"]


def test_ontology_docs_list_every_term_with_an_example(out, store):
    page = (out / "docs" / "index.html").read_text(encoding="utf-8")
    terms = store.select("SELECT ?t ?l WHERE { ?t a ?k ; rdfs:label ?l "
                         "VALUES ?k { owl:Class owl:ObjectProperty owl:DatatypeProperty } "
                         "FILTER STRSTARTS(STR(?t), STR(eucan:)) }")
    assert len(terms) > 100
    for row in terms:
        assert row["t"].value in page, row["t"].value
    assert "Protein Industries Canada" in page  # an example drawn from the data
    assert page.count("Example") >= 90
