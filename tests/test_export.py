"""Every export format parses back to a graph isomorphic to the built one."""

from __future__ import annotations

import pytest
import rdflib

from kg.publish.rdf import EXPORT_FORMATS
from tests.tools import same_graph

RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def reference(store):
    return rdflib.Graph().parse(data=store.serialize("ntriples").decode(), format="nt")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_parses_back_isomorphic(store, reference, fmt):
    data = store.serialize(fmt).decode("utf-8")
    parsed = rdflib.Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])
    assert len(parsed) == len(reference)
    assert same_graph(parsed, reference)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_parses_with_pyoxigraph(store, fmt):
    import pyoxigraph as ox

    from kg.core.formats import by_name

    triples = list(ox.parse(store.serialize(fmt), format=by_name(fmt).rdf_format))
    assert len(triples) == len(store)
