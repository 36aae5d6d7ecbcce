"""``kg site``: the resource pages as static files, for hosting anywhere.

For every resource under the project's base, ``id/KIND/SLUG/index.html`` (the page
``kg serve`` shows) and ``id/KIND/SLUG.ttl``, ``.nt``, ``.jsonld`` (its description);
the start page, the ontology page, the picture, the whole graph as Turtle and
N-Triples, a name index that the pages' search box uses, and ``.htaccess``: the
redirects to submit to w3id.org so that ``https://w3id.org/eucan/id/…`` resolves to
these files (HTML for browsers, RDF by the ``Accept`` header). The folder is written
beside the target and swapped in whole.

Examples
--------
>>> import pathlib, tempfile
>>> from kg.store.open import build_graph
>>> out = pathlib.Path(tempfile.mkdtemp()) / "site"
>>> result = write_site(build_graph(), out)
>>> (out / "id" / "partnership" / "suave" / "index.html").is_file(), result.pages > 500
(True, True)
>>> "RewriteRule ^id/(.+)$" in (out / ".htaccess").read_text()
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox

from kg.core.errors import KGError
from kg.core.files import replace_folder, write_atomic
from kg.core.namespaces import BASE, ID
from kg.core.resources import internal_query as internal
from kg.serve.app import templates
from kg.serve.site import Site, describe_triples
from kg.store.embedded import serialize_triples

__all__ = ["write_site", "SiteExport", "htaccess", "check_site_url", "SiteUrlError",
           "DEFAULT_SITE", "PLACEHOLDER_URL"]

DEFAULT_SITE = Path("out/site")
#: Where the pages are hosted, until ``--base-url`` says.
PLACEHOLDER_URL = "https://eucan-kg.example.org"


@dataclass(frozen=True)
class SiteExport:
    """What :func:`write_site` wrote."""

    folder: Path
    pages: int
    files: int


class SiteUrlError(KGError):
    """The address a site is hosted at (``--base-url``) is not one URL that the redirect
    rules of ``.htaccess`` can hold: an http(s) URL with a host and no whitespace, control
    character, quote, backslash, ``$`` or ``%`` (Apache reads the last two as references)."""


#: Characters a URL written into a rewrite rule may not hold.
_UNSAFE_URL = re.compile(r"[\s\x00-\x1f\x7f\"'`<>\\{}|^$%]")
_EXPECTED = ("expected an http(s) URL with a host, without whitespace, control characters, "
             "quotes, backslashes, $ or %")


def check_site_url(site_url: str) -> str:
    """``site_url`` without its trailing slashes, if it is an http(s) URL with a host and
    nothing that would end a rewrite rule or add one (whitespace, a newline, a quote...).

    >>> check_site_url("https://eucan.example.org/kg/")
    'https://eucan.example.org/kg'
    >>> check_site_url("https://x.org/\\nRewrite")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.serve.export.SiteUrlError: --base-url 'https://x.org/\\nRewrite': expected an http(s)...

    :raises SiteUrlError: naming the value and what is expected.
    """
    url = site_url.rstrip("/")
    try:
        parts = None if _UNSAFE_URL.search(site_url) else urlsplit(url)
        host = parts.hostname if parts else None
    except ValueError:
        parts = host = None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise SiteUrlError(f"--base-url {site_url!r}: {_EXPECTED}")
    return url


def htaccess(site_url: str) -> str:
    """The w3id.org redirect rules for the project's base, pointing at ``site_url``.

    :raises SiteUrlError: if ``site_url`` is not a URL the rules can hold
        (:func:`check_site_url`).
    """
    url = check_site_url(site_url)
    prefix = BASE.removeprefix("https://w3id.org/")
    lines = [f"# w3id.org/{prefix}: permanent identifiers of the EU-Canada cluster policy graph.",
             f"# Submit as {prefix}/.htaccess to https://github.com/perma-id/w3id.org;",
             f"# the pages and RDF files are hosted at {url}/ (written by kg site).",
             "Options +FollowSymLinks", "RewriteEngine on", ""]
    for media, suffix in (("text/turtle", "ttl"), ("application/n-triples", "nt"),
                          ("application/ld\\+json", "jsonld")):
        lines += [f"RewriteCond %{{HTTP_ACCEPT}} {media}",
                  f"RewriteRule ^id/(.+)$ {url}/id/$1.{suffix} [R=303,L]"]
    lines += ["RewriteRule ^id/(.+)$ " + url + "/id/$1/ [R=303,L]", "",
              "RewriteCond %{HTTP_ACCEPT} text/turtle",
              f"RewriteRule ^ontology$ {url}/eucan.ttl [R=303,L]",
              f"RewriteRule ^ontology$ {url}/ontology/ [R=303,L]",
              f"RewriteRule ^$ {url}/ [R=303,L]", ""]
    return "\n".join(lines)


def write_site(store: Any, out: Path = DEFAULT_SITE, *, site_url: str = PLACEHOLDER_URL,
               progress: Any = None) -> SiteExport:
    """Write the static site of ``store`` into ``out`` (replaced whole).

    :raises SiteUrlError: if ``site_url`` is not an http(s) URL the redirect rules can hold
        (checked before anything is made).
    """
    check_site_url(site_url)
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
    for iri in iris:
        data = site.resource(iri)
        if data is None:
            continue
        path = site.local_path(iri).lstrip("/")
        names.setdefault(data["label"], "/" + path + "/")
        for name in data["names"]:
            names.setdefault(name, "/" + path + "/")
        files[f"{path}/index.html"] = render("resource.html", r=data)
        triples = describe_triples(store, iri)
        for fmt, suffix in (("turtle", "ttl"), ("ntriples", "nt"), ("jsonld", "jsonld")):
            files[f"{path}.{suffix}"] = serialize_triples(triples, fmt)
    kinds: dict[str, int] = {}
    for kind in site.kinds.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    files["index.html"] = render("home.html", kinds=sorted(kinds.items()), triples=len(store),
                                 queries=site.catalogue)
    files["ontology/index.html"] = render("ontology.html", o=site.ontology(), chosen="",
                                          instances=[])
    from kg.publish.viz import render_html

    files["graph/index.html"] = render_html(site.network, store, links=True).encode("utf-8")
    files["names.json"] = (json.dumps(dict(sorted(names.items())), ensure_ascii=False,
                                      indent=0, sort_keys=True) + "\n").encode("utf-8")
    files["eucan.ttl"] = store.serialize("turtle")
    files["eucan.nt"] = store.serialize("ntriples")
    files[".htaccess"] = htaccess(site_url).encode("utf-8")
    with replace_folder(out, "site") as staging:
        for name, data in sorted(files.items()):
            write_atomic(staging / name, data)
    return SiteExport(out, sum(1 for n in files if n.startswith("id/") and n.endswith(".html")),
                      len(files))
