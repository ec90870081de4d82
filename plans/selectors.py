"""Reads of plans, agreements and reminders. Case visibility comes from cases.selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from cases.models import Case
from cases.selectors import MyCases, my_cases
from consent import disclosure

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


def plan_with_goals(case: Case, plan_id: int, reader: Any = None) -> Plan | None:
    """One version with its goals, their steps and its reviews: four queries. With `reader`:
    without the goals, steps and review outcomes of a category the client's consent does not
    share with the reader's organisation (issue 19); `plan.withheld` says how many."""
    plan = (
        case.plans.filter(pk=plan_id)
        .select_related("assessment", "agreed_by", "created_by")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.prefetch_related("steps").order_by("pk")),
            "reviews__outcomes",
        )
        .first()
    )
    if plan is not None:
        withheld = disclosure.withheld_categories(reader, case) if reader else frozenset()
        count = disclosure.restrict_prefetched(plan, "goals", withheld)
        kept = {goal.pk for goal in plan.goals.all()}
        for goal in plan.goals.all():
            count += disclosure.restrict_prefetched(goal, "steps", withheld)
        for review in plan.reviews.all():
            count += disclosure.restrict_prefetched(review, "outcomes", withheld)
            outcomes = review._prefetched_objects_cache.get("outcomes")  # type: ignore[attr-defined]
            if withheld and outcomes is not None:
                outcomes._result_cache = [o for o in outcomes if o.goal_id in kept]
        plan.withheld = disclosure.placeholder(count)  # type: ignore[attr-defined]
    return plan


def current_plan(case: Case) -> Plan | None:
    """The draft being prepared, else the agreed version."""
    return (
        case.plans.filter(status__in=[PlanStatus.DRAFT, PlanStatus.AGREED])
        .order_by("-version")
        .first()
    )


def agreements_of(case: Case) -> QuerySet[Agreement]:
    return case.agreements.select_related("plan", "benefit_rate__benefit", "signed_by_worker")


def agreement_with_obligations(
    case: Case, agreement_id: int, reader: Any = None
) -> Agreement | None:
    """One agreement with its obligations; with `reader`, without those of a category the
    client's consent does not share with the reader (issue 19; `agreement.withheld`)."""
    agreement = (
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
    if agreement is not None:
        withheld = disclosure.withheld_categories(reader, case) if reader else frozenset()
        count = disclosure.restrict_prefetched(agreement, "obligations", withheld)
        agreement.withheld = disclosure.placeholder(count)  # type: ignore[attr-defined]
    return agreement


def obligation_of(case: Case, obligation_id: int, reader: Any = None) -> Obligation | None:
    """One obligation; None for a reader who may not see it (issue 19)."""
    obligation = (
        Obligation.objects.filter(agreement__case=case, pk=obligation_id)
        .select_related("agreement", "template_item", "evidence_note")
        .first()
    )
    if obligation is not None and reader is not None:
        withheld = disclosure.withheld_categories(reader, case)
        if disclosure.withheld_item(obligation, withheld):
            return None
    return obligation


@dataclass(frozen=True)
class Reminder:
    kind: str  # "obligation" or "step"
    case_id: int
    case_number: str
    client_name: str
    text: str
    due_on: date
    overdue: bool


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
    # The case's number and client's name: from the page's read of the user's cases when
    # there is one (no join of the case and client), else read with each reminder.
    known = mine.by_id() if mine is not None else {}

    def case_columns(case: str) -> tuple[str, ...]:
        if mine is not None:
            return ()
        return (
            f"{case}__number", f"{case}__client__first_name", f"{case}__client__last_name",
            f"{case}__organisation_id", f"{case}__lead_worker_id",
        )  # fmt: skip

    def case_of(case_id: int, columns: tuple[Any, ...]) -> tuple[str, str]:
        if columns:
            number, first, last, *_holder = columns
            return number, f"{first} {last}"
        return known[case_id].number, known[case_id].client_name

    def holder_of(row: tuple[Any, ...]) -> tuple[int, tuple[int, int]]:
        """A reminder row's case, its organisation and lead worker."""
        if mine is not None:
            case = known[row[0]]
            return case.pk, (case.organisation_id, case.lead_worker_id)
        return row[0], (row[-2], row[-1])

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
            "agreement__case_id", "due_on", "custom_text", "template_item_id",
            "template_item__text_lv", f"template_item__{localised}", "concerns_health",
            "concerns_conviction", *case_columns("agreement__case"),
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
        .values_list(
            "goal__plan__case_id",
            "due_on",
            "description",
            "concerns_health",
            "concerns_conviction",
            "goal__concerns_health",
            "goal__concerns_conviction",
            *case_columns("goal__plan__case"),
        )[:limit]
    )
    obligation_rows, step_rows = list(obligations), list(steps)
    # Cases of other organisations: what the client's consent withholds there (issue 19).
    withheld = disclosure.withheld_by_case(
        user, dict(holder_of(row) for row in [*obligation_rows, *step_rows])
    )

    def hidden(case_id: int, text: str, health: bool, conviction: bool) -> bool:
        item = disclosure.Marked(text, health, conviction)
        return disclosure.withheld_item(item, withheld.get(case_id, frozenset()))

    reminders = []
    for (
        case_id,
        due_on,
        custom,
        item_id,
        text_lv,
        text,
        health,
        record,
        *columns,
    ) in obligation_rows:
        text = (text or text_lv) if item_id is not None else custom
        if hidden(case_id, text, health, record):
            continue
        number, name = case_of(case_id, tuple(columns))
        reminders.append(
            Reminder("obligation", case_id, number, name, text, due_on, due_on < today)
        )
    for case_id, due_on, text, health, record, goal_health, goal_record, *columns in step_rows:
        if hidden(case_id, text, health or goal_health, record or goal_record):
            continue
        if due_on is not None:
            number, name = case_of(case_id, tuple(columns))
            reminders.append(Reminder("step", case_id, number, name, text, due_on, due_on < today))
    reminders.sort(key=lambda r: (r.due_on, r.kind))
    return reminders[:limit]
