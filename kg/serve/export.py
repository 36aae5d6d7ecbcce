"""``kg site``: the resource pages as static files, for hosting anywhere.

The same layout as ``kg serve`` (:mod:`kg.serve.linked`): for every resource the graph
and its description describe, ``PATH/index.html`` (the page ``kg serve`` shows) and
``PATH.ttl``, ``.rdf``, ``.jsonld``, ``.nt`` (its description), for ``id/KIND/SLUG``,
``catalog``, ``dataset`` and its partitions and distributions, the named graphs and the
publisher; the ontology and every version (``ontology/index.html``, ``ontology.rdf`` …,
``ontology/X.Y.Z.ttl`` …); every distribution ``void.ttl`` lists (``dist/``); the start
page, the picture, the browse pages (``browse/KIND/index.html`` and ``browse/KIND.csv``:
:func:`kg.serve.browse.static_files`), the whole graph as Turtle and N-Triples, a name
index that the pages' search box uses; the host's ``.htaccess`` (media types) and
``w3id/``: the redirect rules and README to submit to w3id.org (:mod:`kg.serve.rewrite`) so that
``https://w3id.org/eucan/…`` resolves to these files. The folder is written beside the
target and swapped in whole.

Examples
--------
>>> import pathlib, tempfile
>>> from kg.store.open import build_graph
>>> out = pathlib.Path(tempfile.mkdtemp()) / "site"
>>> result = write_site(build_graph(), out)
>>> (out / "id" / "partnership" / "suave" / "index.html").is_file(), result.pages > 500
(True, True)
>>> "RewriteCond %{ENV:LD_PICK} =ttl" in (out / "w3id" / ".htaccess").read_text()
True
>>> (out / "favicon.ico").read_bytes()[:4] == bytes([0, 0, 1, 0])
True
>>> (out / "id" / "partnership" / "suave" / "figures.csv").read_text().splitlines()[0][:24]
'place,measure,category,f'
>>> sorted(p.name for p in (out / "dist").iterdir())
['eucan.jsonld', 'eucan.nt', 'eucan.rdf', 'eucan.ttl']
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.core.errors import KGError
from kg.core.files import replace_folder, write_atomic
from kg.core.formats import GRAPH_SYNTAXES, by_name
from kg.core.namespaces import BASE, ID, ONTOLOGY_IRI
from kg.core.protocols import LocalGraph
from kg.core.resources import internal_query as internal
from kg.serve.app import templates
from kg.serve.defaults import DEFAULT_SITE, PLACEHOLDER_URL
from kg.serve.reading_pages import add_paper, paper_files
from kg.serve.rewrite import (
    DEFAULT_CONTACT,
    SiteUrlError,
    check_contact,
    check_site_url,
    host_htaccess,
    htaccess,
    w3id_readme,
)
from kg.serve.site import Site, describe_triples
from kg.store.embedded import Store, serialize_triples

__all__ = ["write_site", "SiteExport", "htaccess", "check_site_url", "SiteUrlError",
           "DistributionMissingError", "DEFAULT_SITE", "PLACEHOLDER_URL"]



@dataclass(frozen=True)
class SiteExport:
    """What :func:`write_site` wrote."""

    folder: Path
    pages: int
    files: int


class DistributionMissingError(KGError):
    """A file the dataset description (``void.ttl``) lists as a distribution is not in the
    output folder the static site copies it from."""


def _description(store: LocalGraph, dist: Path | None) -> tuple[list[ox.Triple], dict[str, bytes]]:
    """The description's triples and the distributions it lists (name -> bytes): those of
    the build in ``dist`` (its ``void.ttl``), or else the four RDF syntaxes of ``store``."""
    from kg.publish.describe import DOWNLOAD_BASE
    from kg.publish.job import void_turtle

    if dist is not None and (dist / "void.ttl").is_file():
        void = (dist / "void.ttl").read_bytes()
        triples = list(ox.parse(void, format=ox.RdfFormat.TURTLE))
        names = sorted({t.object.value[len(DOWNLOAD_BASE):] for t in triples
                        if t.predicate.value.endswith("#downloadURL")})
        files = {}
        for name in names:
            path = dist / name
            if ".." in Path(name).parts or not path.is_file():
                raise DistributionMissingError(f"{dist / 'void.ttl'}: distribution {name!r} is "
                                               f"not in {dist}/; expected the build's files")
            files[name] = path.read_bytes()
    else:
        files = {f"eucan.{by_name(fmt).suffix}": store.serialize(fmt) for fmt in GRAPH_SYNTAXES}
        void = void_turtle(store, {name: len(data) for name, data in files.items()})
        triples = list(ox.parse(void, format=ox.RdfFormat.TURTLE))
    files["void.ttl"] = void
    return triples, files


def _documents(triples: list[ox.Triple], path: str) -> dict[str, bytes]:
    """A thing's RDF documents: ``PATH.ttl``, ``.nt``, ``.jsonld``, ``.rdf``."""
    return {f"{path}.{by_name(fmt).suffix}": serialize_triples(triples, fmt)
            for fmt in GRAPH_SYNTAXES}


