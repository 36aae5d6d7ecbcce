"""What one visitor's query may use on the site (:mod:`kg.store.sandbox` enforces it), in
a module of its own so that ``kg serve --help`` shows the defaults without the sandbox.

>>> Limits().describe()
'5 s, 1024 MiB of memory, 100,000 rows, 64 MiB of answer'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits"]


@dataclass(frozen=True)
class Limits:
    """What one visitor's query may use (the ``kg serve`` options of the same names)."""

    #: Seconds from the request to the last byte of the answer (``--query-timeout``).
    timeout: float = 5.0
    #: Bytes of memory a query may add to the graph's (``--query-memory``).
    memory: int = 1 << 30
    #: Rows of a SELECT, triples of a CONSTRUCT or DESCRIBE (``--max-rows``).
    rows: int = 100_000
    #: Bytes of an answer (``--max-answer-bytes``).
    bytes: int = 64 << 20
    #: Queries running at once; more wait for a slot (``--concurrent-queries``).
    concurrent: int = 2
    #: Whether children may reach the network (only with ``--allow-service``).
    network: bool = False

    def describe(self) -> str:
        """The limits in words, for error messages and the endpoint's page."""
        return (f"{self.timeout:g} s, {self.memory >> 20} MiB of memory, "
                f"{self.rows:,} rows, {self.bytes >> 20} MiB of answer")
