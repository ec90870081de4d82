"""Employment writes: bad input refused with clear, translated errors; placements and their
follow-ups; permissions (D4, H1-H4)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from cases.models import CaseEvent
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff
from core.errors import DomainError
from employment import services
from employment.models import FollowUp, MinimumWage, Placement
from employment.tests.factories import employer, profile, vacancy

pytestmark = pytest.mark.django_db


def test_minimum_wage_is_dated_configuration() -> None:
    wage_2025 = MinimumWage.objects.in_force(date(2025, 6, 1))
    wage_2026 = MinimumWage.objects.in_force(date(2026, 1, 1))
    assert wage_2025 is not None
    assert wage_2025.monthly_eur == Decimal("740.00")
    assert wage_2026 is not None
    assert wage_2026.monthly_eur == Decimal("780.00")
    assert MinimumWage.objects.in_force(date(2024, 12, 31)) is None


def test_a_wage_below_the_minimum_is_refused_in_the_users_language(
    org_a: OrganisationWithStaff,
) -> None:
    firm = employer(org_a.social_worker)
    with translation.override("lv"), pytest.raises(DomainError) as refused:
        vacancy(org_a.social_worker, firm, wage_eur=Decimal("779.99"), opened_on=date(2026, 2, 1))
    message = refused.value.message_dict["wage_eur"][0]
    assert "780" in message
    assert "minimālo" in message
    # The same wage was lawful under the 2025 amount; part-time is in proportion to the hours.
    vacancy(org_a.social_worker, firm, wage_eur=Decimal("779.99"), opened_on=date(2025, 12, 1))
    vacancy(
        org_a.social_worker, firm, wage_eur=Decimal("390"), hours_per_week=20,
        opened_on=date(2026, 2, 1),
    )  # fmt: skip
    with pytest.raises(DomainError, match=r"390\.00 EUR"):
        vacancy(
            org_a.social_worker, firm, wage_eur=Decimal("389"), hours_per_week=20,
            opened_on=date(2026, 2, 1),
        )  # fmt: skip


def test_an_unknown_occupation_code_is_a_clear_error(org_a: OrganisationWithStaff) -> None:
    firm = employer(org_a.social_worker)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        vacancy(org_a.social_worker, firm, occupation_code="9999 99")
    assert refused.value.message_dict["occupation"] == [
        "There is no occupation with the code 9999 99 in the classification."
    ]
    with translation.override("en"), pytest.raises(DomainError) as malformed:
        vacancy(org_a.social_worker, firm, occupation_code="mūrnieks")
    assert "like 7112 01" in malformed.value.message_dict["occupation"][0]


def test_a_placement_cannot_start_before_the_vacancy_opened(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    job = vacancy(org_a.social_worker, employer(org_a.social_worker))
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.placement_record(
            actor=org_a.social_worker, case=case, vacancy=job,
            started_on=job.opened_on - timedelta(days=1),
        )  # fmt: skip
    assert "cannot start earlier" in refused.value.message_dict["started_on"][0]
    assert not Placement.objects.exists()


def test_a_placement_plans_follow_ups_at_1_3_6_and_12_months(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    job = vacancy(org_a.social_worker, employer(org_a.social_worker), opened_on=date(2025, 1, 1))
    placement = services.placement_record(
        actor=org_a.social_worker, case=case, vacancy=job, started_on=date(2025, 1, 31),
        mentor_name="Andris",
    )  # fmt: skip
    assert placement.employer == job.employer
    assert placement.occupation == job.occupation
    assert [(f.months, f.due_on) for f in placement.follow_ups.all()] == [
        (1, date(2025, 2, 28)), (3, date(2025, 4, 30)), (6, date(2025, 7, 31)),
        (12, date(2026, 1, 31)),
    ]  # fmt: skip
    assert case.events.filter(kind=CaseEvent.Kind.PLACEMENT_RECORDED).exists()


def test_follow_ups_end_or_sustain_the_placement(org_a: OrganisationWithStaff) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    firm = employer(worker)
    start = timezone.localdate() - timedelta(days=400)
    kept = services.placement_record(actor=worker, case=case, employer=firm, started_on=start)
    for follow_up in kept.follow_ups.all():
        services.follow_up_record(
            actor=worker, follow_up=follow_up, case=case, done_on=follow_up.due_on,
            still_employed=True,
        )  # fmt: skip
    kept.refresh_from_db()
    assert kept.outcome == Placement.Outcome.SUSTAINED

    lost = services.placement_record(actor=worker, case=case, employer=firm, started_on=start)
    first = lost.follow_ups.get(months=1)
    with translation.override("en"), pytest.raises(DomainError, match="Say why"):
        services.follow_up_record(
            actor=worker, follow_up=first, case=case, done_on=first.due_on, still_employed=False
        )
    services.follow_up_record(
        actor=worker, follow_up=first, case=case, done_on=first.due_on, still_employed=False,
        reason="dependency",
    )  # fmt: skip
    lost.refresh_from_db()
    assert (lost.outcome, lost.end_reason, lost.ended_on) == ("ended", "dependency", first.due_on)
    assert list(FollowUp.objects.filter(placement=lost).values_list("months", flat=True)) == [1]


def test_another_organisation_cannot_change_the_profile(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    with pytest.raises(PermissionDenied):
        services.profile_update(actor=org_b.social_worker, case=case, readiness="ready_now")
    with pytest.raises(PermissionDenied):
        services.placement_record(
            actor=org_b.social_worker, case=case, employer=employer(org_b.social_worker),
            started_on=timezone.localdate(),
        )  # fmt: skip


def test_work_limitations_need_the_health_rule(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    """A team member from another organisation whose consent covers the plan but not health
    works on the profile but may not write the health-related limitations."""
    case = open_case(org_a.social_worker, org_a.organisation)
    from cases import services as case_services

    case_services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker, role="social_worker"
    )
    consent_for(case, org_b.organisation, "identity", "case_plan")
    services.profile_update(actor=org_b.social_worker, case=case, readiness="later")
    with pytest.raises(PermissionDenied):
        services.limitations_update(actor=org_b.social_worker, case=case, text="x")
    services.limitations_update(actor=org_a.social_worker, case=case, text="Nedrīkst celt smagumus")
    event = case.events.filter(kind=CaseEvent.Kind.EMPLOYMENT_PROFILE_UPDATED).first()
    assert event is not None
    assert "smagumus" not in str(event.data)  # the timeline never says what health data says


def test_profile_keeps_licences_in_order_and_refuses_unknown_ones(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    result = profile(case, "7112 01", licences=["CE", "B", "C"])
    assert result.licence_categories == ",B,C,CE,"
    assert result.licences == ["B", "C", "CE"]
    with pytest.raises(DomainError):
        services.profile_update(
            actor=org_a.social_worker, case=case, readiness="ready_now", licences=["X"]
        )


def test_an_experience_entry_with_a_year_in_the_future_is_refused(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    with pytest.raises(DomainError) as refused:
        services.experience_add(
            actor=org_a.social_worker, case=case, occupation_code="7112 01", years=2,
            last_worked_year=timezone.localdate().year + 1,
        )  # fmt: skip
    assert "last_worked_year" in refused.value.message_dict


def test_an_employer_is_an_organisation_of_the_employer_kind(org_a: OrganisationWithStaff) -> None:
    firm = employer(org_a.social_worker, mentor_name="Andris", incentives_wanted=["tax_relief"])
    assert firm.kind == "employer"
    assert firm.employer_profile.mentor_name == "Andris"
    with pytest.raises(DomainError):
        employer(org_a.social_worker)  # the same name twice
    with pytest.raises(DomainError):
        vacancy(org_a.social_worker, org_a.organisation)  # a social service has no vacancies
