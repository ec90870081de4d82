"""Issue 3 in a real browser, in Latvian: intake → case → notes → meetings, axe on every page."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from cases.models import Appointment, Case, CaseNote
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_intake_case_notes_and_meetings_in_latvian(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    sign_in(org_a.social_worker)
    page = visit("/cases/new/")
    assert page.locator("h1").inner_text() == "Reģistrēt jaunu klientu"

    # A1 intake with a wrong personal code: translated error, everything typed kept.
    page.fill("#id_first_name", "Jānis")
    page.fill("#id_last_name", "Bērziņš")
    page.fill("#id_personal_code", "12345")
    page.check("label:has-text('latgaliešu')")
    page.select_option("#id_municipality", label="Saldus novads")
    page.fill("#id_release_date", (timezone.localdate() - timedelta(days=3)).isoformat())
    page.fill("#id_place_of_imprisonment", "Jelgavas cietums")
    page.check("label:has-text('pie radiniekiem')")
    page.fill("#id_professions", "mūrnieks")
    submit("button >> text=Atvērt lietu")
    summary = page.locator(".govuk-error-summary")
    assert "11 cipari" in summary.inner_text()
    assert page.input_value("#id_first_name") == "Jānis"
    assert page.input_value("#id_place_of_imprisonment") == "Jelgavas cietums"
    assert page.is_checked("label:has-text('pie radiniekiem') >> xpath=../input")
    screenshot("intake-error")

    page.fill("#id_personal_code", "")
    submit("button >> text=Atvērt lietu")
    case = Case.objects.get(client__last_name="Bērziņš")
    assert page.locator("h1").inner_text().startswith("Jānis Bērziņš")
    assert f"Lieta {case.number} atvērta." in page.content()

    # A3: the client's own words, kept apart from the worker's notes.
    page.check("label:has-text('vēlme')")
    page.fill("#id_text", "Gribu atpūsties un tad strādāt par mūrnieku.")
    submit("button >> text=Ierakstīt klienta vārdus")
    assert "Gribu atpūsties" in page.locator(".govuk-inset-text").inner_text()

    # E1–E3: a note with methods from the catalogue.
    page.click("text=Pievienot piezīmi")
    page.wait_for_load_state()
    page.axe.check()  # type: ignore[attr-defined]
    page.check("label:has-text('mājas vizīte')")
    page.check("label:has-text('ekokarte')")
    page.check("label:has-text('intervija')")
    page.fill("#id_participants", "Jānis, māsa Ilze")
    page.fill("#id_text", "Pirmā tikšanās mājās. <script>alert(1)</script>")
    submit("button >> text=Saglabāt piezīmi")
    assert "Piezīme saglabāta." in page.content()
    notes = page.locator(".govuk-summary-card")
    assert "ekokarte, intervija" in notes.first.inner_text()
    assert "Pirmā tikšanās mājās." in notes.first.inner_text()
    assert "<script" not in CaseNote.objects.get(case=case).text  # sanitised before storing
    screenshot("case-with-note")

    # D9: plan the first proposed meeting; a meeting in the past is refused, input kept.
    page.click("text=Plānot tikšanos")
    page.wait_for_load_state()
    page.axe.check()  # type: ignore[attr-defined]
    page.fill(
        "#id_starts_at", (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT10:00")
    )
    page.fill("#id_place", "Saldus, 12. kabinets")
    submit("button >> text=Ieplānot tikšanos")
    assert (
        "Plānotai tikšanās reizei jābūt nākotnē"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert page.input_value("#id_place") == "Saldus, 12. kabinets"
    page.fill(
        "#id_starts_at", (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT10:00")
    )
    submit("button >> text=Ieplānot tikšanos")
    assert "Tikšanās ieplānota." in page.content()
    meeting = Appointment.objects.get(case=case)
    assert meeting.place == "Saldus, 12. kabinets"

    # The timeline shows what happened, newest first (MOJ timeline).
    titles = page.locator(".moj-timeline__title").all_inner_texts()
    assert titles[0] == "Tikšanās ieplānota"
    assert "Pievienota piezīme" in titles
    assert "Lieta atvērta" in titles

    # The caseload lists the case with its next meeting; search ignores diacritics.
    page = visit("/cases/")
    row = page.locator("tr", has_text="Bērziņš")
    assert case.number in row.inner_text()
    page.fill("#q", "janis berzins")
    submit("main button >> text=Meklēt")
    assert "Jānis Bērziņš" in page.locator("main").inner_text()
    assert "berzins" not in page.url  # names never go into URLs
    screenshot("search")


def test_the_persons_record_pages_in_latvian(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
) -> None:
    """A1/F1: correcting details, documents, income, health and the team; axe on each page."""
    case = open_case(org_a.social_worker, org_a.organisation)
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/person/")
    page.fill("#id_phone", "+371 20000000")
    submit("button >> text=Saglabāt datus")
    assert "Personas dati saglabāti." in page.content()
    page = visit(f"/cases/{case.pk}/documents/")
    page.select_option("#id_passport_or_id", label="pieteikts")
    submit("button >> text=Saglabāt dokumentus")
    assert "pase vai personas apliecība: pieteikts" in page.locator("main").inner_text()
    page = visit(f"/cases/{case.pk}/income/")
    page.select_option("#id_kind", label="garantētā minimālā ienākuma pabalsts")
    page.fill("#id_amount_eur", "150,00")
    submit("button >> text=Pievienot ienākumus")
    assert "150" in page.locator(".govuk-summary-list").inner_text()
    page = visit(f"/cases/{case.pk}/health/")
    page.check("#id_alcohol_dependency")
    submit("button >> text=Saglabāt veselības sadaļu")
    assert "alkohola atkarība" in page.locator("main").inner_text()
    page = visit(f"/cases/{case.pk}/team/")
    page.fill("#id_email", org_a.supervisor.email)
    page.select_option("#id_role", label="psihologs")
    submit("button >> text=Pievienot komandai")
    assert "psihologs" in page.locator(".govuk-summary-list").inner_text()


def test_the_case_is_handed_over_on_its_own_page_in_latvian(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    """Issue 10: the hand-over page (axe-checked) replaces the select of every case worker on
    the case page; the caseload's lead-worker filter offers the lead workers of my cases."""
    from accounts.tests.factories import member

    case = open_case(org_a.social_worker, org_a.organisation)
    successor = member(org_a.organisation, first_name="Zane", last_name="Ozola")
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/")
    assert page.locator("select[name=lead_worker]").count() == 0
    with page.expect_navigation():
        page.click("a >> text=Nodot lietu")
    page.axe.check()  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Nodot lietu"
    assert (
        page.locator("label[for=id_lead_worker]").inner_text().startswith("Atbildīgais darbinieks")
    )
    screenshot("hand-over")
    page.select_option("#id_lead_worker", label="Zane Ozola")
    submit("main button >> text=Nodot lietu")
    assert "Atbildīgais darbinieks nomainīts." in page.content()
    case.refresh_from_db()
    assert case.lead_worker_id == successor.pk

    page = visit("/cases/")
    options = page.locator("#id_worker option").all_text_contents()
    assert options[0] == "visas"  # the filter is there, with its empty choice
    assert "Zane Ozola" not in options  # she leads none of my cases
    screenshot("caseload")
