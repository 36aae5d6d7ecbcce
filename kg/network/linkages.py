"""Candidate pairings between EU actors that target Canada and the Global Innovation Clusters.

EU actors are the EU-side resources with Canada (or a region containing
Canada) as a target market: the Euroclusters of Box 5 and the ESCP-4i
partnerships of Figure 24. Every (EU actor, GIC) pair is scored; each
component is visible and explained:

=================  ======  ================================================================
component          points  when
=================  ======  ================================================================
``ecosystems``     3 each  an industrial ecosystem both are active in
``eccp``           1 each  a shared ecosystem for which the ECCP reports a share of cluster
                           organisations targeting Canada (section 4.2), and 1 if the EU
                           actor includes a Member State whose ECCP cluster organisations
                           targeting Canada the paper counts (section 4.2, Figure 11)
``target``         2 / 1   the EU actor names Canada itself (2) or only a region that
                           contains Canada (1) as a target market
``reciprocity``    1       the GIC targets the EU or a country of the EU actor
``partners``       1 each  a partner of the GIC in a country of the EU actor
``framing``        1 each  an agreement between the two sides that concerns the GIC, or
                           that is active in a shared ecosystem and has the EU or a
                           country of the EU actor among its parties
=================  ======  ================================================================

Pairs are ranked by score, then by the number of shared ecosystems, then by
labels. Pairs with no shared ecosystem are kept and flagged as gaps, and
:func:`ecosystem_gaps` lists each ecosystem where only one side (or neither)
is active.

Examples
--------
>>> from kg.store.open import build_graph
>>> report = linkages(build_graph())
>>> top = report.pairs[0]
>>> top["eu_actor"], top["gic"], top["score"] > 0
('DESIRE', 'Digital Supercluster', True)
>>> top["shared_ecosystems"], top["ecosystems"], top["framing"]
(['Digital', 'Health'], 6, 2)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.core.protocols import SparqlStore
from kg.core.resources import internal_query as internal
from kg.network.entity_network import EntityNetwork
from kg.network.projection import project

__all__ = ["linkages", "LinkageReport", "ecosystem_gaps", "COMPONENTS", "CANADA"]

CANADA = "https://w3id.org/eucan/id/country/canada"
EU = "https://w3id.org/eucan/id/country/european-union"
#: Score components, in the order they are shown.
COMPONENTS = ("ecosystems", "eccp", "target", "reciprocity", "partners", "framing")


@dataclass
class LinkageReport:
    """Ranked pairs (plain dicts) and per-ecosystem gaps."""

    pairs: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"pairs": self.pairs, "ecosystem_gaps": self.gaps}


def _demand(store: SparqlStore
            ) -> tuple[dict[str, tuple[float, str]], dict[str, tuple[float, str]]]:
    """ECCP share per ecosystem and cluster count per country, with their citations."""
    shares: dict[str, tuple[float, set[str]]] = {}
    counts: dict[str, tuple[float, set[str]]] = {}
    for row in store.select(internal("eccp-canada-demand")):
        target = shares if row["kind"].value == "ecosystem share" else counts
        value, cites = target.setdefault(row["entity"].value, (float(row["value"].value), set()))
        cites.update(c["cite"].value for c in store.select(internal("citations"),
                                                            {"s": row["obs"]}))
    return ({k: (v, "; ".join(sorted(c))) for k, (v, c) in shares.items()},
            {k: (v, "; ".join(sorted(c))) for k, (v, c) in counts.items()})


def _countries(graph: EntityNetwork, node: str) -> set[str]:
    """The places of an actor (participant countries, jurisdiction, base) and their containers."""
    found: set[str] = set()
    todo = [p for key in ("participantCountry", "jurisdiction", "basedIn", "headquarteredIn")
            for p in graph.successors(node, key)]
    while todo:
        place = todo.pop()
        if place not in found:
            found.add(place)
            todo.extend(graph.successors(place, "locatedIn"))
    return found


def _eu_actors(graph: EntityNetwork) -> dict[str, int]:
    """EU-side actors targeting Canada -> 2 (Canada itself) or 1 (a region containing it)."""
    containing = graph.successors(CANADA, "locatedIn") if CANADA in graph else set()
    actors = {}
    for node, data in graph.nodes():
        if data["side"] != "EU":
            continue
        markets = graph.successors(node, "targetsMarket")
        if CANADA in markets:
            actors[node] = 2
        elif markets & containing:
            actors[node] = 1
    return actors


def _agreements(graph: EntityNetwork) -> list[str]:
    return sorted(n for n, d in graph.nodes()
                  if "Agreement" in d["types"] and d["side"] == "EU-Canada")


def _score(graph: EntityNetwork, actor: str, target_points: int, gic: str,
           shares: dict[str, tuple[float, str]], counts: dict[str, tuple[float, str]],
           agreements: list[str]) -> dict[str, Any]:
    shared = sorted(graph.successors(actor, "activeInEcosystem")
                    & graph.successors(gic, "activeInEcosystem"), key=graph.label)
    countries = _countries(graph, actor)
    points = dict.fromkeys(COMPONENTS, 0)
    reasons = []
    for eco in shared:
        points["ecosystems"] += 3
        reasons.append(f"both active in {graph.label(eco)} (+3)")
        if eco in shares:
            share, cite = shares[eco]
            points["eccp"] += 1
            reasons.append(f"{share:g}% of ECCP cluster organisations targeting Canada are in "
                           f"{graph.label(eco)} [{cite}] (+1)")
    demand = sorted((graph.label(c), counts[c]) for c in countries if c in counts)
    if demand:
        points["eccp"] += 1
        listed = ", ".join(f"{name} {value:g} [{cite}]" for name, (value, cite) in demand)
        reasons.append(f"ECCP cluster organisations targeting Canada in its countries: "
                       f"{listed} (+1)")
    points["target"] = target_points
    reasons.append("targets Canada (+2)" if target_points == 2
                   else "targets a region containing Canada (+1)")
    gic_markets = graph.successors(gic, "targetsMarket")
    if gic_markets & (countries | {EU}):
        points["reciprocity"] = 1
        names = ", ".join(sorted(graph.label(m) for m in gic_markets & (countries | {EU})))
        reasons.append(f"{graph.label(gic)} targets {names} (+1)")
    for partner in sorted(graph.successors(gic, "partner"), key=graph.label):
        if _countries(graph, partner) & countries:
            points["partners"] += 1
            reasons.append(f"{graph.label(gic)} partners with {graph.label(partner)} "
                           "in one of its countries (+1)")
    framing = []
    for agreement in agreements:
        concerns = gic in graph.successors(agreement, "concerns")
        parties = set(graph.node(agreement)["countries"])
        in_scope = bool(parties & ({graph.label(c) for c in countries} | {"European Union"}))
        ecos = (graph.successors(agreement, "activeInEcosystem") & set(shared) if in_scope
                else set())
        if concerns or ecos:
            points["framing"] += 1
            framing.append(graph.label(agreement))
            why = (f"concerns {graph.label(gic)}" if concerns else
                   f"covers {', '.join(sorted(graph.label(e) for e in ecos))}")
            reasons.append(f"{graph.label(agreement)} {why} (+1)")
    programmes = sorted({graph.label(p) for n in (actor, gic)
                         for p in graph.successors(n, "fundedBy")})
    return {
        "eu_actor": graph.label(actor), "eu_class": graph.node(actor)["cls"],
        "gic": graph.label(gic), "score": sum(points.values()), **points,
        "shared_ecosystems": [graph.label(e) for e in shared],
        "agreements": framing, "programmes": programmes,
        "gap": not shared, "reasons": reasons,
        "eu_actor_iri": actor, "gic_iri": gic,
    }


def ecosystem_gaps(graph: EntityNetwork, actors: set[str] | None = None,
                   shares: dict[str, tuple[float, str]] | None = None) -> list[dict[str, Any]]:
    """Per ecosystem: EU actors targeting Canada and GICs active in it, and the status."""
    actors = set(_eu_actors(graph)) if actors is None else actors
    shares = shares or {}
    rows = []
    ecosystems = [n for n, d in graph.nodes() if d["cls"] == "IndustrialEcosystem"]
    for eco in sorted(ecosystems, key=graph.label):
        active = graph.predecessors(eco, "activeInEcosystem")
        eu = sorted(graph.label(a) for a in active & actors)
        gics = sorted(graph.label(g) for g in active
                      if graph.node(g)["cls"] == "GlobalInnovationCluster")
        status = ("both sides" if eu and gics else "EU side only" if eu
                  else "Canadian side only" if gics else "neither side")
        share = shares.get(eco)
        rows.append({"ecosystem": graph.label(eco), "status": status,
                     "eu_actors": len(eu), "gics": gics,
                     "eccp_share_targeting_canada": share[0] if share else None,
                     "eu_actor_names": eu})
    return rows


def linkages(store: SparqlStore, graph: EntityNetwork | None = None) -> LinkageReport:
    """Score every (EU actor targeting Canada, GIC) pair and list ecosystem gaps."""
    graph = project(store) if graph is None else graph
    shares, counts = _demand(store)
    actors = _eu_actors(graph)
    gics = sorted(n for n, d in graph.nodes() if d["cls"] == "GlobalInnovationCluster")
    agreements = _agreements(graph)
    pairs = [_score(graph, a, actors[a], g, shares, counts, agreements)
             for a in sorted(actors) for g in gics]
    pairs.sort(key=lambda p: (-p["score"], -len(p["shared_ecosystems"]), p["eu_actor"], p["gic"]))
    for rank, pair in enumerate(pairs, 1):
        pair["rank"] = rank
    return LinkageReport(pairs, ecosystem_gaps(graph, set(actors), shares))
