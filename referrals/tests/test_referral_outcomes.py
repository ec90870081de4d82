"""Issue 5: referral outcomes fulfil plan steps and agreement obligations. A referral may be
made for an open step of the case's plan and a pending obligation of its agreement (only of
the same case); completing it completes the step and fulfils the obligation with evidence
naming the referral, through plans' services (history kept); failing or withdrawing it
changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from core.errors import DomainError
from directory.models import DirectoryOrganisation, Service
from directory.services import directory_import
from directory.tests.factories import service_doc, uid
from plans.models import Agreement, EvidenceKind, ObligationStatus, StepStatus
from plans.tests.factories import agreement_for
from referrals.models import Referral
from referrals.services import referral_create, referral_transition

pytestmark = pytest.mark.django_db
S = Referral.Status


@pytest.fixture
def soup(db: None) -> Service:
    directory_import(actor=None, data=service_doc("out", areas=("Saldus novads",)))
    return Service.objects.get(pk=uid("out", "service"))


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation, first_name="Andris")


@pytest.fixture
def agreement(org_a: OrganisationWithStaff, case: Case) -> Agreement:
    return agreement_for(case, org_a.social_worker)


def _linked(worker: object, case: Case, soup: Service, agreement: Agreement) -> Referral:
    step = agreement.plan.goals.get().steps.get()
    obligation = agreement.obligations.first()
    return referral_create(
        actor=worker, case=case, service=soup, reason="Pusdienas.",  # type: ignore[arg-type]
        plan_step=step, obligation=obligation,
    )  # fmt: skip


def test_completing_the_referral_completes_the_step_and_fulfils_the_obligation(
    org_a: OrganisationWithStaff, case: Case, soup: Service, agreement: Agreement
) -> None:
    worker = org_a.social_worker
    referral = _linked(worker, case, soup, agreement)
    assert referral.plan_step is not None
    assert referral.obligation is not None
    referral_transition(actor=worker, referral=referral, to_status=S.ACCEPTED, reason="")
    referral_transition(
        actor=worker, referral=referral, to_status=S.COMPLETED, reason="",
        outcome="Pusdienas 10 darba dienas.",
    )  # fmt: skip
    step = referral.plan_step
    step.refresh_from_db()
    assert step.status == StepStatus.COMPLETED
    assert step.history.latest().status == StepStatus.COMPLETED
    obligation = referral.obligation
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.FULFILLED
    assert obligation.evidence_kind == EvidenceKind.TEXT
    assert f"Referral no. {referral.pk} to Zupas virtuve" in obligation.evidence_text
    assert "Pusdienas 10 darba dienas." in obligation.evidence_text
    assert obligation.history.latest().status == ObligationStatus.FULFILLED


@pytest.mark.parametrize("end", [S.FAILED, S.CANCELLED])
def test_failed_or_withdrawn_referrals_change_nothing(
    org_a: OrganisationWithStaff, case: Case, soup: Service, agreement: Agreement, end: str
) -> None:
    worker = org_a.social_worker
    referral = _linked(worker, case, soup, agreement)
    referral_transition(actor=worker, referral=referral, to_status=S.ACCEPTED, reason="")
    referral_transition(actor=worker, referral=referral, to_status=end, reason="Neieradās")
    assert referral.plan_step is not None
    assert referral.obligation is not None
    referral.plan_step.refresh_from_db()
    referral.obligation.refresh_from_db()
    assert referral.plan_step.status == StepStatus.NOT_STARTED
    assert referral.obligation.status == ObligationStatus.PENDING


def test_the_receiving_organisation_completing_it_fulfils_them_too(
    org_a: OrganisationWithStaff,
    org_b: OrganisationWithStaff,
    case: Case,
    soup: Service,
    agreement: Agreement,
) -> None:
    DirectoryOrganisation.objects.filter(pk=soup.organisation_id).update(
        uses_tilts_as=org_b.organisation
    )
    consent_for(case, org_b.organisation, "identity")  # a referral follows consent (issue 19)
    referral = _linked(org_a.social_worker, case, soup, agreement)
    receiver = org_b.social_worker
    referral_transition(actor=receiver, referral=referral, to_status=S.ACCEPTED, reason="")
    referral_transition(
        actor=receiver, referral=referral, to_status=S.COMPLETED, reason="", outcome="Paēdis."
    )
    assert referral.obligation is not None
    referral.obligation.refresh_from_db()
    assert referral.obligation.status == ObligationStatus.FULFILLED


def test_only_steps_and_obligations_of_the_same_case_may_be_linked(
    org_a: OrganisationWithStaff, case: Case, soup: Service, agreement: Agreement
) -> None:
    worker = org_a.social_worker
    other = open_case(worker, org_a.organisation, first_name="Guntis")
    with pytest.raises(DomainError) as caught:
        _linked(worker, other, soup, agreement)
    assert set(caught.value.message_dict) == {"plan_step", "obligation"}
    assert not Referral.objects.exists()


def test_the_referral_page_offers_the_cases_steps_and_refuses_others(
    org_a: OrganisationWithStaff, case: Case, soup: Service, agreement: Agreement
) -> None:
    worker = org_a.social_worker
    step = agreement.plan.goals.get().steps.get()
    obligation = agreement.obligations.first()
    assert obligation is not None
    other = open_case(worker, org_a.organisation, first_name="Guntis")
    foreign = agreement_for(other, worker).plan.goals.get().steps.get()
    client = client_for(worker, "en")
    url = reverse("referrals:case_referrals", args=[case.pk])
    page = client.get(url).content.decode()
    steps = page.split('id="id_plan_step"', 1)[1].split("</select>", 1)[0]
    assert f'value="{step.pk}"' in steps
    assert f'value="{foreign.pk}"' not in steps
    refused = client.post(
        url, {"service": str(soup.pk), "reason": "Pusdienas", "plan_step": str(foreign.pk)}
    )
    assert refused.status_code == 400
    assert "Choose an open step of this client" in refused.content.decode()
    sent = client.post(
        url,
        {"service": str(soup.pk), "reason": "Pusdienas", "plan_step": str(step.pk),
         "obligation": str(obligation.pk)},
    )  # fmt: skip
    assert sent.status_code == 302
    referral = Referral.objects.get()
    assert (referral.plan_step, referral.obligation) == (step, obligation)
    shown = client.get(url).content.decode()
    assert "For the plan step" in shown
