"""Synthetic data at national scale for benchmarks (issue 10): organisations in every current
municipality, case workers, clients, cases, notes and meetings, deterministic by --seed.

Bulk inserts only (no per-row save(), no history rows): ≈ 40 open cases per worker. Refuses to
run where demo data is not allowed (production settings).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Municipality, Organisation, Role, User
from cases.models import Appointment, Case, CaseNote
from core.text import fold
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
BATCH = 5000


class Command(BaseCommand):
    help = "Generate synthetic clients, cases, notes and meetings (bulk, deterministic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, required=True)
        parser.add_argument("--notes-per-client", type=int, default=20)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, clients: int, notes_per_client: int, seed: int, **o: Any) -> None:
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("Synthetic data may only be generated with development settings.")
        rng = random.Random(seed)  # noqa: S311 — synthetic data, not security
        today = timezone.localdate()
        with transaction.atomic():
            workers = self._staff(clients, seed)
            people = self._clients(clients, rng, today)
            cases = self._cases(people, workers, rng, today, seed)
            self._notes(cases, notes_per_client, rng, today)
            self._meetings(cases, rng, today)
        self.stdout.write(
            f"Generated {clients} clients, {len(cases)} cases, {clients * notes_per_client} notes,"
            f" {len(workers)} case workers (seed {seed})."
        )

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

    def _clients(self, count: int, rng: random.Random, today: date) -> list[Client]:
        municipalities = list(Municipality.objects.current().values_list("pk", flat=True))
        creator = User.objects.order_by("pk").first()
        rows = []
        for _i in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            rows.append(
                Client(
                    first_name=first,
                    last_name=last,
                    search_name=fold(f"{first} {last} | {last} {first}"),
                    municipality_id=rng.choice(municipalities),
                    living_situation=rng.choice(LivingSituation.values),
                    release_date=today - timedelta(days=rng.randint(0, 900)),
                    created_by=creator,
                )
            )
        return Client.objects.bulk_create(rows, batch_size=BATCH)

    def _cases(
        self,
        people: list[Client],
        workers: list[tuple[int, int]],
        rng: random.Random,
        today: date,
        seed: int,
    ) -> list[Case]:
        rows = []
        for i, client in enumerate(people):
            worker, organisation = workers[i % len(workers)]
            closed = rng.random() < 0.2
            opened = client.release_date or today
            rows.append(
                Case(
                    number=f"S{seed % 100:02d}-{organisation:03d}-{i:07d}",
                    client=client,
                    organisation_id=organisation,
                    lead_worker_id=worker,
                    opened_on=opened,
                    status="closed" if closed else rng.choice(["active"] * 6 + ["paused"]),
                    closure_reason="goals_achieved" if closed else "",
                    closed_on=opened + timedelta(days=200) if closed else None,
                )
            )
        return Case.objects.bulk_create(rows, batch_size=BATCH)

    def _notes(self, cases: list[Case], per_case: int, rng: random.Random, today: date) -> None:
        batch: list[CaseNote] = []
        for case in cases:
            for n in range(per_case):
                batch.append(
                    CaseNote(
                        case_id=case.pk,
                        author_id=case.lead_worker_id,
                        contact_type="office",
                        occurred_on=min(today, case.opened_on + timedelta(days=7 * n)),
                        methods=["interview"],
                        text=rng.choice(TEXTS),
                    )
                )
            if len(batch) >= BATCH:
                CaseNote.objects.bulk_create(batch)
                batch = []
        CaseNote.objects.bulk_create(batch)

    def _meetings(self, cases: list[Case], rng: random.Random, today: date) -> None:
        batch: list[Appointment] = []
        for case in cases:
            for offset, status in ((-14, "held"), (-7, "held"), (rng.randint(1, 20), "planned")):
                day = today + timedelta(days=offset)
                batch.append(
                    Appointment(
                        case_id=case.pk,
                        worker_id=case.lead_worker_id,
                        place="Birojs",
                        starts_at=datetime.combine(day, time(10), tzinfo=RIGA),
                        status=status,
                    )
                )
            if len(batch) >= BATCH:
                Appointment.objects.bulk_create(batch)
                batch = []
        Appointment.objects.bulk_create(batch)
