"""Synthetic test data. Names are invented; passwords are hashed once per test run."""

from __future__ import annotations

import time
from functools import cache

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.hashers import make_password
from factory.declarations import LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory

from accounts.models import Membership, Municipality, Organisation, Role, User

TEST_PASSWORD = "correct-horse-battery-staple-7"
TEST_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


@cache
def hashed_test_password() -> str:
    return make_password(TEST_PASSWORD)


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = Sequence(lambda n: f"Testa sociālais dienests {n}")
    kind = Organisation.Kind.MUNICIPAL_SOCIAL_SERVICE
    municipality = LazyFunction(lambda: Municipality.objects.get(code="saldus-novads"))


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = Sequence(lambda n: f"worker{n}@test.tilts.example")
    first_name = "Jānis"
    last_name = Sequence(lambda n: f"Testiņš{n}")
    password = LazyFunction(hashed_test_password)


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = SubFactory(UserFactory)
    organisation = SubFactory(OrganisationFactory)
    role = Role.SOCIAL_WORKER


def member(
    organisation: Organisation, role: str = Role.SOCIAL_WORKER, **user_fields: object
) -> User:
    """A new user with one active role in the organisation."""
    user = UserFactory.create(**user_fields)
    MembershipFactory.create(user=user, organisation=organisation, role=role)
    TOTP.activate(user, TEST_TOTP_SECRET)  # members must have a second factor (issue 6)
    return user


def current_totp_code(secret: str = "") -> str:
    """The authenticator code of this moment, as the user's app would show it. Like a person
    who sees the code about to change, wait for the next one when fewer than 10 seconds of
    its 30 are left: the server accepts only the current code, and a slow browser step on a
    busy machine could otherwise submit it after it expired."""
    period = 30  # allauth's MFA_TOTP_PERIOD default, which Tilts keeps
    left = period - time.time() % period
    if left < 10:
        time.sleep(left + 0.1)
    counter = next(iter(yield_hotp_counters_from_time()))
    return str(format_hotp_value(hotp_value(secret or TEST_TOTP_SECRET, counter)))
