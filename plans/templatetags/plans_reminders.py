"""`{% load plans_reminders %}{% plan_reminders %}`: the caseload's reminders section (two
queries whatever the number of cases)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from plans.selectors import reminders_for

register = template.Library()


@register.inclusion_tag("plans/includes/reminders.html", takes_context=True)
def plan_reminders(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"reminders": reminders_for(user) if user else [], "today": timezone.localdate()}
