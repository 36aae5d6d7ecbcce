"""Reading a YAML data file safely: libyaml's parser, with every mapping marked with the
line it starts on (``__line__``).

Refused, each with one line naming file and line, and record and field where there are:

* a key given twice in one mapping (:class:`~kg.core.errors.DuplicateKeyError`): YAML
  readers silently keep the second value;
* anchors and aliases (:class:`~kg.core.errors.AnchorAliasError`), whose few hundred bytes
  can expand into gigabytes, and the loader's own key ``__line__``;
* nesting deeper than :data:`~kg.data.limits.MAX_DEPTH` levels;
* invisible and bidirectional control characters (:func:`kg.data.limits.invisible`);
* numbers that are not finite or too large (:func:`kg.data.limits.check_number`).

The normal path stays fast: anchors and characters are looked for in the parser's events
or nodes only when a cheap look at the text finds a candidate, and the record and field
of a refused key or number are worked out only when there is one.

Examples
--------
>>> parse_yaml("- {id: canada, label: Canada}\\n", "a.yaml")
[{'id': 'canada', 'label': 'Canada', '__line__': 1}]
>>> parse_yaml("- id: canada\\n  label: Canada\\n  label: Kanada", "a.yaml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.core.errors.DuplicateKeyError: a.yaml:3: record 'canada', field 'label': ...(first at line 2)
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import Any

import yaml

from kg.core.errors import (
    AnchorAliasError,
    DataError,
    DuplicateKeyError,
    InvisibleCharacterError,
    NestingTooDeepError,
    NumberOutOfRangeError,
    ReservedKeyError,
    YamlSyntaxError,
)
from kg.data.limits import (
    MAX_DEPTH,
    SIZE_EXPECTED,
    NumberRangeError,
    character_name,
    check_number,
    first_invisible,
    invisible,
    may_be_invisible,
)

__all__ = ["parse_yaml", "LINE_KEY", "VISIBLE_TEXT", "DEPTH_EXPECTED"]

#: The key the loader adds to every mapping: the line the mapping starts on.
LINE_KEY = "__line__"
#: What text must be (the ``expected`` of :class:`~kg.core.errors.InvisibleCharacterError`).
VISIBLE_TEXT = "text without invisible or bidirectional control characters"
#: The ``expected`` of :class:`~kg.core.errors.NestingTooDeepError`.
DEPTH_EXPECTED = f"lists and mappings nested at most {MAX_DEPTH} levels deep"

#: libyaml's parser where PyYAML was built with it (about 10x faster), else PyYAML's own;
#: both report the same line numbers.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: ``&`` or ``*`` followed by a name: a candidate anchor or alias where a YAML token may
#: start, i.e. not right after a letter or digit (``R&D`` is not one, nor ``J. & S.``).
_ANCHOR_CANDIDATE = re.compile(r"[&*]\S")
_ALPHANUMERIC = frozenset(string.ascii_letters + string.digits)


class _Refused(Exception):
    """A node the data may not hold, found while constructing (made a DataError naming
    its record and field by :func:`parse_yaml`)."""

    def __init__(self, node: yaml.Node, error: type[DataError], found: object,
                 expected: str) -> None:
        super().__init__(expected)
        self.node, self.error, self.found, self.expected = node, error, found, expected


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Marks every mapping with its line in ``__line__``; refuses a key given twice, the
    key ``__line__``, nesting deeper than MAX_DEPTH and numbers out of range."""

    depth = 0


def _enter(loader: _LineLoader, node: yaml.Node) -> None:
    loader.depth += 1
    if loader.depth > MAX_DEPTH:
        raise _Refused(node, NestingTooDeepError, f"more than {MAX_DEPTH} levels",
                       DEPTH_EXPECTED)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    _enter(loader, node)
    try:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                seen = key in mapping
            except TypeError:
                raise _Refused(key_node, DataError, key, "a key that is text") from None
            if seen:
                raise _Refused(key_node, DuplicateKeyError, key, "each key once in a mapping "
                               f"(first at line {_first_line(loader, node, key)})")
            if key == LINE_KEY:
                raise _Refused(key_node, ReservedKeyError, key,
                               f"a field name ({LINE_KEY} is the loader's own key)")
            mapping[key] = loader.construct_object(value_node, deep=True)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping
    finally:
        loader.depth -= 1


def _first_line(loader: _LineLoader, node: yaml.MappingNode, key: Any) -> int:
    return next(k.start_mark.line + 1 for k, _ in node.value
                if loader.construct_object(k, deep=True) == key)


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> list[Any]:
    _enter(loader, node)
    try:
        return [loader.construct_object(child, deep=True) for child in node.value]
    finally:
        loader.depth -= 1


def _construct_number(loader: _LineLoader, node: yaml.ScalarNode) -> int | float:
    safe = yaml.constructor.SafeConstructor
    construct = safe.construct_yaml_int if node.tag.endswith(":int") \
        else safe.construct_yaml_float
    try:
        value = construct(loader, node)
        check_number(value)
    except NumberRangeError as error:
        raise _Refused(node, NumberOutOfRangeError, node.value, str(error)) from None
    except ValueError:  # an integer of more than 4300 digits
        raise _Refused(node, NumberOutOfRangeError, node.value, SIZE_EXPECTED) from None
    return value


def _refuse_collection_tag(loader: _LineLoader, node: yaml.Node) -> None:
    """``!!omap``, ``!!pairs``, ``!!set``: collections the data never uses (and whose
    nesting the depth count would not see)."""
    raise _Refused(node, DataError, node.tag.replace(_TAG, "!!"),
                   "a plain list or mapping (no !!omap, !!pairs or !!set)")


