"""The countries of each entity, worked out from the place links of the graph.

The meaning is ``queries/internal/entity-countries.rq``: an entity's countries are those
(or the EU) it is, is located in (one step or more), is based or headquartered in, is held
in, is under the jurisdiction of or participates from, each place followed up its
``locatedIn`` chain; for agreements and meetings, those of their parties and participants
(or of the parties' seats and jurisdictions). Asked of the engine at once for every
entity, that query costs about five times the plain triples it reads (1M triples: 1.3 s
against 0.26 s), because it follows the same few chains of places once per entity. Here the
triples come from ``place-links.rq`` and the countries from ``country-sides.rq``, and each
place's chain is followed once. ``tests/test_saved_projection.py`` checks the projection
against the plain one made with ``entity-countries.rq``.

Cells are as the engine writes them (``<iri>``, ``"label"@en``, ``_:b0``) and are compared
as they are.

Examples
--------
>>> E = "<https://w3id.org/eucan/ontology#"
>>> links = [("<x:pic>", E + "basedIn>", "<x:sk>"), ("<x:sk>", E + "locatedIn>", "<x:ca>"),
...          ("<x:deal>", E + "party>", "<x:pic>")]
>>> countries = [("<x:ca>", '"Canada"', '"Canada"')]
>>> found = entity_countries(links, countries)
>>> sorted(found), found["<x:deal>"]  # the deal: through its party
(['<x:ca>', '<x:deal>', '<x:pic>', '<x:sk>'], (frozenset({'"Canada"'}), frozenset({'"Canada"'})))
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.core.namespaces import EUCAN

__all__ = ["entity_countries", "PLACES", "PARTIES", "SEATS"]

#: Links from a resource to a place of its own (then up the place's ``locatedIn`` chain).
PLACES = ("basedIn", "headquarteredIn", "heldIn", "jurisdiction", "participantCountry")
#: Links to the parties and participants whose countries an agreement or meeting takes.
PARTIES = ("party", "participant")
#: Links from a party to the place it takes its countries from besides its own chain.
SEATS = ("jurisdiction", "basedIn")


def entity_countries(links: Iterable[tuple[str, ...]], countries: Iterable[tuple[str, ...]]
                     ) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Entity cell -> the label cells of its countries and their side cells, from the
    rows of ``place-links.rq`` (subject, predicate, object) and of ``country-sides.rq``
    (country, label, side); entities without a country are left out. Entities with the
    same countries share one pair."""
    by_predicate: dict[str, list[tuple[str, ...]]] = {}
    for row in links:
        by_predicate.setdefault(row[1], []).append(row)

    def linked(*names: str, only: set[str] | None = None) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name in names:
            for s, _, o in by_predicate.get(f"<{EUCAN}{name}>", ()):
                own = found.get(s)
                if own is not None:
                    own.append(o)
                elif only is None or s in only:
                    found[s] = [o]
        return found

    places, located = linked(*PLACES, "locatedIn"), linked("locatedIn")
    parties = linked(*PARTIES)
    seats = linked(*SEATS, only={x for found in parties.values() for x in found})
    labels: dict[str, set[str]] = {}
    sides: dict[str, set[str]] = {}
    for country, label, side in countries:
        labels.setdefault(country, set()).add(label)
        sides.setdefault(country, set()).add(side)
    reach = _reach(located, set(labels))
    by_start: dict[str, list[str]] = {}  # most entities: one place and nothing else
    others = [c for c in labels if c not in places and c not in parties]
    for entity, starts in places.items():
        if len(starts) == 1 and entity not in parties and entity not in labels:
            by_start.setdefault(starts[0], []).append(entity)
        else:
            others.append(entity)
    others += [e for e in parties if e not in places]
    groups = [(reach(start), entities) for start, entities in by_start.items()]
    for entity in others:
        starts = [*places.get(entity, ()), *(y for x in parties.get(entity, ())
                                              for y in (x, *seats.get(x, ())))]
        groups.append((frozenset().union(*map(reach, starts), {entity} & labels.keys()),
                       [entity]))
    by_set: dict[frozenset[str], tuple[frozenset[str], frozenset[str]]] = {}
    found: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for own, entities in groups:
        if own:
            pair = by_set.get(own)
            if pair is None:
                pair = by_set[own] = (frozenset().union(*(labels[c] for c in own)),
                                      frozenset().union(*(sides[c] for c in own)))
            found.update(dict.fromkeys(entities, pair))
    return found


def _reach(located: dict[str, list[str]], countries: set[str]):
    """``place`` -> the countries among it and every place up its ``locatedIn`` chains
    (a zero-or-more path), each place followed once."""
    known: dict[str, frozenset[str]] = {}

    def reach(place: str) -> frozenset[str]:
        found = known.get(place)
        if found is None:
            seen, todo = {place}, [place]
            while todo:
                for up in located.get(todo.pop(), ()):
                    if up not in seen:
                        seen.add(up)
                        todo.append(up)
            found = known[place] = frozenset(seen & countries)
        return found

    return reach