def _ontology_files(render: Any) -> dict[str, bytes]:
    """The ontology and each version as HTML and RDF, as the ontology's IRIs answer."""
    from kg.data.schema import ontology_turtle
    from kg.data.versions import version_turtle, versions
    from kg.serve.linked import ontology_triples_of
    from kg.store.embedded import Store

    files: dict[str, bytes] = {}
    for version in ["", *versions()]:
        triples = ontology_triples_of(version)
        turtle = version_turtle(version) if version else ontology_turtle()
        if triples is None or turtle is None:
            continue  # not shipped (versions() lists the shipped ones)
        path = f"ontology/{version}".rstrip("/")
        store = Store()
        store.add(triples)
        files[f"{path}/index.html"] = render("ontology.html", o=Site(store).ontology(),
                                             chosen="", instances=[], version=version)
        files.update(_documents(list(triples), path))
        files[f"{path}.ttl"] = turtle
    return files


def write_site(store: LocalGraph, out: Path = DEFAULT_SITE, *, site_url: str = PLACEHOLDER_URL,
               progress: Any = None, dist: Path | None = None,
               contact: str = DEFAULT_CONTACT) -> SiteExport:
    """Write the static site of ``store`` into ``out`` (replaced whole): a page and four
    RDF documents for every resource the graph and its description describe, the ontology
    and each of its versions, every distribution the description lists (``dist/``: copied
    from the build in ``dist``, or else the graph in four syntaxes), ``void.ttl``, the
    host's ``.htaccess`` and the w3id.org rules (``w3id/``).

    :raises SiteUrlError: if ``site_url`` is not an http(s) URL the redirect rules can hold
        (checked before anything is made).
    :raises ContactError: if ``contact`` is not one line of text.
    :raises DistributionMissingError: if a file ``dist/void.ttl`` lists is not in ``dist``.
    """
    check_site_url(site_url)
    check_contact(contact)
    say = progress or (lambda message: None)
    site = Site(store)
    env = templates()
    title = "EU-Canada cluster policy graph"
    rows = store.select(internal("resources-under-base"), {"base": ox.Literal(ID)})
    iris = [row["s"].value for row in rows]
    say(f"writing {len(iris)} resource pages")
    files: dict[str, bytes] = {}

    def render(name: str, **context: Any) -> bytes:
        return env.get_template(name).render(title=title, base=BASE, static=True,
                                             **context).encode("utf-8")

    names: dict[str, str] = {}
    pages = 0
    description, distributions = _description(store, dist)
    described = Store()
    described.add(description)
    for source, subjects in ((site, iris), (Site(described), _under_base(description))):
        for iri in subjects:
            local = source.local_path(iri)
            path = local.lstrip("/") if local else ""
            if not path or f"{path}/index.html" in files or iri == ONTOLOGY_IRI:
                continue
            found = source.resource(iri)
            if found is None:
                continue
            names.setdefault(found["label"], "/" + path + "/")
            for name in found["names"]:
                names.setdefault(name, "/" + path + "/")
            add_paper(site, found)
            files[f"{path}/index.html"] = render("resource.html", r=found)
            if found.get("figure_rows"):
                from kg.serve.figures import figures_csv

                files[f"{path}/figures.csv"] = figures_csv(found["figure_rows"]).encode("utf-8")
            files.update(_documents(describe_triples(source.store, iri), path))
            pages += 1
    kinds: dict[str, int] = {}
    for kind in site.kinds.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    from kg.serve.people import kind_groups

    files["index.html"] = render("home.html", kinds=sorted(kinds.items()), triples=len(store),
                                 queries=site.catalogue, kind_groups=kind_groups(site))
    files.update(_ontology_files(render))
    files.update(paper_files(site, render))
    from kg.serve.browse import static_files as browse_files

    files.update(browse_files(site, render))  # browse/: one page and one CSV per kind
    from kg.publish.viz import render_html

    files["graph/index.html"] = render_html(site.network, store, links=True).encode("utf-8")
    files["names.json"] = (json.dumps(dict(sorted(names.items())), ensure_ascii=False,
                                      indent=0, sort_keys=True) + "\n").encode("utf-8")
    from kg.serve.icon import favicon

    files["favicon.ico"] = favicon()
    files["eucan.ttl"] = store.serialize("turtle")
    files["eucan.nt"] = store.serialize("ntriples")
    files["void.ttl"] = distributions.pop("void.ttl")
    files.update({f"dist/{name}": data for name, data in distributions.items()})
    files[".htaccess"] = host_htaccess().encode("utf-8")
    files["w3id/.htaccess"] = htaccess(site_url, contact).encode("utf-8")
    files["w3id/README.md"] = w3id_readme(site_url, contact).encode("utf-8")
    with replace_folder(out, "site") as staging:
        for name, data in sorted(files.items()):
            write_atomic(staging / name, data)
    return SiteExport(out, pages, len(files))


def _under_base(triples: list[ox.Triple]) -> list[str]:
    """The subjects under the project's base, in IRI order."""
    return sorted({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)
                   and t.subject.value.startswith(BASE + "/")})
