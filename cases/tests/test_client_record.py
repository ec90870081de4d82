"""The person's record from a case: rectification with history, documents, income, health,
the team across organisations (A1, A4, F1)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from audit.models import AccessLog
from cases import client_services, selectors, services
from cases.models import CaseEvent, TeamRole
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from core.errors import DomainError
from people.models import HealthRecord, IdentityDocument

pytestmark = pytest.mark.django_db


def _person_data(case: object, **changes: object) -> dict[str, object]:
    client = case.client  # type: ignore[attr-defined]
    data: dict[str, object] = {
        "first_name": client.first_name, "last_name": client.last_name, "personal_code": "",
        "gender": client.gender, "preferred_language": "lv",
        "municipality": client.municipality_id, "living_situation": client.living_situation,
        "education_level": client.education_level, "supervision_status": "none",
        "professions": "", "family_situation": "", "work_history": "", "phone": "",
        "address": "", "place_of_imprisonment": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_correcting_details_keeps_the_earlier_values_and_says_so_on_the_timeline(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation, professions="mūrnieks")
    response = client_for(org_a.social_worker).post(
        reverse("cases:person_edit", args=[case.pk]),
        _person_data(case, professions="mūrnieks, metinātājs", phone="+371 20000000"),
    )
    assert response.status_code == 302
    case.client.refresh_from_db()
    assert case.client.professions == "mūrnieks, metinātājs"
    assert case.client.history.count() == 2
    assert case.client.history.earliest().professions == "mūrnieks"
    event = case.events.get(kind=CaseEvent.Kind.CLIENT_UPDATED)
    assert event.data == {"fields": ["phone", "professions"]}  # names of fields, no values
    page = client_for(org_a.social_worker).get(reverse("cases:person_edit", args=[case.pk]))
    assert "profesijas vai specialitātes" in page.content.decode()


def test_an_invalid_personal_code_on_correction_keeps_everything_typed(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    response = client_for(org_a.social_worker).post(
        reverse("cases:person_edit", args=[case.pk]),
        _person_data(case, personal_code="010180-1234", phone="+371 29999999"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "11 cipari" in page
    assert 'value="010180-1234"' in page
    assert 'value="+371 29999999"' in page
    case.client.refresh_from_db()
    assert case.client.phone == ""


def test_a_personal_code_of_another_client_is_refused(org_a: OrganisationWithStaff) -> None:
    first = open_case(org_a.social_worker, org_a.organisation, personal_code="010180-12347")
    second = open_case(org_a.social_worker, org_a.organisation, first_name="Pēteris")
    details = services.ClientDetails(
        first_name="Pēteris", last_name="Bērziņš",
        municipality_id=second.client.municipality_id,
        living_situation="own_home", personal_code=first.client.personal_code or "",
    )  # fmt: skip
    with translation.override("lv"), pytest.raises(DomainError) as error:
        client_services.client_update(actor=org_a.social_worker, case=second, details=details)
    assert "jau ir reģistrēts" in error.value.message_dict["personal_code"][0]


def test_documents_are_set_and_history_kept(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    url = reverse("cases:documents_edit", args=[case.pk])
    client = client_for(org_a.social_worker)
    statuses = dict.fromkeys(IdentityDocument.Kind.values, "missing")
    assert client.post(url, statuses).status_code == 302
    assert client.post(url, statuses | {"passport_or_id": "applied"}).status_code == 302
    passport = case.client.documents.get(kind="passport_or_id")
    assert passport.status == "applied"
    assert [h.status for h in passport.history.order_by("history_date")] == ["missing", "applied"]
    assert case.events.filter(kind=CaseEvent.Kind.DOCUMENTS_UPDATED).count() == 2


def test_income_with_a_bad_amount_is_refused_with_the_input_kept(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    url = reverse("cases:income_add", args=[case.pk])
    client = client_for(org_a.social_worker)
    response = client.post(url, {"kind": "wages", "amount_eur": "daudz", "period": "monthly"})
    assert response.status_code == 400
    assert "Ievadiet summu kā skaitli" in response.content.decode()
    assert 'value="daudz"' in response.content.decode()
    ok = client.post(
        url, {"kind": "minimum_income_benefit", "amount_eur": "150,50", "period": "monthly"}
    )
    assert ok.status_code == 302
    income = case.client.incomes.get()
    assert income.amount_eur == Decimal("150.50")
    client.post(reverse("cases:income_remove", args=[case.pk, income.pk]))
    assert not case.client.incomes.exists()
    assert income.history.filter(history_type="-").exists()


def test_health_section_needs_its_own_permission(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker,
        role=TeamRole.EMPLOYMENT_AGENCY_WORKER,
    )  # fmt: skip
    consent_for(case, org_b.organisation)  # everything, health included: the role still decides
    url = reverse("cases:health_edit", args=[case.pk])
    assert client_for(org_b.social_worker).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        client_services.health_update(actor=org_b.social_worker, case=case, tuberculosis=True)
    response = client_for(org_a.social_worker).post(
        url, {"alcohol_dependency": "on", "dependency_notes": "Ārstējas pie narkologa."}
    )
    assert response.status_code == 302
    record = HealthRecord.objects.get(client=case.client)
    assert record.alcohol_dependency
    assert record.dependency_notes == "Ārstējas pie narkologa."
    assert case.events.get(kind=CaseEvent.Kind.HEALTH_UPDATED).data == {}
    client_for(org_a.social_worker).get(url)
    assert AccessLog.objects.filter(object_type="health", object_id=record.pk).exists()


def test_a_colleague_of_another_organisation_joins_and_leaves_the_team(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    url = reverse("cases:team", args=[case.pk])
    lead = client_for(org_a.social_worker)
    unknown = lead.post(url, {"email": "nav.sistema@example.lv", "role": "narcologist"})
    assert unknown.status_code == 400
    assert 'value="nav.sistema@example.lv"' in unknown.content.decode()
    assert selectors.case_for(org_b.social_worker, case.pk) is None
    joined = lead.post(
        url, {"email": org_b.social_worker.email.upper(), "role": "probation_officer"}
    )
    assert joined.status_code == 302
    assert selectors.case_for(org_b.social_worker, case.pk) is None  # no consent yet (A4)
    consent_for(case, org_b.organisation)
    assert selectors.case_for(org_b.social_worker, case.pk) is not None
    member = case.team.get(user=org_b.social_worker)
    lead.post(reverse("cases:team_remove", args=[case.pk, member.pk]))
    assert selectors.case_for(org_b.social_worker, case.pk) is None
    assert case.team.filter(user=org_b.social_worker, is_active=False).exists()
    kinds = list(case.events.values_list("kind", flat=True))
    assert CaseEvent.Kind.TEAM_MEMBER_ADDED in kinds
    assert CaseEvent.Kind.TEAM_MEMBER_REMOVED in kinds


def test_only_the_lead_or_a_supervisor_manages_the_team(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker, role="psychologist"
    )
    consent_for(case, org_b.organisation)
    assert (
        client_for(org_b.social_worker).get(reverse("cases:team", args=[case.pk])).status_code
        == 403
    )
    assert (
        client_for(org_a.supervisor).get(reverse("cases:team", args=[case.pk])).status_code == 200
    )


@pytest.mark.parametrize(
    "name", ["person_edit", "documents_edit", "income_add", "health_edit", "team"]
)
def test_record_pages_of_another_organisation_are_not_found(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, name: str
) -> None:
    theirs = open_case(org_b.social_worker, org_b.organisation, first_name="Olegs")
    response: object = client_for(org_a.social_worker).get(
        reverse(f"cases:{name}", args=[theirs.pk])
    )
    assert response.status_code == 404  # type: ignore[attr-defined]
    assert "Olegs" not in response.content.decode()  # type: ignore[attr-defined]


def test_a_supervisor_sets_the_follow_up_plan_and_cases_propose_from_it(
    org_a: OrganisationWithStaff,
) -> None:
    """D9: the front-loaded cadence is configurable per organisation; bad plans are refused."""
    url = reverse("cases:cadence_edit", args=[org_a.organisation.pk])
    assert client_for(org_a.social_worker).get(url).status_code == 403
    supervisor = client_for(org_a.supervisor)
    page = supervisor.get(url).content.decode()
    assert 'value="30"' in page and 'value="7"' in page  # noqa: PT018 — the default plan
    backwards = {"first_until": 30, "first_every": 14, "second_until": 90, "second_every": 7,
                 "then_every": 30}  # fmt: skip
    refused = supervisor.post(url, backwards)
    assert refused.status_code == 400
    assert "vispirms biežāk" in refused.content.decode()
    assert 'value="14"' in refused.content.decode()
    plan = {"first_until": 14, "first_every": 3, "second_until": 60, "second_every": 10,
            "then_every": 30}  # fmt: skip
    assert supervisor.post(url, plan).status_code == 302
    case = open_case(org_a.social_worker, org_a.organisation)
    from cases.cadence import proposed_dates

    proposed = proposed_dates(case, after=case.opened_on)
    gaps = [(b - a).days for a, b in zip([case.opened_on, *proposed], proposed, strict=False)]
    assert all(3 <= gap <= 5 for gap in gaps)  # every 3 days, moved off weekends


def test_the_follow_up_plan_of_another_organisation_is_not_found(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    url = reverse("cases:cadence_edit", args=[org_b.organisation.pk])
    assert client_for(org_a.supervisor).get(url).status_code == 404
