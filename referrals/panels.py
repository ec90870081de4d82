"""Panels on pages of the cases app (core.panels): the case page's referrals and help in kind,
the caseload's flag of unanswered referrals."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from cases.selectors import MyCases
from consent import disclosure

from . import selectors


def help_in_kind_panel(request: HttpRequest, case: Any = None) -> tuple[str, dict[str, Any]] | None:
    """The last entries and this year's totals, with a link to record more."""
    if case is None or not request.user.has_perm("cases.view_case_plan", case):
        return None
    totals = selectors.totals_of(case)
    # The last entries are among those totalled (and shown only with them): none to read
    # when nothing was given.
    given = selectors.help_in_kind_of(case).filter(cancelled_at__isnull=True)
    recent = disclosure.disclosed(request.user, case, given[:3] if totals else [])
    return "referrals/case_panel.html", {
        "case": case,
        "recent": recent.items,
        "withheld": recent.placeholder,
        "totals": totals,
    }


def case_referrals_panel(
    request: HttpRequest, case: Any = None
) -> tuple[str, dict[str, Any]] | None:
    """The case page's referrals (shown where the case plan is)."""
    if case is None or not request.user.has_perm("cases.view_case_plan", case):
        return None
    now = timezone.now()
    shown = disclosure.disclosed(request.user, case, selectors.referral_lines_of(case)[:20])
    lines = shown.items
    referrals = [(r, selectors.is_overdue(r, now)) for r in lines]
    # The clock alone changes the panel when a referral waiting for an answer becomes overdue
    # (core/panels.py: the cached case page is kept until then).
    coming = [at for r in lines if (at := selectors.overdue_at(r)) is not None and at > now]
    return "referrals/referral_case_panel.html", {
        "case": case,
        "referrals": referrals,
        "withheld": shown.placeholder,
        "changes_at": min(coming, default=None),
    }


def overdue_referrals_panel(
    request: HttpRequest, mine: MyCases | None = None, **_context: Any
) -> tuple[str, dict[str, Any]] | None:
    """The caseload's flag: referrals sent N days ago without an answer; incoming link.
    `mine`: the user's cases, which the caseload has read."""
    referrals = list(selectors.overdue_referrals(request.user, mine=mine)[:20])
    incoming = selectors.incoming_referrals(request.user).exists()
    if not referrals and not incoming:
        return None
    return "referrals/caseload_panel.html", {
        "referrals": referrals,
        "days": selectors.answer_days(),
        "incoming": incoming,
    }
