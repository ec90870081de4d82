"""Intake, notes, meetings and the timeline (A1–A3, D9, E1–E3, F1)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from accounts.models import Role
from accounts.tests.factories import member
from cases import services
from cases.cadence import proposed_dates
from cases.methods import METHOD_GROUPS, Method
from cases.models import Appointment, CaseEvent, CaseStatus, FollowUpCadence, TeamRole
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff
from core.errors import DomainError
from people.models import Client
from people.personal_code import with_check_digit

pytestmark = pytest.mark.django_db


def test_catalogue_has_23_methods_in_three_groups() -> None:
    assert len(Method) == 23
    assert [len(methods) for methods in METHOD_GROUPS.values()] == [5, 3, 15]
    assert {m for methods in METHOD_GROUPS.values() for m in methods} == set(Method)


def test_intake_opens_a_numbered_case_with_the_worker_as_lead(org_a: OrganisationWithStaff) -> None:
    code = with_check_digit("1503751234")
    case = open_case(org_a.social_worker, org_a.organisation, personal_code=code.replace("-", ""))
    assert case.lead_worker == org_a.social_worker
    assert case.number.endswith("-0001")
    assert case.client.personal_code == code
    assert case.client.birth_date is not None
    assert case.client.search_name.startswith("janis berzins")
    assert [e.kind for e in case.events.all()] == [CaseEvent.Kind.CREATED]
    second = open_case(org_a.social_worker, org_a.organisation, first_name="Pēteris")
    assert second.number.endswith("-0002")


def test_invalid_personal_code_is_refused_with_a_translated_message(
    org_a: OrganisationWithStaff,
) -> None:
    with translation.override("lv"), pytest.raises(DomainError) as error:
        open_case(org_a.social_worker, org_a.organisation, personal_code="123")
    assert "11 cipari" in error.value.message_dict["personal_code"][0]
    assert not Client.objects.exists()


def test_future_release_date_needs_pre_release_status(org_a: OrganisationWithStaff) -> None:
    future = timezone.localdate() + timedelta(days=30)
    with pytest.raises(DomainError) as error:
        open_case(org_a.social_worker, org_a.organisation, release_date=future)
    assert "release_date" in error.value.message_dict
    case = services.case_open(
        actor=org_a.social_worker,
        organisation=org_a.organisation,
        details=services.ClientDetails(
            first_name="Ivars", last_name="Lācis",
            municipality_id=org_a.organisation.municipality_id,
            living_situation="shelter", release_date=future,
        ),
        status=CaseStatus.PRE_RELEASE,
    )  # fmt: skip
    assert case.status == CaseStatus.PRE_RELEASE


def test_admin_without_case_role_cannot_open_cases(org_a: OrganisationWithStaff) -> None:
    with pytest.raises(PermissionDenied):
        open_case(org_a.admin, org_a.organisation)


def test_notes_are_sanitised_and_corrections_keep_history(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    note = services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text="<script>alert(1)</script>Runājām par <b>dokumentiem</b>",
        methods=[Method.INTERVIEW, Method.INTERVIEW, Method.ECOMAP],
    )  # fmt: skip
    assert note.text == "Runājām par dokumentiem"
    assert note.methods == ["interview", "ecomap"]
    services.note_correct(
        actor=org_a.social_worker, note=note, occurred_on=note.occurred_on,
        contact_type="phone", text="Labots teksts", methods=[],
    )  # fmt: skip
    assert note.history.count() == 2
    assert note.history.earliest().text == "Runājām par dokumentiem"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[:2] == [CaseEvent.Kind.NOTE_EDITED, CaseEvent.Kind.NOTE_ADDED]


def test_plain_text_comparisons_survive_sanitising(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    note = services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text="Ienākumi < 200 € & parādi", methods=[],
    )  # fmt: skip
    assert note.text == "Ienākumi < 200 € & parādi"


def test_only_the_author_corrects_a_note(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    note = services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text="Teksts", methods=[],
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.note_correct(
            actor=org_a.supervisor, note=note, occurred_on=note.occurred_on,
            contact_type="office", text="Cits", methods=[],
        )  # fmt: skip


def test_note_in_the_future_and_unknown_method_are_refused(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    with pytest.raises(DomainError):
        services.note_add(
            actor=org_a.social_worker, case=case,
            occurred_on=timezone.localdate() + timedelta(days=1),
            contact_type="office", text="x", methods=[],
        )  # fmt: skip
    with pytest.raises(DomainError):
        services.note_add(
            actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
            contact_type="office", text="x", methods=["astrology"],
        )  # fmt: skip


def test_planning_a_meeting_in_the_past_is_refused(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    with translation.override("lv"), pytest.raises(DomainError) as error:
        services.appointment_plan(
            actor=org_a.social_worker, case=case,
            starts_at=timezone.now() - timedelta(hours=2), place="Birojs",
        )  # fmt: skip
    assert "nākotnē" in error.value.message_dict["starts_at"][0]
    assert not Appointment.objects.exists()


def test_meeting_outcomes_reach_the_timeline(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    appointment = services.appointment_plan(
        actor=org_a.social_worker, case=case,
        starts_at=timezone.now() + timedelta(days=1), place="Birojs",
    )  # fmt: skip
    with pytest.raises(DomainError):  # not held yet: only cancelling is possible
        services.appointment_record(
            actor=org_a.social_worker, appointment=appointment, status="held"
        )
    appointment.starts_at = timezone.now() - timedelta(hours=1)
    appointment.save()
    services.appointment_record(
        actor=org_a.social_worker, appointment=appointment, status="missed", outcome="Neieradās"
    )
    assert case.events.first().kind == CaseEvent.Kind.APPOINTMENT_MISSED  # type: ignore[union-attr]


def test_cadence_is_front_loaded(org_a: OrganisationWithStaff) -> None:
    today = timezone.localdate()
    case = open_case(org_a.social_worker, org_a.organisation, opened_on=today)
    first_month = proposed_dates(case, after=today, count=3)
    gaps = [(b - a).days for a, b in zip([today, *first_month], first_month, strict=False)]
    assert all(7 <= gap <= 9 for gap in gaps)  # weekly (moved off weekends)
    later = proposed_dates(case, after=today + timedelta(days=45), count=1)[0]
    assert 14 <= (later - (today + timedelta(days=45))).days <= 16
    much_later = proposed_dates(case, after=today + timedelta(days=200), count=1)[0]
    assert 30 <= (much_later - (today + timedelta(days=200))).days <= 32
    assert all(day.weekday() < 5 for day in first_month)


def test_cadence_is_configurable_per_organisation(org_a: OrganisationWithStaff) -> None:
    FollowUpCadence.objects.create(organisation=org_a.organisation, steps=[[None, 3]])
    today = timezone.localdate()
    case = open_case(org_a.social_worker, org_a.organisation, opened_on=today)
    first = proposed_dates(case, after=today, count=1)[0]
    assert 3 <= (first - today).days <= 5


def test_team_member_from_another_organisation_gets_access(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    assert not org_b.social_worker.has_perm("cases.view_case", case)
    services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker, role=TeamRole.NGO_WORKER
    )
    case = type(case).objects.get(pk=case.pk)
    assert not org_b.social_worker.has_perm("cases.view_case", case)  # no consent yet
    consent_for(case, org_b.organisation)
    case = type(case).objects.get(pk=case.pk)
    assert org_b.social_worker.has_perm("cases.view_case", case)
    assert not org_b.social_worker.has_perm("cases.view_health", case)
    narcologist = member(org_b.organisation, Role.NGO_WORKER)
    services.team_member_add(
        actor=org_a.social_worker, case=case, user=narcologist, role=TeamRole.NARCOLOGIST
    )
    case = type(case).objects.get(pk=case.pk)
    assert narcologist.has_perm("cases.view_health", case)


def test_a_supervisor_hands_the_case_to_a_colleague_of_the_same_organisation(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    """F1: the lead worker can change; only to a case worker of the case's organisation."""
    case = open_case(org_a.social_worker, org_a.organisation)
    colleague = member(org_a.organisation, Role.SOCIAL_WORKER)
    with translation.override("lv"), pytest.raises(DomainError) as error:
        services.case_reassign(actor=org_a.supervisor, case=case, lead_worker=org_b.social_worker)
    assert "organizācijas" in error.value.message_dict["lead_worker"][0]
    with pytest.raises(PermissionDenied):
        services.case_reassign(actor=colleague, case=case, lead_worker=colleague)
    services.case_reassign(actor=org_a.supervisor, case=case, lead_worker=colleague)
    case.refresh_from_db()
    assert case.lead_worker == colleague
    assert case.events.filter(kind="assigned").exists()
    assert colleague.has_perm("cases.view_case", type(case).objects.get(pk=case.pk))
