"""Graph building and validation: records -> RDF triples (ontology + data), SHACL,
OWL Lite and the ``queries/checks`` violation queries.

May import: :mod:`kg.core`, :mod:`kg.data`.
"""
