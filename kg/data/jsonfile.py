"""Reading a JSON data file (a quote file) safely: json's C parser, and refused, each with
one line naming file, line, record and key:

* a key given twice in one object (:class:`~kg.core.errors.DuplicateKeyError`): json
  silently keeps the last value;
* the loader's own key ``__line__``;
* ``NaN``, ``Infinity`` and numbers out of range (:func:`kg.data.limits.check_number`);
* invisible and bidirectional control characters (:func:`kg.data.limits.invisible`);
* nesting deeper than :data:`~kg.data.limits.MAX_DEPTH` levels.

json's hooks tell *that* an object repeats a key, not where. Then, and when a cheap look
at the text finds a candidate refused character, the file is read again by a decoder
(pure Python, ten times slower) whose object and array parsers know the offset of every
key and value, and which raises the error at its line. That reading (:func:`parse_json_lines`)
also marks each object with the line it starts on (``__line__``), for the errors the
loader finds afterwards. The record is the second key on the way to the problem (in a
quote file, ``{"quotes": {RECORD: [...]}}``).

Examples
--------
>>> parse_json('{"quotes": {"suave": []}}', "q.json")
{'quotes': {'suave': []}}
>>> parse_json('{"quotes": {"suave": [],\\n  "suave": []}}', "q.json")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.core.errors.DuplicateKeyError: q.json:2: record 'suave', field 'suave': ...(first at line 1)
"""

from __future__ import annotations

import json
import re

# The pure-Python decoder's parts (json's own, not in its typing stubs).
from json.decoder import WHITESPACE, JSONDecodeError, scanstring  # type: ignore[attr-defined]
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from typing import Any

from kg.core.errors import (
    DataError,
    DuplicateKeyError,
    InvisibleCharacterError,
    NestingTooDeepError,
    NumberOutOfRangeError,
    ReservedKeyError,
)
from kg.data.limits import (
    MAX_DEPTH,
    SIZE_EXPECTED,
    NumberRangeError,
    check_number,
    invisible,
    may_be_invisible,
)
from kg.data.yamlfile import DEPTH_EXPECTED, LINE_KEY, VISIBLE_TEXT

__all__ = ["parse_json", "parse_json_lines"]

_TOKEN = re.compile(r"[^\s,\]}]+")


