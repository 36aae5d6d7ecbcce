"""What a curated data file may hold: how deep it nests, which characters its text uses,
how large its numbers are. The parsers (:mod:`kg.data.yamlfile`, :mod:`kg.data.jsonfile`)
and the record checks (:mod:`kg.data.records`) refuse the rest.

Invisible and bidirectional control characters are refused everywhere, quotes of the
paper included: a right-to-left override or a zero-width space makes a label look like
another one, or a line of a file read differently from what it holds ("Trojan Source").
The paper's text (:func:`kg.data.paper.read_paper`) holds none of them (its only unusual
spaces are no-break spaces, which stay allowed), so no quote of it needs one.

Examples
--------
>>> invisible("Canada\\u202e")
'U+202E RIGHT-TO-LEFT OVERRIDE'
>>> invisible("Québec – Montréal\\u00a0(QC)\\tand\\n2023") is None
True
>>> check_number(1.05e9)
>>> check_number(float("inf"))
Traceback (most recent call last):
...
kg.data.limits.NumberRangeError: a finite number (not nan or inf)
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

__all__ = ["MAX_DEPTH", "NUMBER_LIMIT", "FRACTION_DIGITS", "SIZE_EXPECTED", "NumberRangeError",
           "check_number", "invisible", "first_invisible", "may_be_invisible",
           "character_name"]

#: Lists and mappings nest at most this deep in a data file (the data uses 5 levels: the
#: file's list, a record, a field's list, an inline quote, its values).
MAX_DEPTH = 32
#: Numbers must be smaller than this in size: Oxigraph holds ``xsd:integer`` in 64 bits
#: (up to about 9.2e18) and ``xsd:decimal`` with 18 digits after the point.
NUMBER_LIMIT = 10**18
#: Digits after the decimal point a number may have (Oxigraph's ``xsd:decimal``).
FRACTION_DIGITS = 18
#: What a number too large must be instead (the message of :class:`NumberRangeError`).
SIZE_EXPECTED = f"a number smaller than 10^{len(str(NUMBER_LIMIT)) - 1} in size"

#: Unicode categories refused in text: format characters (zero-width, bidirectional
#: embeddings, overrides and isolates, the BOM, the soft hyphen...), control characters
#: (but tab, line feed and carriage return), surrogates, line and paragraph separators.
_REFUSED = frozenset({"Cf", "Cc", "Cs", "Zl", "Zp"})
_ALLOWED = frozenset("\t\n\r")
_CATEGORY_NAMES = {"Cc": "CONTROL CHARACTER", "Cs": "SURROGATE"}
#: The characters that may be refused (a superset, checked exactly afterwards): controls,
#: every format character of the Basic Multilingual Plane (Unicode 14), the separators,
#: surrogates and everything beyond the BMP; and the escapes of YAML's and JSON's
#: double-quoted strings that write such characters (``\\u202e``, ``\\x1b``, ``\\e``...).
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff"
    "\U00010000-\U0010ffff]")
_ESCAPE = re.compile(r"\\[0abvfeNLPxuU]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


class NumberRangeError(ValueError):
    """A number is not finite, or too large, or too precise (the message says what is
    expected instead)."""


def check_number(value: int | float | Decimal) -> None:
    """Raise :class:`NumberRangeError` unless ``value`` is finite, smaller than
    :data:`NUMBER_LIMIT` in size and has at most :data:`FRACTION_DIGITS` digits after the
    point.

    >>> check_number(Decimal("0.6973")), check_number(-5.6), check_number(15810000000000)
    (None, None, None)
    >>> check_number(Decimal("1E+400"))
    Traceback (most recent call last):
    ...
    kg.data.limits.NumberRangeError: a number smaller than 10^18 in size
    """
    size: int | float | Decimal
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberRangeError("a finite number (not nan or inf)")
        size = value.copy_abs()
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise NumberRangeError("a finite number (not nan or inf)")
        size = abs(value)
    else:
        size = abs(value)
    if size >= NUMBER_LIMIT:
        raise NumberRangeError(SIZE_EXPECTED)
    if not isinstance(value, int):
        sign, digits, exponent = (value if isinstance(value, Decimal)
                                  else Decimal(repr(value))).as_tuple()
        written = "".join(map(str, digits))
        fraction = -int(exponent) - (len(written) - len(written.rstrip("0")))
        if fraction > FRACTION_DIGITS:
            raise NumberRangeError(f"at most {FRACTION_DIGITS} digits after the point")


def may_be_invisible(text: str) -> bool:
    """Whether ``text`` (a whole file) may hold a refused character, written as itself or
    as an escape; a cheap look (about 1.5 ns a character), :func:`invisible` decides.

    >>> may_be_invisible("label: R&D\\n"), may_be_invisible('label: "x\\\\u200by"\\n')
    (False, True)
    >>> may_be_invisible("label: Québec – “x”"), may_be_invisible("label: x\\u202ey")
    (False, True)
    """
    if _ESCAPE.search(text):
        return True
    # Only what is not printable ASCII is looked at: bytes.translate drops the rest fast.
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PRINTABLE_ASCII)
    return bool(rest) and _SUSPECT.search(rest.decode("utf-8", "surrogatepass")) is not None


def invisible(text: str) -> str | None:
    """The first refused character of ``text``, as ``U+XXXX NAME``; None when there is
    none."""
    found = _first_refused(text)
    return character_name(found.group()) if found else None


def first_invisible(text: str) -> int | None:
    """The offset of the first refused character of ``text``; None when there is none."""
    found = _first_refused(text)
    return found.start() if found else None


def character_name(character: str) -> str:
    """``U+XXXX NAME`` (controls and surrogates, which have no name, by their kind).

    >>> character_name("\\x1b"), character_name("\\u200b")
    ('U+001B CONTROL CHARACTER', 'U+200B ZERO WIDTH SPACE')
    """
    category = unicodedata.category(character)
    name = unicodedata.name(character, "") or _CATEGORY_NAMES.get(category, category)
    return f"U+{ord(character):04X} {name}"


def _first_refused(text: str) -> re.Match[str] | None:
    for match in _SUSPECT.finditer(text):
        character = match.group()
        if unicodedata.category(character) in _REFUSED and character not in _ALLOWED:
            return match
    return None
