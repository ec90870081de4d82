"""Slow clients at the production layout (issue 28, finding 13): gunicorn with
deploy/gunicorn.conf.py (2 × cores + 1 sync workers) and nginx in front with the committed
deploy/nginx files, both on 127.0.0.1 (tests/security/loopback.py starts them).

    .venv/bin/python bench/slow_clients.py [--print]

1. gunicorn directly: the issue's probe, 20 connections that never finish their headers;
   sequential sign-in page requests (3 s timeout each) for up to --direct-seconds.
2. Through nginx: 50, 200 and 500 connections that never finish their headers, then 40 and
   100 that announce a body and never send it; 50 sequential sign-in pages each time:
   answered, p50/p95/slowest. A request whose headers are read counts against tilts-proxy.conf's
   limit of 64 per client address (headers still arriving do not): 100 unfinished bodies from
   one address use it up, and that address — the probe too, on the loopback — gets 503.
3. How long nginx keeps a connection that trickles one header byte a second.

Appends a section to bench/RESULTS.md unless --print. nginx must be installed.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.security import loopback  # noqa: E402


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _commit() -> str:
    return subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True, text=True, check=False,
    ).stdout.strip() or "unknown"  # fmt: skip


def _direct(app: int, seconds: int) -> list[str]:
    """The issue's probe against gunicorn itself."""
    lines = []
    with loopback.SlowClients(app, count=20, seconds=seconds + 10):
        time.sleep(1.0)
        started = time.monotonic()
        answered_at: float | None = None
        tries = failures = 0
        while time.monotonic() - started < seconds:
            tries += 1
            result = loopback.probe(app, requests=1, timeout=3)
            if result.answered:
                answered_at = time.monotonic() - started
                break
            failures += 1
    waited = (
        f"the first answer came after {answered_at:.1f} s"
        if answered_at is not None
        else f"none answered within {seconds} s"
    )
    lines.append(
        f"| gunicorn directly | 20 (headers) | {tries} | {tries - failures} | {failures} "
        f"(no answer in 3 s) | – | – | {waited} |"
    )
    return lines


def _through_nginx(proxy: int, count: int, body: int, requests: int) -> str:
    with loopback.SlowClients(proxy, count=count, body=body, seconds=60) as slow:
        time.sleep(1.5)
        started = time.monotonic()
        result = loopback.probe(proxy, requests=requests, timeout=5)
        elapsed = time.monotonic() - started
        held = slow.still_open
    time.sleep(1.0)
    failed = ", ".join(f"{n} × {why}" for why, n in sorted(Counter(result.failed).items()))
    timing = (
        f"{result.percentile(50) * 1000:.1f} / {result.percentile(95) * 1000:.1f} | "
        f"{result.slowest * 1000:.1f}"
        if result.answered
        else "– | –"
    )
    kinds = f"{body} bodies" if body else f"{count} headers"
    return (
        f"| nginx → gunicorn | {count} ({kinds}) | {requests} | {len(result.answered)} | "
        f"{failed or 0} | {timing} | {requests} requests in {elapsed:.1f} s; {held} of "
        f"{count} slow connections still open at the end |"
    )


def _header_timeout(proxy: int) -> str:
    with loopback.SlowClients(proxy, count=5, seconds=30) as slow:
        deadline = time.monotonic() + 25
        while slow.still_open and time.monotonic() < deadline:
            time.sleep(0.2)
        closed = sorted(slow.closed_by_server)
    if len(closed) < 5:
        return f"nginx kept {5 - len(closed)} of 5 trickling connections past 25 s."
    return (
        f"nginx closed 5 connections trickling one header byte a second after "
        f"{closed[0]:.1f}–{closed[-1]:.1f} s (client_header_timeout 10s)."
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--direct-seconds", type=int, default=45)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--counts", default="50,200,500")
    parser.add_argument("--print", action="store_true", help="print only, do not append")
    args = parser.parse_args()
    if loopback.nginx_binary() is None:
        raise SystemExit(loopback.NGINX_MISSING)
    counts = [int(x) for x in args.counts.split(",")]
    workers = 2 * (os.cpu_count() or 1) + 1
    load_before = _load()
    with loopback.gunicorn() as app, loopback.nginx(upstream=app) as proxy:
        rows = [_through_nginx(proxy, n, 0, args.requests) for n in counts]
        rows += [_through_nginx(proxy, n, n, args.requests) for n in (40, 100)]
        timeout_line = _header_timeout(proxy)
        rows += _direct(app, args.direct_seconds)
    report = "\n".join([
        f"\n## Slow clients (issue 28) — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"commit {_commit()}\n",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, shared; gunicorn "
        f"`-c deploy/gunicorn.conf.py` ({workers} sync workers, tilts.settings.bench), nginx "
        f"{_nginx_version()} (1 worker process) with deploy/nginx/tilts.conf's upstream and "
        "limit zone and tilts-proxy.conf as committed, plain HTTP on 127.0.0.1; the slow "
        f"clients and the probe on the same machine. Load average before: {load_before}, "
        f"after: {_load()}.\n",
        "Command: `.venv/bin/python bench/slow_clients.py`. Slow connections send a request's "
        "first bytes, then one byte a second; each probe request is a new connection asking "
        "for the sign-in page (200 with the form counts as answered).\n",
        "| target | slow connections | probe requests | answered | failed | p50 / p95 ms "
        "| slowest ms | notes |",
        "|---|---|---:|---:|---:|---:|---:|---|",
        *rows,
        f"\n{timeout_line}\n",
    ]) + "\n"  # fmt: skip
    sys.stdout.write(report)
    if not args.print:
        with (ROOT / "bench" / "RESULTS.md").open("a") as out:
            out.write(report)


def _nginx_version() -> str:
    binary = loopback.nginx_binary()
    assert binary is not None  # noqa: S101
    out = subprocess.run(  # noqa: S603
        [binary, "-v"], capture_output=True, text=True, check=False
    ).stderr
    return out.strip().rsplit("/", 1)[-1]


if __name__ == "__main__":
    main()
