"""The caseload's "Work placement follow-ups" panel: due within a week or overdue."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from cases.selectors import MyCases

from .selectors import follow_ups_due


def follow_ups_panel(
    request: HttpRequest, mine: MyCases | None = None, **_context: Any
) -> tuple[str, dict[str, Any]] | None:
    today = timezone.localdate()
    due = list(follow_ups_due(request.user, today, mine=mine)[:10])
    if not due:
        return None
    return "employment/caseload_panel.html", {"due": due, "today": today}
