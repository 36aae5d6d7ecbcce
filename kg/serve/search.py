"""Search that forgives: every name of every resource (label, alternative and hidden
labels, notations) and its description in an SQLite FTS5 index, built in memory once
per served graph.

* **Words in any order, several words**: each typed word must start a word of the
  resource's names or description (``"industries protein"`` finds Protein Industries
  Canada); when no resource has them all, those with the most of them come instead.
* **Accents, case and hyphens folded**: the tokenizer is ``unicode61 remove_diacritics
  2`` with no extra token characters, so a hyphen, an apostrophe, a slash or a dot
  separates words ("dg-grow" = "DG GROW", "Quebec" = "Québec"); the ``joined`` column
  also holds each hyphenated word glued ("agrifood" finds "Agri-food").
* **Typos**: a word that starts no known word is corrected by :mod:`kg.serve.typos`
  (trigrams, then an edit distance) and the best hit of the corrected words is offered:
  "did you mean Protein Industries Canada?".

A hit ranks exact name > name starts with the words > all words in the names > all
words, some in the description > some of the words; then by FTS5's bm25 (a name
weighs ten times the description), then the shorter label.

Examples
--------
>>> from kg.store.open import build_graph
>>> index = SearchIndex.from_store(build_graph())
>>> [hit.label for hit in index.search("ISED")][:1]
['Innovation, Science and Economic Development Canada']
>>> index.search("quebec")[0].label
'Québec'
>>> index.search("industries protein")[0].label
'Protein Industries Canada'
>>> index.search("protien"), index.suggest("protien")
([], 'Protein Industries Canada')
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import bound_rows, local_name
from kg.serve.facets import Facets
from kg.serve.kinds import KindNames
from kg.serve.typos import Vocabulary

__all__ = ["SearchIndex", "Hit", "fold", "words", "TOKENIZER", "RANKS"]

RANKS = ("exact name", "name starts with", "all words in the names",
         "all words, some in the description", "some of the words")
#: FTS5 tokenizer: diacritics removed, every character that is not a letter or digit
#: (hyphen, apostrophe, slash, dot) separates words.
TOKENIZER = "unicode61 remove_diacritics 2"
_COLUMNS = "label, names, joined, description, about"
_WEIGHTS = "10.0, 5.0, 4.0, 1.0, 0.5"
#: The best-scored rows (bm25) a query ranks further: enough for any page of results.
_CANDIDATES = 5000
_HYPHENATED = re.compile(r"[^\W_]+(?:[-‐‑–'’][^\W_]+)+")
_JOINERS = re.compile(r"[-‐‑–'’]")


def fold(text: str) -> str:
    """Lower case without diacritics, spaces collapsed.

    >>> fold("  Québec  Économie ")
    'quebec economie'
    """
    if text.isascii():  # most names: no diacritics to take off
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them.

    >>> words("DG-GROW's Agri-food (Québec)")
    ['dg', 'grow', 's', 'agri', 'food', 'quebec']
    """
    return re.findall(r"[^\W_]+", fold(text))


def _joined(names: list[str]) -> str:
    """Hyphenated words glued, and short names (up to three words) glued whole.

    >>> _joined(["Agri-food value chains", "DG GROW"])
    'agrifood dggrow'
    """
    glued = [re.sub(r"\W", "", m) for n in names if _JOINERS.search(n)
             for m in _HYPHENATED.findall(fold(n))]
    glued += ["".join(w) for n in names if n.count(" ") <= 2 and 1 < len(w := words(n)) <= 3]
    return " ".join(dict.fromkeys(glued))


