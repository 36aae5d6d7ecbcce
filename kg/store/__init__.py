"""The store: the embedded engine (:class:`~kg.store.embedded.Store`, Oxigraph or
rdflib), a remote SPARQL 1.1 endpoint behind the same interface, Graph Store Protocol
upload, the Oxigraph server process, and opening the store a command reads
(:func:`~kg.store.open.default_store`).

May import: :mod:`kg.core`, :mod:`kg.data`, :mod:`kg.graph`.
"""
