"""Issue 7 in a real browser, in Latvian: a bricklayer's employment profile, the vacancies that
fit him with reasons, a start of work and the follow-ups it plans; axe on every page."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from employment import classifier
from employment.models import MinimumWage, Occupation, OccupationGroup
from employment.tests.factories import employer, vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def classification() -> None:
    """Transactional tests flush the migrations' reference data: load it again."""
    classifier.load_seed(OccupationGroup, Occupation)
    MinimumWage.objects.get_or_create(valid_from="2026-01-01", defaults={"monthly_eur": 780})


def test_profile_matching_and_placement_in_latvian(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    firm = employer(worker, mentor_name="Andris Kalējs")
    vacancy(worker, firm, "7112 01", title="Mūrnieks objektos Saldū", mentor_available=True)
    sign_in(worker)
    page = visit(f"/cases/{case.pk}/")
    submit("main a >> text=Nodarbinātība")
    page.check("label:has-text('vēlas strādāt vēlāk')")
    page.fill("#id_readiness_note", "Gribu vispirms atpūsties.")
    page.check("label:has-text('Mūrnieks (7112 01)')")
    submit("main button >> text=Saglabāt profilu")
    assert "Nodarbinātības profils saglabāts." in page.content()
    page.fill("#id_experience-occupation_code", "7112 01")
    page.fill("#id_experience-years", "6")
    submit("main button >> text=Pievienot pieredzi")
    assert "6 gadi" in page.locator("main").inner_text()
    submit("main a >> text=Piemērotās vakances")
    table = page.locator("table").inner_text()
    assert "Mūrnieks objektos Saldū" in table
    assert "Tā pati profesija: Mūrnieks" in table
    assert "Ir kolēģis mentors" in table
    screenshot("matches")
    visit(f"/cases/{case.pk}/employment/placements/")
    page.select_option("#id_vacancy", index=1)
    page.fill("#id_started_on", "2000-01-01")
    submit("main button >> text=Reģistrēt darba uzsākšanu")
    assert "darbu caur to nevar sākt agrāk" in page.locator(".govuk-error-summary").inner_text()
    from django.utils import timezone

    page.fill("#id_started_on", timezone.localdate().isoformat())
    page.fill("#id_mentor_name", "Andris Kalējs")
    submit("main button >> text=Reģistrēt darba uzsākšanu")
    assert "Pēcpārbaudes pēc 1, 3, 6 un 12 mēnešiem ieplānotas." in page.content()
    assert "pēc 12 mēnešiem" in page.locator("main").inner_text()
    screenshot("placement")
    page = visit("/vacancies/")
    assert "Mūrnieks objektos Saldū" in page.locator("table").inner_text()
    submit("button >> text=Iziet")


def test_a_proposed_step_goes_to_the_plan_with_a_local_service_in_latvian(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    """A bricklayer with basic education and a driver's job: the licence proposal offers the
    driving school of his municipality; a refused choice shows the error summary."""
    from directory.models import Service
    from directory.services import directory_import
    from directory.tests.factories import service_doc, uid
    from employment.tests.factories import profile
    from plans.models import Step

    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation, education_level="basic")
    profile(case, "7112 01", years=3)
    job = vacancy(
        worker, employer(worker), "8322 01", title="Autovadītājs Saldū", licence_category="B",
        required_education="secondary",
    )  # fmt: skip
    for key, name, need in (
        ("school", "Autoskola „Ceļš”", "vocational-training"),
        ("classes", "Vakara vidusskola", "general-education"),
    ):
        directory_import(
            actor=None,
            data=service_doc(
                key, name=name, need=need, areas=("Saldus novads",),
                organisation=f"{name} (organizācija)",
            ),
        )  # fmt: skip
    school = Service.objects.get(pk=uid("school", "service"))
    sign_in(worker)
    page = visit(f"/cases/{case.pk}/employment/vacancies/")
    licence = page.locator(f"#step-{job.pk}-licence")
    assert "Autovadītāju kursi B kategorijai" in licence.inner_text()
    assert "Autoskola „Ceļš”" in licence.inner_text()
    select = f"#step-{job.pk}-licence-service"
    # A choice the page never offers (a school of general education) is refused on the page.
    page.eval_on_selector(
        select, "(el, value) => { el.options[0].value = value; }", uid("classes", "service")
    )
    submit(f"#step-{job.pk}-licence button >> text=Pievienot sadarbības plānam")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Šis pakalpojums nenodrošina ieteikto soli." in summary
    screenshot("refused-step")
    page.select_option(select, str(school.pk))
    submit(f"#step-{job.pk}-licence button >> text=Pievienot sadarbības plānam")
    assert "Pievienots sadarbības plāna projektam" in page.locator("main").inner_text()
    step = Step.objects.get()
    assert step.institution == "Autoskola „Ceļš” (organizācija): Autoskola „Ceļš”"
    page = visit(f"/cases/{case.pk}/plan/")
    plan = page.locator("main").inner_text()
    assert "Autovadītāju kursi B kategorijai — vakance: Autovadītājs" in plan
    assert "Atrast darbu un to noturēt" in plan
    screenshot("plan-with-step")
