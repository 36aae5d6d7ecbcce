"""The project's exceptions: one class per cause, all under :class:`KGError`.

Only the command line turns them into exit codes; the library raises them.

>>> try:
...     raise DuplicateIdError("kg/data/a.yaml", 3, "canada", "id", "canada", "an id used once")
... except KGError as error:
...     print(error)
kg/data/a.yaml:3: record 'canada', field 'id': found 'canada', expected an id used once
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "DataError",
    "YamlSyntaxError",
    "UnknownFieldError",
    "UnknownClassError",
    "MissingFieldError",
    "MissingCitationError",
    "DuplicateIdError",
    "UnknownReferenceError",
    "WrongTypeError",
    "UnknownCurrencyError",
    "YearOutOfRangeError",
    "ValidationError",
    "QueryError",
    "EndpointError",
    "EndpointURLError",
    "AnswerTooLargeError",
    "NameResolutionError",
]


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
            what.append(f"record {record!r}")
        if field:
            what.append(f"field {field!r}")
        prefix = f"{where}: {', '.join(what)}: " if what else f"{where}: "
        super().__init__(f"{prefix}found {found!r}, expected {expected}")


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


class EndpointError(KGError):
    """A remote SPARQL endpoint is unreachable or answered with an error."""


class EndpointURLError(EndpointError):
    """An endpoint URL, or a URL an endpoint redirects to, is not http(s) with a host."""


class AnswerTooLargeError(EndpointError):
    """An endpoint's answer is longer than the bytes a command reads (``--max-bytes``)."""


class NameResolutionError(KGError):
    """A name given by the user matches no resource, or several."""
