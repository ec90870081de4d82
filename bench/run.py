"""Benchmarks for issue 10: caseload, case page, search and the directory search at a given
data size, on the database in DATABASE_URL (SQLite or PostgreSQL), with the bare SQL time beside
each page and, on PostgreSQL, EXPLAIN (ANALYZE, BUFFERS) of each page's slowest query.

One size, appended to bench/RESULTS.md:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tilts_bench_100k \
        .venv/bin/python bench/run.py --clients 100000

Everything, RESULTS.md rewritten (PostgreSQL databases tilts_bench_10k/_100k/_1m, created and
filled when missing; SQLite at 10,000 and 100,000; then the load test, bench/load.py):

    .venv/bin/python bench/run.py --all

The database is migrated and filled with `generate_data` when it holds fewer clients than
asked. Not a test: nothing here asserts timings.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
PG = "postgres://postgres@127.0.0.1:5432/"
SIZES = {10_000: "tilts_bench_10k", 100_000: "tilts_bench_100k", 1_000_000: "tilts_bench_1m"}
PLAN_LINES = 40


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilts.settings.development")
    os.environ["TILTS_REQUIRE_MFA"] = "0"  # the benchmark signs in with force_login
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from core.garbage_collection import tune_for_requests

    tune_for_requests()  # as tilts/wsgi.py does for the served application


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class _SqlTimer:
    """Each statement's time inside the cursor, in milliseconds, to the microsecond: Django's
    CaptureQueriesContext keeps only whole milliseconds, which summed many sub-millisecond reads
    to 0 (a case page's 16 queries read as "0.0 ms" on SQLite)."""

    def __init__(self) -> None:
        self.statements: list[tuple[float, str, Any]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append(((time.perf_counter() - start) * 1000, sql, params))


def measure(
    request: Callable[[], object], runs: int, before: Callable[[], object] = lambda: None
) -> dict[str, Any]:
    """p50/p95 of the whole request and of the SQL inside it, in milliseconds, and the
    slowest read of the last run (for EXPLAIN). `before` runs untimed before each request."""
    from django.db import connection

    for _ in range(5):
        before()
        request()
    pages, sqls, counts = [], [], []
    slowest: tuple[str, Any] = ("", None)
    for _ in range(runs):
        before()
        timer = _SqlTimer()
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            response = request()
            pages.append((time.perf_counter() - start) * 1000)
        assert getattr(response, "status_code", 0) == 200, response  # noqa: S101 — real pages only
        sqls.append(sum(ms for ms, _sql, _params in timer.statements))
        counts.append(len(timer.statements))
        reads = [s for s in timer.statements if s[1].lstrip().upper().startswith("SELECT")]
        if reads:  # EXPLAIN ANALYZE runs the statement: reads only
            _ms, sql, params = max(reads, key=lambda statement: statement[0])
            slowest = (sql, params)

    def p(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1]

    return {
        "p50": p(pages, 50), "p95": p(pages, 95), "sql_p50": p(sqls, 50),
        "sql_p95": p(sqls, 95), "queries": max(counts), "min_queries": min(counts),
        "slowest": slowest,
    }  # fmt: skip


def explain(statement: tuple[str, Any]) -> str:
    from django.db import connection, transaction

    sql, params = statement
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        # A long IN list of ids would fill pages of the report: each line is cut at 300 characters.
        lines = [row[0] if len(row[0]) <= 300 else f"{row[0][:300]} …" for row in cursor.fetchall()]
        transaction.set_rollback(True)
    if len(lines) > PLAN_LINES:
        lines = [*lines[:PLAN_LINES], f"… {len(lines) - PLAN_LINES} more lines"]
    return "\n".join(lines)


def one_size(clients: int, runs: int, skip: frozenset[str] = frozenset()) -> str:
    """Fill the database if needed, time the pages, return the markdown section."""
    _django()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.middleware import record_second_factor
    from accounts.models import User
    from cases.models import Case
    from directory import demo as directory_demo
    from directory.models import Service
    from people.models import Client as Person

    call_command("migrate", verbosity=0)
    have = Person.objects.count()
    if have < clients:
        started = time.perf_counter()
        call_command("generate_data", clients=clients - have, seed=2026 + have, stdout=sys.stderr)
        generated = f"generated in {time.perf_counter() - started:.0f} s"
    else:
        generated = f"already present ({have:,} clients)"
    if not Service.objects.exists():
        directory_demo.seed()  # the Kurzeme demo directory, for the directory search
    worker = User.objects.filter(email__startswith="worker").order_by("pk").first()
    assert worker is not None  # noqa: S101
    case = Case.objects.filter(lead_worker=worker).order_by("pk").first()
    assert case is not None  # noqa: S101
    client = Client()
    client.force_login(worker)
    record_second_factor(client.session, worker)  # the session gave its code (issue 28)
    pages = {
        "caseload": lambda: client.get("/cases/"),
        # Served from the cache (cases/case_page.py) as on every reading but the first after a
        # change, and rendered as on that first one (the cache emptied before each request).
        "case page (from the cache)": lambda: client.get(f"/cases/{case.pk}/"),
        "case page (rendered)": lambda: client.get(f"/cases/{case.pk}/"),
        "search (name)": lambda: client.post("/cases/search/", {"q": "janis berzins"}),
        "search (case number)": lambda: client.post("/cases/search/", {"q": case.number}),
        "directory search": lambda: client.get(
            "/directory/", {"q": "palīdzība", "municipality": "liepaja", "neighbours": "on"}
        ),
    }
    pages = {name: request for name, request in pages.items() if name.split()[0] not in skip}
    vendor = connection.vendor
    lines = [
        f"\n## {vendor}, {clients:,} clients — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; data {generated}; {runs} runs per page; "
        f"load average before: {load_average()}.\n",
        f"Command: `DATABASE_URL=<{vendor}> .venv/bin/python bench/run.py --clients "
        f"{clients} --runs {runs}" + (f" --skip {','.join(sorted(skip))}" if skip else "") + "`\n",
        "| page | p50 ms | p95 ms | SQL p50 ms | SQL p95 ms | page/SQL (p95) | queries |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    plans = []
    for name, request in pages.items():
        r = measure(request, runs, cache.clear if name == "case page (rendered)" else lambda: None)
        ratio = r["p95"] / r["sql_p95"] if r["sql_p95"] else float("nan")
        queries = f"{r['queries']}" if r["queries"] == r["min_queries"] else (
            f"{r['min_queries']}–{r['queries']}"
        )  # fmt: skip
        lines.append(
            f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['sql_p50']:.1f} | "
            f"{r['sql_p95']:.1f} | {ratio:.1f}× | {queries} |"
        )
        if vendor == "postgresql":
            plans.append(
                f"<details><summary>{name}: EXPLAIN (ANALYZE, BUFFERS) of the slowest read"
                f"</summary>\n\n```\n{explain(r['slowest'])}\n```\n</details>\n"
            )
    lines.append(f"\nLoad average after: {load_average()}.\n")
    return "\n".join(lines + plans) + "\n"


def _createdb(name: str) -> None:
    subprocess.run(  # noqa: S603
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name],  # noqa: S607
        check=False,
        capture_output=True,
    )


def _rows(section: str) -> list[list[str]]:
    """The data rows of a section's markdown tables, as lists of cells."""
    return [
        [cell.strip().strip("*") for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith(("| page ", "| requests "))
    ]


def _against_targets(pages: str, load: str, size: int) -> str:
    """Issue 10's targets next to the largest PostgreSQL size's numbers."""
    lines = [
        f"\n## Against the targets (PostgreSQL, {size:,} clients)\n",
        "Targets: p95 ≤ 50 ms and ≤ 1.5× the bare SQL for the caseload, the case page and "
        "search; the case page ≥ 300 requests/s with 0 errors.\n",
        "| page | p95 ms | page/SQL (p95) | p95 met | ratio met |",
        "|---|---:|---:|---|---|",
    ]
    for name, _p50, p95, _s50, _s95, ratio, _queries in _rows(pages):
        if name == "directory search":
            continue  # no target of its own
        ratio_value = float(ratio.rstrip("×")) if ratio.rstrip("×") != "nan" else float("inf")
        lines.append(
            f"| {name} | {p95} | {ratio} | {'yes' if float(p95) <= 50 else 'no'} | "
            f"{'yes' if ratio_value <= 1.5 else 'no'} |"
        )
    for requests, _seconds, per_second, *_latency, errors in _rows(load):
        met = float(per_second) >= 300 and errors.split()[0] == "0"
        lines.append(
            f"\nLoad test: {per_second} requests/s, {errors} errors ({requests} requests): "
            f"{'met' if met else 'not met'}.\n"
        )
    return "\n".join(lines) + "\n"


def run_all(runs: int, sizes: list[int], sqlite_sizes: list[int], load_seconds: int) -> None:
    """The SQLite sizes, every size on PostgreSQL, then the load test: RESULTS.md rewritten."""
    me = [sys.executable, str(Path(__file__).resolve())]
    commands = [f"`.venv/bin/python bench/run.py --all --runs {runs}`"]
    sections = []
    # SQLite files in /tmp, filled by generate_data's bulk inserts when missing (100,000 clients
    # take about 6 minutes and 1.5 GB of memory; 1,000,000 would need about 15 GB).
    targets: list[tuple[str, list[str]]] = [
        (f"sqlite:////tmp/{SIZES[size]}.sqlite3", [*me, "--clients", str(size)])
        for size in sqlite_sizes
    ]
    for size in sizes:
        _createdb(SIZES[size])
        targets.append((PG + SIZES[size], [*me, "--clients", str(size)]))
    for url, command in targets:
        out = subprocess.run(  # noqa: S603
            [*command, "--runs", str(runs), "--print"],
            env={**os.environ, "DATABASE_URL": url},
            check=True,
            capture_output=True,
            text=True,
        )
        sections.append(out.stdout)
        sys.stdout.write(out.stdout)
    if load_seconds:
        largest = SIZES[max(sizes)]
        out = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "bench" / "load.py"), "--seconds", str(load_seconds),
             "--print"],
            env={**os.environ, "DATABASE_URL": PG + largest},
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        sections.append(out.stdout)
        sys.stdout.write(out.stdout)
    sections.append(
        _against_targets(
            sections[len(sqlite_sizes) + sizes.index(max(sizes))],  # after SQLite, by size
            sections[-1] if load_seconds else "",
            max(sizes),
        )
    )
    head = (
        "# Benchmark results (issue 10)\n\n"
        f"Regenerated by {', '.join(commands)} on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}).\n"
        "PostgreSQL databases: " + ", ".join(SIZES[s] for s in sizes) + " on 127.0.0.1. "
        "The machine is shared: each section gives the load average around it.\n"
    )
    RESULTS.write_text(head + "".join(sections))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--all", action="store_true", help="every size; rewrites RESULTS.md")
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="with --all: PostgreSQL sizes"
    )
    parser.add_argument("--sqlite-sizes", default="10000,100000", help="with --all: SQLite sizes")
    parser.add_argument("--load-seconds", type=int, default=30, help="with --all; 0 skips it")
    parser.add_argument("--print", action="store_true", help="print only, do not append")
    parser.add_argument(
        "--skip",
        default="",
        help="pages to leave out by first word: caseload,case,search,directory",
    )
    args = parser.parse_args()
    if args.all:
        sizes = [int(s) for s in args.sizes.split(",")]
        sqlite_sizes = [int(s) for s in args.sqlite_sizes.split(",") if s]
        run_all(args.runs, sizes, sqlite_sizes, args.load_seconds)
        return
    report = one_size(args.clients, args.runs, frozenset(filter(None, args.skip.split(","))))
    sys.stdout.write(report)
    if not args.print:
        with RESULTS.open("a") as out:
            out.write(report)


if __name__ == "__main__":
    main()
