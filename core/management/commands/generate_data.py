"""Synthetic data at national scale for benchmarks (issue 10): organisations in every current
municipality, case workers, clients, cases, notes and meetings, deterministic by --seed.

Bulk inserts only (no per-row save(), no history rows): ≈ 40 open cases per worker. On
PostgreSQL the big tables are loaded with COPY (psycopg 3), elsewhere with bulk_create; the rows
are the same on both, ids included (they are reserved up front). Refuses to run where demo data
is not allowed (production settings).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection, transaction
from django.db.models import JSONField, Model
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


class _Rows:
    """Rows of one model written in a stream: COPY on PostgreSQL, bulk_create batches elsewhere.

    `fields` are the attribute names given per row; `constants` the same for every row; every
    other column (except an omitted primary key) gets the model's default, and auto_now(_add)
    columns the start time.
    """

    def __init__(
        self,
        model: type[Model],
        fields: Sequence[str],
        now: datetime,
        constants: dict[str, object] | None = None,
        *,
        rebuild_indexes: bool = False,
    ) -> None:
        self.model, self.fields = model, list(fields)
        self.copy = connection.vendor == "postgresql"
        blank = model()
        given = set(self.fields)
        self.defaults: dict[str, object] = {}
        self.json_given = [i for i, f in enumerate(self.fields) if self._is_json(f)]
        for field in model._meta.concrete_fields:
            if field.attname in given or field.primary_key:
                continue
            auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            value = now if auto else getattr(blank, field.attname)
            value = (constants or {}).get(field.attname, value)
            if isinstance(value, Enum):
                value = value.value
            self.defaults[field.attname] = value
        self.rebuild_indexes = rebuild_indexes and self.copy
        self._indexes: list[str] = []
        self.batch: list[Model] = []
        self._copy: Any = None
        self._cursor: Any = None

    def _is_json(self, attname: str) -> bool:
        return any(
            f.attname == attname and isinstance(f, JSONField)
            for f in self.model._meta.concrete_fields
        )

    def __enter__(self) -> _Rows:
        if self.copy:
            quote = connection.ops.quote_name
            column = {f.attname: str(f.column) for f in self.model._meta.concrete_fields}
            columns = [quote(column[a]) for a in [*self.fields, *self.defaults]]
            tail = tuple(json.dumps(v) if self._is_json(a) else v for a, v in self.defaults.items())
            self._tail = tail
            self._cursor = connection.cursor()
            if self.rebuild_indexes:
                self._drop_indexes()
            sql = f"COPY {quote(self.model._meta.db_table)} ({', '.join(columns)}) FROM STDIN"
            self._copy_cm = self._cursor.cursor.copy(sql)
            self._copy = self._copy_cm.__enter__()
        return self

    def _drop_indexes(self) -> None:
        """Drop the secondary indexes (not those behind constraints) for the load and build them
        again after it: one sort per index instead of millions of inserts into each."""
        self._cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i"
            " JOIN pg_class c ON c.relname = i.indexname AND c.relkind = 'i'"
            " WHERE i.tablename = %s AND i.schemaname = current_schema()"
            " AND c.oid NOT IN (SELECT conindid FROM pg_constraint)",
            [self.model._meta.db_table],
        )
        found = self._cursor.fetchall()
        for name, _definition in found:
            self._cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        self._indexes = [definition for _name, definition in found]

    def add(self, row: tuple[Any, ...]) -> None:
        if self._copy is not None:
            if self.json_given:
                values = list(row)
                for i in self.json_given:
                    values[i] = json.dumps(values[i])
                row = tuple(values)
            self._copy.write_row(row + self._tail)
            return
        self.batch.append(self.model(**self.defaults, **dict(zip(self.fields, row, strict=True))))
        if len(self.batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        self.model._default_manager.bulk_create(self.batch)
        self.batch = []

    def __exit__(self, *exc: object) -> None:
        if self._copy is not None:
            self._copy_cm.__exit__(*exc)
            if exc[0] is None:
                for definition in self._indexes:
                    self._cursor.execute(definition)
            self._cursor.close()
        elif exc[0] is None:
            self._flush()


def _reserve_ids(model: type[Model], count: int) -> int:
    """The first of `count` consecutive new primary keys for `model`, taken before the rows
    exist so that rows pointing at them can be written in the same stream."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                " nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                [table, table, count],
            )
            last = cursor.fetchone()[0]
            return int(last) - count + 1
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608 — table name from the model
        return int(cursor.fetchone()[0]) + 1


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
        now = timezone.now()
        with transaction.atomic():
            if connection.vendor == "postgresql":
                self._fast_load()
            workers = self._staff(clients, seed)
            released = self._clients(clients, rng, today, now)
            cases = self._cases(released, workers, rng, today, seed, now)
            self._notes(cases, notes_per_client, rng, today, now)
            self._meetings(cases, rng, today, now)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (Client, Case, CaseNote, Appointment):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        self.stdout.write(
            f"Generated {clients} clients, {len(cases)} cases, {clients * notes_per_client} notes,"
            f" {len(workers)} case workers (seed {seed})."
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
    ) -> list[tuple[int, date]]:
        """(client id, release date) of each new client."""
        municipalities = list(
            Municipality.objects.current().order_by("pk").values_list("pk", flat=True)
        )
        creator = User.objects.order_by("pk").values_list("pk", flat=True).first()
        situations = list(LivingSituation.values)
        first_id = _reserve_ids(Client, count)
        fields = ("id", "first_name", "last_name", "search_name", "municipality_id",
                  "living_situation", "release_date", "created_by_id")  # fmt: skip
        released = []
        with _Rows(Client, fields, now, rebuild_indexes=True) as rows:
            for pk in range(first_id, first_id + count):
                first, last = rng.choice(FIRST), rng.choice(LAST)
                municipality, situation = rng.choice(municipalities), rng.choice(situations)
                release = today - timedelta(days=rng.randint(0, 900))
                search = fold(f"{first} {last} | {last} {first}")
                rows.add((pk, first, last, search, municipality, situation, release, creator))
                released.append((pk, release))
        return released

    def _cases(
        self,
        released: list[tuple[int, date]],
        workers: list[tuple[int, int]],
        rng: random.Random,
        today: date,
        seed: int,
        now: datetime,
    ) -> list[tuple[int, int, date]]:
        """(case id, lead worker id, opened on) of each new case."""
        first_id = _reserve_ids(Case, len(released))
        fields = ("id", "number", "client_id", "organisation_id", "lead_worker_id", "opened_on",
                  "status", "closure_reason", "closed_on")  # fmt: skip
        cases = []
        with _Rows(Case, fields, now, rebuild_indexes=True) as rows:
            for i, (client, release) in enumerate(released):
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
                cases.append((pk, worker, opened))
        return cases

    def _notes(
        self,
        cases: list[tuple[int, int, date]],
        per_case: int,
        rng: random.Random,
        today: date,
        now: datetime,
    ) -> None:
        fields = ("case_id", "author_id", "occurred_on", "text")
        constants: dict[str, object] = {"contact_type": "office", "methods": ["interview"]}
        weeks = [timedelta(days=7 * n) for n in range(per_case)]
        with _Rows(CaseNote, fields, now, constants, rebuild_indexes=True) as rows:
            for case, worker, opened in cases:
                for week in weeks:
                    rows.add((case, worker, min(today, opened + week), rng.choice(TEXTS)))

    def _meetings(
        self, cases: list[tuple[int, int, date]], rng: random.Random, today: date, now: datetime
    ) -> None:
        fields = ("case_id", "worker_id", "starts_at", "status")
        with _Rows(Appointment, fields, now, {"place": "Birojs"}, rebuild_indexes=True) as rows:
            for case, worker, _opened in cases:
                for offset, status in (
                    (-14, "held"),
                    (-7, "held"),
                    (rng.randint(1, 20), "planned"),
                ):
                    day = today + timedelta(days=offset)
                    starts = datetime.combine(day, time(10), tzinfo=RIGA)
                    rows.add((case, worker, starts, status))