_TAG = "tag:yaml.org,2002:"
for _name in ("omap", "pairs", "set"):
    _LineLoader.add_constructor(_TAG + _name, _refuse_collection_tag)
_LineLoader.add_constructor(_TAG + "map", _construct_mapping)
_LineLoader.add_constructor(_TAG + "seq", _construct_sequence)
_LineLoader.add_constructor(_TAG + "int", _construct_number)
_LineLoader.add_constructor(_TAG + "float", _construct_number)
# Dates stay text: the schema decides their type.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in value if tag != _TAG + "timestamp"]
    for key, value in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, path: str) -> Any:
    """The value of a YAML data file's text (``path`` names it in errors).

    :raises DataError: (a subclass) naming file, line, record and field, for malformed
        YAML and for everything the module refuses.
    """
    loader = _LineLoader(text)
    try:
        if any(m.start() == 0 or text[m.start() - 1] not in _ALPHANUMERIC
               for m in _ANCHOR_CANDIDATE.finditer(text)):
            _refuse_anchors(text, path)
        root = loader.get_single_node()
        if root is None:
            return None
        if may_be_invisible(text):
            _refuse_invisible(root, text, path)
        try:
            return loader.construct_document(root)
        except _Refused as refused:
            record, field = _place(root, refused.node)
            raise refused.error(path, refused.node.start_mark.line + 1, record, field,
                                refused.found, refused.expected) from None
        except RecursionError:  # cannot happen with MAX_DEPTH well below Python's limit
            raise NestingTooDeepError(path, None, None, None, "lists nested too deep",
                                      DEPTH_EXPECTED) from None
    except yaml.YAMLError as error:
        raise _syntax_error(path, text, error) from None
    finally:
        loader.dispose()


def _syntax_error(path: str, text: str, error: yaml.YAMLError) -> DataError:
    """Malformed YAML, or a character YAML does not allow (controls...), at its line; a
    refused character in the text comes first (U+2028 and U+0085 even break lines)."""
    at = first_invisible(text) if may_be_invisible(text) else None
    if at is not None:
        return InvisibleCharacterError(path, text.count("\n", 0, at) + 1, None, None,
                                       character_name(text[at]), VISIBLE_TEXT)
    if isinstance(error, yaml.reader.ReaderError) and isinstance(error.character, int):
        # libyaml counts bytes of UTF-8, PyYAML's own reader characters
        before = text.encode("utf-8")[:error.position] if _BaseLoader is not yaml.SafeLoader \
            else text[:error.position].encode("utf-8")
        line: int | None = before.count(b"\n") + 1
        character = chr(error.character)
        if invisible(character):
            return InvisibleCharacterError(path, line, None, None, character_name(character),
                                           VISIBLE_TEXT)
        return YamlSyntaxError(path, line, None, None, character_name(character),
                               f"well-formed YAML ({error.reason})")
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else None
    reason = " ".join(str(x) for x in (getattr(error, "problem", None),
                                       getattr(error, "context", None)) if x)
    if "maximum nesting depth" in reason:  # libyaml's own limit (1000 levels)
        return NestingTooDeepError(path, line, None, None, reason, DEPTH_EXPECTED)
    return YamlSyntaxError(path, line, None, None, reason or str(error).split("\n")[0],
                           "well-formed YAML")


def _refuse_anchors(text: str, path: str) -> None:
    for event in yaml.parse(text, Loader=_BaseLoader):
        name = getattr(event, "anchor", None)
        if name is not None:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise AnchorAliasError(path, event.start_mark.line + 1, None, None, sign + name,
                                   "a value written out (anchors and aliases are not "
                                   "allowed in data files)")


def _refuse_invisible(root: yaml.Node, text: str, path: str) -> None:
    """Refuse the first scalar (key or value) holding a refused character; then any left
    in the text (in a comment)."""
    for node, keys, record in _nodes(root):
        name = invisible(node.value) if isinstance(node, yaml.ScalarNode) else None
        if name:
            start = node.start_mark.index
            at = first_invisible(text[start:node.end_mark.index])  # None: an escape
            line = text.count("\n", 0, start + at) + 1 if at is not None \
                else node.start_mark.line + 1
            raise InvisibleCharacterError(path, line, record, ".".join(keys) or None, name,
                                          VISIBLE_TEXT)
    at = first_invisible(text)
    if at is not None:
        raise InvisibleCharacterError(path, text.count("\n", 0, at) + 1, None, None,
                                      character_name(text[at]), VISIBLE_TEXT + " (comments "
                                      "included)")


def _nodes(root: yaml.Node) -> Iterator[tuple[yaml.Node, tuple[str, ...], str | None]]:
    """Every node of a document in reading order (keys before their values), with the
    keys that lead to it and the record it belongs to (the innermost ``id``, or the
    ``observations`` of a group)."""
    stack: list[tuple[yaml.Node, tuple[str, ...], str | None]] = [(root, (), None)]
    seen: set[int] = set()
    while stack:
        node, keys, record = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node, keys, record
        if isinstance(node, yaml.MappingNode):
            names = {k.value: v.value for k, v in node.value if isinstance(k, yaml.ScalarNode)
                     and isinstance(v, yaml.ScalarNode)}
            record = names.get("id") or names.get("observations") or record
            for key, value in reversed(node.value):
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                # A group's rows are records: their fields are named as a record's.
                inner = keys if name == "rows" and "observations" in names else (*keys, name)
                stack += [(value, inner, record), (key, (*keys, name), record)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(child, keys, record) for child in reversed(node.value)]


def _place(root: yaml.Node, target: yaml.Node) -> tuple[str | None, str | None]:
    """The record and field (keys joined by dots) of ``target``, a node of ``root``."""
    for node, keys, record in _nodes(root):
        if node is target:
            return record, ".".join(keys) or None
    return None, None
