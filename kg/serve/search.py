"""Search by any name: labels, alternative labels, acronyms, notations, descriptions.

Matching ignores case and diacritics ("Quebec" finds "Québec"). A name ranks
exact > prefix > word (the text starts a word of the name) > substring; a match in the
description ranks last. Results are grouped by kind (the most specific class).

Examples
--------
>>> from kg.store.open import build_graph
>>> index = SearchIndex.from_store(build_graph())
>>> [hit.label for hit in index.search("ISED")][:1]
['Innovation, Science and Economic Development Canada']
>>> index.search("quebec")[0].label
'Québec'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import bound_rows, local_name

__all__ = ["SearchIndex", "Hit", "fold"]

RANKS = ("exact name", "name starts with", "word of the name", "part of the name",
         "in the description")


def fold(text: str) -> str:
    """Lower case without diacritics, spaces collapsed.

    >>> fold("  Québec  Économie ")
    'quebec economie'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True)
class Hit:
    """One search result: the resource, its label and kind, the name that matched, rank."""

    iri: str
    label: str
    kind: str
    matched: str
    rank: int

    @property
    def why(self) -> str:
        return RANKS[self.rank]


class SearchIndex:
    """Every name of every resource, folded once."""

    def __init__(self, entries: list[tuple[str, str, str]], descriptions: dict[str, str],
                 labels: dict[str, str], kinds: dict[str, str]) -> None:
        self._names = [(fold(name), name, iri) for iri, name, _ in entries]
        self._descriptions = {iri: fold(text) for iri, text in descriptions.items()}
        self.labels = labels
        self.kinds = kinds

    @classmethod
    def from_store(cls, store: SparqlStore, kinds: dict[str, str] | None = None) -> SearchIndex:
        """Read the names from ``store`` (``queries/internal/search-entries.rq``);
        ``kinds``: IRI -> kind label (default: the local name of the IRI's class)."""
        entries: list[tuple[str, str, str]] = []
        descriptions: dict[str, str] = {}
        labels: dict[str, str] = {}
        # rows as the engine's strings (no term object per cell: 1M triples 9.7 -> 2 s)
        for iri, label, name, comment in store.select_values(internal("search-entries")):
            if iri is None or label is None or name is None:
                continue  # the query binds them: for the types
            labels.setdefault(iri, label)
            entries.append((iri, name, label))
            if comment is not None:
                descriptions.setdefault(iri, comment)
        if kinds is None:
            kinds = {}
            for iri, class_iri in bound_rows(store.select_values(internal("resource-classes"))):
                kinds.setdefault(iri, local_name(class_iri))
        entries = sorted(set(entries))
        return cls(entries, descriptions, labels, kinds)

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        """The best hit per resource, best first (rank, then shorter label, then label)."""
        key = fold(text)
        if not key:
            return []
        word = re.compile(r"(^|[^0-9a-z])" + re.escape(key))
        best: dict[str, tuple[int, str]] = {}
        for folded, name, iri in self._names:
            if folded == key:
                rank = 0
            elif folded.startswith(key):
                rank = 1
            elif word.search(folded):
                rank = 2
            elif key in folded:
                rank = 3
            else:
                continue
            if iri not in best or rank < best[iri][0]:
                best[iri] = (rank, name)
        if len(key) >= 3:
            for iri, folded in self._descriptions.items():
                if iri not in best and key in folded:
                    best[iri] = (4, "")
        hits = [Hit(iri, self.labels.get(iri, iri), self.kinds.get(iri, ""), name, rank)
                for iri, (rank, name) in best.items()]
        hits.sort(key=lambda h: (h.rank, len(h.label), h.label, h.iri))
        return hits[:limit]

    def grouped(self, hits: list[Hit]) -> list[tuple[str, list[Hit]]]:
        """Hits grouped by kind, the groups in the order of their best hit."""
        groups: dict[str, list[Hit]] = {}
        for hit in hits:
            groups.setdefault(hit.kind or "Other", []).append(hit)
        return list(groups.items())
