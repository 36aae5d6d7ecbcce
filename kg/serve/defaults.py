"""The site's defaults, in a module of their own so that the command line can show them
in ``--help`` without importing the web framework.

>>> MAX_BODY, CACHE_BYTES >> 20
(1048576, 64)
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEFAULT_SITE", "PLACEHOLDER_URL", "DEFAULT_CONTACT", "MAX_BODY", "CACHE_BYTES"]

#: Where ``kg site`` writes the static site.
DEFAULT_SITE = Path("out/site")
#: Where the pages are hosted, until ``--base-url`` says.
PLACEHOLDER_URL = "https://eucan-kg.example.org"
#: Who answers for the identifiers, until ``kg site --contact`` says.
DEFAULT_CONTACT = "the eucan-kg maintainers (set with kg site --contact)"
#: Bytes a request body may carry (a query, a form) (``kg serve --max-body``).
MAX_BODY = 1 << 20
#: Bytes of answers the site keeps to send again (``kg serve --cache-size``).
CACHE_BYTES = 64 << 20
