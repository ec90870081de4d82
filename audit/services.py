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

    A plain multi-row INSERT of the values: bulk_create made and prepared a model instance
    for each row (a third of the search page's Python calls for its 50 rows; issue 10)."""
    if not case_ids:
        return
    fields = ("user", "object_type", "object_id", "case_id", "action", "purpose", "at")
    column = {field.name: str(field.column) for field in AccessLog._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(column[name]) for name in fields)
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    row = f"({', '.join(['%s'] * len(fields))})"
    values = []
    for pk in case_ids:
        values += [actor.pk, "case", pk, pk, action, "", at]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(AccessLog._meta.db_table)} ({columns})"  # noqa: S608 — names from the model
            f" VALUES {', '.join([row] * len(case_ids))}",
            values,
        )


def access_record_within_case(
    *, actor: Any, case_id: int, objects: list[tuple[str, int]], action: str = "view"
) -> None:
    """Log a case page's reads (the case, its notes, its health section) in one INSERT."""
    AccessLog.objects.bulk_create(
        AccessLog(user=actor, object_type=kind, object_id=pk, case_id=case_id, action=action)
        for kind, pk in objects
    )
