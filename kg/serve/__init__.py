"""Serving: the graph as a local linked-data site (``kg serve``) and as static pages
(``kg site``): every resource and ontology term a page with content negotiation, search
by any name, a linkage explorer, the named-query page, the SPARQL protocol and the picture.

May import: :mod:`kg.publish` and every layer below it.
"""
