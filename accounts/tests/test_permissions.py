"""The authorisation layer's object side (rules)."""

import pytest

from accounts.models import Role
from accounts.tests.factories import member
from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db


def test_only_organisation_admin_manages_members(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    assert org_a.admin.has_perm("accounts.manage_organisation_members", org_a.organisation)
    assert not org_a.social_worker.has_perm(
        "accounts.manage_organisation_members", org_a.organisation
    )
    assert not org_a.supervisor.has_perm("accounts.manage_organisation_members", org_a.organisation)
    assert not org_a.admin.has_perm("accounts.manage_organisation_members", org_b.organisation)


def test_view_user_requires_a_shared_organisation(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    assert org_a.social_worker.has_perm("accounts.view_user", org_a.supervisor)
    assert not org_a.social_worker.has_perm("accounts.view_user", org_b.social_worker)


def test_only_system_admin_creates_organisations(
    org_a: OrganisationWithStaff, system_admin: object
) -> None:
    assert not org_a.admin.has_perm("accounts.create_organisation")
    assert system_admin.has_perm("accounts.create_organisation")  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM_ADMIN])
def test_no_other_role_reaches_another_organisation(
    role: Role, org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    user = member(org_a.organisation, role)
    assert not user.has_perm("accounts.view_organisation", org_b.organisation)
    assert not user.has_perm("accounts.manage_organisation_members", org_b.organisation)
    assert not user.has_perm("accounts.view_user", org_b.admin)
