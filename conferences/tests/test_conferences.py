"""Case conferences and shared tasks across organisations (F1–F3, E3, B3)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases import services
from cases.models import Appointment, Case, TeamRole
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from inbox.models import Notification
from tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_case(org_a: OrganisationWithStaff, org_b: OrganisationWithStaff) -> Case:
    case = open_case(org_a.social_worker, org_a.organisation)
    services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker,
        role=TeamRole.PROBATION_OFFICER,
    )  # fmt: skip
    return case


def _when(days: int = 3) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT10:00")


def test_a_participant_without_consent_is_refused_with_the_input_kept(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, team_case: Case
) -> None:
    url = reverse("conferences:case_conferences", args=[team_case.pk])
    data = {"starts_at": _when(), "place": "Saldus, zāle", "participants": [org_b.social_worker.pk]}
    response = client_for(org_a.social_worker).post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "piekrišana neaptver" in page
    assert 'value="Saldus, zāle"' in page
    assert not team_case.conferences.exists()


def test_conference_invites_builds_the_agenda_and_actions_become_tasks(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, team_case: Case
) -> None:
    consent_for(team_case, org_b.organisation)
    Appointment.objects.create(
        case=team_case, worker=org_a.social_worker, place="Birojs",
        starts_at=timezone.now() - timedelta(days=2),
    )  # fmt: skip
    lead = client_for(org_a.social_worker)
    response = lead.post(
        reverse("conferences:case_conferences", args=[team_case.pk]),
        {"starts_at": _when(), "place": "Saldus", "participants": [org_b.social_worker.pk]},
    )
    assert response.status_code == 302
    conference = team_case.conferences.get()
    invitation = Notification.objects.get(user=org_b.social_worker)
    assert invitation.kind == Notification.Kind.CONFERENCE_INVITATION
    assert "Bērziņš" not in invitation.link
    officer = client_for(org_b.social_worker)
    page = officer.get(reverse("conferences:detail", args=[conference.pk])).content.decode()
    assert "Tikšanās bez rezultāta" in page  # the agenda comes from the case

    action_url = reverse("conferences:action_add", args=[conference.pk])
    missing = lead.post(action_url, {"title": "Sagatavot raksturojumu"})
    assert missing.status_code == 400
    missing_page = missing.content.decode()
    assert "Izvēlieties, kas to darīs." in missing_page
    assert "Ievadiet termiņu." in missing_page
    assert 'value="Sagatavot raksturojumu"' in missing_page
    done = lead.post(
        action_url,
        {"title": "Sagatavot raksturojumu", "owner": org_b.social_worker.pk,
         "due_on": (timezone.localdate() + timedelta(days=7)).isoformat()},
    )  # fmt: skip
    assert done.status_code == 302
    task = Task.objects.get()
    assert task.owner == org_b.social_worker
    assert task.organisation == org_b.organisation  # on the owner's list, in their organisation
    assert Notification.objects.filter(user=org_b.social_worker, kind="task_assigned").exists()
    supervision = client_for(org_a.supervisor).get(reverse("conferences:supervision"))
    assert "Sagatavot raksturojumu" in supervision.content.decode()  # waiting on another org


def test_only_the_chair_signs_off_and_the_record_then_freezes(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, team_case: Case
) -> None:
    consent_for(team_case, org_b.organisation)
    from conferences.services import conference_plan

    conference = conference_plan(
        actor=org_a.social_worker, case=team_case, starts_at=timezone.now() + timedelta(hours=1),
        place="Saldus", video_link="", participants=[org_b.social_worker],
    )  # fmt: skip
    sign_off = reverse("conferences:sign_off", args=[conference.pk])
    assert client_for(org_b.social_worker).post(sign_off).status_code == 403
    lead = client_for(org_a.social_worker)
    lead.post(sign_off)
    conference.refresh_from_db()
    assert conference.status == "planned"  # no minutes yet: refused
    lead.post(
        reverse("conferences:record", args=[conference.pk]),
        {"minutes": "Apspriests darba plāns.", "decisions": "Meklēt darbu būvniecībā.",
         "attended": [org_a.social_worker.pk, org_b.social_worker.pk]},
    )  # fmt: skip
    lead.post(sign_off)
    conference.refresh_from_db()
    assert conference.status == "signed_off"
    late = lead.post(reverse("conferences:record", args=[conference.pk]), {"minutes": "Labojums"})
    assert late.status_code == 400
    conference.refresh_from_db()
    assert conference.minutes == "Apspriests darba plāns."


def test_overdue_tasks_count_on_the_supervisors_view_and_only_owners_close_them(
    org_a: OrganisationWithStaff, team_case: Case
) -> None:
    task = Task.objects.create(
        case=team_case, title="Pieteikt NVA", owner=org_a.social_worker,
        organisation=org_a.organisation, due_on=timezone.localdate() - timedelta(days=1),
        created_by=org_a.social_worker,
    )  # fmt: skip
    from conferences.supervision import workers_overview

    rows = {w.pk: w for w in workers_overview({org_a.organisation.pk})}
    assert rows[org_a.social_worker.pk].overdue_tasks == 1
    assert rows[org_a.social_worker.pk].active_cases == 1
    url = reverse("tasks:task_status", args=[task.pk])
    client_for(org_a.social_worker).post(url, {"status": "done"})
    task.refresh_from_db()
    assert task.status == "done"
    assert task.completed_at is not None


def test_my_open_tasks_show_on_my_caseload_with_overdue_flagged(
    org_a: OrganisationWithStaff, team_case: Case
) -> None:
    Task.objects.create(
        case=team_case, title="Pieteikt NVA", owner=org_a.social_worker,
        organisation=org_a.organisation, due_on=timezone.localdate() - timedelta(days=1),
        created_by=org_a.social_worker,
    )  # fmt: skip
    page = client_for(org_a.social_worker).get(reverse("cases:caseload")).content.decode()
    assert "Mani uzdevumi" in page
    assert "Pieteikt NVA" in page
    assert "nokavēts" in page
    assert f"lieta {team_case.number}" in page  # the case's number, read with the task
    other = client_for(org_a.supervisor).get(reverse("cases:caseload")).content.decode()
    assert "Pieteikt NVA" not in other


def test_the_signed_record_downloads_as_pdf_in_the_clients_language(
    org_a: OrganisationWithStaff, team_case: Case
) -> None:
    """F2: printable conference record, in the client's language, signed off by the chair."""
    from io import BytesIO

    from pypdf import PdfReader

    from conferences.services import conference_plan, conference_record, conference_sign_off

    conference = conference_plan(
        actor=org_a.social_worker, case=team_case, starts_at=timezone.now() + timedelta(hours=1),
        place="Saldus", video_link="", participants=[],
    )  # fmt: skip
    conference_record(
        actor=org_a.social_worker, conference=conference,
        minutes="Apspriests darba plāns.", decisions="Meklēt darbu.", attended=[],
    )  # fmt: skip
    conference_sign_off(actor=org_a.social_worker, conference=conference)
    response = client_for(org_a.social_worker).get(
        reverse("conferences:record_pdf", args=[conference.pk])
    )
    assert response.status_code == 200
    assert "Bērziņš" not in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Gadījuma apspriedes protokols" in text
    assert "Apspriests darba plāns." in text
    assert "Jānis Bērziņš" in text


def test_the_agenda_lists_open_goals_and_overdue_obligations(
    org_a: OrganisationWithStaff, team_case: Case
) -> None:
    """F2 + C2: the agenda is built from the plan and the agreement too."""
    from conferences.selectors import agenda_for
    from plans.models import Obligation
    from plans.tests.factories import agreement_for

    agreement = agreement_for(team_case, org_a.social_worker)
    Obligation.objects.filter(agreement=agreement).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    with translation.override("en"):
        titles = {item.title: item.detail for item in agenda_for(team_case)}
    assert "Pastāvīga dzīvesvieta" in titles["Open goals of the plan"]
    assert titles["Overdue obligations"].count(";") == 8  # all nine obligations are late
