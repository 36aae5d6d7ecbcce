"""Network analysis: the RDF graph projected onto a networkx entity network, ranked
and explained linkage paths, EU actor x GIC linkage scores, centralities and brokers.

May import: :mod:`kg.core`, :mod:`kg.store`, :mod:`kg.query` (and the layers below).
"""
