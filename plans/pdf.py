"""The plan and the agreement as PDF for signing (C4), in the client's language, with the
bundled DejaVu Sans so Latvian diacritics and Cyrillic render without system fonts."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from cases.models import Case

from .models import Agreement, Plan

# fontTools logs every glyph it subsets at INFO level: far too chatty for the app log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("Tilts")
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()
        self.heading(title, size=16)

    def heading(self, text: str, size: int = 12) -> None:
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def line_of(self, text: str, size: int = 10, bold: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def field(self, label: str, value: str) -> None:
        self.line_of(f"{label}: {value}")

    def signatures(self, client_name: str, worker_name: str) -> None:
        self.ln(10)
        signature, day = _("Signature"), _("Date")
        signature_line = f"{signature}: ______________________    {day}: ____________"
        for role, name in ((_("Client"), client_name), (_("Worker"), worker_name)):
            self.set_font(FAMILY, "", 10)
            self.cell(0, 8, f"{role}: {name}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.cell(
                0,
                10,
                signature_line,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            self.ln(4)

    def bytes(self) -> bytes:
        return bytes(self.output())


def _day(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _header(document: _Document, case: Case) -> None:
    document.field(_("Organisation"), case.organisation.name)
    document.field(_("Case"), case.number)
    document.field(_("Client"), case.client.full_name)


def plan_pdf(case: Case, plan: Plan) -> bytes:
    with translation.override(case.client.preferred_language):
        document = _Document(_("Cooperation plan"))
        _header(document, case)
        document.field(_("Version"), f"{plan.version} ({plan.get_status_display()})")
        if plan.agreed_on:
            document.field(_("Agreed on"), _day(plan.agreed_on))
        document.ln(3)
        for number, goal in enumerate(plan.goals.all(), start=1):
            document.heading(f"{number}. {goal.description}", size=11)
            link = goal.get_need_display() if goal.need else ""
            if goal.client_priority:
                link = ", ".join(filter(None, [link, _("the client's own priority")]))
            document.field(_("Need"), link or "—")
            document.field(_("Measurable outcome"), goal.outcome or "—")
            document.field(_("Target date"), _day(goal.target_date))
            document.field(_("Status"), goal.get_status_display())
            for step in goal.steps.all():
                who = step.institution or step.get_actor_display()
                document.line_of(
                    f"  • {step.description} — {who}, {_day(step.due_on)} "
                    f"({step.get_status_display()})"
                )
            document.ln(2)
        document.signatures(case.client.full_name, str(case.lead_worker))
        return document.bytes()


def agreement_pdf(case: Case, agreement: Agreement) -> bytes:
    language = case.client.preferred_language
    with translation.override(language):
        document = _Document(_("Participation agreement"))
        _header(document, case)
        document.field(_("Cooperation plan version"), str(agreement.plan.version))
        rate = agreement.benefit_rate
        if rate is not None:
            document.field(_("Benefit"), rate.benefit.text_in(language))
            document.field(
                _("Amount"),
                _("%(first)s EUR for the first or only person, %(other)s EUR for each other")
                % {"first": rate.first_person_eur, "other": rate.other_person_eur},
            )
        document.ln(3)
        document.heading(_("Participation obligations"), size=12)
        for number, obligation in enumerate(agreement.obligations.all(), start=1):
            document.line_of(f"{number}. {obligation.text_in(language)}", bold=True)
            due, responsible = _("Due date"), _("Responsible person")
            document.line_of(
                f"    {due}: {_day(obligation.due_on)} · {responsible}: {obligation.responsible}"
            )
            document.ln(1)
        if agreement.signed_on:
            document.ln(2)
            document.field(
                _("Signed"),
                f"{_day(agreement.signed_on)}, {agreement.get_signing_method_display()}",
            )
        worker = agreement.signed_by_worker or case.lead_worker
        document.signatures(case.client.full_name, str(worker))
        return document.bytes()
