"""When what a case page shows has changed: the database says so (issue 10).

The case page is cached per reader (cases/case_page.py). Its key holds two stamps, random
tokens in `cases_pagestamp`: the case's own row, renewed by any write to a row the page shows
from that case or its client, and row 0, renewed by any change to the names every page shows
(colleagues, organisations, municipalities, directory services, follow-up cadences).

Database triggers renew them, not Django signals, so that no way of writing is missed:
`QuerySet.update()`, bulk inserts, erasure, raw SQL, another process. Apps declare the tables
their case-page panels read in their AppConfig.ready(); after every `migrate` the triggers are
dropped and made again from those declarations (SQLite drops a table's triggers when a
migration rebuilds it). A test checks that every table the case page reads is declared.

The stamps are random rather than counters, so a database restored from a backup or a test's
rolled-back ids never meet an entry cached from other data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

SHARED = 0  # the row of what every case page shows
PREFIX = "cases_page_stamp"

Scope = Literal["case", "client", "shared"]


@dataclass(frozen=True)
class Watched:
    """A table whose rows a case page shows: which column leads to the case (scope "case"),
    to the client whose cases show it ("client"), or none: every page ("shared")."""

    table: str
    scope: Scope
    column: str = ""
    # An UPDATE that changes this column renews nothing, whatever else it changes: a sign-in
    # writes only last_login.
    unless_changed: str = ""


_WATCHED: dict[str, Watched] = {}


def _column(model: type[models.Model], field: str) -> str:
    column = model._meta.get_field(field).column  # type: ignore[union-attr]
    assert column is not None  # noqa: S101 — a concrete field
    return column


def watch_case_rows(model: type[models.Model], field: str) -> None:
    """The model's rows are shown on the page of the case in `field` (a case's own id: "id")."""
    _add(Watched(model._meta.db_table, "case", _column(model, field)))


def watch_client_rows(model: type[models.Model], field: str) -> None:
    """The model's rows are shown on the pages of every case of the client in `field`."""
    _add(Watched(model._meta.db_table, "client", _column(model, field)))


def watch_shared_rows(model: type[models.Model], *, unless_changed: str = "") -> None:
    """The model's rows (names) may be shown on any case page."""
    unless = _column(model, unless_changed) if unless_changed else ""
    _add(Watched(model._meta.db_table, "shared", unless_changed=unless))


def _add(watched: Watched) -> None:
    _WATCHED[watched.table] = watched


def watched_tables() -> dict[str, Watched]:
    return dict(_WATCHED)


# --- SQL: table and column names come from the models' declarations, never from input ------

_RENEW = (
    "INSERT INTO cases_pagestamp (case_id, stamp) {rows} "
    "ON CONFLICT (case_id) DO UPDATE SET stamp = excluded.stamp"
)
_SQLITE_RANDOM = "lower(hex(randomblob(16)))"
_POSTGRESQL_RANDOM = "md5(random()::text || clock_timestamp()::text)"


def _stamp_rows(scope: Scope, key: str, random: str) -> str:
    """The SELECT of (case id, new stamp) rows for a written row whose column value is `key`."""
    if scope == "shared":
        return f"SELECT {SHARED}, {random} WHERE 1 = 1"
    if scope == "case":
        return f"SELECT {key}, {random} WHERE {key} IS NOT NULL"
    return f"SELECT id, {random} FROM cases_case WHERE client_id = {key}"  # noqa: S608


