"""Writes for tasks: give a task to someone who can see the case, close it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import organisation_ids_of
from cases.models import Case
from core.errors import DomainError, validate
from core.events import publish
from core.text import plain_text
from inbox.models import Notification
from inbox.services import notify

from .models import Task


def _owner_organisation_id(owner: User, case: Case) -> int:
    """The owner's organisation for this task: the case's own if they work there."""
    theirs = organisation_ids_of(owner)
    return case.organisation_id if case.organisation_id in theirs else min(theirs)


@transaction.atomic
def task_create(
    *, actor: User, case: Case, title: str, owner: User | None, due_on: date | None
) -> Task:
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    title = plain_text(title)
    if not title:
        errors["title"] = [_("Write what has to be done.")]
    if owner is None:
        errors["owner"] = [_("Choose who will do it.")]
    elif not owner.has_perm("cases.view_case_plan", case):
        errors["owner"] = [
            _(
                "This person cannot see the case plan: add them to the team and record the "
                "client's consent for their organisation first."
            )
        ]
    if due_on is None:
        errors["due_on"] = [_("Enter the deadline.")]
    elif due_on < timezone.localdate():
        errors["due_on"] = [_("The deadline cannot be in the past.")]
    if errors:
        raise DomainError(errors)
    assert owner is not None  # noqa: S101 — checked above
    assert due_on is not None  # noqa: S101
    task = Task(
        case=case, title=title, owner=owner, organisation_id=_owner_organisation_id(owner, case),
        due_on=due_on, created_by=actor,
    )  # fmt: skip
    validate(task)
    task.save()
    if owner.pk != actor.pk:
        notify(
            user=owner, kind=Notification.Kind.TASK_ASSIGNED,
            link=reverse("tasks:case_tasks", args=[case.pk]), case_number=case.number,
        )  # fmt: skip
    publish("task_created", actor_id=actor.pk, task_id=task.pk, case_id=case.pk)
    return task


@transaction.atomic
def task_set_status(*, actor: User, task: Task, status: str) -> Task:
    if task.owner_id != actor.pk and not actor.has_perm("cases.manage_case", task.case):
        raise PermissionDenied
    if status not in Task.Status.values:
        raise DomainError({"status": [_("Choose done, to do or cancelled.")]})
    task.status = status
    task.completed_at = timezone.now() if status == Task.Status.DONE else None
    task.save(update_fields=["status", "completed_at"])
    publish("task_status_set", actor_id=actor.pk, task_id=task.pk, status=status)
    return task
