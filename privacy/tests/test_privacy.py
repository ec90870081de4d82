"""Data-subject rights and retention (issue 6): export, erasure, scheduled anonymisation."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from cases import client_services, selectors, services
from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from people.models import Client as Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_case(org_a: OrganisationWithStaff, org_b: OrganisationWithStaff) -> Case:
    case = open_case(
        org_a.social_worker, org_a.organisation, personal_code="010180-12347",
        professions="mūrnieks",
    )  # fmt: skip
    services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text="Runājām par dzīvesvietu.", methods=["interview"],
    )  # fmt: skip
    client_services.health_update(actor=org_a.social_worker, case=case, alcohol_dependency=True)
    consent_for(case, org_b.organisation, "identity")
    client_for(org_a.social_worker).get(reverse("cases:detail", args=[case.pk]))
    return case


def test_a_supervisor_exports_everything_held_about_the_person(
    org_a: OrganisationWithStaff, full_case: Case
) -> None:
    url = reverse("privacy:data_export", args=[full_case.pk])
    assert client_for(org_a.social_worker).get(url).status_code == 403
    response = client_for(org_a.supervisor).get(url)
    assert response.status_code == 200
    assert "Bērziņš" not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["last_name"] == "Bērziņš"
    assert data["person"]["personal_code"] == "010180-12347"
    assert data["health"]["alcohol_dependency"] is True
    assert data["cases"][0]["notes"][0]["text"] == "Runājām par dzīvesvietu."
    assert data["consents"][0]["organisation"] == "Liepājas sociālais dienests (tests)"
    assert any(row["action"] == "view" for row in data["access_log"])
    assert AccessLog.objects.filter(action="export", user=org_a.supervisor).exists()
    page = client_for(org_a.supervisor).get(reverse("privacy:data_request", args=[full_case.pk]))
    assert "Lejupielādēt visu (JSON)" in page.content.decode()
    pdf = client_for(org_a.supervisor).get(reverse("privacy:data_pdf", args=[full_case.pk]))
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Dati, ko Tilts glabā par jums" in text
    assert "Runājām par dzīvesvietu." in text
    assert "Bērziņš" in text


def test_erasure_waits_for_every_case_to_close_then_removes_the_person_for_good(
    org_a: OrganisationWithStaff, full_case: Case
) -> None:
    url = reverse("privacy:anonymise", args=[full_case.pk])
    supervisor = client_for(org_a.supervisor)
    refused = supervisor.post(url, {"reason": "Persona lūdza dzēst datus"})
    assert refused.status_code == 400
    assert "Vispirms slēdziet" in refused.content.decode()
    assert Person.objects.get().last_name == "Bērziņš"
    services.case_set_status(
        actor=org_a.supervisor, case=full_case, status="closed", closure_reason="goals_achieved"
    )
    assert supervisor.post(url, {"reason": "Persona lūdza dzēst datus"}).status_code == 302
    person = Person.objects.get()
    assert "Bērziņš" not in person.last_name
    assert person.personal_code is None
    assert person.professions == ""
    assert full_case.notes.get().text == ""
    assert not person.consents.exists()
    assert not hasattr(Person.objects.get(), "health") or person.health is None
    history_names = list(Person.history.values_list("last_name", flat=True))
    assert all("Bērziņš" not in name for name in history_names)
    assert not selectors.case_search(org_a.supervisor, "berzins").exists()


def test_retention_dry_run_reports_and_the_real_run_anonymises_only_old_cases(
    org_a: OrganisationWithStaff,
) -> None:
    old = open_case(org_a.social_worker, org_a.organisation, last_name="Vecais")
    recent = open_case(org_a.social_worker, org_a.organisation, last_name="Nesenais")
    for case in (old, recent):
        services.case_set_status(
            actor=org_a.social_worker, case=case, status="closed", closure_reason="goals_achieved"
        )
    Case.objects.filter(pk=old.pk).update(closed_on=timezone.localdate() - timedelta(days=6 * 366))
    report = StringIO()
    call_command("apply_retention", "--dry-run", stdout=report)
    assert "1 people would be anonymised" in report.getvalue()
    assert "Vecais" not in report.getvalue()
    assert Person.objects.filter(last_name="Vecais").exists()
    call_command("apply_retention", stdout=StringIO())
    assert not Person.objects.filter(last_name="Vecais").exists()
    assert Person.objects.filter(last_name="Nesenais").exists()
    again = StringIO()
    call_command("apply_retention", "--dry-run", stdout=again)
    assert "0 people" in again.getvalue()


def test_health_sections_go_sooner_than_the_rest(org_a: OrganisationWithStaff) -> None:
    """Retention per data category: health after 2 years, the person after 5 (settings)."""
    case = open_case(org_a.social_worker, org_a.organisation, last_name="Veselais")
    client_services.health_update(actor=org_a.social_worker, case=case, drug_dependency=True)
    services.case_set_status(
        actor=org_a.social_worker, case=case, status="closed", closure_reason="goals_achieved"
    )
    Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate() - timedelta(days=3 * 366))
    report = StringIO()
    call_command("apply_retention", "--dry-run", stdout=report)
    assert "1 health sections would be deleted" in report.getvalue()
    assert "0 people would be anonymised" in report.getvalue()
    call_command("apply_retention", stdout=StringIO())
    person = Person.objects.get(last_name="Veselais")
    assert not hasattr(person, "health")
    from people.models import HealthRecord

    assert not HealthRecord.history.filter(client_id=person.pk).exists()


def test_erasure_reaches_every_app_holding_text_about_the_person(
    org_a: OrganisationWithStaff,
) -> None:
    """Art. 17 across apps: genogram names, goals, conference minutes and task titles go too."""
    from conferences.models import CaseConference
    from conferences.services import conference_plan, conference_record
    from diagrams.models import GenogramPerson
    from plans.models import Goal
    from plans.tests.factories import agreed_plan
    from tasks.models import Task

    case = open_case(org_a.social_worker, org_a.organisation)
    agreed_plan(case, org_a.social_worker)
    GenogramPerson.objects.create(case=case, name="Māsa Ilze Bērziņa", sex="female")
    conference = conference_plan(
        actor=org_a.social_worker, case=case, starts_at=timezone.now() + timedelta(hours=1),
        place="Saldus", video_link="", participants=[],
    )  # fmt: skip
    conference_record(
        actor=org_a.social_worker, conference=conference,
        minutes="Jānis stāstīja par māsu Ilzi.", decisions="", attended=[],
    )  # fmt: skip
    Task.objects.create(
        case=case, title="Piezvanīt Ilzei Bērziņai", owner=org_a.social_worker,
        organisation=org_a.organisation, due_on=timezone.localdate(),
        created_by=org_a.social_worker,
    )  # fmt: skip
    services.case_set_status(
        actor=org_a.supervisor, case=case, status="closed", closure_reason="goals_achieved"
    )
    client_for(org_a.supervisor).post(
        reverse("privacy:anonymise", args=[case.pk]), {"reason": "Persona lūdza dzēst datus"}
    )
    assert GenogramPerson.objects.get(case=case).name == ""
    assert all(goal.description == "" for goal in Goal.objects.filter(plan__case=case))
    assert CaseConference.objects.get().minutes == ""
    assert Task.objects.get().title == ""
    assert not Task.history.filter(title__contains="Ilze").exists()
