"""The agenda of a case conference, built from the case as it stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Appointment, Case
from consent import disclosure
from plans.models import GoalStatus, Obligation, ObligationStatus
from plans.selectors import current_plan
from tasks.models import Task

from .models import CaseConference


@dataclass(frozen=True)
class AgendaItem:
    title: str
    detail: str


def agenda_for(case: Case, reader: Any = None) -> list[AgendaItem]:
    """Open work first: overdue tasks, meetings without an outcome, open tasks, new notes.
    `reader`: without the items of a category the client's consent does not share with the
    reader's organisation (issue 19)."""
    today = timezone.localdate()
    withheld = disclosure.withheld_categories(reader, case) if reader is not None else frozenset()
    items: list[AgendaItem] = []
    open_tasks = disclosure.filter_items(
        case.tasks.filter(status=Task.Status.OPEN).select_related("owner"), withheld
    ).items
    late = [t for t in open_tasks if t.due_on < today]
    if late:
        items.append(
            AgendaItem(_("Overdue tasks"), "; ".join(f"{t.title} ({t.owner})" for t in late))
        )
    missing = case.appointments.filter(
        status=Appointment.Status.PLANNED, starts_at__lt=timezone.now()
    ).count()
    if missing:
        items.append(
            AgendaItem(
                _("Meetings without an outcome"),
                ngettext("%(n)d meeting", "%(n)d meetings", missing) % {"n": missing},
            )
        )
    upcoming = [t for t in open_tasks if t.due_on >= today]
    if upcoming:
        items.append(
            AgendaItem(_("Open tasks"), "; ".join(f"{t.title} ({t.owner})" for t in upcoming))
        )
    last = (
        CaseConference.objects.filter(case=case, status=CaseConference.Status.SIGNED_OFF)
        .order_by("-starts_at")
        .first()
    )
    notes = case.notes.filter(occurred_on__gte=last.starts_at.date()) if last else case.notes.all()
    count = notes.count()
    if count:
        items.append(
            AgendaItem(
                _("Notes since the last conference"),
                ngettext("%(n)d note", "%(n)d notes", count) % {"n": count},
            )
        )
    items.extend(_from_plans(case, today, last.starts_at.date() if last else None, withheld))
    items.append(AgendaItem(_("Goals and next steps"), _("Agree who does what by when.")))
    return items


def _from_plans(
    case: Case, today: date, since: date | None, withheld: frozenset[str] = frozenset()
) -> list[AgendaItem]:
    """Open goals of the current plan, overdue obligations, a new assessment (B1, C2)."""
    items: list[AgendaItem] = []
    plan = current_plan(case)
    if plan is not None:
        goals = disclosure.filter_items(
            plan.goals.filter(status__in=[GoalStatus.ACTIVE, GoalStatus.FUTURE]), withheld
        ).items
        if goals:
            listed = "; ".join(goal.description for goal in goals)
            items.append(AgendaItem(_("Open goals of the plan"), listed))
    late = disclosure.filter_items(
        Obligation.objects.filter(
            agreement__case=case, status=ObligationStatus.PENDING, due_on__lt=today
        ).select_related("template_item"),
        withheld,
    ).items
    if late:
        listed = "; ".join(f"{o.custom_text or o.template_item} ({o.responsible})" for o in late)
        items.append(AgendaItem(_("Overdue obligations"), listed))
    newest = case.assessments.order_by("-assessed_on", "-version").first()
    if newest is not None and (since is None or newest.assessed_on >= since):
        items.append(
            AgendaItem(
                _("New assessment results"),
                _("Assessment of %(day)s")
                % {"day": date_format(newest.assessed_on, "SHORT_DATE_FORMAT")},
            )
        )
    return items


def disclose_record(conference: CaseConference, reader: Any) -> bool:
    """The conference's minutes and decisions as this reader may read them (issue 19): lines
    that concern a category the client's consent does not share with the reader's
    organisation (a narcologist, treatment, a conviction …) become the neutral placeholder,
    on the loaded object only. Whether anything was left out."""
    withheld = disclosure.withheld_categories(reader, conference.case)
    minutes = disclosure.disclosed_text(conference.minutes, withheld)
    decisions = disclosure.disclosed_text(conference.decisions, withheld)
    changed = (minutes, decisions) != (conference.minutes, conference.decisions)
    conference.minutes, conference.decisions = minutes, decisions
    return changed
