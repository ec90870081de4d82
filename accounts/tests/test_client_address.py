"""Behind the reverse proxy the lockouts count per client, not per proxy (issue 28, finding 13's
layout): X-Real-IP from a trusted proxy names the client; from anyone else it is ignored."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD
from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.9"


def _sign_in(email: str, password: str, address: str) -> bool:
    """Posts the sign-in as a client behind nginx at `address`; True when the password step
    passed (on to the second factor)."""
    response = Client(HTTP_X_REAL_IP=address).post(
        reverse("account_login"), {"login": email, "password": password}
    )
    return response.status_code == 302 and "2fa" in response["Location"]


def _wrong_passwords(email: str, address: str) -> None:
    for _attempt in range(3):  # AXES_FAILURE_LIMIT in test settings
        assert not _sign_in(email, "wrong", address)


def test_an_attackers_wrong_passwords_do_not_lock_out_the_account_elsewhere(
    org_a: OrganisationWithStaff, settings: Any
) -> None:
    settings.TILTS_TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's address: nginx
    email = org_a.social_worker.email
    _wrong_passwords(email, ATTACKER)
    assert not _sign_in(email, TEST_PASSWORD, ATTACKER)  # locked where the attack came from
    assert _sign_in(email, TEST_PASSWORD, COLLEAGUE)  # not for the worker at her desk


def test_x_real_ip_from_an_untrusted_address_is_ignored(
    org_a: OrganisationWithStaff, settings: Any
) -> None:
    """A client talking to gunicorn directly cannot pick a fresh address per guess."""
    settings.TILTS_TRUSTED_PROXIES = []
    email = org_a.social_worker.email
    _wrong_passwords(email, ATTACKER)
    assert not _sign_in(email, TEST_PASSWORD, COLLEAGUE)
