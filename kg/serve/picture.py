"""The picture's own files: vis-network's script, served apart from the page so that the
page shows at once and the browser keeps the script (its address names its version).

Examples
--------
>>> from starlette.testclient import TestClient
>>> from kg.serve.app import create_app
>>> from kg.store.open import build_graph
>>> app = create_app(build_graph())
>>> with TestClient(app, base_url="http://127.0.0.1") as client:
...     answer = client.get(SCRIPT_PATH)
>>> answer.status_code, answer.headers["content-type"], answer.headers["content-encoding"]
(200, 'text/javascript; charset=utf-8', 'gzip')
>>> "immutable" in answer.headers["cache-control"]
True
>>> app.state.kg.sandbox.close()
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from kg.publish.visassets import VIS_JS_NAME, vis_js
from kg.serve.context import HEADERS

__all__ = ["vis_script", "SCRIPT_PATH"]

#: Where the site serves vis-network's script (the page ``/graph`` loads it deferred).
SCRIPT_PATH = f"/graph/{VIS_JS_NAME}"


def vis_script(request: Request) -> Response:
    """vis-network's script, kept by browsers for a year (a new version is a new address)."""
    return Response(vis_js(), media_type="text/javascript", headers={
        **HEADERS, "Cache-Control": "public, max-age=31536000, immutable"})
