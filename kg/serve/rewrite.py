"""The Apache files ``kg site`` writes: the w3id.org redirect rules (``w3id/.htaccess`` and
its ``README.md``, the folder to submit as ``eucan/`` to perma-id/w3id.org) and the host's
``.htaccess`` (media types of the static files).

The redirect rules negotiate by the book, in mod_rewrite alone (what w3id.org runs): each
``Accept`` range's q-value is read into a variable (exact type, ``major/*``, ``*/*``), each
offered type takes the q of its most specific range, and the highest (q, specificity)
wins, ties to the type offered first: the rule of :func:`kg.serve.negotiate.best`, which
``kg serve`` applies (``tests/test_linked_data.py`` checks that both choose alike). A thing
answers ``303 See Other`` to its document (``PATH/`` for HTML, ``PATH.ttl``, ``.rdf``,
``.jsonld``, ``.nt``), with ``Vary: Accept``; ``406`` when no type is acceptable; a
distribution (``dist/NAME``) and the JSON-LD context redirect to the file.

Examples
--------
>>> rules = htaccess("https://eucan.example.org", "Ada <ada@example.org>")
>>> f"RewriteRule ^({THINGS})$ https://eucan.example.org/$1.ttl [R=303,L,E=LD_VARY:1]" in rules
True
>>> "# Contact: Ada <ada@example.org>" in rules
True
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kg.core.errors import KGError
from kg.core.formats import FORMATS
from kg.core.namespaces import BASE
from kg.serve.defaults import DEFAULT_CONTACT
from kg.serve.negotiate import EXTENSIONS, OFFERED

__all__ = ["htaccess", "host_htaccess", "w3id_readme", "check_contact", "ContactError",
           "check_site_url", "SiteUrlError",
           "THINGS", "DEFAULT_CONTACT"]

#: What the redirects negotiate (relative to the base): resources, the description's
#: resources, the named graphs, the ontology and its versions.
THINGS = (r"id/.+|catalog|dataset(?:/.+)?|graph/(?:ontology|data)"
          r"|ontology(?:/[0-9]+\.[0-9]+\.[0-9]+)?")
#: Ranges whose q-value is read: variable suffix -> media range.
_RANGES = {"ANY": "*/*", "TEXT": "text/*", "APPLICATION": "application/*",
           **{f"T{i}": media for i, media in enumerate(OFFERED)}}
_ELEMENT = r"(?:^|,)\s*{0}\s*"
_PARAMS_THEN_Q = r"(?:;[^;,]*)*?;\s*q\s*=\s*"
_END = r"\s*(?:;[^,]*)?(?:,|$)"


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
    kg.serve.rewrite.SiteUrlError: --base-url 'https://x.org/\\nRewrite': expected an http(s)...

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


class ContactError(KGError):
    """The maintainer's contact written into ``.htaccess`` (``kg site --contact``) holds a
    character that would end the comment line (a newline or another control character)."""


def check_contact(contact: str) -> str:
    """``contact`` if it can stand in a comment line of ``.htaccess``.

    >>> check_contact("Ada <ada@example.org>")
    'Ada <ada@example.org>'
    >>> check_contact("x\\nRewriteRule ^ http://evil/ [R]")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.serve.rewrite.ContactError: --contact 'x\\nRewriteRule ^ http://evil/ [R]': expected ...

    :raises ContactError: naming the value.
    """
    if not contact.strip() or re.search(r"[\x00-\x1f\x7f]", contact):
        raise ContactError(f"--contact {contact!r}: expected one line of text (a name and an "
                           "e-mail address or a GitHub account), without control characters")
    return contact.strip()


def _q_rules(name: str, media: str) -> list[str]:
    """Rules that set ``LDQ_name`` to the q-value of the range ``media`` ("1", "0.5" with
    no trailing zeros, "0"), unset when the header does not name it."""
    element = _ELEMENT.format(re.escape(media))
    var = f"LDQ_{name}"
    cases = [  # later rules override earlier ones
        (element + _PARAMS_THEN_Q + r"[^;,]*" + _END, "0"),  # a q that is not a q-value
        (element + r"(?:;(?!\s*q\s*=)[^;,]*)*\s*(?:,|$)", "1"),  # no q
        (element + _PARAMS_THEN_Q + r"1(?:\.0*)?" + _END, "1"),
        (element + _PARAMS_THEN_Q + r"0\.(\d*[1-9])0*" + _END, "0.%1"),
        (element + _PARAMS_THEN_Q + r"0(?:\.0*)?" + _END, "0"),
    ]
    lines = []
    for pattern, value in cases:
        lines += [f'RewriteCond %{{HTTP_ACCEPT}} "{pattern}" [NC]',
                  f"RewriteRule ^ - [E={var}:{value}]"]
    return lines


def _choice_rules() -> list[str]:
    """Rules that set ``LD_PICK`` to the suffix of the best offered type (empty: none)."""
    lines = []
    for i, media in enumerate(OFFERED):
        key, major = f"LDK_T{i}", "TEXT" if media.startswith("text/") else "APPLICATION"
        lines.append(f"RewriteRule ^ - [E={key}:0]")
        for source, specificity in (("ANY", 0), (major, 1), (f"T{i}", 2)):
            lines += [f"RewriteCond %{{ENV:LDQ_{source}}} .",
                      f"RewriteRule ^ - [E={key}:%{{ENV:LDQ_{source}}}!{specificity}]"]
    lines.append("RewriteRule ^ - [E=LDK_BEST:0!9,E=LD_PICK:]")
    for i, media in enumerate(OFFERED):  # strictly better: ties go to the type offered first
        lines += [f"RewriteCond expr \"reqenv('LDK_T{i}') > reqenv('LDK_BEST')\"",
                  f"RewriteRule ^ - [E=LDK_BEST:%{{ENV:LDK_T{i}}},E=LD_PICK:{_pick(media)}]"]
    lines += ['RewriteCond %{HTTP_ACCEPT} "^\\s*$"', "RewriteRule ^ - [E=LD_PICK:html]"]
    return lines


def _pick(media: str) -> str:
    return EXTENSIONS[media].lstrip(".")


def htaccess(site_url: str, contact: str = DEFAULT_CONTACT) -> str:
    """The w3id.org redirect rules for the project's base, pointing at ``site_url``.

    :raises SiteUrlError: if ``site_url`` is not a URL the rules can hold.
    :raises ContactError: if ``contact`` is not one line of text.
    """
    url, contact = check_site_url(site_url), check_contact(contact)
    prefix = BASE.removeprefix("https://w3id.org/")
    lines = [f"# w3id.org/{prefix}: permanent identifiers of the EU-Canada cluster policy graph.",
             f"# Contact: {contact}",
             f"# Submit this folder as {prefix}/ to https://github.com/perma-id/w3id.org;",
             f"# the pages and RDF files are hosted at {url}/ (written by kg site).",
             "# Content negotiation honours q-values: each range's q is read below, each",
             "# offered type takes the q of its most specific range, the best type wins.",
             "Options +FollowSymLinks", "RewriteEngine on", "",
             "# -- q-values of the ranges in Accept --"]
    for name, media in _RANGES.items():
        lines += _q_rules(name, media)
    lines += ["", "# -- the best offered type (LD_PICK: html, ttl, rdf, jsonld, nt) --",
              *_choice_rules(), "", "# -- things: 303 to the document in the chosen format --",
              "RewriteCond %{ENV:LD_PICK} ^$", f"RewriteRule ^({THINGS})$ - [R=406,L,E=LD_VARY:1]",
              "RewriteCond %{ENV:LD_PICK} =html",
              f"RewriteRule ^({THINGS})$ {url}/$1/ [R=303,L,E=LD_VARY:1]"]
    for media in OFFERED[1:]:
        lines += [f"RewriteCond %{{ENV:LD_PICK}} ={_pick(media)}",
                  f"RewriteRule ^({THINGS})$ {url}/$1.{_pick(media)} [R=303,L,E=LD_VARY:1]"]
    lines += ["", "# -- files: the distributions and the JSON-LD context --",
              f"RewriteRule ^dist/(.+)$ {url}/dist/$1 [R=302,L]",
              f"RewriteRule ^context\\.jsonld$ {url}/dist/context.jsonld [R=302,L]",
              f"RewriteRule ^$ {url}/ [R=303,L]", "",
              "<IfModule mod_headers.c>",
              "  Header always merge Vary Accept env=LD_VARY",
              "</IfModule>", ""]
    return "\n".join(lines)


def w3id_readme(site_url: str, contact: str = DEFAULT_CONTACT) -> str:
    """The README w3id.org asks for beside the rules: what the identifiers are, who
    maintains them and where they point."""
    prefix = BASE.removeprefix("https://w3id.org/")
    return "\n".join([
        f"# {BASE}", "",
        "Permanent identifiers of the EU-Canada cluster policy knowledge graph (eucan-kg):",
        f"resources `{BASE}/id/…`, the ontology `{BASE}/ontology` and its versions",
        f"`{BASE}/ontology/X.Y.Z`, the catalogue and dataset (`/catalog`, `/dataset/…`), the",
        "named graphs (`/graph/ontology`, `/graph/data`) and the files (`/dist/…`).", "",
        f"Maintainer contact: {check_contact(contact)}", "",
        f"The rules in `.htaccess` redirect to {site_url.rstrip('/')}/ (written by `kg site`):",
        "HTML for browsers; Turtle, RDF/XML, JSON-LD or N-Triples by the `Accept` header,",
        f"q-values honoured. Submit this folder as `{prefix}/`.", ""])


def host_htaccess() -> str:
    """The ``.htaccess`` of the static site's own host: the media types of its files."""
    types: dict[str, list[str]] = {}
    for known in FORMATS:  # the RDF syntaxes, the CSV tables and the network files
        if known.holds in ("graph", "dataset", "network") or known.name == "csv":
            types.setdefault(known.served_as, []).append("." + known.suffix)
    text = [f.suffix for f in FORMATS if f.holds in ("graph", "dataset")] + ["csv", "html", "json"]
    lines = ["# The static site of kg site: media types of the RDF files and distributions."]
    lines += [f"AddType {media} {' '.join(suffixes)}" for media, suffixes in types.items()]
    lines += ["AddCharset utf-8 " + " ".join("." + suffix for suffix in text),
              "<IfModule mod_headers.c>", '  Header set Access-Control-Allow-Origin "*"',
              "</IfModule>", ""]
    return "\n".join(lines)
