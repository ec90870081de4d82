"""Fixtures shared by every app's tests: two organisations with users in each role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.data import municipalities
from accounts.models import Municipality, Organisation, PlanningRegion, Role, User
from accounts.tests.factories import OrganisationFactory, member


@dataclass
class OrganisationWithStaff:
    organisation: Organisation
    social_worker: User
    supervisor: User
    admin: User


def _staffed(name: str, municipality_code: str) -> OrganisationWithStaff:
    organisation = OrganisationFactory.create(
        name=name, municipality=Municipality.objects.get(code=municipality_code)
    )
    return OrganisationWithStaff(
        organisation=organisation,
        social_worker=member(organisation, Role.SOCIAL_WORKER),
        supervisor=member(organisation, Role.SUPERVISOR),
        admin=member(organisation, Role.ORGANISATION_ADMIN),
    )


@pytest.fixture(autouse=True)
def reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests (browser tests) flush the database, migrations' data included;
    put the municipalities back before each test that uses the database."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        if not Municipality.objects.exists():
            municipalities.load(PlanningRegion, Municipality)


@pytest.fixture
def org_a(db: None) -> OrganisationWithStaff:
    return _staffed("Saldus novada sociālais dienests (tests)", "saldus-novads")


@pytest.fixture
def org_b(db: None) -> OrganisationWithStaff:
    return _staffed("Liepājas sociālais dienests (tests)", "liepaja")


@pytest.fixture
def system_admin(db: None) -> User:
    organisation = OrganisationFactory.create(
        name="Tilts administrācija (tests)", kind=Organisation.Kind.OTHER
    )
    return member(organisation, Role.SYSTEM_ADMIN)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache: allauth remembers used authenticator codes per
    user id there, and ids repeat after a transactional test flushes the database."""
    from django.core.cache import cache

    cache.clear()
