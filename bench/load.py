"""Loopback load test (issue 10): gunicorn with production settings (tilts.settings.bench) on
127.0.0.1 against the database in DATABASE_URL (a filled bench database), one signed-in
benchmark worker, the case page requested by a few client threads for a bounded time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tilts_bench_1m \
        .venv/bin/python bench/load.py --seconds 30

The session is written the way a completed sign-in with a second factor leaves it (user,
backend, session hash and the second-factor flag of accounts.middleware); MFA stays required.
Reports requests/s, latency percentiles and errors; appended to bench/RESULTS.md unless
--print. The client threads share the machine's cores with the server: a lower bound.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import secrets
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765


def _session(secret_key: str) -> tuple[str, int]:
    """(session key, case id) for the first synthetic worker and one case they lead."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "tilts.settings.bench"
    os.environ["SECRET_KEY"] = secret_key
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.middleware import SESSION_KEY as SECOND_FACTOR
    from accounts.models import User
    from cases.models import Case

    worker = User.objects.filter(email__startswith="worker").order_by("pk").first()
    assert worker is not None, "fill the database first (bench/run.py)"  # noqa: S101
    case = Case.objects.filter(lead_worker=worker).order_by("pk").first()
    assert case is not None  # noqa: S101
    store = SessionStore()
    store[SESSION_KEY] = str(worker.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = worker.get_session_auth_hash()
    store[SECOND_FACTOR] = True
    store.set_expiry(3600)
    store.save()
    assert store.session_key is not None  # noqa: S101
    return store.session_key, case.pk


def _wait_for_server(deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/account/login/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    parser.add_argument("--print", action="store_true", help="print only, do not append")
    args = parser.parse_args()
    secret_key = secrets.token_urlsafe(50)
    session, case_id = _session(secret_key)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tilts.settings.bench",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "tilts.wsgi:application",
         "--bind", f"127.0.0.1:{PORT}", "--workers", str(args.workers),
         "--log-level", "warning", "--chdir", str(ROOT)],
        env=env,
    )  # fmt: skip
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    headers = {"Cookie": f"sessionid={session}", "X-Forwarded-Proto": "https"}
    path = f"/cases/{case_id}/"
    try:
        _wait_for_server(time.monotonic() + 60)
        stop = time.monotonic() + args.seconds

        def hammer() -> None:
            while time.monotonic() < stop:
                start = time.perf_counter()
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    conn.close()
                    outcome = "" if response.status == 200 else f"HTTP {response.status}"
                except OSError as error:
                    outcome = type(error).__name__
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    if outcome:
                        errors[outcome] = errors.get(outcome, 0) + 1
                    else:
                        latencies.append(elapsed)

        started = time.monotonic()
        threads = [threading.Thread(target=hammer) for _ in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    database = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1]
    report = "\n".join([
        f"\n## Load test, case page — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; database {database}; gunicorn "
        f"{args.workers} sync workers, tilts.settings.bench (production settings); "
        f"{args.threads} client threads on the same machine, new connection per request; "
        f"load average before: {load_before}, after: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ".\n",
        f"Command: `DATABASE_URL=<postgresql> .venv/bin/python bench/load.py --seconds "
        f"{args.seconds}`\n",
        "| requests | seconds | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---:|---:|---:|---:|---:|---:|---|",
        f"| {len(latencies)} | {duration:.1f} | {len(latencies) / duration:.0f} | "
        f"{quantiles[49]:.1f} | {quantiles[94]:.1f} | {quantiles[98]:.1f} | "
        f"{sum(errors.values())} {errors or ''} |",
    ]) + "\n"  # fmt: skip
    sys.stdout.write(report)
    if not args.print:
        with (ROOT / "bench" / "RESULTS.md").open("a") as out:
            out.write(report)


if __name__ == "__main__":
    main()
