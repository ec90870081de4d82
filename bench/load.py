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
import contextlib
import http.client
import os
import platform
import re
import secrets
import shutil
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

    from accounts.middleware import record_second_factor
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
    store.set_expiry(3600)
    record_second_factor(store, worker)  # as after the code on the sign-in's second step
    assert store.session_key is not None  # noqa: S101
    return store.session_key, case.pk


def _commit() -> str:
    return subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True, text=True, check=False,
    ).stdout.strip() or "unknown"  # fmt: skip


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


# wrk's Lua hooks: a response other than 200 (a redirect to the sign-in page, say) is an error,
# counted per thread and summed at the end with the latency percentiles.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do errors = errors + thread:get("bad") end
  io.write(string.format("TILTS %d %d %f %f %f %f %d\\n", summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def _with_wrk(
    url: str, headers: dict[str, str], seconds: int, connections: int
) -> dict[str, float]:
    """Requests from wrk (C, keep-alive, 2 threads): the client costs the server's cores little."""
    script = Path(os.environ.get("TMPDIR", "/tmp")) / f"tilts-wrk-{os.getpid()}.lua"  # noqa: S108
    script.write_text(WRK_SCRIPT)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    try:
        output = subprocess.run(  # noqa: S603
            [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
        ).stdout
    finally:
        script.unlink(missing_ok=True)
    found = re.search(r"^TILTS (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)$", output, re.M)
    if found is None:
        raise SystemExit(f"wrk gave no summary:\n{output}")
    requests, micros, p50, p95, p99, bad, socket_errors = (float(x) for x in found.groups())
    return {
        "requests": requests - bad, "seconds": micros / 1e6, "p50": p50, "p95": p95,
        "p99": p99, "errors": bad + socket_errors, "not_200": bad, "socket_errors": socket_errors,
    }  # fmt: skip


def _with_threads(
    port: int, path: str, headers: dict[str, str], seconds: int, threads: int
) -> dict[str, float]:
    """Requests from Python threads, a new connection each: when wrk is not installed."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def hammer() -> None:
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
    workers = [threading.Thread(target=hammer) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies), "seconds": time.monotonic() - started, "p50": quantiles[49],
        "p95": quantiles[94], "p99": quantiles[98], "errors": sum(errors.values()),
    }  # fmt: skip


def _check_signed_in(port: int, path: str, headers: dict[str, str]) -> None:
    """One request first: the page itself, not the sign-in page it would redirect to."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"the case page answered HTTP {response.status}, not 200")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients")
    parser.add_argument("--python-client", action="store_true", help="threads, not wrk")
    parser.add_argument("--print", action="store_true", help="print only, do not append")
    parser.add_argument(
        "--nginx",
        action="store_true",
        help="through nginx with deploy/nginx (the production layout; issue 28)",
    )
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
         "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{PORT}", "--workers", str(args.workers), "--no-control-socket",
         "--log-level", "warning", "--chdir", str(ROOT)],
        env=env,
    )  # fmt: skip
    headers = {"Cookie": f"sessionid={session}", "X-Forwarded-Proto": "https"}
    path = f"/cases/{case_id}/"
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    try:
        _wait_for_server(time.monotonic() + 60)
        with contextlib.ExitStack() as stack:
            port = PORT
            if args.nginx:
                from tests.security import loopback

                port = stack.enter_context(loopback.nginx(upstream=PORT))
            _check_signed_in(port, path, headers)
            load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
            if use_wrk:
                client = f"wrk, 2 threads, {args.connections} keep-alive connections"
                result = _with_wrk(
                    f"http://127.0.0.1:{port}{path}", headers, args.seconds, args.connections
                )
            else:
                client = f"{args.connections} Python client threads, new connection per request"
                result = _with_threads(port, path, headers, args.seconds, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=30)
    database = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1]
    report = "\n".join([
        f"\n#### Load test, case page — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit "
        f"{_commit()}\n",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; database {database}; gunicorn "
        f"{args.workers} sync workers (deploy/gunicorn.conf.py), tilts.settings.bench "
        f"(production settings)"
        + (", behind nginx with deploy/nginx (plain HTTP on 127.0.0.1)" if args.nginx else "")
        + f"; {client} on the same machine; load average before: {load_before}, after: "
        + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ".\n",
        f"Command: `DATABASE_URL=<postgresql> .venv/bin/python bench/load.py --seconds "
        f"{args.seconds} --workers {args.workers} --connections {args.connections}"
        f"{' --python-client' if not use_wrk else ''}{' --nginx' if args.nginx else ''}`\n",
        "| requests | seconds | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {result['requests']:.0f} | {result['seconds']:.1f} | "
        f"{result['requests'] / result['seconds']:.0f} | {result['p50']:.1f} | "
        f"{result['p95']:.1f} | {result['p99']:.1f} | {result['errors']:.0f}"
        + (
            f" ({result.get('not_200', 0):.0f} not 200, {result.get('socket_errors', 0):.0f}"
            " socket errors or timeouts over 10 s)"
            if result.get("errors")
            else ""
        )
        + " |",
    ]) + "\n"  # fmt: skip
    sys.stdout.write(report)
    if not args.print:
        with (ROOT / "bench" / "RESULTS.md").open("a") as out:
            out.write(report)


if __name__ == "__main__":
    main()
