"""JSON-LD compaction that knows the project's kind of context: same JSON as pyld, 100x faster.

:func:`kg.publish.context.jsonld_context` writes a context of one form only: prefixes
(``"owl": "http://…#"``), the keyword aliases ``id`` and ``type``, one term per class
(``"Eurocluster": "eucan:Eurocluster"``) and one per property, typed ``@id`` or with a
datatype, with the container ``@set``. Compacting the graph's expanded JSON-LD (as the
engine writes it: nodes with their properties' values as node references or value
objects, nothing nested) with such a context needs only a few steps of the JSON-LD 1.1
compaction algorithm (https://www.w3.org/TR/json-ld11-api/#compaction-algorithms): IRI
compaction (term selection through the inverse context, else the shortest compact IRI)
and value compaction. :class:`Compactor` does exactly those steps, the way pyld does
them, and remembers each answer (an IRI or a property and a kind of value recurs
thousands of times). pyld takes 8.5 s on the paper's graph (105,122 IRI compactions);
this takes a few hundredths of that.

A context of any other form (``@vocab``, ``@language``, other containers, scoped
contexts …) raises :class:`Unsupported`: the caller then uses pyld. The tests compare the
two on the paper's graph and on small graphs made to hit each rule.

Examples
--------
>>> context = {"@version": 1.1, "ex": "http://example.org/", "id": "@id", "type": "@type",
...            "Thing": "ex:Thing", "name": {"@id": "ex:name", "@container": "@set"},
...            "knows": {"@id": "ex:knows", "@type": "@id", "@container": "@set"}}
>>> compactor = Compactor(context)
>>> ex = "http://example.org/"
>>> node = compactor.node({"@id": ex + "a", "@type": [ex + "Thing"],
...                        ex + "name": [{"@value": "A"}], ex + "knows": [{"@id": ex + "b"}],
...                        ex + "age": [{"@value": "7", "@type": ex + "int"}]})
>>> node["id"], node["type"], node["name"], node["knows"]
('ex:a', 'Thing', ['A'], ['ex:b'])
>>> node["ex:age"]  # no term for ex:age: a compact IRI, the value in full
{'type': 'ex:int', '@value': '7'}
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring
from typing import Any

__all__ = ["Compactor", "Unsupported", "compact_nodes", "indented_json"]

#: The keywords a node or value object of the engine's output holds.
_KEYWORDS = ("@id", "@type", "@value", "@language", "@graph")
#: An IRI that ends like this may serve as a prefix (JSON-LD 1.1, "simple term definition").
_GEN_DELIM = re.compile(r".*[:/?#\[\]@]$")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")


class Unsupported(Exception):
    """The context or the document has a feature :class:`Compactor` does not implement
    (the caller compacts with pyld instead)."""


class _Term:
    __slots__ = ("iri", "type", "container", "prefix")

    def __init__(self, iri: str, type_: str | None, container: str, prefix: bool) -> None:
        self.iri, self.type, self.container, self.prefix = iri, type_, container, prefix


class Compactor:
    """Compacts node objects of expanded JSON-LD with one context of the project's form.

    :raises Unsupported: if the context has a feature outside that form.
    """

    def __init__(self, context: dict[str, Any]) -> None:
        context = context.get("@context", context)
        if not isinstance(context, dict) or context.get("@version", 1.1) != 1.1:
            raise Unsupported("context")
        self.terms = _definitions(context)
        self._inverse = _inverse_context(self.terms)
        self._prefixes = sorted((t.iri, name) for name, t in self.terms.items() if t.prefix)
        self.alias = {kw: self._term_for(kw, "@type", ("@none",)) or kw for kw in _KEYWORDS}
        self._iris: dict[tuple[str, bool], str] = {}
        self._keys: dict[tuple[str, str, str], tuple[str, str | None, bool]] = {}

    def iri(self, iri: str, vocab: bool) -> str:
        """``iri`` as a term (``vocab``: class or property position), else the shortest
        compact IRI (lexically least among equals), else itself."""
        key = (iri, vocab)
        found = self._iris.get(key)
        if found is None:
            found = (self._term_for(iri, "@type", ("@id", "@none")) if vocab else None) \
                or self._curie(iri)
            self._iris[key] = found
        return found

    def _term_for(self, iri: str, kind: str, preferred: tuple[str, ...]) -> str | None:
        """Term selection: the containers are only ever ``@set`` then none."""
        containers = self._inverse.get(iri)
        if containers is None:
            return None
        for container in ("@set", "@none"):
            entry = containers.get(container)
            if entry is not None:
                for value in preferred:
                    term = entry[kind].get(value)
                    if term is not None:
                        return term
        return None

    def _curie(self, iri: str) -> str:
        candidate = None
        for namespace, prefix in self._prefixes:
            if iri != namespace and iri.startswith(namespace):
                curie = f"{prefix}:{iri[len(namespace):]}"
                if curie not in self.terms and (
                        candidate is None or (len(curie), curie) < (len(candidate), candidate)):
                    candidate = curie
        if candidate is not None:
            return candidate
        if any(iri.startswith(prefix + ":") for _, prefix in self._prefixes):
            raise Unsupported(f"IRI confused with a prefix: {iri}")  # pyld raises
        return iri

    def _key(self, prop: str, kind: str, kind_value: str) -> tuple[str, str | None, bool]:
        """The key a value of ``prop`` goes under, the key's type mapping and whether the
        key is a ``@set``: term selection for a value of the kind ``kind`` (``@type`` or
        ``@language``) with ``kind_value`` (``@id``, a datatype, a language or ``@null``)."""
        found = self._keys.get((prop, kind, kind_value))
        if found is None:
            preferred: tuple[str, ...] = (kind_value, "@none")
            if kind == "@type" and kind_value != "@id" and "_" in kind_value:
                preferred = (kind_value, "_" + kind_value.split("_")[-1], "@none")
            term = self._term_for(prop, kind, preferred)
            if term is None:
                found = (self._curie(prop), None, False)
            else:
                found = (term, self.terms[term].type, self.terms[term].container == "@set")
            self._keys[(prop, kind, kind_value)] = found
        return found

    def value(self, prop: str, value: Any) -> tuple[str, bool, Any]:
        """Term selection and value compaction of one value (a node reference or a value
        object) of ``prop``: its key, whether the key is a ``@set``, the compacted value.

        :raises Unsupported: if ``value`` is neither.
        """
        size = len(value) if isinstance(value, dict) else 0
        if size == 1 and isinstance(value.get("@id"), str):
            key, type_, is_set = self._key(prop, "@type", "@id")
            compacted = self.iri(value["@id"], False)
            return key, is_set, compacted if type_ == "@id" else {self.alias["@id"]: compacted}
        text = value.get("@value") if size else None
        if not isinstance(text, str):
            raise Unsupported("value")
        if size == 1:
            key, type_, is_set = self._key(prop, "@language", "@null")
            return key, is_set, text
        datatype, language = value.get("@type"), value.get("@language")
        if size != 2 or not isinstance(datatype or language, str):
            raise Unsupported("value object")
        if datatype is not None:
            key, type_, is_set = self._key(prop, "@type", datatype)
            if datatype == type_:
                return key, is_set, text
            return key, is_set, {self.alias["@type"]: self.iri(datatype, True),
                                 self.alias["@value"]: text}
        language = language.lower()  # as JSON-LD expansion (pyld) writes it
        key, type_, is_set = self._key(prop, "@language", language)
        return key, is_set, {self.alias["@language"]: language, self.alias["@value"]: text}

    def node(self, node: dict[str, Any]) -> dict[str, Any]:
        """One node object of the engine's expanded JSON-LD, compacted.

        :raises Unsupported: if the node holds anything but ``@id``, ``@type`` and
            properties whose values are node references or value objects.
        """
        out: dict[str, Any] = {}
        for prop, values in sorted(node.items()):
            if prop == "@id" and isinstance(values, str):
                out[self.alias["@id"]] = self.iri(values, False)
            elif prop == "@type" and isinstance(values, list) and values and all(
                    isinstance(t, str) for t in values):
                types = [self.iri(t, True) for t in values]
                out[self.alias["@type"]] = types[0] if len(types) == 1 else types
            elif prop[:1] == "@" or ":" not in prop or not isinstance(values, list) \
                    or not values:
                raise Unsupported(prop)  # a keyword, a relative IRI, no value
            else:
                for value in values:
                    key, is_set, compacted = self.value(prop, value)
                    found = out.get(key)
                    if found is None:
                        out[key] = [compacted] if is_set else compacted
                    elif isinstance(found, list):
                        found.append(compacted)
                    else:
                        out[key] = [found, compacted]
        return out


def compact_nodes(nodes: list[dict[str, Any]], context: dict[str, Any]) -> dict[str, Any]:
    """The document pyld's ``jsonld.compact(nodes, context)`` gives for the engine's
    expanded nodes: ``@context`` then ``@graph``, or the one node's keys, or nothing.

    :raises Unsupported: if the context or a node is outside what :class:`Compactor` does.
    """
    compactor = Compactor(context)
    graph = [compactor.node(node) for node in nodes]
    inner = context.get("@context", context)
    document: dict[str, Any] = {"@context": inner} if inner else {}
    if len(graph) == 1:
        document.update(graph[0])
    elif graph:
        document[compactor.alias["@graph"]] = graph
    return document


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)``, twice as fast
    (the standard library's indented encoder is pure Python; this writes whole lines).

    >>> value = {"b": [1, "x", {"c": None, "a": []}], "a": {}, "é": 1.5}
    >>> indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    True
    """
    out: list[str] = []
    _write(value, "\n", out)
    return "".join(out)


