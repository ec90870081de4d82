"""The authorisation layer's list side: a user of one organisation sees nothing of another's."""

import pytest

from accounts.selectors import organisations_visible_to, users_visible_to
from accounts.tests.factories import member
from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db


def test_member_sees_only_own_organisation(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    visible = list(organisations_visible_to(org_a.social_worker))
    assert visible == [org_a.organisation]


def test_member_sees_only_colleagues_of_own_organisation(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    visible = set(users_visible_to(org_a.social_worker))
    assert visible == {org_a.social_worker, org_a.supervisor, org_a.admin}
    assert org_b.social_worker not in visible


def test_user_in_two_organisations_sees_both(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    from accounts.tests.factories import MembershipFactory

    MembershipFactory.create(user=org_a.social_worker, organisation=org_b.organisation)
    assert set(organisations_visible_to(org_a.social_worker)) == {
        org_a.organisation,
        org_b.organisation,
    }


def test_suspended_membership_hides_the_organisation(org_a: OrganisationWithStaff) -> None:
    membership = org_a.social_worker.memberships.get()
    membership.is_active = False
    membership.save()
    assert list(organisations_visible_to(org_a.social_worker)) == []
    assert list(users_visible_to(org_a.social_worker)) == []


def test_deactivated_organisation_is_not_visible_to_its_members(
    org_a: OrganisationWithStaff,
) -> None:
    org_a.organisation.is_active = False
    org_a.organisation.save()
    assert list(organisations_visible_to(org_a.social_worker)) == []


def test_system_admin_sees_every_organisation(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, system_admin: object
) -> None:
    visible = set(organisations_visible_to(system_admin))
    assert {org_a.organisation, org_b.organisation} <= visible


def test_anonymous_user_sees_nothing(org_a: OrganisationWithStaff) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert list(organisations_visible_to(AnonymousUser())) == []
    assert list(users_visible_to(AnonymousUser())) == []


def test_inactive_user_sees_nothing(org_a: OrganisationWithStaff) -> None:
    worker = member(org_a.organisation, is_active=False)
    assert list(organisations_visible_to(worker)) == []


def test_permission_checks_count_only_active_memberships_of_active_organisations(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    from accounts.models import Membership, Role, User
    from accounts.permissions import organisation_ids_of

    worker = org_a.social_worker
    Membership.objects.create(user=worker, organisation=org_b.organisation, role=Role.SUPERVISOR)

    def fresh() -> User:  # the memberships are read once per request (per user object)
        return User.objects.get(pk=worker.pk)

    assert organisation_ids_of(fresh()) == {org_a.organisation.pk, org_b.organisation.pk}
    assert organisation_ids_of(fresh(), Role.SUPERVISOR) == {org_b.organisation.pk}
    org_b.organisation.is_active = False
    org_b.organisation.save()
    assert organisation_ids_of(fresh()) == {org_a.organisation.pk}
    worker.memberships.filter(organisation=org_a.organisation).update(is_active=False)
    assert organisation_ids_of(fresh()) == set()
