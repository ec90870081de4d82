"""A session counts as signed in only after its own second-factor step, whichever way it signed
in (issue 28, finding 0): allauth's sign-in, the admin site's, a password reset, an invitation."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import Role
from accounts.tests.factories import TEST_PASSWORD, current_totp_code
from cases.models import Case
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kurzeme-jauna-parole-2026"


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation)


def reaches_case_data(client: Client, case: Case) -> bool:
    """Whether this client's session reads the case page, with the client's name, or the
    admin site (which shows every record)."""
    page = client.get(reverse("cases:detail", args=[case.pk]))
    admin = client.get("/admin/")
    return (page.status_code == 200 and "Bērziņš" in page.content.decode()) or (
        admin.status_code == 200
    )


def sign_in_with_password(client: Client, email: str, password: str = TEST_PASSWORD) -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]


def test_the_app_sign_in_reaches_case_data_only_with_the_code(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """The positive control: password and code open the case; the password alone does not."""
    client = Client()
    sign_in_with_password(client, org_a.social_worker.email)
    assert not reaches_case_data(client, case)
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert reaches_case_data(client, case)


def test_the_admin_sign_in_does_not_skip_the_second_factor(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """Issue 28, finding 0: is_staff + password on /admin/login/ reached /cases/N/."""
    worker = org_a.social_worker
    worker.is_staff = True
    worker.save()
    client = Client()
    client.post("/admin/login/", {"username": worker.email, "password": TEST_PASSWORD})
    assert not reaches_case_data(client, case)
    # The admin site signs in through the app's sign-in, with its second step.
    login_page = client.get("/admin/login/?next=/admin/")
    assert login_page.status_code == 302
    assert login_page["Location"].startswith(reverse("account_login"))
    sign_in_with_password(client, worker.email)
    assert not reaches_case_data(client, case)
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert client.get("/admin/").status_code == 200
    assert reaches_case_data(client, case)


def test_a_staff_account_without_a_second_factor_sets_one_up_before_the_admin_site(
    db: None,
) -> None:
    """No role in any organisation, but the admin site shows every record: the second factor
    is required of staff accounts too."""
    from accounts.tests.factories import UserFactory

    staff = UserFactory.create(is_staff=True, is_superuser=True)
    client = Client()
    sign_in_with_password(client, staff.email)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_password_reset_does_not_skip_the_second_factor(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    client = Client()
    client.post(reverse("account_reset_password"), {"email": org_a.social_worker.email})
    (message,) = mail.outbox
    link = re.search(r"http://[^\s]+/account/password/reset/key/[^\s]+/", str(message.body))
    assert link is not None
    form_page = client.get(link.group(0).split("testserver", 1)[-1], follow=True)
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(0)
    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302, done.content.decode()[:500]
    assert not reaches_case_data(client, case)
    sign_in_with_password(client, org_a.social_worker.email, NEW_PASSWORD)
    assert not reaches_case_data(client, case)


def test_accepting_an_invitation_with_an_existing_account_does_not_skip_its_second_factor(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case
) -> None:
    """The invitation page signs the user in with their password: an account that already has
    an authenticator must still give its code before it sees anything."""
    _invitation, token = services.invitation_create(
        actor=org_b.admin,
        organisation=org_b.organisation,
        email=org_a.social_worker.email,
        role=Role.SOCIAL_WORKER,
    )
    client = Client()
    client.post(
        reverse("accounts:invitation_accept", args=[token]),
        {
            "first_name": "Jānis",
            "last_name": "Testiņš",
            "preferred_language": "lv",
            "password": TEST_PASSWORD,
            "password_again": TEST_PASSWORD,
        },
    )
    assert not reaches_case_data(client, case)


def test_a_new_member_from_an_invitation_sets_up_the_second_factor_before_case_data(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    _invitation, token = services.invitation_create(
        actor=org_a.admin,
        organisation=org_a.organisation,
        email="laima@test.tilts.example",
        role=Role.SUPERVISOR,
    )
    client = Client()
    client.post(
        reverse("accounts:invitation_accept", args=[token]),
        {
            "first_name": "Laima",
            "last_name": "Putniņa",
            "preferred_language": "lv",
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        },
    )
    assert not reaches_case_data(client, case)
    setup = client.get(reverse("mfa_activate_totp"))
    secret = setup.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})
    assert reaches_case_data(client, case)  # the supervisor sees the organisation's cases
