r"""vis-network's script and style as the picture ships them: the files of the pyvis package,
trimmed to what the page uses and made safe to inline.

The stylesheet pyvis ships is 215 KB, almost all of it images of the navigation and
editing buttons the picture never shows; :func:`vis_css` keeps the rules the picture uses
(the tooltip, the canvas frame). :func:`vis_js` escapes the C1 control characters that
the minified script holds inside string literals (the same string to JavaScript, and
valid HTML when inlined: the Nu HTML checker refuses U+0085 in a page).

Examples
--------
>>> len(vis_css()) < 3000 and "div.vis-tooltip" in vis_css() and "url(" not in vis_css()
True
>>> script = vis_js()
>>> "\\u0085" in script and "\\x85" not in script and "</script" not in script
True
>>> VIS_JS_NAME
'vis-network-9.1.2.min.js'
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["vis_css", "vis_js", "VIS_VERSION", "VIS_JS_NAME"]

VIS_VERSION = "9.1.2"
#: The script's file name where the site serves it (``/graph/NAME``), versioned so that a
#: browser may keep it.
VIS_JS_NAME = f"vis-network-{VIS_VERSION}.min.js"
#: Rules of vis-network.css the picture needs (no navigation, no manipulation, no
#: configurator: their rules are mostly inline images).
_KEPT_RULES = re.compile(r"^(div\.vis-tooltip|\.vis-overlay|\.vis-active|div\.vis-network)"
                         r"(\s*,\s*(div\.vis-tooltip|\.vis-overlay|\.vis-active|"
                         r"div\.vis-network))*$")


def _asset(name: str) -> str:
    """A file of vis-network as the pyvis package ships it (found, not imported: importing
    pyvis loads IPython).

    :raises ModuleNotFoundError: if pyvis is not installed.
    """
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed (pip install pyvis)")
    folder = Path(list(spec.submodule_search_locations)[0])
    return (folder / "lib" / f"vis-{VIS_VERSION}" / name).read_text(encoding="utf-8")


@functools.cache
def vis_css() -> str:
    """The rules of vis-network's stylesheet that the picture uses, with no inline image."""
    kept = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", _asset("vis-network.css")):
        selector = " ".join(selector.split())
        if _KEPT_RULES.match(selector) and "url(" not in body:
            kept.append(f"{selector}{{{body}}}")
    return "\n".join(kept).replace("</", "<\\/")


@functools.cache
def vis_js() -> str:
    """vis-network's minified script, safe inside ``<script>`` and free of C1 controls."""
    script = _asset("vis-network.min.js").replace("</script", "<\\/script")
    return re.sub("[\u0080-\u009f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", script)
