"""The project's exceptions: one class per cause, all under :class:`KGError`.

Only the command line turns them into exit codes; the library raises them.

>>> try:
...     raise DuplicateIdError("kg/data/a.yaml", 3, "canada", "id", "canada", "an id used once")
... except KGError as error:
...     print(error)
kg/data/a.yaml:3: record 'canada', field 'id': found 'canada', expected an id used once

What a message shows of the data is cut to :data:`SHOWN_MAX` characters, so no data file
can make an error line huge:

>>> message = str(DataError("a.yaml", 3, "x", "label", "Lorem ipsum " * 100_000, "text"))
>>> len(message) < 400, message[-40:]
(True, " ipsum Lorem ipsum Lore'…, expected text")
"""

from __future__ import annotations

import reprlib

__all__ = [
    "KGError",
    "DataError",
    "YamlSyntaxError",
    "UnknownFieldError",
    "UnknownClassError",
    "MissingFieldError",
    "MissingCitationError",
    "DuplicateIdError",
    "DuplicateKeyError",
    "AnchorAliasError",
    "ReservedKeyError",
    "NestingTooDeepError",
    "InvisibleCharacterError",
    "NumberOutOfRangeError",
    "UnknownReferenceError",
    "WrongTypeError",
    "UnknownCurrencyError",
    "YearOutOfRangeError",
    "ValidationError",
    "QueryError",
    "QueryLimitError",
    "QueryRefusedError",
    "EndpointError",
    "EndpointURLError",
    "AnswerTooLargeError",
    "NameResolutionError",
    "ExtraMissingError",
    "SHOWN_MAX",
    "shown",
]

#: At most this many characters of a value (and of a record id or a field name) taken
#: from the data are shown in a message; the rest is cut, ending with an ellipsis.
SHOWN_MAX = 300


class _Shown(reprlib.Repr):
    """``repr`` with every part bounded: long text, long lists and deep nesting are cut."""

    def __init__(self) -> None:
        super().__init__()
        self.maxother = self.maxlong = SHOWN_MAX
        self.maxstring = SHOWN_MAX - 8
        self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = 12
        self.maxdict, self.maxlevel, self.fillvalue = 8, 4, "…"

    def repr_str(self, x: str, level: int) -> str:
        """Long text keeps its start: ``'Lorem ipsum'…``."""
        return repr(x) if len(x) <= self.maxstring else repr(x[:self.maxstring]) + "…"


_SHOWN = _Shown()


def shown(value: object) -> str:
    """``repr(value)`` cut to :data:`SHOWN_MAX` characters (ending with ``…``).

    >>> shown("canada"), len(shown("x" * 10**6)), shown([[[[[[["deep"]]]]]]])
    ("'canada'", 295, '[[[[[…]]]]]')
    """
    try:
        text = _SHOWN.repr(value)
    except Exception:  # noqa: BLE001 (a value whose repr fails is shown by its type)
        text = f"<{type(value).__name__}>"
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX - 1] + "…"


class KGError(Exception):
    """Base class of every error the project raises on purpose."""


class DataError(KGError):
    """A curated data record is invalid; names file, line, record and field."""

    def __init__(
        self,
        path: str,
        line: int | None,
        record: str | None,
        field: str | None,
        found: object,
        expected: str,
    ) -> None:
        self.path, self.line, self.record, self.field = path, line, record, field
        self.found, self.expected = found, expected
        where = f"{path}:{line}" if line else path
        what = []
        if record:
            what.append(f"record {shown(record)}")
        if field:
            what.append(f"field {shown(field)}")
        prefix = f"{where}: {', '.join(what)}: " if what else f"{where}: "
        super().__init__(f"{prefix}found {shown(found)}, expected {expected}")


class YamlSyntaxError(DataError):
    """A data file is not well-formed YAML."""


class UnknownFieldError(DataError):
    """A record uses a field that no ontology property or alias defines."""


class UnknownClassError(DataError):
    """A record's ``type`` is not a class of the ontology."""


class MissingFieldError(DataError):
    """A record lacks a required field (``id``, ``type`` or ``label``)."""


class MissingCitationError(DataError):
    """A record carries no ``source`` (its place in the paper)."""


class DuplicateIdError(DataError):
    """Two records share one id."""


class DuplicateKeyError(DataError):
    """A mapping of a data file gives one key twice (a record's ``label``, a quote's
    ``value``, a quote file's record id): YAML and JSON readers would silently keep the
    second value only."""


class AnchorAliasError(DataError):
    """A YAML data file uses an anchor or an alias (``&name``, ``*name``): refused, since a
    few hundred bytes of aliases can expand into gigabytes ("billion laughs")."""


class ReservedKeyError(DataError):
    """A data file uses a key the loader keeps for itself (``__line__``, where it notes
    the line each mapping starts on)."""


class NestingTooDeepError(DataError):
    """Lists and mappings nest deeper than :data:`kg.data.limits.MAX_DEPTH` levels."""


class InvisibleCharacterError(DataError):
    """Text holds an invisible or bidirectional control character (a zero-width space, a
    right-to-left override, a control character...): it would make a name look like
    another one, or a file read differently from what it holds."""


class NumberOutOfRangeError(DataError):
    """A number is not finite (``.nan``, ``.inf``, ``1e400``) or lies beyond what the stores
    hold exactly (:data:`kg.data.limits.NUMBER_LIMIT`, :data:`kg.data.limits.FRACTION_DIGITS`)."""


class UnknownReferenceError(DataError):
    """A field refers to an id no record defines, or to one of the wrong class."""


class WrongTypeError(DataError):
    """A value has the wrong datatype (text where a number is expected...)."""


class UnknownCurrencyError(DataError):
    """A monetary amount uses a currency outside the allowed list."""


class YearOutOfRangeError(DataError):
    """A year lies outside the range the graph accepts."""


class ValidationError(KGError):
    """The built graph does not conform to the SHACL shapes or the checks."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        head = problems[0] if problems else "validation failed"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{head}{more}")


class QueryError(KGError):
    """A SPARQL query is unknown, malformed, refused or failed."""


class QueryLimitError(QueryError):
    """A query ran past a limit of the site that answers it (time, memory, size, load)."""


class QueryRefusedError(QueryError):
    """A query asks for something an endpoint never does for a visitor (an update,
    ``SERVICE`` to another host)."""


class EndpointError(KGError):
    """A remote SPARQL endpoint is unreachable or answered with an error."""


class EndpointURLError(EndpointError):
    """An endpoint URL, or a URL an endpoint redirects to, is not http(s) with a host."""


class AnswerTooLargeError(EndpointError):
    """An endpoint's answer is longer than the bytes a command reads (``--max-bytes``)."""


class NameResolutionError(KGError):
    """A name given by the user matches no resource, or several."""


class ExtraMissingError(KGError):
    """An optional dependency is not installed; the message names the extra of the package
    (``pip install 'eucan-kg[NAME]'``) that installs it."""
