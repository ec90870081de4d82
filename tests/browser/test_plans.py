"""Issue 4 in a real browser, in Latvian: Jānis's assessment → cooperation plan with goals →
agreement from the default template → PDF with all nine obligations in Latvian → signing →
the next three meetings. axe checks every page (B1–B4, C1–C4, D9)."""

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page
from pypdf import PdfReader

from assessments.models import Assessment, Need
from cases.models import Appointment
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from plans.defaults import NINE_OBLIGATIONS
from plans.models import Agreement, Plan
from plans.services import default_template

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIGH = {Need.SHELTER, Need.SUBSISTENCE, Need.PAID_WORK, Need.CARE}


def test_janis_from_assessment_to_signed_agreement_in_latvian(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
    tmp_path: Path,
) -> None:
    default_template()  # configuration back after the transactional flush
    case = open_case(
        org_a.social_worker, org_a.organisation, imprisonment_months=96, professions="mūrnieks"
    )
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/")
    page.click("text=Vajadzību izvērtējums")
    page.wait_for_load_state()
    page.axe.check()  # type: ignore[attr-defined]
    page.click("text=Izvērtēt vajadzības")
    page.wait_for_load_state()
    page.axe.check()  # type: ignore[attr-defined]

    # B1: shelter, subsistence, paid work, care and rehabilitation high; one need forgotten.
    for index, need in enumerate(Need.values):
        if need == Need.RELATIONSHIPS:
            continue
        page.check(f"#id_level_{need}-{4 if need in HIGH else 2}")
        if index == 0:
            page.fill(f"#id_comment_{need}", "Dzīvo pie mātes vienistabas dzīvoklī")
    page.check("#id_problem_no_home")
    page.check("#id_barrier_motivation")
    page.fill("#id_barrier_motivation_comment", "“Vēlas atpūsties”")
    submit("button >> text=Saglabāt izvērtējumu")
    assert "funkcionālas attiecības" in page.locator(".govuk-error-summary").inner_text()
    assert page.input_value("#id_comment_shelter") == "Dzīvo pie mātes vienistabas dzīvoklī"
    assert page.is_checked("#id_level_care-4")
    page.check("#id_level_relationships-3")
    submit("button >> text=Saglabāt izvērtējumu")
    assert "Izvērtējuma 1. versija saglabāta." in page.content()
    assert page.locator("svg[role=img]").count() == 8
    assert Assessment.objects.get(case=case).scores.get(need=Need.CARE).level == 3
    screenshot("assessment")

    # C1: the plan, a goal refused without an outcome, then agreed.
    page = visit(f"/cases/{case.pk}/plan/")
    submit("button >> text=Sākt plānu")
    page.click("text=Pievienot mērķi")
    page.wait_for_load_state()
    page.axe.check()  # type: ignore[attr-defined]
    page.fill("#id_description", "Pastāvīga dzīvesvieta")
    page.select_option("#id_need", label="pajumte")
    target = (timezone.localdate() + timedelta(days=30)).isoformat()
    page.fill("#id_target_date", target)
    submit("button >> text=Saglabāt mērķi")
    assert "izmērāmu rezultātu" in page.locator(".govuk-error-summary").inner_text()
    assert page.input_value("#id_description") == "Pastāvīga dzīvesvieta"
    page.fill("#id_outcome", "Reģistrēts dzīvokļu rindā")
    submit("button >> text=Saglabāt mērķi")
    page.click("text=Pievienot darbību")
    page.wait_for_load_state()
    page.axe.check()  # type: ignore[attr-defined]
    page.fill("#id_description", "Iesniegt iesniegumu dzīvokļu rindai")
    page.check("label:has-text('klients')")
    page.fill("#id_due_on", (timezone.localdate() + timedelta(days=5)).isoformat())
    submit("button >> text=Saglabāt darbību")
    submit("button >> text=Saskaņot plānu")
    assert "Plāns ir saskaņots" in page.content()
    plan = Plan.objects.get(case=case)
    assert plan.status == "agreed"
    screenshot("plan")

    # C2: the agreement from the default template, with the minimum-income benefit.
    page.click("text=Sagatavot līdzdarbības līgumu")
    page.wait_for_load_state()
    page.axe.check()  # type: ignore[attr-defined]
    page.select_option("#id_benefit", label="Garantētā minimālā ienākuma pabalsts")
    submit("button >> text=Sagatavot līgumu")
    rows = page.locator("#obligations tbody tr")
    assert rows.count() == 9
    assert "Apmeklēt narkologu" in rows.nth(3).inner_text()

    # C4: the PDF for signing contains all nine obligations in Latvian.
    with page.expect_download() as download:
        page.click("text=Lejupielādēt parakstīšanai (PDF)")
    saved = tmp_path / "agreement.pdf"
    download.value.save_as(saved)
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages).split()
    )
    for item in NINE_OBLIGATIONS:
        assert item["lv"] in text
    assert "Paraksts" in text

    page.check("label:has-text('parakstīta papīra formā')")
    submit("button >> text=Ierakstīt parakstīšanu")
    assert "Parakstīšana ierakstīta." in page.content()
    assert Agreement.objects.get(case=case).signing_method == "paper"
    screenshot("agreement")

    # D9: the next three meetings, more frequent at the start.
    for days in (2, 7, 14):
        page = visit(f"/cases/{case.pk}/meetings/new/")
        page.fill(
            "#id_starts_at",
            (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT10:00"),
        )
        submit("button >> text=Ieplānot tikšanos")
    assert Appointment.objects.filter(case=case).count() == 3

    # Reminders: the plan action due in five days is on the caseload.
    page = visit("/cases/")
    assert "Iesniegt iesniegumu dzīvokļu rindai" in page.locator("#reminders").inner_text()
