"""Small, safe helpers on SPARQL text: the query form, and binding values as terms.

Values are never pasted as user text: each is an RDF term serialised by
pyoxigraph (quotes, newlines and braces escaped) and placed in a ``VALUES``
block at the start of the query's WHERE group, so a value can never change
the query's shape.

Examples
--------
>>> import pyoxigraph as ox
>>> query_form("PREFIX a: <urn:a#> SELECT * WHERE { ?s ?p ?o }")
'SELECT'
>>> query_form("# comment\\nINSERT DATA { <urn:a> <urn:b> <urn:c> }")
'INSERT'
>>> print(inject_values("SELECT ?s WHERE { ?s ?p ?x }", {"x": ox.Literal('a"} UNION {')}))
SELECT ?s WHERE { VALUES (?x) { ("a\\"} UNION {") } ?s ?p ?x }
>>> service_targets("SELECT * { SERVICE SILENT <http://h.example/sparql> { ?s ?p ?o } }")
['<http://h.example/sparql>']
>>> service_targets('SELECT ?service { ?service ex:SERVICE "SERVICE <x>" } # SERVICE <y>')
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pyoxigraph as ox

from kg.core.errors import QueryError
from kg.core.terms import Term

__all__ = ["query_form", "inject_values", "service_targets", "READ_FORMS", "UPDATE_FORMS"]

READ_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                "WITH")
_TOKEN = re.compile(
    r'(?P<comment>#[^\n]*)|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_-]*)|(?P<brace>\{)|(?P<other>\S)",
    re.S)
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _tokens(query: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind != "comment":
            yield kind, match.group(), match.start()


def query_form(query: str) -> str:
    """The form of a query or update: SELECT, ASK, CONSTRUCT, DESCRIBE, INSERT...

    :raises QueryError: if no form keyword is found.
    """
    for kind, text, _ in _tokens(query):
        if kind == "word" and text.upper() in READ_FORMS + UPDATE_FORMS:
            return text.upper()
    raise QueryError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescaped(query: str) -> str:
    """``query`` with SPARQL's codepoint escapes (``\\u0053``) replaced by their
    characters, as the grammar allows before parsing."""
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"

    return _ESCAPE.sub(char, query)


def service_targets(query: str) -> list[str]:
    """What each ``SERVICE`` keyword of ``query`` names (an ``<IRI>``, a ``?variable`` or
    a prefixed name), in order; the keyword inside a string, an IRI, a comment, a variable
    or a prefixed name does not count. Codepoint escapes are read both ways, so a keyword
    spelt ``\\u0053ERVICE`` is found too. A keyword with nothing after it counts as ``""``.
    """
    found: list[str] = []
    for text in dict.fromkeys((query, _unescaped(query))):
        tokens = list(_tokens(text))
        for at, (kind, word, _) in enumerate(tokens):
            before = tokens[at - 1][1] if at else ""
            after = tokens[at + 1][1] if at + 1 < len(tokens) else ""
            if kind != "word" or word.upper() != "SERVICE" or before in (":", "?", "$") \
                    or after == ":":
                continue
            rest = [t for t in tokens[at + 1:at + 5]]
            if rest and rest[0][0] == "word" and rest[0][1].upper() == "SILENT":
                rest = rest[1:]
            found.append(_target(rest))
    return list(dict.fromkeys(found))


def _target(tokens: list[tuple[str, str, int]]) -> str:
    """The IRI, variable or prefixed name at the start of ``tokens``."""
    if not tokens:
        return ""
    kind, text, _ = tokens[0]
    if kind == "iri":
        return text
    if text in ("?", "$") and len(tokens) > 1:
        return text + tokens[1][1]
    if kind == "word" and len(tokens) > 2 and tokens[1][1] == ":":
        return f"{text}:{tokens[2][1]}"
    return text


def _where_brace(query: str) -> int:
    first_brace = None
    for kind, text, start in _tokens(query):
        if kind == "word" and text.upper() == "WHERE":
            for kind2, _text2, start2 in _tokens(query[start:]):
                if kind2 == "brace":
                    return start + start2
        if kind == "brace" and first_brace is None:
            first_brace = start
    if first_brace is None:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return first_brace


def inject_values(query: str, bindings: Mapping[str, Term]) -> str:
    """The query with ``VALUES (?k ...) { (term ...) }`` opening its WHERE group.

    :raises QueryError: if a name is not a variable name, or a term is a blank node.
    """
    if not bindings:
        return query
    names = sorted(bindings)
    for name in names:
        if not _VAR.match(name):
            raise QueryError(f"invalid parameter name {name!r}: use letters, digits and _")
    terms = []
    for name in names:
        term = bindings[name]
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise QueryError(f"parameter {name!r} must be an IRI or a literal")
        terms.append(str(term))
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }}"
    at = _where_brace(query) + 1
    return query[:at] + block + query[at:]
