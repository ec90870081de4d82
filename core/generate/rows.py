"""Streams of synthetic rows for generate_data (issue 10): COPY on PostgreSQL, bulk_create
elsewhere, with primary keys reserved up front so that rows can point at rows not yet written."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from django.db import connection
from django.db.models import JSONField, Model

BATCH = 5000
COPY_BATCH = 50_000


class Rows:
    """Rows of one model written in a stream: COPY on PostgreSQL, bulk_create batches elsewhere.

    `fields` are the attribute names given per row; `constants` the same for every row; every
    other column (except an omitted primary key) gets the model's default, and auto_now(_add)
    columns the start time. On PostgreSQL the rows go in one COPY per `COPY_BATCH` rows, so that
    several streams can be open at once on the one connection (parents and children together).
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
        self.copy_batch: list[tuple[Any, ...]] = []
        self._cursor: Any = None

    def _is_json(self, attname: str) -> bool:
        return any(
            f.attname == attname and isinstance(f, JSONField)
            for f in self.model._meta.concrete_fields
        )

    def __enter__(self) -> Rows:
        if self.copy:
            quote = connection.ops.quote_name
            column = {f.attname: str(f.column) for f in self.model._meta.concrete_fields}
            columns = [quote(column[a]) for a in [*self.fields, *self.defaults]]
            tail = tuple(json.dumps(v) if self._is_json(a) else v for a, v in self.defaults.items())
            self._tail = tail
            self._cursor = connection.cursor()
            if self.rebuild_indexes:
                self._drop_indexes()
            self._sql = f"COPY {quote(self.model._meta.db_table)} ({', '.join(columns)}) FROM STDIN"
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
        if self.copy:
            if self.json_given:
                values = list(row)
                for i in self.json_given:
                    values[i] = json.dumps(values[i])
                row = tuple(values)
            self.copy_batch.append(row + self._tail)
            if len(self.copy_batch) >= COPY_BATCH:
                self._flush_copy()
            return
        self.batch.append(self.model(**self.defaults, **dict(zip(self.fields, row, strict=True))))
        if len(self.batch) >= BATCH:
            self._flush()

    def _flush_copy(self) -> None:
        with self._cursor.cursor.copy(self._sql) as copy:
            for row in self.copy_batch:
                copy.write_row(row)
        self.copy_batch = []

    def _flush(self) -> None:
        self.model._default_manager.bulk_create(self.batch)
        self.batch = []

    def __exit__(self, *exc: object) -> None:
        if self.copy:
            if exc[0] is None:
                self._flush_copy()
                for definition in self._indexes:
                    self._cursor.execute(definition)
            self._cursor.close()
        elif exc[0] is None:
            self._flush()


def reserve_ids(model: type[Model], count: int) -> int:
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
