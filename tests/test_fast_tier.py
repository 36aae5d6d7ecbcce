"""The fast tier (``pytest -m "not slow"``, tests/conftest.py) keeps a test of every kg
module: quick tests here for the modules whose other tests are all slow (whole builds,
sites, benchmarks), and the check that no module is left without one
(``tools/fast_tier.py``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.core.namespaces import ID
from kg.network.saved import projection_code, read_projection
from kg.publish.docs import term_examples
from kg.publish.job import graph_inputs
from kg.publish.tables import named_graph_nquads
from kg.scale.bench import scale_for, triples_for_scale
from kg.scale.bench_worker import Recorder
from kg.serve.context import templates
from kg.serve.export import write_site
from kg.serve.rewrite import SiteUrlError
from kg.store.embedded import Store

ROOT = Path(__file__).resolve().parent.parent


def test_every_kg_module_keeps_a_fast_test():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "fast_tier.py")],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout


def test_a_store_folder_without_a_saved_projection_gives_none(tmp_path):
    assert re.fullmatch(r"[0-9a-f]{64}", projection_code())
    assert read_projection(tmp_path, "0" * 64) is None


def test_the_ontology_page_examples_come_from_the_data(store):
    # SUAVE is a Eurocluster (Box 5, Section 3.1 of the paper)
    examples = term_examples(store)
    assert examples["https://w3id.org/eucan/ontology#Eurocluster"].endswith(">")


def test_the_graph_inputs_name_the_engine():
    assert graph_inputs().startswith(b"engine=oxigraph\0\0")
    assert graph_inputs(engine="rdflib").startswith(b"engine=rdflib\0\0")


def test_data_triples_go_to_the_data_graph():
    line = f'<{ID}cluster/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
    assert named_graph_nquads(line.encode()).decode() == \
        line[:-3] + " <https://w3id.org/eucan/graph/data> .\n"


def test_the_bench_scale_gives_back_its_triples():
    assert scale_for(7_452) == 0
    assert triples_for_scale(scale_for(1_000_000)) == 1_000_000 - 7_452


def test_the_bench_recorder_keeps_times_and_errors():
    recorder = Recorder(timeout=5)
    assert recorder.run("ok", lambda: 42, repeat=2) == 42
    assert recorder.run("broken", lambda: 1 / 0) is None
    assert len(recorder.steps["ok"]["times"]) == 2
    assert recorder.steps["broken"] == {"error": "ZeroDivisionError: division by zero"}


def test_page_json_cannot_close_its_script_element():
    rendered = templates().from_string("{{ v | tojson_safe | safe }}").render(v="</script>&")
    assert rendered == '"\\u003c/script\\u003e\\u0026"'


def test_a_static_site_with_a_bad_address_is_refused_before_writing(tmp_path):
    store = Store()
    store.add([ox.Triple(ox.NamedNode(f"{ID}cluster/x"),
                         ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                         ox.Literal("x"))])
    with pytest.raises(SiteUrlError):
        write_site(store, tmp_path / "site", site_url="https://x.org/\nRewrite")
    assert not (tmp_path / "site").exists()
