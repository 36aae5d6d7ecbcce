"""A seeded generator of an ECCP-shaped graph, for scale tests and benchmarks.

At ``scale=1`` it writes about 1,320 cluster organisations spread over the
Member States in the proportions of Table 4, each active in one to three of
the 14 industrial ecosystems, about 19.5% of them targeting Canada (section
4.2); about 219,479 member organisations split into SMEs, large companies,
research organisations and others in the proportions of Table 2; 30
Euroclusters and 80 ESCP-style partnerships of cluster organisations; and
GIC-like Canadian clusters with members and EU partners. Every resource has
a label and provenance (the synthetic source), so the output passes the
project's SHACL shapes. The figures come from the paper's graph itself.

The output is N-Triples, streamed to disk through a temporary file, and
depends only on ``scale`` and ``seed``.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "synth.nt"
>>> summary = synthesise(path, scale=0.002, seed=1)
>>> summary["cluster_organisations"], summary["members"] > 300
(3, True)
"""

from __future__ import annotations

import math
import os
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.errors import KGError
from kg.core.files import check_writable_file, named
from kg.core.namespaces import DCTERMS, EUCAN, ORG, PROV, RDF, RDFS
from kg.core.protocols import SparqlStore
from kg.store.open import build_graph

__all__ = ["synthesise", "check_scale", "ScaleError", "SYNTH_BASE"]

ID = "https://w3id.org/eucan/id/"
SYNTH_BASE = ID + "synth/"
SOURCE = SYNTH_BASE + "source"
CANADA = ID + "country/canada"
EU = ID + "country/european-union"

_TABLE = """SELECT ?entity ?value WHERE {
  ?o qb:dataSet ?dataset ; eucan:measure ?measure ; eucan:value ?value ; ?dimension ?entity .
  FILTER NOT EXISTS { ?o eucan:isPaperTotal true }
} ORDER BY ?entity"""


def _proportions(store: SparqlStore, dataset: str, measure: str,
                 dimension: str) -> list[tuple[str, float]]:
    """(entity, value) rows of one measure of one of the paper's tables (values bound as terms)."""
    rows = store.select(_TABLE, {"dataset": ox.NamedNode(ID + "dataset/" + dataset),
                                 "measure": ox.NamedNode(ID + "measure/" + measure),
                                 "dimension": ox.NamedNode(dimension)})
    return [(r["entity"].value, float(r["value"].value)) for r in rows]


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Writer:
    """Writes N-Triples lines and counts them."""

    def __init__(self, handle: Any) -> None:
        self.handle, self.count = handle, 0

    def resource(self, iri: str, cls: str, label: str, **links: Any) -> None:
        lines = [f"{_iri(iri)} {_iri(RDF + 'type')} {_iri(EUCAN + cls)} .",
                 f"{_iri(iri)} {_iri(RDFS + 'label')} {_lit(label)} .",
                 f"{_iri(iri)} {_iri(PROV + 'wasDerivedFrom')} {_iri(SOURCE)} ."]
        for predicate, objects in links.items():
            for obj in objects if isinstance(objects, (list, tuple)) else [objects]:
                lines.append(f"{_iri(iri)} {_iri(predicate)} {_iri(obj)} .")
        self.handle.write("\n".join(lines) + "\n")
        self.count += len(lines)


class ScaleError(KGError):
    """The scale of a synthetic graph is not a finite number above 0."""


def check_scale(scale: float) -> float:
    """``scale`` if it is a finite number above 0 (1 = the ECCP's size).

    >>> check_scale(0.5)
    0.5
    >>> check_scale(float("nan"))
    Traceback (most recent call last):
    kg.scale.synth.ScaleError: --scale nan: expected a finite number above 0, such as 0.1 or 1

    :raises ScaleError: naming the value.
    """
    if not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
        shown = f"{scale:g}" if isinstance(scale, (int, float)) else repr(scale)
        raise ScaleError(f"--scale {shown}: expected a finite number above 0, such as 0.1 or 1")
    return scale


