"""Network analysis: the RDF graph projected onto its entity network (integer arrays, with
networkx and igraph forms on request), ranked and explained linkage paths, EU actor x GIC
linkage scores, centralities and brokers.

May import: :mod:`kg.core`, :mod:`kg.store`, :mod:`kg.query` (and the layers below).
"""
