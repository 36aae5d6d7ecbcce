"""The bottom layer: errors, namespaces, RDF term conversions, SPARQL text helpers,
packaged resources (ontology, queries) and atomic file writes.

May import: the standard library and pyoxigraph only — nothing else of ``kg``.
"""
