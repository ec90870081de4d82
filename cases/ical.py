"""iCalendar (RFC 5545) export of a worker's meetings. Summaries carry the case number and
place, never the client's name: calendars get synced to phones and other systems."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Appointment


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > 74:
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def calendar_for(appointments: Iterable[Appointment]) -> str:
    now = _stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tilts//Meetings//LV",
        "CALSCALE:GREGORIAN",
    ]
    for appointment in appointments:
        ends = appointment.starts_at + timedelta(minutes=appointment.duration_minutes)
        status = "CANCELLED" if appointment.status == Appointment.Status.CANCELLED else "CONFIRMED"
        lines += [
            "BEGIN:VEVENT",
            f"UID:appointment-{appointment.pk}@tilts",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(appointment.starts_at)}",
            f"DTEND:{_stamp(ends)}",
            "SUMMARY:"
            + _escape(_("Meeting, case %(number)s") % {"number": appointment.case.number}),
            "LOCATION:" + _escape(appointment.place),
            f"STATUS:{status}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