def _write(value: Any, newline: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict | list) and value:
        inner, first = newline + " ", True
        if isinstance(value, dict):
            for key in sorted(value):
                out.append(("{" if first else ",") + inner + encode_basestring(key) + ": ")
                first = False
                _item(value[key], inner, out)
            out.append(newline + "}")
            return
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _item(item, inner, out)
        out.append(newline + "]")
    else:
        out.append(json.dumps(value))


def _item(item: Any, newline: str, out: list[str]) -> None:
    if isinstance(item, str):  # most items: no call of _write
        out.append(encode_basestring(item))
    else:
        _write(item, newline, out)


def _definitions(context: dict[str, Any]) -> dict[str, _Term]:
    """The term definitions of ``context``, with IRIs expanded.

    :raises Unsupported: if a definition is not of the project's form.
    """
    simple = {name: v for name, v in context.items()
              if isinstance(v, str) and not name.startswith("@")}

    def absolute(text: str) -> bool:
        scheme, _, rest = text.partition(":")
        return bool(_ABSOLUTE.match(text)) and scheme != "_" and (
            scheme not in context or rest.startswith("//"))

    def expand(text: str) -> str:
        if text in ("@id", "@type"):
            return text
        prefix, colon, suffix = text.partition(":")
        if colon and prefix in context and not suffix.startswith("//"):
            if not absolute(simple.get(prefix, "")):
                raise Unsupported(f"prefix {prefix}")
            return simple[prefix] + suffix
        if not absolute(text):
            raise Unsupported(f"not an absolute IRI: {text}")
        return text

    terms: dict[str, _Term] = {}
    for name, definition in context.items():
        if name == "@version":
            continue
        if name.startswith("@") or ":" in name or "/" in name or not name:
            raise Unsupported(f"term {name}")
        if isinstance(definition, str):
            iri = expand(definition)
            terms[name] = _Term(iri, None, "@none", iri not in ("@id", "@type")
                                and bool(_GEN_DELIM.match(iri)))
            continue
        if not isinstance(definition, dict) or not set(definition) <= {
                "@id", "@type", "@container"} or definition.get("@container", "@set") != "@set":
            raise Unsupported(f"term {name}")
        given, type_ = definition.get("@id"), definition.get("@type")
        if not isinstance(given, str) or given.startswith("@") or (type_ is not None and (
                not isinstance(type_, str) or type_ in ("@vocab", "@none", "@json", "@type"))):
            raise Unsupported(f"term {name}")
        terms[name] = _Term(expand(given), type_ if type_ in (None, "@id") else expand(type_),
                            definition.get("@container", "@none"), False)
    return terms


def _inverse_context(terms: dict[str, _Term]) -> dict[str, dict[str, dict[str, dict]]]:
    """IRI -> container -> ``@language``/``@type`` -> value -> term, the shortest (then
    lexically least) term first, as in pyld's ``_get_inverse_context``."""
    inverse: dict[str, dict[str, dict[str, dict]]] = {}
    for name in sorted(terms, key=lambda n: (len(n), n)):
        term = terms[name]
        entry = inverse.setdefault(term.iri, {}).setdefault(
            term.container, {"@language": {}, "@type": {}})
        if term.type is not None:
            entry["@type"].setdefault(term.type, name)
        else:
            entry["@language"].setdefault("@none", name)
            entry["@type"].setdefault("@none", name)
    return inverse