def _stem(word: str) -> str:
    """A typed word with a final plural "s" taken off (it is matched as a prefix, so
    "clusters" finds "cluster" and "clusters").

    >>> _stem("clusters"), _stem("bus"), _stem("ised")
    ('cluster', 'bus', 'ised')
    """
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") \
        else word


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
    """Every name of every resource in an in-memory FTS5 table (one row per resource)."""

    def __init__(self, names: dict[str, list[str]], descriptions: dict[str, list[str]],
                 labels: dict[str, str], kinds: dict[str, str],
                 kind_names: KindNames | None = None,
                 about: dict[str, list[str]] | None = None,
                 weak: set[tuple[str, str]] | None = None) -> None:
        self.labels, self.kinds = labels, kinds
        self.kind_names = kind_names or KindNames()
        about = about or {}
        self._iris = sorted(names)
        self._weak = weak or set()  # (IRI, name): hidden labels, notations: never exact names
        self._raw, self._descriptions, self._about = names, descriptions, about
        self._words: dict[str, tuple[list[tuple[str, str, bool]], set[str]]] = {}
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(f"CREATE VIRTUAL TABLE entries USING fts5({_COLUMNS}, "
                         f"tokenize='{TOKENIZER}')")
        self._db.executemany("INSERT INTO entries(rowid, label, names, joined, description, "
                             "about) VALUES (?, ?, ?, ?, ?, ?)", [
                                 (i, labels.get(iri, ""), " | ".join(names[iri]),
                                  _joined(names[iri]), " | ".join(descriptions.get(iri, [])),
                                  " | ".join(about.get(iri, [])))
                                 for i, iri in enumerate(self._iris)])

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The words of every name, for typos (made on the first suggestion)."""
        return Vocabulary(w for iri in self._iris for n in self._raw[iri] for w in words(n))

    def _words_of(self, iri: str) -> tuple[list[tuple[str, str, bool]], set[str]]:
        """A resource's names as words (folded, the name, whether it may be exact) and
        every word of its names, description and what it is about (kept once made)."""
        found = self._words.get(iri)
        if found is None:
            names = self._raw[iri]
            found = self._words[iri] = (
                [(" ".join(words(n)), n, (iri, n) not in self._weak) for n in names],
                set(words(" ".join(names + self._descriptions.get(iri, [])
                                   + self._about.get(iri, [])))))
        return found

    @classmethod
    def from_store(cls, store: SparqlStore, kinds: dict[str, str] | None = None,
                   facets: Facets | None = None) -> SearchIndex:
        """Read the names from ``store`` (``queries/internal/search-entries.rq``);
        ``kinds``: IRI -> kind (default: the local name of the IRI's class); the
        ontology's own terms are "class of the vocabulary" or "property of the vocabulary".
        What a resource is about (its classes' labels, its countries, ecosystems,
        programmes and target markets: ``facets``) is indexed too, with the least weight."""
        names: dict[str, list[str]] = {}
        descriptions: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        vocab: dict[str, str] = {}
        # rows as the engine's strings (no term object per cell)
        weak: set[tuple[str, str]] = set()
        rows = store.select_values(internal("search-entries"))
        for iri, label, name, comment, owl, strong in rows:
            if iri is None or label is None or name is None:
                continue
            labels.setdefault(iri, label)
            if name not in names.setdefault(iri, []):
                names[iri].append(name)
            if strong == "false":
                weak.add((iri, name))
            if comment and comment not in descriptions.setdefault(iri, []):
                descriptions[iri].append(comment)
            if owl:
                vocab[iri] = "Class" if owl.endswith("#Class") else "Property"
        kind_names = KindNames.from_store(store)
        about: dict[str, list[str]] = {}
        plurals: dict[str, str] = {}
        for iri, class_iri in bound_rows(store.select_values(internal("resource-classes"))):
            if iri in names:
                kind = local_name(class_iri)
                if kind not in plurals:
                    plurals[kind] = kind_names.plural(kind)
                about.setdefault(iri, []).append(plurals[kind])
                if kinds is None or iri not in kinds:
                    kinds = kinds if kinds is not None else {}
                    kinds.setdefault(iri, kind)
        facets = facets or Facets.from_store(store)
        for iri in names:
            about.setdefault(iri, []).extend(
                facets.label(f, key) for f in ("country", "ecosystem", "programme", "market")
                for key in sorted(facets.values(iri, f)))
        kinds = {**(kinds or {}), **{iri: k for iri, k in vocab.items()}}
        return cls(names, descriptions, labels, kinds, kind_names, about, weak)

    def _match(self, query: str) -> list[tuple[int, float]]:
        with self._lock:
            return self._db.execute(f"SELECT rowid, bm25(entries, {_WEIGHTS}) AS score "
                                    "FROM entries WHERE entries MATCH ? ORDER BY score "
                                    f"LIMIT {_CANDIDATES}", (query,)).fetchall()

    def search(self, text: str, limit: int = 50,
               keep: Callable[[str], bool] | None = None) -> list[Hit]:
        """The hits for ``text``, best first (see the module); ``keep``: which IRIs may
        be shown (the filters), applied before ``limit``."""
        typed = [_stem(w) for w in words(text)[:12]]
        if not typed:
            return []
        terms = [f'"{w}"*' for w in typed]  # words only: no FTS5 syntax can get through
        found = self._match(" AND ".join(terms)) or self._match(" OR ".join(terms))
        hits: list[tuple[tuple[int, int, int, int, float, str], Hit]] = []
        for rowid, score in found:
            iri = self._iris[rowid]
            if keep is not None and not keep(iri):
                continue
            rank, matched, covered = self._rank(iri, typed)
            label = self.labels.get(iri, iri)
            hits.append(((rank, -covered, len(matched or label), len(label), score, label),
                         Hit(iri, label, self.kinds.get(iri, ""), matched, rank)))
        hits.sort(key=lambda pair: pair[0])
        return [hit for _, hit in hits[:limit]]

    def _rank(self, iri: str, typed: list[str]) -> tuple[int, str, int]:
        """The rank of a resource for the typed words, the name that matched best and how
        many of the words it has."""
        key = " ".join(typed)
        best = (4, "")
        named, text = self._words_of(iri)
        for folded, name, strong in named:
            have = folded.split() + _joined([name]).split()
            if strong and (folded == key or " ".join(_stem(w) for w in folded.split()) == key):
                return 0, name, len(typed)
            if strong and folded.startswith(key) and best[0] > 1:
                best = (1, name)
            elif best[0] > 2 and all(any(h.startswith(w) for h in have) for w in typed):
                best = (2, name)
        covered = sum(any(t.startswith(w) for t in text) for w in typed)
        if best[0] == 4 and covered == len(typed):
            best = (3, "")
        return best[0], best[1], covered

    def suggest(self, text: str) -> str | None:
        """The label of the best hit once the typed words that start no known word are
        corrected (:meth:`kg.serve.typos.Vocabulary.closest`); None if none is."""
        typed = words(text)[:12]
        fixed, changed = [], False
        for word in typed:
            better = None if self._match(f'"{word}"*') else self.vocabulary.closest(word)
            fixed.append(better or word)
            changed = changed or better is not None
        if not changed:
            return None
        hits = self.search(" ".join(fixed), limit=1)
        return hits[0].label if hits else None

    def grouped(self, hits: list[Hit]) -> list[tuple[str, list[Hit]]]:
        """Hits grouped by kind in plain words (the plural of the class's label), the
        groups in the order of their best hit."""
        groups: dict[str, list[Hit]] = {}
        for hit in hits:
            groups.setdefault(self.kind_names.plural(hit.kind) if hit.kind else
                              "Resources", []).append(hit)
        return list(groups.items())
