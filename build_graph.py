"""Build the EU-Canada cluster policy graph into out/ (same as ``kg build``).

Usage: python build_graph.py [--out DIR] [--engine oxigraph|rdflib]
"""

import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
