from __future__ import annotations

from typing import Any

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
    """Log a list or search showing several cases: one INSERT however many rows are shown."""
    AccessLog.objects.bulk_create(
        AccessLog(user=actor, object_type="case", object_id=pk, case_id=pk, action=action)
        for pk in case_ids
    )


def access_record_within_case(
    *, actor: Any, case_id: int, objects: list[tuple[str, int]], action: str = "view"
) -> None:
    """Log a case page's reads (the case, its notes, its health section) in one INSERT."""
    AccessLog.objects.bulk_create(
        AccessLog(user=actor, object_type=kind, object_id=pk, case_id=case_id, action=action)
        for kind, pk in objects
    )
