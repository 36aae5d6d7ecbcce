"""The query catalogue (``queries/*.rq`` with their headers, typed parameters bound as
RDF terms), name resolution (label, alternative label, slug or IRI -> one resource) and
counts of the graph.

May import: :mod:`kg.core`, :mod:`kg.data`, :mod:`kg.graph`, :mod:`kg.store`.
"""
