"""Kinds of things in plain words: a class's ``rdfs:label``, capitalised, in the singular
and the plural ("Global Innovation Clusters", "Public bodies"), for the search groups
and the browse pages (never a class's local name such as ``ESCP4iPartnership``).

Examples
--------
>>> plural("public body"), plural("ESCP-4i partnership"), plural("person")
('public bodies', 'ESCP-4i partnerships', 'people')
>>> plural("unit of the paper"), plural("box"), plural("erratum")
('units of the paper', 'boxes', 'errata')
>>> from kg.store.open import build_graph
>>> names = KindNames.from_store(build_graph())
>>> names.plural("GlobalInnovationCluster"), names.singular("PublicBody")
('Global Innovation Clusters', 'Public body')
>>> names.plural("NoSuchClass")
'No such classes'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import bound_rows, local_name

__all__ = ["KindNames", "plural", "VOCABULARY_KINDS"]

#: Words whose plural is not made by a rule.
_IRREGULAR = {"person": "people", "erratum": "errata", "datum": "data", "criterion": "criteria",
              "child": "children", "analysis": "analyses"}
#: The kinds of the ontology's own terms in search results (named, never "Other").
VOCABULARY_KINDS = {"Class": "class of the vocabulary", "Property": "property of the vocabulary"}


def plural(label: str) -> str:
    """The plural of a kind's label: of its head word (the last word before " of ")."""
    head, sep, tail = label.partition(" of ")
    before, _, word = head.rpartition(" ")
    lower = word.lower()
    if lower in _IRREGULAR:
        many = _IRREGULAR[lower]
    elif re.search(r"[^aeiou]y$", lower):
        many = word[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", lower):
        many = word + "es"
    else:
        many = word + "s"
    return (before + " " if before else "") + many + sep + tail


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class KindNames:
    """A class's local name -> its label (from the store's ontology)."""

    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: SparqlStore) -> KindNames:
        found = {local_name(c): label for c, label in
                 bound_rows(store.select_values(internal("class-labels")))}
        found.update(VOCABULARY_KINDS)
        return cls(found)

    def label(self, kind: str) -> str:
        """The label of ``kind``; for a class without one, its local name in words."""
        return self.labels.get(kind) or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower()

    def singular(self, kind: str) -> str:
        return _capital(self.label(kind))

    def plural(self, kind: str) -> str:
        return _capital(plural(self.label(kind)))
