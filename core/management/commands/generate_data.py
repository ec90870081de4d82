"""Synthetic data at national scale for benchmarks (issue 10): organisations in every current
municipality, case workers, clients, cases, notes and meetings, and the casework in
core.generate.work (assessments, plans, agreements, referrals, employers, vacancies,
employment profiles),
deterministic by --seed.

Bulk inserts only (no per-row save(), no history rows): ≈ 40 open cases per worker. On
PostgreSQL the big tables are loaded with COPY (psycopg 3), elsewhere with bulk_create; the rows
are the same on both, ids included (they are reserved up front). Refuses to run where demo data
is not allowed (production settings).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import Membership, Municipality, Organisation, Role, User
from cases import page_stamps
from cases.models import Appointment, Case, CaseNote
from core.generate import work
from core.generate.rows import BATCH, Rows, reserve_ids
from core.text import fold
from directory import demo as directory_demo
from directory.models import Service
from people.models import Client, LivingSituation

FIRST = ["Jānis", "Andris", "Edgars", "Māris", "Aivars", "Oļegs", "Dmitrijs", "Sergejs",
         "Ilze", "Inga", "Līga", "Gunta", "Artūrs", "Kārlis", "Pēteris", "Vladimirs", "Ivans",
         "Aleksandrs", "Raivis", "Normunds", "Уляна", "Андрей", "Николай", "Ēriks"]  # fmt: skip
LAST = ["Bērziņš", "Kalniņš", "Ozoliņš", "Jansons", "Liepiņš", "Krūmiņš", "Ivanovs",
        "Petrovs", "Kuzņecovs", "Zariņš", "Vītols", "Balodis", "Šteins", "Grīnbergs",
        "Смирнов", "Кузнецов", "Lācis", "Egle", "Priede", "Dūmiņš"]  # fmt: skip
TEXTS = [
    "Tikšanās birojā. Runājām par dzīvesvietu un dokumentiem.",
    "Telefonsaruna: klients apstiprināja nākamo tikšanos.",
    "Mājas vizīte. Klients dzīvo pie radiniekiem, situācija stabila.",
    "Kopā aizpildījām pieteikumu NVA. Nākamais solis: kursi.",
]
RIGA = ZoneInfo("Europe/Riga")


class Command(BaseCommand):
    help = "Generate synthetic clients, cases and their casework (bulk, deterministic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, required=True)
        parser.add_argument("--notes-per-client", type=int, default=20)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, clients: int, notes_per_client: int, seed: int, **o: Any) -> None:
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("Synthetic data may only be generated with development settings.")
        rng = random.Random(seed)  # noqa: S311 — synthetic data, not security
        today = timezone.localdate()
        now = timezone.now()
        if not Service.objects.exists():
            directory_demo.seed()  # referrals need services: the Kurzeme demo directory
        with transaction.atomic():
            if connection.vendor == "postgresql":
                self._fast_load()
            # New rows change no page anyone has seen: the case-page stamps' triggers would
            # only renew stamps once per row (made again below, in the same transaction).
            page_stamps.drop()
            workers = self._staff(clients, seed)
            released = self._clients(clients, rng, today, now)
            cases = self._cases(released, workers, rng, today, seed, now)
            self._notes(cases, notes_per_client, rng, today, now)
            self._meetings(cases, rng, today, now)
            municipalities = list(
                Municipality.objects.current().order_by("pk").values_list("pk", flat=True)
            )
            counts = work.generate(cases, workers, municipalities, clients, seed, rng, today, now)
            page_stamps.install()
        # The whole database, not only the loaded tables: the new case workers' user rows too,
        # else PostgreSQL guessed 3,635 users for 25,000 and hashed accounts_user on every case
        # page at 1,000,000 clients. SQLite without statistics drove the caseload's plan actions
        # from the steps' status index instead of the user's cases: 785 ms at 100,000, 0.9 after.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Generated {clients} clients, {len(cases)} cases, {clients * notes_per_client} notes,"
            f" {len(workers)} case workers (seed {seed}); "
            + ", ".join(f"{count} {name}" for name, count in counts.items())
            + "."
        )

    def _fast_load(self) -> None:
        """For this transaction only: more memory for index builds and, where the role may
        (superuser, as on a benchmark server), no per-row foreign-key triggers — the rows are
        consistent by construction. Without the privilege the checks simply run."""
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            try:
                with transaction.atomic():
                    cursor.execute("SET LOCAL session_replication_role = replica")
            except DatabaseError:
                pass

    def _staff(self, clients: int, seed: int) -> list[tuple[int, int]]:
        """(worker id, organisation id) pairs: one social service per municipality."""
        municipalities = list(Municipality.objects.current().order_by("code"))
        organisations = []
        for m in municipalities:
            org, _created = Organisation.objects.get_or_create(
                name=f"{m} sociālais dienests (sintētisks {seed})",
                defaults={"municipality": m, "kind": Organisation.Kind.MUNICIPAL_SOCIAL_SERVICE},
            )
            organisations.append(org)
        count = max(len(organisations), clients // 40)
        password = make_password("Tilts-bench-2026")
        users = User.objects.bulk_create(
            [
                User(
                    email=f"worker{seed}-{i}@bench.tilts.example",
                    first_name="Darbinieks",
                    last_name=f"Nr. {i}",
                    password=password,
                )
                for i in range(count)
            ],
            batch_size=BATCH,
        )
        pairs = [(u.pk, organisations[i % len(organisations)].pk) for i, u in enumerate(users)]
        Membership.objects.bulk_create(
            [Membership(user_id=u, organisation_id=o, role=Role.SOCIAL_WORKER) for u, o in pairs],
            batch_size=BATCH,
        )
        return pairs

    def _clients(
        self, count: int, rng: random.Random, today: date, now: datetime
    ) -> list[tuple[int, date, str, int]]:
        """(client id, release date, full name, municipality id) of each new client."""
        municipalities = list(
            Municipality.objects.current().order_by("pk").values_list("pk", flat=True)
        )
        creator = User.objects.order_by("pk").values_list("pk", flat=True).first()
        situations = list(LivingSituation.values)
        first_id = reserve_ids(Client, count)
        fields = ("id", "first_name", "last_name", "search_name", "municipality_id",
                  "living_situation", "release_date", "created_by_id")  # fmt: skip
        released = []
        with Rows(Client, fields, now, rebuild_indexes=True) as rows:
            for pk in range(first_id, first_id + count):
                first, last = rng.choice(FIRST), rng.choice(LAST)
                municipality, situation = rng.choice(municipalities), rng.choice(situations)
                release = today - timedelta(days=rng.randint(0, 900))
                search = fold(f"{first} {last} | {last} {first}")
                rows.add((pk, first, last, search, municipality, situation, release, creator))
                released.append((pk, release, f"{first} {last}", municipality))
        return released

    def _cases(
        self,
        released: list[tuple[int, date, str, int]],
        workers: list[tuple[int, int]],
        rng: random.Random,
        today: date,
        seed: int,
        now: datetime,
    ) -> list[work.GeneratedCase]:
        """Each new case with what the casework after it needs to know."""
        first_id = reserve_ids(Case, len(released))
        fields = ("id", "number", "client_id", "organisation_id", "lead_worker_id", "opened_on",
                  "status", "closure_reason", "closed_on")  # fmt: skip
        cases = []
        with Rows(Case, fields, now, rebuild_indexes=True) as rows:
            for i, (client, release, name, municipality) in enumerate(released):
                worker, organisation = workers[i % len(workers)]
                closed = rng.random() < 0.2
                opened = release or today
                status = "closed" if closed else rng.choice(["active"] * 6 + ["paused"])
                pk = first_id + i
                rows.add((
                    pk, f"S{seed % 100:02d}-{organisation:03d}-{i:07d}", client, organisation,
                    worker, opened, status, "goals_achieved" if closed else "",
                    opened + timedelta(days=200) if closed else None,
                ))  # fmt: skip
                cases.append(
                    work.GeneratedCase(pk, client, worker, opened, status, name, municipality)
                )
        return cases

    def _notes(
        self,
        cases: list[work.GeneratedCase],
        per_case: int,
        rng: random.Random,
        today: date,
        now: datetime,
    ) -> None:
        fields = ("case_id", "author_id", "occurred_on", "text")
        constants: dict[str, object] = {"contact_type": "office", "methods": ["interview"]}
        weeks = [timedelta(days=7 * n) for n in range(per_case)]
        with Rows(CaseNote, fields, now, constants, rebuild_indexes=True) as rows:
            for case in cases:
                for week in weeks:
                    rows.add(
                        (case.pk, case.worker, min(today, case.opened + week), rng.choice(TEXTS))
                    )

    def _meetings(
        self, cases: list[work.GeneratedCase], rng: random.Random, today: date, now: datetime
    ) -> None:
        fields = ("case_id", "worker_id", "starts_at", "status")
        with Rows(Appointment, fields, now, {"place": "Birojs"}, rebuild_indexes=True) as rows:
            for case in cases:
                for offset, status in (
                    (-14, "held"),
                    (-7, "held"),
                    (rng.randint(1, 20), "planned"),
                ):
                    day = today + timedelta(days=offset)
                    starts = datetime.combine(day, time(10), tzinfo=RIGA)
                    rows.add((case.pk, case.worker, starts, status))
