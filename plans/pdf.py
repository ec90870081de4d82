"""The plan and the agreement as PDF for signing (C4), in the client's language, with the
bundled DejaVu Sans so Latvian diacritics and Cyrillic render without system fonts."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Case
from core.pdf import Document, day

from .models import Agreement, Plan


def _header(document: Document, case: Case) -> None:
    document.field(_("Organisation"), case.organisation.name)
    document.field(_("Case"), case.number)
    document.field(_("Client"), case.client.full_name)


def plan_pdf(case: Case, plan: Plan) -> bytes:
    with translation.override(case.client.preferred_language):
        document = Document(_("Cooperation plan"))
        _header(document, case)
        document.field(_("Version"), f"{plan.version} ({plan.get_status_display()})")
        if plan.agreed_on:
            document.field(_("Agreed on"), day(plan.agreed_on))
        document.ln(3)
        for number, goal in enumerate(plan.goals.all(), start=1):
            document.heading(f"{number}. {goal.description}", size=11)
            link = goal.get_need_display() if goal.need else ""
            if goal.client_priority:
                link = ", ".join(filter(None, [link, _("the client's own priority")]))
            document.field(_("Need"), link or "—")
            document.field(_("Measurable outcome"), goal.outcome or "—")
            document.field(_("Target date"), day(goal.target_date))
            document.field(_("Status"), goal.get_status_display())
            for step in goal.steps.all():
                who = step.institution or step.get_actor_display()
                document.line_of(
                    f"  • {step.description} — {who}, {day(step.due_on)} "
                    f"({step.get_status_display()})"
                )
            document.ln(2)
        document.signatures(case.client.full_name, str(case.lead_worker))
        return document.bytes()


def agreement_pdf(case: Case, agreement: Agreement) -> bytes:
    language = case.client.preferred_language
    with translation.override(language):
        document = Document(_("Participation agreement"))
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
                f"    {due}: {day(obligation.due_on)} · {responsible}: {obligation.responsible}"
            )
            document.ln(1)
        if agreement.signed_on:
            document.ln(2)
            document.field(
                _("Signed"),
                f"{day(agreement.signed_on)}, {agreement.get_signing_method_display()}",
            )
        worker = agreement.signed_by_worker or case.lead_worker
        document.signatures(case.client.full_name, str(worker))
        return document.bytes()
