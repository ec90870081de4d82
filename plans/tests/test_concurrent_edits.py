"""Issue 28, finding 5: plan goals, agreeing the plan and obligations refuse a stale save."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from core.tests.html_forms import form_posting_to
from plans import services
from plans.models import Goal, Plan, PlanStatus
from plans.tests.factories import agreement_for

pytestmark = pytest.mark.django_db


def _draft_with_goal(org: OrganisationWithStaff) -> tuple[Plan, Goal]:
    case = open_case(org.social_worker, org.organisation)
    plan = services.plan_revise(actor=org.social_worker, case=case)
    goal = services.goal_add(
        actor=org.social_worker, plan=plan,
        data=services.GoalInput(
            description="Darbs", need="paid_work", outcome="Reģistrēts NVA",
            target_date=timezone.localdate() + timedelta(days=30),
        ),
    )  # fmt: skip
    return plan, goal


def test_a_stale_goal_edit_is_refused_and_the_other_change_kept(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 28, finding 5: two people edit the same goal; the stale save answers 409."""
    plan, goal = _draft_with_goal(org_a)
    url = reverse("plans:goal_edit", args=[plan.case_id, plan.pk, goal.pk])
    first, second = client_for(org_a.social_worker), client_for(org_a.social_worker)
    page = first.get(url).content.decode()
    form_1 = form_posting_to(page, "", page=url)
    form_2 = form_posting_to(second.get(url).content.decode(), "", page=url)
    assert first.post(url, form_1.post_data(outcome="Strādā algotu darbu")).status_code == 302
    stale = second.post(url, form_2.post_data(description="Darbs kokapstrādē"))
    assert stale.status_code == 409
    assert "Strādā algotu darbu" in stale.content.decode()  # shown beside the field
    goal.refresh_from_db()
    assert (goal.description, goal.outcome) == ("Darbs", "Strādā algotu darbu")


def test_agreeing_a_plan_changed_since_its_page_was_opened_is_refused(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 28, finding 5: no one agrees a plan whose goals changed after they read it."""
    plan, goal = _draft_with_goal(org_a)
    page_url = reverse("plans:detail", args=[plan.case_id, plan.pk])
    action = reverse("plans:agree", args=[plan.case_id, plan.pk])
    client = client_for(org_a.social_worker)
    form = form_posting_to(client.get(page_url).content.decode(), action)
    services.goal_change(
        actor=org_a.social_worker, goal=goal,
        data=services.GoalInput(
            description="Darbs", need="paid_work", outcome="Cits rezultāts",
            target_date=goal.target_date,
        ),
    )  # fmt: skip
    refused = client.post(action, form.post_data())
    assert refused.status_code == 409
    assert "plāna mērķi un darbības" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    # The refused page carries the current version: agreeing now succeeds.
    again = form_posting_to(refused.content.decode(), action)
    assert client.post(action, again.post_data()).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED


def test_a_stale_obligation_update_is_refused(org_a: OrganisationWithStaff) -> None:
    """Issue 28, finding 5: two follow-ups of the same obligation from the same version."""
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    obligation = agreement.obligations.order_by("pk").first()
    assert obligation is not None
    url = reverse("plans:obligation_edit", args=[case.pk, obligation.pk])
    first, second = client_for(org_a.social_worker), client_for(org_a.social_worker)
    form_1 = form_posting_to(first.get(url).content.decode(), "", page=url)
    form_2 = form_posting_to(second.get(url).content.decode(), "", page=url)
    assert first.post(url, form_1.post_data(responsible="Anna Ozola")).status_code == 302
    assert second.post(url, form_2.post_data(responsible="Pēteris Kalns")).status_code == 409
    obligation.refresh_from_db()
    assert obligation.responsible == "Anna Ozola"
