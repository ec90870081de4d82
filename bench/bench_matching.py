"""Benchmark for issue 7: matching one client against N open vacancies and one vacancy against N
clients, on the database in DATABASE_URL (SQLite or PostgreSQL). A plain script, not a test:
nothing here asserts timings. See bench/README.md.

    DATABASE_URL=sqlite:////tmp/bench-matching.sqlite3 .venv/bin/python bench/bench_matching.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tilts_bench_matching \
        .venv/bin/python bench/bench_matching.py --n 100000 --runs 100

The database is migrated, then filled (bulk inserts, deterministic by --seed) until it holds N
synthetic vacancies and N synthetic clients with employment profiles, all clients in open cases
of one synthetic organisation whose supervisor runs the vacancy → clients matching. Results are
printed and appended to bench/MATCHING.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilts.settings.development")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Membership, Municipality, Organisation, Role, User  # noqa: E402
from cases.models import Case, TeamMember, TeamRole  # noqa: E402
from core.text import fold  # noqa: E402
from employment import matching  # noqa: E402
from employment.models import (  # noqa: E402
    EDUCATION_RANK,
    EmploymentProfile,
    Occupation,
    ProfileOccupation,
    ProfilePlace,
    Vacancy,
    WorkExperience,
    WorkReadiness,
    licences_to_column,
)
from employment.selectors import plan_visible_cases  # noqa: E402
from people.models import Client, EducationLevel, LivingSituation  # noqa: E402

BATCH = 5000
MARK = "(bench-matching)"
EDUCATION = ["", "", "", "basic", "secondary", "vocational"]
LICENCES = ["", "", "B", "C", "CE", "TR1"]
PEOPLE_EDUCATION = [e for e in EducationLevel.values if e != "unknown"] + ["unknown"]


def _employers(rng: random.Random, municipalities: list[Municipality]) -> list[int]:
    existing = list(
        Organisation.objects.filter(name__endswith=MARK, kind=Organisation.Kind.EMPLOYER)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if existing:
        return existing
    rows = [
        Organisation(
            name=f"Darba devējs {i} {MARK}",
            kind=Organisation.Kind.EMPLOYER,
            municipality=municipalities[i % len(municipalities)],
        )
        for i in range(400)
    ]
    return [o.pk for o in Organisation.objects.bulk_create(rows)]


def _vacancies(
    n: int, rng: random.Random, municipalities: list[Municipality], author: User
) -> None:
    have = Vacancy.objects.filter(employer__name__endswith=MARK).count()
    employers = _employers(rng, municipalities)
    occupations = list(Occupation.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    rows = []
    for _ in range(have, n):
        education = rng.choice(EDUCATION)
        opened = today - timedelta(days=rng.randint(0, 120))
        rows.append(
            Vacancy(
                employer_id=rng.choice(employers), occupation_id=rng.choice(occupations),
                municipality_id=rng.choice(municipalities).pk,
                hours_per_week=rng.choice([40, 40, 40, 30, 20]),
                wage_eur=Decimal(rng.randint(900, 2000)), required_education=education,
                required_education_rank=EDUCATION_RANK[education],
                min_experience_years=rng.choice([0, 0, 1, 2, 3, 5]),
                licence_category=rng.choice(LICENCES),
                accepts_record=rng.choice(["yes", "yes", "ask", "no"]),
                mentor_available=rng.random() < 0.3, subsidised=rng.random() < 0.2,
                opened_on=opened,
                closed_on=opened + timedelta(days=60) if rng.random() < 0.25 else None,
                created_by=author,
            )
        )  # fmt: skip
        if len(rows) >= BATCH:
            Vacancy.objects.bulk_create(rows)
            rows = []
    Vacancy.objects.bulk_create(rows)


def _organisation() -> tuple[Organisation, User, User]:
    """The synthetic social service holding every bench case, its worker and supervisor."""
    municipality = Municipality.objects.get(code="saldus-novads")
    organisation, _ = Organisation.objects.get_or_create(
        name=f"Sociālais dienests {MARK}",
        defaults={"municipality": municipality, "kind": Organisation.Kind.MUNICIPAL_SOCIAL_SERVICE},
    )
    password = make_password("Tilts-bench-2026")
    people = []
    for login, role in (("worker", Role.SOCIAL_WORKER), ("supervisor", Role.SUPERVISOR)):
        user, _ = User.objects.get_or_create(
            email=f"{login}@bench-matching.tilts.example",
            defaults={"first_name": login, "last_name": "Bench", "password": password},
        )
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        people.append(user)
    return organisation, people[0], people[1]


def _colleague(organisation: Organisation, n: int) -> User:
    """A social worker on the team of one case in a thousand (at least ten): a viewer who sees
    few of a vacancy's candidates, so matching cannot stop at the first visible ones."""
    user, _ = User.objects.get_or_create(
        email="colleague@bench-matching.tilts.example",
        defaults={"first_name": "colleague", "last_name": "Bench", "password": "!"},
    )
    Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.SOCIAL_WORKER)
    if not TeamMember.objects.filter(user=user).exists():
        cases = Case.objects.filter(organisation=organisation).order_by("pk")
        wanted = max(n // 1000, 10)
        picked = cases.values_list("pk", flat=True)[:: max(n // wanted, 1)]
        TeamMember.objects.bulk_create(
            TeamMember(case_id=pk, user=user, role=TeamRole.values[0]) for pk in picked
        )
    return user


def _clients(n: int, rng: random.Random, municipalities: list[Municipality]) -> None:
    organisation, worker, _supervisor = _organisation()
    have = Case.objects.filter(organisation=organisation).count()
    codes = dict(Occupation.objects.values_list("pk", "code"))
    occupations = list(codes)
    today = timezone.localdate()
    done = have
    while done < n:
        size = min(BATCH, n - done)
        people = Client.objects.bulk_create(
            [
                Client(
                    first_name="Klients",
                    last_name=f"Nr. {done + i}",
                    search_name=fold(f"Klients Nr. {done + i}"),
                    municipality_id=rng.choice(municipalities).pk,
                    living_situation=rng.choice(LivingSituation.values),
                    education_level=rng.choice(PEOPLE_EDUCATION),
                    created_by=worker,
                )
                for i in range(size)
            ]
        )
        Case.objects.bulk_create(
            Case(
                number=f"BM-{done + i:07d}",
                client=person,
                organisation=organisation,
                lead_worker=worker,
                opened_on=today,
                status="active",
            )
            for i, person in enumerate(people)
        )
        profiles = EmploymentProfile.objects.bulk_create(
            EmploymentProfile(
                client=person,
                readiness=rng.choice(
                    [WorkReadiness.READY_NOW] * 3 + [WorkReadiness.LATER, WorkReadiness.NOT_NOW]
                ),
                licence_categories=licences_to_column(
                    rng.sample(["B", "C", "CE", "TR1"], rng.randint(0, 2))
                ),
            )
            for person in people
        )
        through = EmploymentProfile.professions.through
        professions, experience, index = [], [], []
        for person, p in zip(people, profiles, strict=True):
            years: dict[int, int] = {}
            if rng.random() < 0.8:
                occupation = rng.choice(occupations)
                professions.append(through(employmentprofile_id=p.pk, occupation_id=occupation))
                years[occupation] = 0
            if rng.random() < 0.6:
                occupation, worked = rng.choice(occupations), rng.randint(1, 15)
                experience.append(
                    WorkExperience(
                        profile_id=p.pk, occupation_id=occupation, years=worked,
                        last_worked_year=today.year - rng.randint(0, 10),
                    )
                )  # fmt: skip
                years[occupation] = max(years.get(occupation, 0), worked)
            index += [
                ProfileOccupation(
                    profile_id=p.pk, occupation_id=pk, unit_group=codes[pk][:4],
                    minor_group=codes[pk][:3], years=n,
                    client_id=person.pk,
                    municipality_id=person.municipality_id,
                    readiness=p.readiness, licence_categories=p.licence_categories,
                    education_rank=EDUCATION_RANK.get(person.education_level, -1),
                )
                for pk, n in years.items()
            ]  # fmt: skip
        ProfilePlace.objects.bulk_create(
            ProfilePlace(
                profile_id=p.pk, client_id=person.pk, municipality_id=person.municipality_id,
                readiness=p.readiness, licence_categories=p.licence_categories,
                education_rank=EDUCATION_RANK.get(person.education_level, -1),
            )
            for person, p in zip(people, profiles, strict=True)
        )  # fmt: skip
        through.objects.bulk_create(professions)
        WorkExperience.objects.bulk_create(experience)
        ProfileOccupation.objects.bulk_create(index)
        done += size


def _load(averages: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in averages)


def measure(call: Callable[[], Any], runs: int) -> dict[str, float]:
    for _ in range(3):
        call()
    times, counts = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        counts.append(len(queries))
    quantiles = statistics.quantiles(times, n=100)
    return {"p50": quantiles[49], "p95": quantiles[94], "queries": max(counts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="vacancies and clients")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--print", action="store_true", help="only print, leave MATCHING.md")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)  # noqa: S311 — synthetic data, not security
    municipalities = list(Municipality.objects.current().order_by("code"))
    started = time.perf_counter()
    with transaction.atomic():
        author = _organisation()[1]
        _vacancies(args.n, rng, municipalities, author)
        _clients(args.n, rng, municipalities)
    with connection.cursor() as cursor:
        # Statistics for the planner, and on PostgreSQL the visibility map for index-only
        # scans (what autovacuum keeps up to date on a live database).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    prepared = time.perf_counter() - started
    _organisation_, _worker, supervisor = _organisation()
    with transaction.atomic():
        colleague = _colleague(_organisation_, args.n)
    today = timezone.localdate()
    profiles = list(
        EmploymentProfile.objects.filter(client__cases__organisation=_organisation_)
        .select_related("client")
        .order_by("pk")[:500]
    )
    vacancies = list(
        Vacancy.objects.open_on(today).filter(employer__name__endswith=MARK)
        .select_related("occupation")
        .order_by("pk")[:500]
    )  # fmt: skip
    picks = random.Random(args.seed + 1)  # noqa: S311

    def client_to_vacancies() -> object:
        profile = picks.choice(profiles)
        return matching.vacancies_for_client(profile.client, profile, today=today)

    def vacancy_to_clients(viewer: User) -> Callable[[], object]:
        return lambda: matching.clients_for_vacancy(
            picks.choice(vacancies), plan_visible_cases(viewer)
        )

    load_before = os.getloadavg()
    seen_by_colleague = TeamMember.objects.filter(user=colleague).count()
    results = {
        f"1 client → {args.n:,} vacancies": measure(client_to_vacancies, args.runs),
        f"1 vacancy → {args.n:,} clients (supervisor: sees all)": measure(
            vacancy_to_clients(supervisor), args.runs
        ),
        f"1 vacancy → {args.n:,} clients (colleague: sees {seen_by_colleague})": measure(
            vacancy_to_clients(colleague), args.runs
        ),
    }
    load_after = os.getloadavg()
    vendor = connection.vendor
    lines = [
        f"\n## {vendor}, {args.n:,} vacancies and clients — "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; data ready in {prepared:.0f} s; {args.runs} runs each;"
        f" load average before {_load(load_before)}, after {_load(load_after)}.\n",
        f"Command: `DATABASE_URL=<{vendor}> .venv/bin/python bench/bench_matching.py --n {args.n}"
        f" --runs {args.runs}`\n",
        "| matching | p50 ms | p95 ms | queries |",
        "|---|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['queries']:.0f} |")
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.print:
        return
    results_file = ROOT / "bench" / "MATCHING.md"
    if not results_file.exists():
        results_file.write_text(
            "# Matching benchmark results (issue 7)\n\nRegenerate: see bench/README.md.\n"
        )
    with results_file.open("a") as out:
        out.write(report)


if __name__ == "__main__":
    main()
