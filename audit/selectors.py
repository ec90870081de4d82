"""Reads of the access log, for supervisors and data-subject requests."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AccessLog


def reads_of_case(case_id: int, limit: int = 200) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(case_id=case_id).select_related("user")[:limit]
