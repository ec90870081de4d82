"""The meetings feed written with `icalendar` (issue 27; issue 28, finding 12): no text can
add a line, each meeting keeps its UID, SEQUENCE rises on every change, VTIMEZONE for Riga."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cases import services
from cases.models import Appointment
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for

pytestmark = pytest.mark.django_db

INJECTIONS = [
    "Birojs\r\nATTENDEE:mailto:x@example.lv",
    "Birojs\rATTENDEE:mailto:x@example.lv",
    "Birojs\nATTENDEE:mailto:x@example.lv",
    "Birojs\r\n ATTENDEE:continued",
    "Birojs\u2028ATTENDEE:x;y,z\\",
    "Birojs\x0bEND:VEVENT\x0cBEGIN:VEVENT",
]


def _feed(org: OrganisationWithStaff) -> Calendar:
    response = client_for(org.social_worker).get(reverse("cases:calendar"))
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> list[object]:
    return list(calendar.walk("VEVENT"))


def test_no_text_in_a_meeting_adds_a_line_to_the_feed(org_a: OrganisationWithStaff) -> None:
    """Issue 28, finding 12: a CR typed into a meeting's place stayed raw in the feed."""
    case = open_case(org_a.social_worker, org_a.organisation)
    start = timezone.now() + timedelta(days=2)
    for offset, place in enumerate(INJECTIONS):
        Appointment.objects.create(
            case=case, worker=org_a.social_worker, place=place,
            starts_at=start + timedelta(hours=offset), with_whom="Māte\r\nX-INJECTED:1",
        )  # fmt: skip
    body = client_for(org_a.social_worker).get(reverse("cases:calendar")).content
    lines = body.split(b"\r\n")
    assert not [line for line in lines if b"ATTENDEE" in line.split(b":")[0]]
    assert b"X-INJECTED" not in body
    assert lines.count(b"BEGIN:VEVENT") == len(INJECTIONS)
    assert b"\r" not in body.replace(b"\r\n", b"")  # no bare CR
    assert b"\n" not in body.replace(b"\r\n", b"")  # no bare LF
    events = _events(Calendar.from_ical(body))
    assert len(events) == len(INJECTIONS)
    for event in events:
        assert set(event.keys()) == {  # type: ignore[attr-defined]
            "UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "STATUS",
        }  # fmt: skip
        assert str(event["LOCATION"]).startswith("Birojs")  # type: ignore[index]
    assert "Bērziņš" not in body.decode()


def test_a_meeting_keeps_its_uid_and_its_sequence_rises_on_every_change(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 27 / issue 28, finding 12: an edited or cancelled meeting updates the calendar."""
    case = open_case(org_a.social_worker, org_a.organisation)
    meeting = services.appointment_plan(
        actor=org_a.social_worker, case=case,
        starts_at=timezone.now() + timedelta(days=2), place="Birojs, Saldus",
    )  # fmt: skip
    first = _events(_feed(org_a))[0]
    meeting.place = "Saldus, 12. kabinets"
    meeting.save()
    moved = _events(_feed(org_a))[0]
    meeting.refresh_from_db()
    meeting.save()  # saved unchanged: the same revision
    services.appointment_record(
        actor=org_a.social_worker, appointment=meeting, status=Appointment.Status.CANCELLED
    )
    cancelled = _events(_feed(org_a))
    assert len(cancelled) == 1
    uids = {str(e["UID"]) for e in (first, moved, cancelled[0])}  # type: ignore[index]
    assert uids == {f"appointment-{meeting.pk}@tilts"}
    sequences = [int(e["SEQUENCE"]) for e in (first, moved, cancelled[0])]  # type: ignore[index]
    assert sequences == [0, 1, 2]
    assert str(moved["LOCATION"]) == "Saldus, 12. kabinets"  # type: ignore[index]
    assert str(cancelled[0]["STATUS"]) == "CANCELLED"  # type: ignore[index]


def test_the_feed_carries_the_riga_time_zone(org_a: OrganisationWithStaff) -> None:
    """Issue 27: VTIMEZONE for Europe/Riga; meeting times in Riga wall-clock time."""
    case = open_case(org_a.social_worker, org_a.organisation)
    starts = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=200), datetime.min.time())
    ) + timedelta(hours=10)
    services.appointment_plan(
        actor=org_a.social_worker, case=case, starts_at=starts, place="Birojs"
    )
    calendar = _feed(org_a)
    zones = list(calendar.walk("VTIMEZONE"))
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Riga"]
    event = _events(calendar)[0]
    start = event["DTSTART"]  # type: ignore[index]
    assert start.params["TZID"] == "Europe/Riga"
    assert start.dt == starts
    assert start.dt.hour == 10
