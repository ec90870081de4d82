from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils import timezone

from .models import AccessLog, SignInEvent


def access_record(
    *,
    actor: Any,
    object_type: str,
    object_id: int,
    case_id: int | None = None,
    action: str = "view",
    purpose: str = "",
) -> AccessLog:
    """Log one read made outside a request. Views do not call this: each declares what it
    shows and audit.reads writes the request's reads once the page is shown (issue 28)."""
    return AccessLog.objects.create(
        user=actor, object_type=object_type, object_id=object_id, case_id=case_id,
        action=action, purpose=purpose,
    )  # fmt: skip


def access_record_cases(*, actor: Any, case_ids: list[int], action: str) -> None:
    """Log a list or search showing several cases: one INSERT however many rows are shown."""
    _insert(actor, [("case", pk, pk) for pk in case_ids], action)


def access_record_within_case(
    *, actor: Any, case_id: int, objects: list[tuple[str, int]], action: str = "view"
) -> None:
    """Log a case page's reads (the case, its notes, its health section) in one INSERT."""
    _insert(actor, [(kind, pk, case_id) for kind, pk in objects], action)


def _insert(actor: Any, rows: list[tuple[str, int, int]], action: str) -> None:
    insert_reads(actor, [(kind, pk, case, action) for kind, pk, case in rows])


def insert_reads(actor: Any, rows: list[tuple[str, int, int, str]]) -> None:
    """One INSERT of (object type, object id, case id, action) rows: every page writes one, and
    building a model instance per row cost the case page 1.1 ms of its 7 (issue 10). On
    PostgreSQL the rows travel as four arrays, so the statement's text is the same whatever their
    number. AccessLog has no history or signals for the ORM to keep. audit.reads collects a
    request's reads and writes them here once the page is shown (issue 28, finding 4)."""
    if not rows:
        return
    table = connection.ops.quote_name(AccessLog._meta.db_table)
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    columns = "user_id, object_type, object_id, case_id, action, purpose, at"
    if connection.vendor == "postgresql":
        kinds, ids, case_ids, actions = (list(column) for column in zip(*rows, strict=True))
        sql = (
            f"INSERT INTO {table} ({columns}) SELECT %s, kind, id, case_id, action, '', %s "  # noqa: S608
            "FROM unnest(%s::varchar[], %s::bigint[], %s::bigint[], %s::varchar[]) "
            "AS row(kind, id, case_id, action)"
        )
        params: list[Any] = [actor.pk, at, kinds, ids, case_ids, actions]
    else:
        sql = f"INSERT INTO {table} ({columns}) VALUES " + ", ".join(  # noqa: S608
            ["(%s, %s, %s, %s, %s, '', %s)"] * len(rows)
        )
        params = [
            value
            for kind, pk, case, action in rows
            for value in (actor.pk, kind, pk, case, action, at)
        ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def sign_in_record(*, user: Any, outcome: str) -> SignInEvent:
    """One row of the sign-in log (issue 6): a sign-in, a failure, a lockout, a sign-out.
    The user when known; never the typed address or the IP address."""
    return SignInEvent.objects.create(user=user, outcome=outcome)
