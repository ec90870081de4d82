"""Password reset answers the same for every address (issue 28, finding 2); sign-in, password
reset and the second factor have attempt limits, written in the sign-in log (finding 3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import TEST_PASSWORD, current_totp_code
from audit.models import SignInEvent
from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db

WRONG_CODE = "123456"


def _outcomes(user_id: int) -> list[str]:
    return list(
        SignInEvent.objects.filter(user_id=user_id).order_by("pk").values_list("outcome", flat=True)
    )


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    org_a: OrganisationWithStaff,
) -> None:
    """Finding 2: a known address redirected to "done", an unknown one answered 500."""
    url = reverse("account_reset_password")
    known = Client().post(url, {"email": org_a.social_worker.email})
    unknown = Client().post(url, {"email": "neviens@test.tilts.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1  # the known address only; the unknown one gets nothing
    assert mail.outbox[0].to == [org_a.social_worker.email]
    done_known = Client().post(url, {"email": org_a.social_worker.email}, follow=True)
    done_unknown = Client().post(url, {"email": "cits@test.tilts.example"}, follow=True)
    assert done_known.status_code == done_unknown.status_code == 200
    assert _main_of(done_known.content.decode()) == _main_of(done_unknown.content.decode())


def _main_of(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_password_reset_mails_are_limited_per_address_typed(
    org_a: OrganisationWithStaff,
) -> None:
    """Finding 3: at most 3 reset mails per address in 15 minutes, the same for any address."""
    url = reverse("account_reset_password")
    for email in (org_a.social_worker.email, "neviens@test.tilts.example"):
        answers = [Client().post(url, {"email": email}).status_code for _attempt in range(4)]
        assert answers == [302, 302, 302, 429], email
    assert len(mail.outbox) == 3


def test_wrong_passwords_from_one_address_are_limited_across_accounts(
    org_a: OrganisationWithStaff,
) -> None:
    """Finding 3: ten wrong passwords a minute from one address, whichever accounts; then even
    the right password is refused there, and the refusal is in the sign-in log."""
    client = Client()
    for attempt in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"minejums{attempt}@test.tilts.example", "password": "wrong"},
        )
    response = client.post(
        reverse("account_login"), {"login": org_a.supervisor.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "mfa" not in response.get("Location", "")
    assert _outcomes(org_a.supervisor.pk) == [SignInEvent.Outcome.LOCKED_OUT]


def test_the_second_factor_locks_after_five_wrong_codes(org_a: OrganisationWithStaff) -> None:
    """Finding 3: 40 wrong codes and then the right one signed in. Now the sixth code, the
    right one included, is refused; each failure and the lockout are in the sign-in log."""
    worker = org_a.social_worker
    client = Client()
    client.post(reverse("account_login"), {"login": worker.email, "password": TEST_PASSWORD})
    for _attempt in range(5):
        wrong = client.post(reverse("mfa_authenticate"), {"code": WRONG_CODE})
        assert wrong.status_code == 200
    assert "bloķēta" in wrong.content.decode()  # Latvian: the fifth failure says it is blocked
    right = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert right.status_code == 200
    page = right.content.decode()
    assert "Pārāk daudz nepareizu kodu" in page
    assert client.get(reverse("core:home")).status_code == 302  # not signed in
    assert _outcomes(worker.pk) == [
        *[SignInEvent.Outcome.CODE_FAILED] * 5,
        SignInEvent.Outcome.LOCKED_OUT,
        SignInEvent.Outcome.LOCKED_OUT,
    ]


def test_the_lockout_holds_for_a_new_sign_in_and_ends_after_fifteen_minutes(
    org_a: OrganisationWithStaff,
) -> None:
    """Signing in again with the password does not reset the count; 15 minutes later the
    account signs in with the right code."""
    worker = org_a.social_worker
    client = Client()
    client.post(reverse("account_login"), {"login": worker.email, "password": TEST_PASSWORD})
    for _attempt in range(5):
        client.post(reverse("mfa_authenticate"), {"code": WRONG_CODE})
    again = Client()
    again.post(reverse("account_login"), {"login": worker.email, "password": TEST_PASSWORD})
    refused = again.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert "Pārāk daudz nepareizu kodu" in refused.content.decode()
    SignInEvent.objects.filter(user=worker).update(at=timezone.now() - timedelta(minutes=16))
    later = Client()
    later.post(reverse("account_login"), {"login": worker.email, "password": TEST_PASSWORD})
    later.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert later.get(reverse("core:home")).status_code == 200


def test_a_sign_in_ends_the_count_of_wrong_codes(org_a: OrganisationWithStaff) -> None:
    """Four wrong codes, a sign-in, then four more: a person who mistypes is not locked out."""
    worker = org_a.social_worker
    for _round in range(2):
        client = Client()
        client.post(reverse("account_login"), {"login": worker.email, "password": TEST_PASSWORD})
        for _attempt in range(4):
            client.post(reverse("mfa_authenticate"), {"code": WRONG_CODE})
        client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
        assert client.get(reverse("core:home")).status_code == 200
        mail.outbox.clear()
        from django.core.cache import cache

        cache.clear()  # allauth remembers a used code for its 30 seconds


def test_a_password_lockout_is_in_the_sign_in_log(org_a: OrganisationWithStaff) -> None:
    """django-axes locks the account+address pair (AXES_FAILURE_LIMIT, 3 in test settings):
    the lockout is a row of the sign-in log beside the failures."""
    client = Client()
    for _attempt in range(3):
        client.post(
            reverse("account_login"), {"login": org_a.social_worker.email, "password": "wrong"}
        )
    outcomes = _outcomes(org_a.social_worker.pk)
    assert outcomes.count(SignInEvent.Outcome.FAILED) == 3
    assert SignInEvent.Outcome.LOCKED_OUT in outcomes