def _sqlite_triggers(watched: Watched) -> list[str]:
    statements = []
    for event, rows in (("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])):
        when = ""
        if event == "UPDATE" and watched.unless_changed:
            when = f" WHEN OLD.{watched.unless_changed} IS NEW.{watched.unless_changed}"
        body = " ".join(
            _RENEW.format(
                rows=_stamp_rows(watched.scope, f"{row}.{watched.column}", _SQLITE_RANDOM)
            )
            + ";"
            for row in rows
        )
        statements.append(
            f'CREATE TRIGGER "{PREFIX}__{watched.table}__{event.lower()}" AFTER {event} '
            f'ON "{watched.table}" FOR EACH ROW{when} BEGIN {body} END'
        )
    return statements


def _renew_in_plpgsql(scope: Scope) -> str:
    return _RENEW.format(rows=_stamp_rows(scope, "(row_value ->> key)::bigint", _POSTGRESQL_RANDOM))


# One function for every table: TG_ARGV holds the scope and the column (jsonb reads NEW.<column>).
_POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PREFIX}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  scope text := TG_ARGV[0];
  key text := TG_ARGV[1];
  row_value jsonb;
BEGIN
  FOREACH row_value IN ARRAY (CASE TG_OP
      WHEN 'INSERT' THEN ARRAY[to_jsonb(NEW)]
      WHEN 'DELETE' THEN ARRAY[to_jsonb(OLD)]
      ELSE ARRAY[to_jsonb(OLD), to_jsonb(NEW)] END) LOOP
    IF scope = 'shared' THEN
      {_renew_in_plpgsql("shared")};
    ELSIF scope = 'case' THEN
      {_renew_in_plpgsql("case")};
    ELSE
      {_renew_in_plpgsql("client")};
    END IF;
  END LOOP;
  RETURN NULL;
END $$
"""


def _postgresql_triggers(watched: Watched) -> list[str]:
    arguments = f"'{watched.scope}', '{watched.column}'"
    name = f"{PREFIX}__{watched.table}"
    if not watched.unless_changed:
        return [
            f'CREATE TRIGGER "{name}" AFTER INSERT OR UPDATE OR DELETE ON "{watched.table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {PREFIX}({arguments})"
        ]
    unless = watched.unless_changed
    return [
        f'CREATE TRIGGER "{name}" AFTER INSERT OR DELETE ON "{watched.table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {PREFIX}({arguments})",
        f'CREATE TRIGGER "{name}__update" AFTER UPDATE ON "{watched.table}" FOR EACH ROW '
        f"WHEN (OLD.{unless} IS NOT DISTINCT FROM NEW.{unless}) "
        f"EXECUTE FUNCTION {PREFIX}({arguments})",
    ]


def _existing_triggers(db: BaseDatabaseWrapper) -> list[tuple[str, str]]:
    """(trigger, table) of the triggers made here before."""
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgname LIKE %s",
                [f"{PREFIX}%"],
            )
        else:
            cursor.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{PREFIX}%"],
            )
        return [(name, table) for name, table in cursor.fetchall()]


def install(db: BaseDatabaseWrapper | None = None, tables: Iterable[Watched] | None = None) -> int:
    """Drop the triggers made before and make them from the declarations; the number made.
    Tables not (yet) in the database are left out."""
    db = db or connection
    if db.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"case-page stamps need PostgreSQL or SQLite, not {db.vendor}")
    declared = list(tables if tables is not None else _WATCHED.values())
    with transaction.atomic(using=db.alias), db.cursor() as cursor:
        present = set(db.introspection.table_names(cursor))
        drop(db)
        if db.vendor == "postgresql":
            cursor.execute(_POSTGRESQL_FUNCTION)
        made = 0
        for watched in declared:
            if watched.table not in present:
                continue
            build = _postgresql_triggers if db.vendor == "postgresql" else _sqlite_triggers
            for statement in build(watched):
                cursor.execute(statement)
                made += 1
    return made


def drop(db: BaseDatabaseWrapper | None = None) -> None:
    """Drop the triggers made here (for a bulk load of new rows: generate_data)."""
    db = db or connection
    with db.cursor() as cursor:
        for trigger, table in _existing_triggers(db):
            on = f' ON "{table}"' if db.vendor == "postgresql" else ""
            cursor.execute(f'DROP TRIGGER IF EXISTS "{trigger}"{on}')


def install_after_migrate(using: str = "default", **_kwargs: Any) -> None:
    """post_migrate receiver (cases.apps)."""
    from django.db import connections

    install(connections[using])
