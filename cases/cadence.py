"""Front-loaded follow-up (D9): meet often at first, then less often.

A cadence is a list of steps [until_day, every_days]; the last step's until_day is None (for ever).
The default is weekly in the first month, fortnightly in months 2–3, monthly after.
"""

from __future__ import annotations

from datetime import date, timedelta

from .models import Case, FollowUpCadence

Steps = list[list[int | None]]


def steps_for(case: Case) -> Steps:
    cadence = FollowUpCadence.objects.filter(organisation_id=case.organisation_id).first()
    return cadence.steps if cadence and cadence.steps else FollowUpCadence.DEFAULT_STEPS


def interval_on(steps: Steps, day_of_case: int) -> int:
    for until_day, every_days in steps:
        if until_day is None or day_of_case < until_day:
            return int(every_days or 30)
    return int(steps[-1][1] or 30)


def proposed_dates(case: Case, after: date, count: int = 3) -> list[date]:
    """The next meeting dates the cadence proposes after `after`, moved off weekends; none past
    the calendar's last day (a date stored before dates were bounded, issue 28)."""
    steps = steps_for(case)
    dates: list[date] = []
    current = after
    for _ in range(count):
        step = interval_on(steps, (current - case.opened_on).days)
        try:
            current = current + timedelta(days=step)
            while current.weekday() >= 5:  # Saturday, Sunday → Monday
                current += timedelta(days=1)
        except OverflowError:
            break
        dates.append(current)
    return dates
