"""plan_items_fulfil (issue 5: referral outcomes fulfil plan steps and agreement obligations):
open steps become completed and pending obligations fulfilled with the evidence in words;
steps and obligations already closed are left as they are."""

import pytest

from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from plans import services
from plans.models import EvidenceKind, ObligationStatus, StepStatus
from plans.tests.factories import agreement_for

pytestmark = pytest.mark.django_db


def test_open_items_are_fulfilled_and_closed_ones_left_alone(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    agreement = agreement_for(open_case(worker, org_a.organisation), worker)
    step = agreement.plan.goals.get().steps.get()
    first, second = list(agreement.obligations.all())[:2]
    services.obligation_update(
        actor=worker, obligation=second, status=ObligationStatus.WAIVED, due_on=second.due_on,
        responsible=second.responsible, reason="Nav vajadzīgs",
    )  # fmt: skip
    services.plan_items_fulfil(actor=worker, step=step, obligation=first, evidence_text=" Nr. 7 ")
    services.plan_items_fulfil(actor=worker, step=None, obligation=second, evidence_text="Nr. 8")
    step.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert step.status == StepStatus.COMPLETED
    assert (first.status, first.evidence_kind, first.evidence_text) == (
        ObligationStatus.FULFILLED, EvidenceKind.TEXT, "Nr. 7",
    )  # fmt: skip
    assert second.status == ObligationStatus.WAIVED
    services.step_set_status(actor=worker, step=step, status=StepStatus.NOT_NEEDED)
    services.plan_items_fulfil(actor=worker, step=step, obligation=None, evidence_text="x")
    step.refresh_from_db()
    assert step.status == StepStatus.NOT_NEEDED
