"""The caseload's reminders panel (D10): plan steps and obligations due in 7 days or overdue."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from cases.selectors import MyCases

from .selectors import reminders_for


def reminders_panel(
    request: HttpRequest, mine: MyCases | None = None, **_context: Any
) -> tuple[str, dict[str, Any]] | None:
    reminders = reminders_for(request.user, mine=mine)
    if not reminders:
        return None
    return "plans/includes/reminders.html", {
        "reminders": reminders,
        "today": timezone.localdate(),
    }
