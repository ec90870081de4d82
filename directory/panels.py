"""The directory's panels on pages of the cases app (core.panels)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from . import selectors


def case_referrals_panel(
    request: HttpRequest, case: Any = None
) -> tuple[str, dict[str, Any]] | None:
    """The case page's referrals (shown where the case plan is)."""
    if case is None or not request.user.has_perm("cases.view_case_plan", case):
        return None
    now = timezone.now()
    referrals = [(r, selectors.is_overdue(r, now)) for r in selectors.referrals_of(case)[:20]]
    return "directory/case_panel.html", {"case": case, "referrals": referrals}


def overdue_referrals_panel(
    request: HttpRequest, **_context: Any
) -> tuple[str, dict[str, Any]] | None:
    """The caseload's flag: referrals sent N days ago without an answer; incoming link."""
    referrals = list(selectors.overdue_referrals(request.user)[:20])
    incoming = selectors.incoming_referrals(request.user).exists()
    if not referrals and not incoming:
        return None
    return "directory/caseload_panel.html", {
        "referrals": referrals,
        "days": selectors.answer_days(),
        "incoming": incoming,
    }
