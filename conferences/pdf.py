"""The conference record as PDF (F2), in the language of the case's client, signed off by
the chair."""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from core.pdf import Document, day

from .models import CaseConference


def conference_pdf(conference: CaseConference) -> bytes:
    case = conference.case
    with translation.override(case.client.preferred_language):
        document = Document(_("Case conference record"))
        document.field(_("Organisation"), case.organisation.name)
        document.field(_("Case"), case.number)
        document.field(_("Client"), case.client.full_name)
        when = date_format(localtime(conference.starts_at), "SHORT_DATETIME_FORMAT")
        document.field(_("Date and time"), when)
        if conference.place:
            document.field(_("Place"), conference.place)
        document.field(_("Chair"), str(conference.chair))
        document.ln(2)
        document.heading(_("Participants"), size=11)
        for participant in conference.participants.select_related("user"):
            mark = " ✓" if participant.attended else ""
            document.line_of(f"  • {participant.user} — {participant.get_role_display()}{mark}")
        document.ln(2)
        document.heading(_("Minutes"), size=11)
        document.line_of(conference.minutes or "—")
        if conference.decisions:
            document.ln(2)
            document.heading(_("Decisions"), size=11)
            document.line_of(conference.decisions)
        document.ln(2)
        document.heading(_("Actions"), size=11)
        for action in conference.actions.select_related("task__owner", "task__organisation"):
            task = action.task
            document.line_of(
                f"  • {task.title} — {task.owner} ({task.organisation.name}), {day(task.due_on)}"
            )
        document.ln(6)
        if conference.signed_off_at:
            signed = date_format(localtime(conference.signed_off_at), "SHORT_DATETIME_FORMAT")
            document.field(_("Signed off by the chair"), f"{conference.chair}, {signed}")
        else:
            document.line_of(_("Draft: not yet signed off by the chair."), bold=True)
        return document.bytes()
