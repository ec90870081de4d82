from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from cases.models import Case

from .models import Task


def tasks_of(case: Case, reader: Any = None) -> QuerySet[Task]:
    """The case's tasks; with `reader`, without those whose words concern a category the
    client's consent does not share with the reader's organisation (issue 19)."""
    tasks = case.tasks.select_related("owner", "organisation").order_by("status", "due_on", "pk")
    if reader is None:
        return tasks
    from consent.disclosure import restrict_queryset

    return restrict_queryset(reader, case, tasks)  # type: ignore[no-any-return]


def my_open_tasks(user: Any) -> QuerySet[Task]:
    """The user's open tasks, overdue first: shown on their caseload (their title, due date
    and case number: not the whole case row; issue 10)."""
    return (
        Task.objects.filter(owner=user, status=Task.Status.OPEN)
        .select_related("case")
        .only("title", "due_on", "case__number")
        .order_by("due_on", "pk")
    )


def overdue(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.filter(status=Task.Status.OPEN, due_on__lt=timezone.localdate())
