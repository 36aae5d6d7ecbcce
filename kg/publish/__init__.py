"""Publishing: the RDF syntaxes, named graphs, CSV tables, the JSON-LD context, the
VoID/DCAT description, ontology documentation, the interactive picture, and the main
job that writes them all into ``out/`` (:func:`~kg.publish.job.build`).

May import: :mod:`kg.network` and every layer below it.
"""
