"""The clients matching may propose are exactly those whose case plan the worker may see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import member
from cases import services as case_services
from cases.models import Case, CaseAccessGrant
from cases.selectors import case_plans_visible_to
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff
from employment.selectors import plan_visible_cases

pytestmark = pytest.mark.django_db


def test_the_list_agrees_with_the_view_case_plan_rule(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    colleague = member(org_a.organisation, Role.SOCIAL_WORKER)
    own = open_case(org_a.social_worker, org_a.organisation, first_name="Savs")
    on_team = open_case(org_a.supervisor, org_a.organisation, first_name="Komanda")
    case_services.team_member_add(
        actor=org_a.supervisor, case=on_team, user=colleague, role="social_worker"
    )
    theirs_identity = open_case(org_b.social_worker, org_b.organisation, first_name="Identitāte")
    theirs_plan = open_case(org_b.social_worker, org_b.organisation, first_name="Plāns")
    for case in (theirs_identity, theirs_plan):
        case_services.team_member_add(
            actor=org_b.social_worker, case=case, user=colleague, role="social_worker"
        )
    consent_for(theirs_identity, org_a.organisation, "identity")
    consent_for(theirs_plan, org_a.organisation, "identity", "case_plan")
    granted = open_case(org_a.supervisor, org_a.organisation, first_name="Atļauja")
    CaseAccessGrant.objects.create(
        case=granted, user=colleague, reason="Aizvieto kolēģi",
        expires_at=timezone.now() + timedelta(hours=1),
    )  # fmt: skip
    closed = open_case(colleague, org_a.organisation, first_name="Slēgts")
    case_services.case_set_status(
        actor=colleague, case=closed, status="closed", closure_reason="goals_achieved"
    )
    everyone = [org_a.social_worker, org_a.supervisor, org_a.admin, colleague, org_b.social_worker]
    for user in everyone:
        expected = {c.pk for c in Case.objects.all() if user.has_perm("cases.view_case", c)
                    and user.has_perm("cases.view_case_plan", c)}  # fmt: skip
        assert set(case_plans_visible_to(user).values_list("pk", flat=True)) == expected, user
    assert set(plan_visible_cases(colleague)) == {on_team, theirs_plan, granted}
    assert own not in plan_visible_cases(colleague)
    # The caseload's form of the rule, from the cases it read (issue 10): the same cases, and
    # the same due follow-ups (one placement, hence follow-ups, on every case).
    from cases.selectors import case_plans_visible_condition, my_cases_read
    from employment import services
    from employment.selectors import follow_ups_due
    from employment.tests.factories import employer

    firm = employer(org_a.social_worker)
    started = timezone.localdate() - timedelta(days=40)
    for case in Case.objects.exclude(status="closed"):
        services.placement_record(
            actor=case.lead_worker, case=case, employer=firm, started_on=started
        )
    today = timezone.localdate()
    for user in everyone:
        mine = my_cases_read(user)
        condition = case_plans_visible_condition(user, mine)
        expected = set(case_plans_visible_to(user).values_list("pk", flat=True))
        assert set(Case.objects.filter(condition).values_list("pk", flat=True)) == expected, user
        due = list(follow_ups_due(user, today))
        assert list(follow_ups_due(user, today, mine=mine)) == due, user
    colleague_due = follow_ups_due(colleague, today, mine=my_cases_read(colleague))
    assert {f.placement.case_id for f in colleague_due} == {on_team.pk, theirs_plan.pk, granted.pk}
