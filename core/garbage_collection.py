"""Garbage collector settings for serving requests (issue 10).

Django's prefetches leave each request's model instances in reference cycles (a related
manager's queryset knows the instance it belongs to), about 9,000 objects per directory search,
so the cyclic collector rather than reference counting frees them. With Python's default
thresholds it ran a full collection every few requests, and each one stopped the page for 250–
300 ms (directory search at 1,000,000 clients: p95 286 ms with a p50 of 70). The objects loaded
at start-up (modules, URL patterns, templates) are frozen out of every collection, and young
collections run once per 50,000 allocations instead of 700, so a request's cycles are still
freed young: p95 286 → 83 ms (directory search), 59 → 51 (case page), 148 → 123 (caseload),
for about 30 MB more memory per worker (bench/RESULTS.md).
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 20)


def tune_for_requests() -> None:
    """Call once the application is loaded (tilts/wsgi.py, the benchmarks)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
