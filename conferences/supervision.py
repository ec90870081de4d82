"""The supervisor's view (F1–F3): per worker the load and what is late; per organisation the
work waiting on other organisations — where coordination stalls."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Membership, Role, User
from accounts.permissions import organisation_ids_of
from audit.reads import reads_of, shows_cases
from cases.models import Appointment, CaseStatus
from cases.permissions import CASE_WORK_ROLES
from tasks.models import Task

from .models import CaseConference


def workers_overview(organisation_ids: set[int]) -> list[Any]:
    """One query: each case worker of the organisations with their counts."""
    now = timezone.now()
    today = timezone.localdate()
    members = Membership.objects.filter(
        organisation_id__in=organisation_ids, role__in=CASE_WORK_ROLES, is_active=True
    ).values("user_id")
    open_case = ~Q(led_cases__status=CaseStatus.CLOSED) & Q(
        led_cases__organisation_id__in=organisation_ids
    )
    return list(
        User.objects.filter(pk__in=members, is_active=True)
        .annotate(
            active_cases=Count("led_cases", filter=open_case, distinct=True),
            overdue_meetings=Count(
                "appointments",
                filter=Q(appointments__status=Appointment.Status.PLANNED)
                & Q(appointments__starts_at__lt=now),
                distinct=True,
            ),
            overdue_tasks=Count(
                "tasks",
                filter=Q(tasks__status=Task.Status.OPEN) & Q(tasks__due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by("last_name", "first_name")
    )


@shows_cases()
@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    supervised = organisation_ids_of(request.user, Role.SUPERVISOR)
    if not supervised:
        raise PermissionDenied
    today = timezone.localdate()
    waiting = list(
        Task.objects.filter(case__organisation_id__in=supervised, status=Task.Status.OPEN)
        .exclude(organisation_id__in=supervised)
        .select_related("case", "organisation", "owner")
        .order_by("due_on")[:100]
    )
    conferences_due = list(
        CaseConference.objects.filter(
            case__organisation_id__in=supervised,
            status=CaseConference.Status.PLANNED,
            starts_at__lt=timezone.now() + timedelta(days=14),
        )
        .select_related("case", "chair")
        .order_by("starts_at")[:100]
    )
    shown = {task.case_id for task in waiting} | {item.case_id for item in conferences_due}
    reads_of(request).cases(sorted(shown))
    context = {
        "workers": workers_overview(supervised),
        "waiting": waiting,
        "conferences_due": conferences_due,
        "today": today,
    }
    return render(request, "conferences/supervision.html", context)
