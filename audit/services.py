from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils import timezone

from .models import AccessLog


def access_record(
    *,
    actor: Any,
    object_type: str,
    object_id: int,
    case_id: int | None = None,
    action: str = "view",
    purpose: str = "",
) -> AccessLog:
    """Log one read. Called by every view and API handler that shows case data."""
    return AccessLog.objects.create(
        user=actor, object_type=object_type, object_id=object_id, case_id=case_id,
        action=action, purpose=purpose,
    )  # fmt: skip


def access_record_cases(*, actor: Any, case_ids: list[int], action: str) -> None:
    """Log a list or search showing several cases: one INSERT however many rows are shown.

    Plain SQL with the values: bulk_create made and prepared a model instance for each row (a
    third of the search page's Python calls for its 50 rows; issue 10). On PostgreSQL the
    ids go as one array, so the statement's text and its parameters stay the same whatever
    the number of rows (the driver then reuses its parse of the text)."""
    if not case_ids:
        return
    quote = connection.ops.quote_name
    column = {field.name: str(field.column) for field in AccessLog._meta.concrete_fields}
    names = ("user", "object_type", "action", "purpose", "at", "object_id", "case_id")
    columns = ", ".join(quote(column[name]) for name in names)
    into = f"INSERT INTO {quote(AccessLog._meta.db_table)} ({columns})"
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    fixed = [actor.pk, "case", action, "", at]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"{into} SELECT %s, %s, %s, %s, %s, shown.id, shown.id"  # noqa: S608 — names from the model
                " FROM unnest(%s::bigint[]) AS shown(id)",
                [*fixed, list(case_ids)],
            )
        else:
            rows = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(case_ids))
            values = [value for pk in case_ids for value in (*fixed, pk, pk)]
            cursor.execute(f"{into} VALUES {rows}", values)


def access_record_within_case(
    *, actor: Any, case_id: int, objects: list[tuple[str, int]], action: str = "view"
) -> None:
    """Log a case page's reads (the case, its notes, its health section) in one INSERT."""
    AccessLog.objects.bulk_create(
        AccessLog(user=actor, object_type=kind, object_id=pk, case_id=case_id, action=action)
        for kind, pk in objects
    )
