"""The optional dependencies (the extras of ``pyproject.toml``) and the one-line error a
missing one gives.

The main job needs none of them. ``[server]`` installs the Oxigraph server executable
(``oxigraph serve``; ``kg bench``'s server step and the tests start it), ``[bench]``
that server and pyshacl (``kg bench`` times the SHACL reference beside the build's
gate), ``[test]`` both and the test tools.

>>> required("json", "the standard library", "test").__name__
'json'
>>> required("no_such_module", "a thing", "bench")
Traceback (most recent call last):
kg.core.errors.ExtraMissingError: a thing is not installed: pip install 'eucan-kg[bench]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from kg.core.errors import ExtraMissingError

__all__ = ["required", "installed", "missing_message"]


def missing_message(what: str, extra: str) -> str:
    """The sentence that says ``what`` is missing and which extra installs it."""
    return f"{what} is not installed: pip install 'eucan-kg[{extra}]'"


def installed(module: str) -> bool:
    """Whether ``module`` imports: a package that is present but fails on import (a broken
    install) counts as missing, as it would when the command needs it.

    >>> installed("json"), installed("no_such_module")
    (True, False)
    """
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def required(module: str, what: str, extra: str) -> ModuleType:
    """The module ``module``, imported.

    :raises ExtraMissingError: if it is not installed, naming ``what`` and ``extra``.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ExtraMissingError(missing_message(what, extra)) from None
