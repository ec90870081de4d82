"""iCalendar (RFC 5545) export of a worker's meetings, written with the `icalendar` library
(escaping, folding, VTIMEZONE; issue 27, issue 28 finding 12). Summaries carry the case number
and place, never the client's name: calendars get synced to phones and other systems.

Each meeting keeps one UID, and its SEQUENCE is the meeting's stored `sequence` (raised by
every change the feed shows), so a moved or cancelled meeting updates the worker's calendar
instead of appearing twice."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.forms import CASE_DATES, EARLIEST_DATE

from .models import Appointment

RIGA = ZoneInfo("Europe/Riga")
PRODID = "-//Tilts//Meetings//LV"
# C0 controls other than tab and line breaks (which the library escapes): not TEXT (RFC 5545
# §3.3.11), and no calendar application shows them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value: str) -> str:
    return _CONTROLS.sub(" ", value)


def uid_of(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@tilts"


def _ends(appointment: Appointment) -> datetime:
    try:
        return appointment.starts_at + timedelta(minutes=appointment.duration_minutes)
    except OverflowError:  # a meeting stored at the calendar's very end (issue 28)
        return appointment.starts_at


def _local(moment: datetime) -> datetime:
    try:
        return moment.astimezone(RIGA)
    except OverflowError:
        return moment


def calendar_for(appointments: Iterable[Appointment]) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    now = timezone.now()
    days: list[date] = []
    for appointment in appointments:
        starts, ends = _local(appointment.starts_at), _local(_ends(appointment))
        days += [starts.date(), ends.date()]
        cancelled = appointment.status == Appointment.Status.CANCELLED
        event = Event()
        event.add("uid", uid_of(appointment))
        event.add("dtstamp", now)
        event.add("sequence", appointment.sequence)
        event.add("dtstart", starts)
        event.add("dtend", ends)
        event.add("summary", _("Meeting, case %(number)s") % {"number": appointment.case.number})
        event.add("location", _text(appointment.place))
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    if days:
        # VTIMEZONE for Europe/Riga covering the meetings, within the dates a form accepts
        # (a meeting stored before dates were bounded must not make it endless, issue 28).
        bound = CASE_DATES.latest()
        first = max(EARLIEST_DATE, min(min(days), bound))
        last = max(first, min(max(days), bound))
        calendar.add_missing_timezones(
            first_date=first - timedelta(days=1), last_date=last + timedelta(days=366)
        )
    feed: bytes = calendar.to_ical()
    return feed.decode("utf-8")