class _Again(Exception):
    """The fast reading met something to refuse: read again, with positions."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Again
    return mapping


def _number(parse: type) -> Any:
    def hook(text: str) -> Any:
        if parse is int and len(text) > 40:  # int() refuses more than 4300 digits
            raise NumberRangeError(SIZE_EXPECTED)
        value = parse(text)
        check_number(value)
        return value
    return hook


def _constant(text: str) -> Any:
    raise NumberRangeError("a finite number (not nan or inf)")


def parse_json(text: str, path: str) -> Any:
    """The value of a JSON data file's text (``path`` names it in errors).

    Nesting is bounded where the file is read with positions; json's C parser itself
    stops at its own limit (about 1000 levels, read again then). A quote file's shape
    is checked by its reader (4 levels), which reads the file with positions to place
    any error, so deeper nesting there ends as the refusal of :data:`MAX_DEPTH`.

    :raises DataError: (a subclass) naming file and line (record and key where there
        are), for malformed JSON and for everything the module refuses.
    """
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                           parse_float=_number(float), parse_int=_number(int))
    except JSONDecodeError as error:
        raise DataError(path, error.lineno, None, None, error.msg, "well-formed JSON") from None
    except (_Again, NumberRangeError, RecursionError):
        return _read_again(text, path, lines=False)
    suspect = f'"{LINE_KEY}"' in text or may_be_invisible(text)
    return _read_again(text, path, lines=False) if suspect else value


def parse_json_lines(text: str, path: str) -> Any:
    """:func:`parse_json`, slower, with every object marked with the line it starts on
    (``__line__``) and every refusal at its line.

    >>> parse_json_lines('[{"a": 1},\\n {"a": 2}]', "q.json")
    [{'a': 1, '__line__': 1}, {'a': 2, '__line__': 2}]
    """
    return _read_again(text, path, lines=True)


def _read_again(text: str, path: str, lines: bool) -> Any:
    try:
        return _Located(path, text, lines).read()
    except JSONDecodeError as error:
        raise DataError(path, error.lineno, None, None, error.msg, "well-formed JSON") from None


def _skip(text: str, end: int) -> int:
    return WHITESPACE.match(text, end).end()


def _expect(text: str, end: int, char: str, message: str) -> int:
    """The offset after ``char`` (and spaces) at ``end``."""
    if text[end:end + 1] != char:
        raise JSONDecodeError(message, text, end)
    return _skip(text, end + 1)


class _Located(json.JSONDecoder):
    """A decoder that knows where each key and value is, and refuses at the right line."""

    def __init__(self, path: str, text: str, lines: bool) -> None:
        super().__init__(parse_float=_number(float), parse_int=_number(int),
                         parse_constant=_constant)
        self.path, self.text, self.lines, self.depth = path, text, lines, 0
        self.keys: list[str] = []
        self.parse_object, self.parse_array = self._object, self._array
        self.scan_once = py_make_scanner(self)

    def read(self) -> Any:
        value, end = self._value(self.text, _skip(self.text, 0))
        if _skip(self.text, end) != len(self.text):
            raise JSONDecodeError("Extra data", self.text, _skip(self.text, end))
        return value

    def _line(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def _refuse(self, error: type[DataError], offset: int, found: object, expected: str,
                key: str | None = None) -> DataError:
        keys = [*self.keys, key] if key is not None else self.keys
        return error(self.path, self._line(offset), keys[1] if len(keys) > 1 else None,
                     keys[-1] if keys else None, found, expected)

    def _enter(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self._refuse(NestingTooDeepError, offset, f"more than {MAX_DEPTH} levels",
                               DEPTH_EXPECTED)

    def _value(self, text: str, end: int) -> tuple[Any, int]:
        try:
            value, after = self.scan_once(text, end)
        except StopIteration as stop:
            raise JSONDecodeError("Expecting value", text, stop.value) from None
        except NumberRangeError as error:
            token = _TOKEN.match(text, end)
            raise self._refuse(NumberOutOfRangeError, end, token.group() if token else "",
                               str(error)) from None
        name = invisible(value) if isinstance(value, str) else None
        if name:
            raise self._refuse(InvisibleCharacterError, end, name, VISIBLE_TEXT)
        return value, after

    def _key(self, key: str, offset: int, lines: dict[str, int]) -> None:
        if key in lines:
            raise self._refuse(DuplicateKeyError, offset, key, "each key once in an object "
                               f"(first at line {lines[key]})", key)
        if key == LINE_KEY:
            raise self._refuse(ReservedKeyError, offset, key,
                               f"a field name ({LINE_KEY} is the loader's own key)", key)
        name = invisible(key)
        if name:
            raise self._refuse(InvisibleCharacterError, offset, name, VISIBLE_TEXT, key)
        lines[key] = self._line(offset)

    def _object(self, text_and_end: tuple[str, int], strict: bool, *_: Any) -> tuple[Any, int]:
        text, end = text_and_end
        start = end - 1
        self._enter(start)
        mapping: dict[str, Any] = {}
        lines: dict[str, int] = {}
        end = _skip(text, end)
        while text[end:end + 1] != "}":
            if text[end:end + 1] != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes",
                                      text, end)
            key, after = scanstring(text, end + 1, strict)
            self._key(key, end, lines)
            end = _expect(text, _skip(text, after), ":", "Expecting ':' delimiter")
            self.keys.append(key)
            mapping[key], end = self._value(text, end)
            self.keys.pop()
            end = _skip(text, end)
            if text[end:end + 1] != "}":
                end = _expect(text, end, ",", "Expecting ',' delimiter")
                if text[end:end + 1] != '"':
                    raise JSONDecodeError("Expecting property name enclosed in double "
                                          "quotes", text, end)
        if self.lines:
            mapping[LINE_KEY] = self._line(start)
        self.depth -= 1
        return mapping, end + 1

    def _array(self, text_and_end: tuple[str, int], *_: Any) -> tuple[list[Any], int]:
        text, end = text_and_end
        self._enter(end - 1)
        values = []
        end = _skip(text, end)
        while text[end:end + 1] != "]":
            value, end = self._value(text, end)
            values.append(value)
            end = _skip(text, end)
            if text[end:end + 1] != "]":
                end = _expect(text, end, ",", "Expecting ',' delimiter")
                if text[end:end + 1] == "]":
                    raise JSONDecodeError("Expecting value", text, end)
        self.depth -= 1
        return values, end + 1
