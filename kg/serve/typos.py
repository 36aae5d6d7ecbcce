"""Typo correction for the site's search: a trigram step picks the few known words that
look like a typed word, an edit distance (optimal string alignment: insertions,
deletions, substitutions and swaps of two neighbours each cost 1) chooses among them.

The known words are those of the names in the graph (a few thousand); the trigram step
keeps the distance from being computed against all of them.

Examples
--------
>>> words = Vocabulary(["protein", "industries", "canada", "proteins", "scale"])
>>> words.closest("protien"), words.closest("industires"), words.closest("xyzzy")
('protein', 'industries', None)
>>> distance("protien", "protein"), distance("kitten", "sitting")
(1, 3)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

__all__ = ["Vocabulary", "distance", "trigrams"]


def trigrams(word: str) -> set[str]:
    """The trigrams of ``word`` padded with spaces (the first letters count double).

    >>> sorted(trigrams("ai"))
    ['  a', ' ai', 'ai ']
    """
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def distance(a: str, b: str) -> int:
    """The optimal string alignment distance between ``a`` and ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


class Vocabulary:
    """Known words (folded), how often each occurs, and a trigram index over them."""

    def __init__(self, words: Iterable[str]) -> None:
        self.counts = Counter(w for w in words if len(w) >= 3 and not w.isdigit())
        self._grams: dict[str, set[str]] = {}
        for word in self.counts:
            for gram in trigrams(word):
                self._grams.setdefault(gram, set()).add(word)

    def closest(self, word: str) -> str | None:
        """The known word nearest to ``word`` (at most 1 edit for words of up to 5
        letters, 2 beyond), the most frequent among equals; None if none is near."""
        if len(word) < 3 or word in self.counts:
            return None
        allowed = 1 if len(word) <= 5 else 2
        shared: Counter[str] = Counter()
        for gram in trigrams(word):
            shared.update(self._grams.get(gram, ()))
        best: tuple[int, int, str] | None = None
        for candidate, _ in shared.most_common(60):
            if abs(len(candidate) - len(word)) > allowed:
                continue
            found = distance(word, candidate)
            key = (found, -self.counts[candidate], candidate)
            if found <= allowed and (best is None or key < best):
                best = key
        return best[2] if best else None
