"""Words for opening hours: "open now – closes at 17:00", "closed – opens tomorrow at 09:00",
"hours unknown"."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from .hours import RIGA, HoursStatus


def clock(moment: datetime | time) -> str:
    local = moment.astimezone(RIGA).time() if isinstance(moment, datetime) else moment
    return "24:00" if local == time(0) and isinstance(moment, datetime) else local.strftime("%H:%M")


def day_name(day: date, today: date) -> str:
    if day == today:
        return _("today")
    if (day - today).days == 1:
        return _("tomorrow")
    return str(WEEKDAYS[day.weekday()])


def describe(status: HoursStatus, now: datetime) -> str:
    if not status.known:
        return _("hours unknown")
    if status.open:
        if status.closes_at is None:
            return _("open now, day and night")
        return _("open now – closes at %(time)s") % {"time": clock(status.closes_at)}
    if status.opens_at is None:
        return _("closed")
    opens = status.opens_at.astimezone(RIGA)
    today = now.astimezone(RIGA).date()
    if opens.date() == today:
        return _("closed – opens at %(time)s") % {"time": clock(opens)}
    return _("closed – opens %(day)s at %(time)s") % {
        "day": day_name(opens.date(), today),
        "time": clock(opens),
    }


def end_of(closes_at: time) -> str:
    return "24:00" if closes_at >= time(23, 59) else closes_at.strftime("%H:%M")
