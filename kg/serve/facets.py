"""The facets of every described resource, read once per graph: side (EU / Canada),
country, industrial ecosystem, programme (``eucan:fundedBy``), ESCP-4i generation and
target market — what the search filters and the browse pages narrow by.

A filter's value in an address is the last segment of the value's IRI (``spain`` for
``…/id/country/spain``; the generation's number; ``EU`` or ``Canada`` for a side), so a
visitor's text is only ever compared with strings read from the graph, never put into a
query.

Examples
--------
>>> from kg.store.open import build_graph
>>> facets = Facets.from_store(build_graph())
>>> suave = "https://w3id.org/eucan/id/partnership/suave"
>>> sorted(facets.values(suave, "country"))[:2]
['european-union', 'france']
>>> facets.values(suave, "side")
{'EU'}
>>> facets.keep([suave], {"country": "spain", "ecosystem": "agri-food"})
['https://w3id.org/eucan/id/partnership/suave']
>>> facets.keep([suave], {"market": "singapore"})
[]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.core.terms import local_name

__all__ = ["Facets", "FACETS"]

#: Facet -> its name on the pages, in the order the filters are shown.
FACETS = {"side": "Side", "country": "Country", "ecosystem": "Industrial ecosystem",
          "programme": "Programme", "generation": "Generation", "market": "Target market"}


@dataclass
class Facets:
    """Resource IRI -> facet -> the keys of its values; key -> label per facet."""

    found: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def _add(self, iri: str, facet: str, key: str, label: str) -> None:
        self.found.setdefault(iri, {}).setdefault(facet, set()).add(key)
        self.labels.setdefault(facet, {}).setdefault(key, label)

    @classmethod
    def from_store(cls, store: SparqlStore) -> Facets:
        facets = cls()
        for row in store.select_values(internal("entity-countries")):
            iri, country, label, side = row
            if iri is None or country is None:
                continue
            facets._add(iri, "country", local_name(country), label or local_name(country))
            if side:
                facets._add(iri, "side", side, side)
        for iri, facet, value, label in store.select_values(internal("facet-values")):
            if iri and facet and value:
                key = local_name(value) if "/" in value else value
                facets._add(iri, facet, key, label or key)
        return facets

    def values(self, iri: str, facet: str) -> set[str]:
        return self.found.get(iri, {}).get(facet, set())

    def label(self, facet: str, key: str) -> str:
        return self.labels.get(facet, {}).get(key, key)

    def keep(self, iris: Iterable[str], chosen: Mapping[str, str]) -> list[str]:
        """The IRIs that have every chosen value (facet -> key; empty keys are ignored)."""
        wanted = {f: k for f, k in chosen.items() if k and f in FACETS}
        return [iri for iri in iris if all(k in self.values(iri, f) for f, k in wanted.items())]

    def options(self, iris: Iterable[str]) -> dict[str, list[tuple[str, str, int]]]:
        """For each facet the IRIs have values of: (key, label, count), by label — the
        filters that apply to these resources."""
        counts: dict[str, dict[str, int]] = {}
        for iri in iris:
            for facet, keys in self.found.get(iri, {}).items():
                for key in keys:
                    counts.setdefault(facet, {}).setdefault(key, 0)
                    counts[facet][key] += 1
        return {facet: sorted(((k, self.label(facet, k), n) for k, n in counts[facet].items()),
                              key=lambda o: (_order(o[1]), o[0]))
                for facet in FACETS if facet in counts}


def _order(label: str) -> tuple[int, str]:
    return (0, label.zfill(4)) if label.isdigit() else (1, label.casefold())
