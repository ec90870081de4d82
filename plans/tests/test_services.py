"""C1–C4: plan versions, frozen agreed versions, reviews, agreements from the nine-obligation
template, signing once, obligations with reasons, dated benefit configuration."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Organisation, Role
from accounts.tests.factories import OrganisationFactory, member
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from core.errors import DomainError
from plans import services
from plans.defaults import NINE_OBLIGATIONS
from plans.models import BenefitType, Goal, ObligationStatus, PlanStatus
from plans.tests.factories import agreed_plan, agreement_for

pytestmark = pytest.mark.django_db


def test_goal_needs_a_need_or_client_priority_an_outcome_and_no_date_before_the_plan(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    plan = services.plan_revise(actor=org_a.social_worker, case=case)
    with pytest.raises(DomainError) as info:
        services.goal_add(
            actor=org_a.social_worker,
            plan=plan,
            data=services.GoalInput(
                description="Atpūsties", target_date=timezone.localdate() - timedelta(days=5)
            ),
        )
    assert set(info.value.message_dict) == {"need", "outcome", "target_date"}
    goal = services.goal_add(
        actor=org_a.social_worker,
        plan=plan,
        data=services.GoalInput(
            description="Atpūsties mēnesi", client_priority=True, outcome="Jūtas atpūties"
        ),
    )
    assert goal.client_priority


def test_a_goal_without_a_target_date_cannot_be_agreed(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    plan = services.plan_revise(actor=org_a.social_worker, case=case)
    services.goal_add(
        actor=org_a.social_worker,
        plan=plan,
        data=services.GoalInput(description="Darbs", need="paid_work", outcome="Reģistrēts NVA"),
    )
    with pytest.raises(DomainError, match="termiņu"):
        services.plan_agree(actor=org_a.social_worker, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_editing_an_agreed_plan_makes_a_new_version(org_a: OrganisationWithStaff) -> None:
    """C1: the agreed version is frozen; a change starts a new draft with the same goals and
    agreeing it supersedes the earlier version, which stays as it was."""
    case = open_case(org_a.social_worker, org_a.organisation)
    first = agreed_plan(case, org_a.social_worker)
    with pytest.raises(DomainError):
        services.goal_add(
            actor=org_a.social_worker,
            plan=first,
            data=services.GoalInput(description="X", need="food", outcome="Y"),
        )
    draft = services.plan_revise(actor=org_a.social_worker, case=case)
    assert draft.version == 2
    assert services.plan_revise(actor=org_a.social_worker, case=case) == draft
    copied = draft.goals.get()
    services.goal_change(
        actor=org_a.social_worker,
        goal=copied,
        data=services.GoalInput(
            description="Pagaidu dzīvesvieta grupu dzīvoklī",
            need="shelter",
            outcome="Dzīvo grupu dzīvoklī",
            target_date=timezone.localdate() + timedelta(days=30),
        ),
    )
    services.plan_agree(actor=org_a.social_worker, plan=draft)
    first.refresh_from_db()
    assert first.status == PlanStatus.SUPERSEDED
    assert first.goals.get().description == "Pastāvīga dzīvesvieta"
    assert first.goals.get().steps.count() == 1
    assert copied.steps.count() == 1


def test_review_records_outcomes_and_the_next_assessment(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    plan = agreed_plan(case, org_a.social_worker)
    goal = plan.goals.get()
    today = timezone.localdate()
    with pytest.raises(DomainError):
        services.review_record(
            actor=org_a.social_worker, plan=plan, reviewed_on=today,
            outcomes={goal.pk: ("achieved", "")}, next_assessment_on=today,
        )  # fmt: skip
    review = services.review_record(
        actor=org_a.social_worker, plan=plan, reviewed_on=today,
        outcomes={goal.pk: ("achieved", "Rindā ar nr. 112")},
        next_assessment_on=today + timedelta(days=90),
    )  # fmt: skip
    assert review.outcomes.get().text == "Rindā ar nr. 112"
    assert Goal.objects.get(pk=goal.pk).status == "achieved"


def test_agreement_has_the_nine_obligations_and_the_benefit_valid_today(
    org_a: OrganisationWithStaff,
) -> None:
    """C2: the default template is the handbook's nine obligations; the benefit's amount is
    the dated configuration valid today."""
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    texts = [o.text_in("lv") for o in agreement.obligations.all()]
    assert texts == [item["lv"] for item in NINE_OBLIGATIONS]
    assert len(texts) == 9
    assert texts[3] == "Apmeklēt narkologu"
    assert {o.responsible for o in agreement.obligations.all()} == {"Jānis Bērziņš"}
    assert agreement.benefit_rate is not None
    assert agreement.benefit_rate.first_person_eur == Decimal("150.00")
    assert agreement.benefit_rate.other_person_eur == Decimal("105.00")
    assert agreement.benefit_rate.is_valid_on(timezone.localdate())


def test_benefit_amounts_are_dated_configuration(db: None) -> None:
    services.default_template()
    gmi = BenefitType.objects.get(code="gmi")
    rate_2025 = services.benefit_rate_on(gmi, date(2025, 6, 1))
    rate_2026 = services.benefit_rate_on(gmi, date(2026, 6, 1))
    assert rate_2025 is not None
    assert rate_2026 is not None
    assert rate_2025 != rate_2026
    assert services.benefit_rate_on(gmi, date(2024, 12, 31)) is None


def test_probation_unit_agreement_has_no_benefit(db: None) -> None:
    """C3: same obligations, no benefit."""
    probation = OrganisationFactory.create(
        name="Probācijas dienests (tests)", kind=Organisation.Kind.PROBATION_UNIT
    )
    officer = member(probation, Role.PROBATION_OFFICER)
    case = open_case(officer, probation)
    with pytest.raises(DomainError) as info:
        agreement_for(case, officer, with_benefit=True)
    assert "benefit" in info.value.message_dict
    agreement = agreement_for(case, officer, with_benefit=False)
    assert agreement.benefit_rate is None
    assert agreement.obligations.count() == 9


def test_an_agreement_cannot_be_signed_twice(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    today = timezone.localdate()
    services.agreement_sign(
        actor=org_a.social_worker, agreement=agreement, signed_on=today, method="paper"
    )
    with pytest.raises(DomainError, match="jau tika parakstīts"):
        services.agreement_sign(
            actor=org_a.social_worker, agreement=agreement, signed_on=today, method="in_person"
        )
    agreement.refresh_from_db()
    assert agreement.signing_method == "paper"
    assert agreement.signed_by_worker == org_a.social_worker


def test_not_fulfilled_needs_a_reason_and_evidence_is_kept(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    obligation = agreement_for(case, org_a.social_worker).obligations.first()
    assert obligation is not None
    common: dict[str, Any] = {"due_on": obligation.due_on, "responsible": "Jānis"}
    with pytest.raises(DomainError) as info:
        services.obligation_update(
            actor=org_a.social_worker, obligation=obligation, status="not_fulfilled", **common
        )
    assert "reason" in info.value.message_dict
    services.obligation_update(
        actor=org_a.social_worker, obligation=obligation, status="fulfilled",
        evidence_kind="document",
        evidence_file=services.EvidenceFile("izziņa.pdf", "application/pdf", b"%PDF-1.4"),
        **common,
    )  # fmt: skip
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.FULFILLED
    assert bytes(obligation.evidence_file or b"") == b"%PDF-1.4"


def test_only_case_workers_write(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    with pytest.raises(PermissionDenied):
        services.plan_revise(actor=org_b.social_worker, case=case)