def synthesise(path: Path, *, scale: float = 1.0, seed: int = 42,
               progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write an ECCP-shaped synthetic graph to ``path`` (N-Triples); return its counts.

    :raises ScaleError: if ``scale`` is not a finite number above 0.
    :raises KGError: if ``path`` is a folder or another non-regular file (a device, a pipe).
    :raises OSError: if writing fails, naming ``path``.
    """
    check_scale(scale)
    check_writable_file(path)
    say = progress or (lambda message: None)
    store = build_graph()
    countries = _proportions(store, "table-4-dataset", "eccp-cluster-organisations",
                             EUCAN + "observedEntity")
    categories = _proportions(store, "table-2-dataset", "member-composition", EUCAN + "category")
    ecosystems = [r["e"].value for r in store.select(
        "SELECT ?e WHERE { ?e a eucan:IndustrialEcosystem } ORDER BY ?e")]
    rng = random.Random(seed)
    n_clusters = max(1, round(1320 * scale))
    n_members = max(1, round(219_479 * scale))
    n_euroclusters, n_escp = max(1, round(30 * scale)), max(1, round(80 * scale))
    n_gics = max(1, round(5 * scale))
    country_ids, country_weights = zip(*countries, strict=True)
    category_ids, category_weights = zip(*categories, strict=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            out = _Writer(handle)
            name = _lit(f"Synthetic ECCP-shaped data (scale {scale}, seed {seed})")
            out.handle.write(f"{_iri(SOURCE)} {_iri(RDF + 'type')} {_iri(EUCAN + 'Source')} .\n"
                             f"{_iri(SOURCE)} {_iri(RDFS + 'label')} {name} .\n"
                             f"{_iri(SOURCE)} {_iri(PROV + 'wasDerivedFrom')} {_iri(SOURCE)} .\n")
            clusters = []
            for i in range(n_clusters):
                iri = f"{SYNTH_BASE}cluster/{i:06d}"
                country = rng.choices(country_ids, country_weights)[0]
                links: dict[str, Any] = {
                    EUCAN + "basedIn": country, EUCAN + "jurisdiction": EU,
                    EUCAN + "activeInEcosystem": sorted(rng.sample(ecosystems, rng.randint(1, 3)))}
                if rng.random() < 0.195:
                    links[EUCAN + "targetsMarket"] = CANADA
                out.resource(iri, "ClusterOrganisation", f"Cluster organisation {i}", **links)
                clusters.append((iri, country))
            say(f"{n_clusters} cluster organisations")
            gics = []
            for i in range(n_gics):
                iri = f"{SYNTH_BASE}gic/{i:04d}"
                out.resource(iri, "ClusterOrganisation", f"Canadian cluster {i}", **{
                    EUCAN + "jurisdiction": CANADA, EUCAN + "basedIn": CANADA,
                    EUCAN + "targetsMarket": EU,
                    EUCAN + "activeInEcosystem": sorted(rng.sample(ecosystems, 2)),
                    EUCAN + "partner": sorted({c for c, _ in rng.sample(clusters, min(
                        5, len(clusters)))})})
                gics.append((iri, CANADA))
            for kind, count, cls, programme in (
                    ("eurocluster", n_euroclusters, "Eurocluster", "euroclusters"),
                    ("escp", n_escp, "ESCPPartnership", "escp")):
                for i in range(count):
                    members = rng.sample(clusters, min(len(clusters), rng.randint(3, 6)))
                    out.resource(f"{SYNTH_BASE}{kind}/{i:05d}", cls, f"{cls} {i}", **{
                        EUCAN + "participantCountry": sorted({c for _, c in members}),
                        EUCAN + "partner": sorted(c for c, _ in members),
                        EUCAN + "jurisdiction": EU,
                        EUCAN + "fundedBy": ID + "programme/" + programme,
                        EUCAN + "activeInEcosystem": sorted(rng.sample(ecosystems, 2)),
                        **({EUCAN + "targetsMarket": CANADA} if rng.random() < 0.3 else {})})
            owners = clusters + gics
            step = max(1, n_members // 10)
            for i in range(n_members):
                cluster, country = owners[rng.randrange(len(owners))]
                out.resource(f"{SYNTH_BASE}member/{i:07d}", "Organisation", f"Member {i}", **{
                    EUCAN + "basedIn": country, ORG + "memberOf": cluster,
                    DCTERMS + "type": rng.choices(category_ids, category_weights)[0]})
                if (i + 1) % step == 0:
                    say(f"members {i + 1}/{n_members}")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise named(error, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {"triples": out.count + 3, "cluster_organisations": n_clusters,
            "members": n_members, "euroclusters": n_euroclusters, "escp": n_escp,
            "canadian_clusters": n_gics}
