"""Resolve a name typed by a user to one resource IRI.

A name matches a resource's label, an alternative label, its slug (the last
segment of its IRI) or the IRI itself, case-insensitively; a label or alternative
label written exactly as stored is found first, by index lookup. An unknown or
ambiguous name raises :class:`~kg.core.errors.NameResolutionError` listing the
candidates.

Examples
--------
>>> from kg.store.open import build_graph
>>> store = build_graph()
>>> resolve(store, "suava")
'https://w3id.org/eucan/id/partnership/suave'
>>> resolve(store, "Protein Industries Canada")
'https://w3id.org/eucan/id/cluster/protein-industries-canada'
"""

from __future__ import annotations

import difflib

import pyoxigraph as ox

from kg.core.errors import NameResolutionError
from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal

__all__ = ["resolve", "name_index"]



def name_index(store: SparqlStore) -> dict[str, list[tuple[str, str]]]:
    """Lower-cased names (labels, alt labels, slugs, IRIs) -> [(IRI, label)], for suggestions."""
    index: dict[str, list[tuple[str, str]]] = {}
    for row in store.select(internal("names")):
        iri, label = row["s"].value, row["label"].value
        for name in (row["name"].value, iri, iri.rsplit("/", 1)[-1]):
            entries = index.setdefault(name.casefold(), [])
            if (iri, label) not in entries:
                entries.append((iri, label))
    return index


def resolve(store: SparqlStore, name: str) -> str:
    """The IRI of the one resource called ``name``.

    :raises NameResolutionError: if no resource or several match, listing candidates.
    """
    text = name.strip()
    # An exact label is an index lookup; the case-insensitive scan runs only if it fails.
    matches = [(row["s"].value, row["label"].value)
               for row in store.select(internal("resolve-exact"), {"name": ox.Literal(text)})]
    if not matches:
        key = ox.Literal(text.casefold())
        matches = [(row["s"].value, row["label"].value)
                   for row in store.select(internal("resolve-name"), {"key": key})]
    if len(matches) == 1:
        return matches[0][0]
    if matches:
        listed = "; ".join(f"{label} <{iri}>" for iri, label in matches[:8])
        raise NameResolutionError(f"{name!r} is ambiguous: it names {listed}")
    index = name_index(store)
    close = difflib.get_close_matches(name.casefold(), list(index), n=5, cutoff=0.6)
    labels = sorted({label for c in close for _, label in index[c]})
    hint = f"; did you mean: {', '.join(labels)}?" if labels else ""
    raise NameResolutionError(f"no resource is called {name!r}{hint}")
