"""The demo's printed authenticator secret works in a real authenticator app, and a stored
secret that cannot be read is a wrong code, not a server error (issue 28, finding 10)."""

from __future__ import annotations

import base64
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt, encrypt
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD, email_of
from accounts.tests.factories import TEST_PASSWORD, current_totp_code
from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db

OLD_DEMO_SECRET = "KRUWY5DTEBSGK3LPEBZWKY3SMV2A"  # 28 characters: not base32


def rfc6238_code(secret: str, at: float) -> str:
    """What an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits)."""
    return str(format_hotp_value(hotp_value(secret, int(at) // 30)))


def test_the_printed_demo_secret_signs_in_from_an_authenticator_app(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import time

    assert settings.MFA_TOTP_INSECURE_BYPASS_CODE is None  # no development bypass here
    call_command("seed_demo")
    printed = re.search(r"set up with the secret (\S+)", capsys.readouterr().out)
    assert printed is not None
    secret = printed.group(1)
    assert len(secret) % 8 == 0  # valid base32: whole 8-character groups, no padding needed
    assert len(base64.b32decode(secret)) >= 16
    user_email = email_of("inga.socdarbiniece")
    stored = Authenticator.objects.get(user__email=user_email, type=Authenticator.Type.TOTP)
    assert decrypt(stored.data["secret"]) == secret
    current_totp_code()  # waits when the current code is about to change
    client = Client()
    client.post(reverse("account_login"), {"login": user_email, "password": DEMO_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": rfc6238_code(secret, time.time())})
    assert client.get(reverse("core:home")).status_code == 200


def test_seeding_again_repairs_a_demo_secret_stored_earlier() -> None:
    call_command("seed_demo", verbosity=0)
    stored = Authenticator.objects.get(
        user__email=email_of("inga.socdarbiniece"), type=Authenticator.Type.TOTP
    )
    stored.data = {"secret": encrypt(OLD_DEMO_SECRET)}
    stored.save()
    call_command("seed_demo", verbosity=0)
    stored.refresh_from_db()
    base64.b32decode(decrypt(stored.data["secret"]))  # no binascii.Error


def test_a_malformed_stored_secret_answers_wrong_code_not_500(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    Authenticator.objects.filter(user=worker, type=Authenticator.Type.TOTP).update(
        data={"secret": encrypt(OLD_DEMO_SECRET)}
    )
    client = Client()
    client.post(reverse("account_login"), {"login": worker.email, "password": TEST_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert client.get(reverse("core:home")).status_code == 302  # not signed in
