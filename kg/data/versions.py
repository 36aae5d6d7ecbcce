"""The ontology's versions: the released ones kept as they were published
(``ontology/versions/X.Y.Z.ttl``), and the header of the current one kept right.

Every version IRI (``https://w3id.org/eucan/ontology/X.Y.Z``) answers its own file; the
current ontology (``ontology/eucan.ttl``) names the newest release of ``CHANGELOG.md``
as ``owl:versionInfo`` and ``owl:versionIRI`` and the release before it as
``owl:priorVersion``. :func:`header_problems` says what is wrong; the release step
(``tools/release.py``) writes the header and the snapshot.

Examples
--------
>>> versions()[:2]
['0.1.0', '0.2.0']
>>> header_problems()
[]
>>> b"owl:versionIRI <https://w3id.org/eucan/ontology/0.5.0>" in version_turtle("0.5.0")
True
>>> version_turtle("9.9.9") is None
True
"""

from __future__ import annotations

import re
from functools import cache

import pyoxigraph as ox

from kg.core.namespaces import ONTOLOGY_IRI, OWL
from kg.core.resources import read_text, resource

__all__ = ["versions", "releases", "version_turtle", "version_triples", "header_problems",
           "set_header", "VERSION"]

#: A version as the project writes it (SemVer core).
VERSION = re.compile(r"\d+\.\d+\.\d+")
_RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}", re.MULTILINE)


def releases() -> list[str]:
    """The released versions named in ``CHANGELOG.md``, oldest first."""
    return sorted(set(_RELEASE.findall(read_text("CHANGELOG.md"))), key=_key)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def versions() -> list[str]:
    """The versions whose ontology file is shipped (``ontology/versions/``), oldest first."""
    folder = resource("ontology", "versions")
    found = [p.name[:-4] for p in folder.iterdir() if p.name.endswith(".ttl")] \
        if folder.is_dir() else []
    return sorted((v for v in found if VERSION.fullmatch(v)), key=_key)


def version_turtle(version: str) -> bytes | None:
    """The ontology as published at ``version``, or None for a version not shipped."""
    if version not in versions():
        return None
    return resource("ontology", "versions", f"{version}.ttl").read_bytes()


@cache
def version_triples(version: str) -> tuple[ox.Triple, ...] | None:
    """The triples of :func:`version_turtle` (parsed once)."""
    data = version_turtle(version)
    if data is None:
        return None
    return tuple(ox.parse(data, format=ox.RdfFormat.TURTLE))


def _header(turtle: str) -> dict[str, str]:
    found = {}
    for name in ("versionInfo", "versionIRI", "priorVersion"):
        match = re.search(rf"owl:{name}\s+[<\"]([^>\"]+)[>\"]", turtle)
        if match:
            found[name] = match.group(1)
    return found


def header_problems(turtle: str | None = None) -> list[str]:
    """What is wrong with the current ontology's version header (empty: nothing) and
    which released versions have no snapshot."""
    turtle = turtle if turtle is not None else read_text("ontology", "eucan.ttl")
    done = releases()
    expected = {"versionInfo": done[-1], "versionIRI": f"{ONTOLOGY_IRI}/{done[-1]}"}
    if len(done) > 1:
        expected["priorVersion"] = f"{ONTOLOGY_IRI}/{done[-2]}"
    found = _header(turtle)
    problems = [f"ontology/eucan.ttl: owl:{name} is {found.get(name)!r}, expected {value!r}"
                for name, value in expected.items() if found.get(name) != value]
    shipped = versions()
    for version in done:
        if version not in shipped:
            problems.append(f"ontology/versions/{version}.ttl: missing (released in CHANGELOG.md)")
            continue
        iris = {t.object.value for t in version_triples(version) or ()
                if t.predicate.value == OWL + "versionIRI" and isinstance(t.object, ox.NamedNode)}
        if iris != {f"{ONTOLOGY_IRI}/{version}"}:
            problems.append(f"ontology/versions/{version}.ttl: owl:versionIRI is {sorted(iris)}")
    return problems


def set_header(turtle: str, version: str, prior: str | None) -> str:
    """``turtle`` with ``owl:versionInfo``, ``owl:versionIRI`` and ``owl:priorVersion``
    set for ``version`` (and ``prior``, the release before it).

    >>> text = 'x owl:versionInfo "0.1.0" ;\\n    owl:versionIRI <a/0.1.0> ;\\n    y .'
    >>> print(set_header(text, "0.2.0", "0.1.0").replace(ONTOLOGY_IRI, "O"))
    x owl:versionInfo "0.2.0" ;
        owl:versionIRI <O/0.2.0> ;
        owl:priorVersion <O/0.1.0> ;
        y .
    """
    turtle = re.sub(r'owl:versionInfo\s+"[^"]*"', f'owl:versionInfo "{version}"', turtle, count=1)
    turtle = re.sub(r"\n\s*owl:priorVersion\s+<[^>]*>\s*;", "", turtle, count=1)
    prior_line = f"\n    owl:priorVersion <{ONTOLOGY_IRI}/{prior}> ;" if prior else ""
    return re.sub(r"owl:versionIRI\s+<[^>]*>\s*;",
                  f"owl:versionIRI <{ONTOLOGY_IRI}/{version}> ;{prior_line}", turtle, count=1)
