"""Reads of the access log, for supervisors and data-subject requests, and of the sign-in log
for the second factor's attempt limit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from .models import AccessLog, SignInEvent


def reads_of_case(case_id: int, limit: int = 200) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(case_id=case_id).select_related("user")[:limit]


def second_factor_failures(*, user: Any, since: datetime) -> int:
    """Wrong authenticator codes typed for this account since `since` and since its last
    sign-in (a sign-in ends the count; issue 28, finding 3)."""
    events = SignInEvent.objects.filter(user=user, at__gte=since)
    last_sign_in = (
        events.filter(outcome=SignInEvent.Outcome.SUCCEEDED).order_by("-at").values("at").first()
    )
    if last_sign_in is not None:
        events = events.filter(at__gt=last_sign_in["at"])
    return events.filter(outcome=SignInEvent.Outcome.CODE_FAILED).count()
