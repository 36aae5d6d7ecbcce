"""A bounded load test of the site on loopback: N concurrent clients, M requests each.

Each client is a thread with one keep-alive HTTP connection that cycles through a mix
of resource pages, searches and one named query (starting at a different place of the
mix per client). Reported: requests, errors (anything but HTTP 200, or no answer),
throughput and the latency percentiles, per kind of request and overall.

Examples
--------
>>> percentile([1.0, 2.0, 3.0, 4.0], 50)
2.5
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
import urllib.parse
from typing import Any

from kg.core.errors import KGError

__all__ = ["load_test", "DEFAULT_MIX", "percentile"]

#: (kind, path) requests the clients cycle through.
DEFAULT_MIX: tuple[tuple[str, str], ...] = (
    ("resource page", "/id/partnership/suave/"),
    ("resource page", "/id/cluster/scale-ai/"),
    ("resource page", "/id/agreement/ceta/"),
    ("resource page", "/id/body/ised/"),
    ("search", "/search?q=ISED"),
    ("search", "/search?q=quebec"),
    ("named query", "/queries/gic-budgets?run=1"),
    ("resource as Turtle", "/id/cluster/protein-industries-canada.ttl"),
)


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (linear interpolation between closest ranks)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def load_test(base_url: str, *, clients: int = 16, requests: int = 2000,
              mix: tuple[tuple[str, str], ...] = DEFAULT_MIX,
              timeout: float = 30.0) -> dict[str, Any]:
    """Run the load test against ``base_url`` (``http://127.0.0.1:PORT``).

    :raises KGError: if ``base_url`` names no host.
    """
    address = urllib.parse.urlparse(base_url)
    host = address.hostname
    if not host:
        raise KGError(f"{base_url}: not an http URL with a host")
    results: list[list[tuple[str, float, bool]]] = [[] for _ in range(clients)]
    start_gate = threading.Barrier(clients + 1)

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(host, address.port, timeout=timeout)
        start_gate.wait()
        for i in range(requests):
            kind, path = mix[(number + i) % len(mix)]
            began = time.perf_counter()
            ok = False
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, address.port,
                                                        timeout=timeout)
            results[number].append((kind, time.perf_counter() - began, ok))
        connection.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    flat = [r for per_client in results for r in per_client]
    kinds: dict[str, list[tuple[float, bool]]] = {}
    for kind, seconds, ok in flat:
        kinds.setdefault(kind, []).append((seconds, ok))

    def summary(rows: list[tuple[float, bool]]) -> dict[str, Any]:
        latencies = [s for s, _ in rows]
        return {"requests": len(rows), "errors": sum(1 for _, ok in rows if not ok),
                "p50_ms": percentile(latencies, 50) * 1000,
                "p99_ms": percentile(latencies, 99) * 1000,
                "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0.0}

    return {"clients": clients, "requests_per_client": requests, "seconds": wall,
            "throughput": len(flat) / wall if wall else 0.0,
            "all": summary([(s, ok) for _, s, ok in flat]),
            "kinds": {k: summary(v) for k, v in sorted(kinds.items())}}
