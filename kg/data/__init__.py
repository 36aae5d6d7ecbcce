"""Curated data and its schema: the YAML records (``kg/data/*.yaml``), the schema read
from the ontology, the loader and the record checks.

May import: :mod:`kg.core`.
"""
