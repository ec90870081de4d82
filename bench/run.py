"""Benchmarks for issue 10: caseload, case page and search at a given data size, on the
database in DATABASE_URL (SQLite or PostgreSQL), with the bare SQL time beside each page.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/run.py --clients 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tilts_bench .venv/bin/python bench/run.py

The database is migrated and filled with `generate_data` when it holds fewer clients than
asked. Results are appended to bench/RESULTS.md (machine, date, command, numbers).
Not a test: nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilts.settings.development")
os.environ["TILTS_REQUIRE_MFA"] = "0"  # the benchmark signs in with force_login
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from cases.models import Case  # noqa: E402
from people.models import Client as Person  # noqa: E402


def measure(request: Callable[[], object], runs: int) -> dict[str, float]:
    """p50/p95 of the whole request and of the SQL inside it, in milliseconds."""
    for _ in range(5):
        request()
    pages, sqls, counts = [], [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = request()
            pages.append((time.perf_counter() - start) * 1000)
        assert getattr(response, "status_code", 0) == 200, response  # noqa: S101 — real pages only
        sqls.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        counts.append(len(queries))

    def p(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1]

    return {
        "p50": p(pages, 50), "p95": p(pages, 95), "sql_p50": p(sqls, 50),
        "sql_p95": p(sqls, 95), "queries": max(counts),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    have = Person.objects.count()
    if have < args.clients:
        started = time.perf_counter()
        call_command("generate_data", clients=args.clients - have, seed=2026 + have)
        generated = f"generated in {time.perf_counter() - started:.0f} s"
    else:
        generated = "already present"
    worker = User.objects.filter(email__startswith="worker").order_by("pk").first()
    assert worker is not None  # noqa: S101
    case = Case.objects.filter(lead_worker=worker).order_by("pk").first()
    assert case is not None  # noqa: S101
    client = Client()
    client.force_login(worker)
    pages = {
        "caseload": lambda: client.get("/cases/"),
        "case page": lambda: client.get(f"/cases/{case.pk}/"),
        "search (name)": lambda: client.post("/cases/search/", {"q": "janis berzins"}),
        "search (case number)": lambda: client.post("/cases/search/", {"q": case.number}),
    }
    vendor = connection.vendor
    lines = [
        f"\n## {vendor}, {args.clients:,} clients — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; data {generated}; {args.runs} runs per page.\n",
        f"Command: `DATABASE_URL=<{vendor}> .venv/bin/python bench/run.py --clients "
        f"{args.clients} --runs {args.runs}`\n",
        "| page | p50 ms | p95 ms | SQL p50 ms | SQL p95 ms | page/SQL (p95) | queries |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, request in pages.items():
        r = measure(request, args.runs)
        ratio = r["p95"] / r["sql_p95"] if r["sql_p95"] else float("nan")
        lines.append(
            f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['sql_p50']:.1f} | "
            f"{r['sql_p95']:.1f} | {ratio:.1f}× | {r['queries']:.0f} |"
        )
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    results = ROOT / "bench" / "RESULTS.md"
    if not results.exists():
        results.write_text("# Benchmark results (issue 10)\n\nRegenerate: see bench/run.py.\n")
    with results.open("a") as out:
        out.write(report)
    subprocess.run(["git", "-C", str(ROOT), "status", "--short", "bench"], check=False)  # noqa: S603, S607


if __name__ == "__main__":
    main()
