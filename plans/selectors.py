"""Reads of plans, agreements and reminders. Case visibility comes from cases.selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from cases.models import Case
from cases.selectors import MyCases, my_cases

from .models import (
    OPEN_STEP_STATUSES,
    Agreement,
    Goal,
    Obligation,
    ObligationStatus,
    Plan,
    PlanStatus,
    Step,
)

REMINDER_DAYS = 7


def plans_of(case: Case) -> QuerySet[Plan]:
    """Every version, newest first (one query)."""
    return case.plans.select_related("agreed_by").order_by("-version")


def plan_with_goals(case: Case, plan_id: int) -> Plan | None:
    """One version with its goals, their steps and its reviews: four queries."""
    return (
        case.plans.filter(pk=plan_id)
        .select_related("assessment", "agreed_by", "created_by")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.prefetch_related("steps").order_by("pk")),
            "reviews__outcomes",
        )
        .first()
    )


def current_plan(case: Case) -> Plan | None:
    """The draft being prepared, else the agreed version."""
    return (
        case.plans.filter(status__in=[PlanStatus.DRAFT, PlanStatus.AGREED])
        .order_by("-version")
        .first()
    )


def agreements_of(case: Case) -> QuerySet[Agreement]:
    return case.agreements.select_related("plan", "benefit_rate__benefit", "signed_by_worker")


def agreement_with_obligations(case: Case, agreement_id: int) -> Agreement | None:
    return (
        case.agreements.filter(pk=agreement_id)
        .select_related(
            "plan", "template", "benefit_rate__benefit", "signed_by_worker", "created_by"
        )
        .prefetch_related(
            Prefetch(
                "obligations",
                queryset=Obligation.objects.select_related("template_item").defer("evidence_file"),
            )
        )
        .first()
    )


def obligation_of(case: Case, obligation_id: int) -> Obligation | None:
    return (
        Obligation.objects.filter(agreement__case=case, pk=obligation_id)
        .select_related("agreement", "template_item", "evidence_note")
        .first()
    )


@dataclass(frozen=True)
class Reminder:
    kind: str  # "obligation" or "step"
    case_id: int
    case_number: str
    client_name: str
    text: str
    due_on: date
    overdue: bool


def _reminder_case_columns(case: str) -> tuple[str, ...]:
    """What a reminder shows of its case: the id (for the link), number and client's name."""
    return (
        f"{case}_id",
        f"{case}__number",
        f"{case}__client__first_name",
        f"{case}__client__last_name",
    )


def reminders_for(
    user: Any, today: date | None = None, limit: int = 20, mine: MyCases | None = None
) -> list[Reminder]:
    """Obligations and plan actions of the user's open cases that are overdue or due within
    seven days, soonest first. Two queries whatever the number of cases; `mine`: the user's
    cases when the page has read them already (as ids, not subqueries of each query).

    Only the columns a reminder shows are read, as values: not the obligation's, step's, plan's,
    case's and client's rows as model instances (five per reminder; issue 10)."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMINDER_DAYS)
    if mine is not None:
        cases: Any = mine.ids(open_only=True)
    else:
        cases = my_cases(user).exclude(status="closed").values("pk")
    # An obligation's text: its template item's in the interface language (Latvian when that
    # is empty), else its own (Obligation.text_in).
    language = (translation.get_language() or "lv")[:2]
    localised = f"text_{language}" if language in ("ru", "en") else "text_lv"
    obligations = (
        Obligation.objects.filter(
            agreement__case_id__in=cases, status=ObligationStatus.PENDING, due_on__lte=horizon
        )
        .order_by("due_on", "pk")
        .values_list(
            *_reminder_case_columns("agreement__case"), "due_on", "custom_text",
            "template_item_id", "template_item__text_lv", f"template_item__{localised}",
        )[:limit]
    )  # fmt: skip
    steps = (
        Step.objects.filter(
            goal__plan__case_id__in=cases,
            goal__plan__status__in=[PlanStatus.DRAFT, PlanStatus.AGREED],
            status__in=OPEN_STEP_STATUSES,
            due_on__lte=horizon,
        )
        .order_by("due_on", "pk")
        .values_list(*_reminder_case_columns("goal__plan__case"), "due_on", "description")[:limit]
    )
    reminders = []
    for case_id, number, first, last, due_on, custom, item_id, text_lv, text in obligations:
        text = (text or text_lv) if item_id is not None else custom
        name = f"{first} {last}"
        reminders.append(
            Reminder("obligation", case_id, number, name, text, due_on, due_on < today)
        )
    for case_id, number, first, last, due_on, text in steps:
        if due_on is not None:
            name = f"{first} {last}"
            reminders.append(Reminder("step", case_id, number, name, text, due_on, due_on < today))
    reminders.sort(key=lambda r: (r.due_on, r.kind))
    return reminders[:limit]
