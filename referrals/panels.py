"""The case page's help-in-kind panel (core.panels, slot "case")."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import selectors


def help_in_kind_panel(request: HttpRequest, case: Any = None) -> tuple[str, dict[str, Any]] | None:
    """The last entries and this year's totals, with a link to record more."""
    if case is None or not request.user.has_perm("cases.view_case_plan", case):
        return None
    recent = list(selectors.help_in_kind_of(case).filter(cancelled_at__isnull=True)[:3])
    return "referrals/case_panel.html", {
        "case": case,
        "recent": recent,
        "totals": selectors.totals_of(case),
    }
