from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from .selectors import my_open_tasks


def my_tasks_panel(request: HttpRequest, **_context: Any) -> tuple[str, dict[str, Any]] | None:
    """The caseload's "My tasks" panel: open tasks, overdue ones flagged (one query)."""
    tasks = list(my_open_tasks(request.user)[:20])
    if not tasks:
        return None
    return "tasks/caseload_panel.html", {"tasks": tasks, "today": timezone.localdate()}
