"""Pages of organisations and users: IDOR, invitations, sign-in errors, lockout."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Role, User
from accounts.tests.factories import TEST_PASSWORD, current_totp_code
from conftest import OrganisationWithStaff, client_for

pytestmark = pytest.mark.django_db


def test_organisation_of_another_organisation_is_not_found(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    client = client_for(org_a.admin)
    own = client.get(reverse("accounts:organisation_detail", args=[org_a.organisation.pk]))
    other = client.get(reverse("accounts:organisation_detail", args=[org_b.organisation.pk]))
    assert own.status_code == 200
    assert other.status_code == 404
    assert org_b.organisation.name not in other.content.decode()
    assert "Lapa nav atrasta" in other.content.decode()


def test_user_of_another_organisation_is_not_found(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    client = client_for(org_a.social_worker)
    assert (
        client.get(reverse("accounts:user_detail", args=[org_a.supervisor.pk])).status_code == 200
    )
    response = client.get(reverse("accounts:user_detail", args=[org_b.social_worker.pk]))
    assert response.status_code == 404
    assert org_b.social_worker.email not in response.content.decode()


def test_colleague_list_hides_other_organisations(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    page = client_for(org_a.social_worker).get(reverse("accounts:user_list")).content.decode()
    assert org_a.supervisor.email in page
    assert org_b.social_worker.email not in page
    assert org_b.admin.email not in page


def test_organisation_list_hides_other_organisations(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    page = (
        client_for(org_a.social_worker).get(reverse("accounts:organisation_list")).content.decode()
    )
    assert org_a.organisation.name in page
    assert org_b.organisation.name not in page


def test_admin_cannot_act_on_another_organisations_members_or_invitations(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    invitation, _token = services.invitation_create(
        actor=org_b.admin,
        organisation=org_b.organisation,
        email="someone@test.tilts.example",
        role=Role.SOCIAL_WORKER,
    )
    client = client_for(org_a.admin)
    membership = org_b.social_worker.memberships.get()
    assert (
        client.post(
            reverse("accounts:membership_set_active", args=[membership.pk]), {"is_active": "0"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("accounts:invitation_revoke", args=[invitation.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("accounts:invitation_create", args=[org_b.organisation.pk]),
            {"email": "x@test.tilts.example", "role": Role.SOCIAL_WORKER},
        ).status_code
        == 404
    )
    membership.refresh_from_db()
    invitation.refresh_from_db()
    assert membership.is_active
    assert invitation.revoked_at is None


def test_social_worker_gets_a_translated_403_when_inviting(org_a: OrganisationWithStaff) -> None:
    response = client_for(org_a.social_worker).post(
        reverse("accounts:invitation_create", args=[org_a.organisation.pk]),
        {"email": "x@test.tilts.example", "role": Role.SOCIAL_WORKER},
    )
    assert response.status_code == 403
    assert "Jums nav piekļuves šai lapai" in response.content.decode()
    assert not Invitation.objects.exists()


def test_admin_invites_through_the_page(org_a: OrganisationWithStaff) -> None:
    client = client_for(org_a.admin)
    response = client.post(
        reverse("accounts:invitation_create", args=[org_a.organisation.pk]),
        {"email": "jauns.darbinieks@test.tilts.example", "role": Role.PROBATION_OFFICER},
        follow=True,
    )
    assert response.status_code == 200
    assert "Uzaicinājums nosūtīts" in response.content.decode()
    assert len(mail.outbox) == 1
    assert "/invitations/accept/" in mail.outbox[0].body


def test_bad_invitation_input_keeps_what_was_typed(org_a: OrganisationWithStaff) -> None:
    response = client_for(org_a.admin).post(
        reverse("accounts:invitation_create", args=[org_a.organisation.pk]),
        {"email": "not-an-email", "role": Role.SOCIAL_WORKER},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="not-an-email"' in page
    assert "govuk-error-summary" in page
    assert "pareizā formātā" in page


def test_accepting_an_invitation_signs_the_user_in(org_a: OrganisationWithStaff) -> None:
    _invitation, token = services.invitation_create(
        actor=org_a.admin,
        organisation=org_a.organisation,
        email="laima@test.tilts.example",
        role=Role.SOCIAL_WORKER,
    )
    client = Client()
    url = reverse("accounts:invitation_accept", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "first_name": "Laima",
            "last_name": "Putniņa",
            "preferred_language": "lv",
            "password": "Saldus-Kurzeme-2026-ok",
            "password_again": "Saldus-Kurzeme-2026-ok",
        },
    )
    assert response.status_code == 302
    # Issue 6: a new member sets up an authenticator app before seeing any page.
    home = client.get(reverse("core:home"))
    assert home.status_code == 302
    assert home["Location"] == reverse("mfa_activate_totp")
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200, setup.get("Location")
    secret = setup.context["form"].secret
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "123456"})
    assert wrong.status_code == 200
    assert "govuk-error-summary" in wrong.content.decode()
    activated = client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})
    assert activated.status_code == 302
    home_page = client.get(reverse("core:home")).content.decode()
    assert org_a.organisation.name in home_page


def test_mismatched_passwords_keep_the_names_typed(org_a: OrganisationWithStaff) -> None:
    _invitation, token = services.invitation_create(
        actor=org_a.admin,
        organisation=org_a.organisation,
        email="laima@test.tilts.example",
        role=Role.SOCIAL_WORKER,
    )
    response = Client().post(
        reverse("accounts:invitation_accept", args=[token]),
        {
            "first_name": "Laima",
            "last_name": "Putniņa",
            "preferred_language": "lv",
            "password": "Saldus-Kurzeme-2026-ok",
            "password_again": "different-Password-99",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Putniņa"' in page
    assert "Paroles nesakrīt" in page


def test_expired_invitation_shows_a_translated_message(org_a: OrganisationWithStaff) -> None:
    invitation, token = services.invitation_create(
        actor=org_a.admin,
        organisation=org_a.organisation,
        email="laima@test.tilts.example",
        role=Role.SOCIAL_WORKER,
    )
    invitation.expires_at = timezone.now() - timedelta(hours=1)
    invitation.save()
    client = Client()
    client.cookies["tilts_language"] = "ru"
    response = client.get(reverse("accounts:invitation_accept", args=[token]))
    assert response.status_code == 410
    assert "Срок действия этого приглашения истёк" in response.content.decode()


def test_unknown_invitation_token_is_refused() -> None:
    response = Client().get(reverse("accounts:invitation_accept", args=["no-such-token"]))
    assert response.status_code == 410
    assert "nav derīga" in response.content.decode()


def test_bad_login_shows_a_translated_error_and_keeps_the_email(
    org_a: OrganisationWithStaff,
) -> None:
    response = Client().post(
        reverse("account_login"),
        {"login": org_a.social_worker.email, "password": "wrong-password"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert f'value="{org_a.social_worker.email}"' in page
    assert "Nepareizs e-pasts" in page  # allauth's Latvian message


def test_good_login_reaches_the_start_page(org_a: OrganisationWithStaff) -> None:
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": org_a.social_worker.email, "password": TEST_PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate")  # issue 6: second step
    assert client.get(reverse("core:home")).status_code == 302
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "govuk-error-summary" in wrong.content.decode()
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert client.get(reverse("core:home")).status_code == 200


def test_repeated_failures_lock_the_account_out(org_a: OrganisationWithStaff) -> None:
    client = Client()
    for _attempt in range(3):  # AXES_FAILURE_LIMIT in test settings
        client.post(
            reverse("account_login"), {"login": org_a.social_worker.email, "password": "wrong"}
        )
    response = client.post(
        reverse("account_login"), {"login": org_a.social_worker.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "Pierakstīšanās bloķēta" in response.content.decode()


def test_there_is_no_self_registration() -> None:
    assert Client().get("/account/signup/").status_code == 404


def test_pages_require_sign_in(org_a: OrganisationWithStaff) -> None:
    for url in [
        reverse("core:home"),
        reverse("accounts:organisation_list"),
        reverse("accounts:organisation_detail", args=[org_a.organisation.pk]),
        reverse("accounts:user_list"),
        reverse("accounts:user_detail", args=[org_a.admin.pk]),
    ]:
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_the_login_page_offers_password_reset_once(client: Client) -> None:
    page = client.get("/account/login/").content.decode()
    assert page.count('href="/account/password/reset/"') == 1


def test_sign_ins_failures_and_sign_outs_are_logged_without_the_typed_address(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 6: all sign-ins logged; no e-mail or IP address stored."""
    from audit.models import SignInEvent

    client = Client()
    client.post(reverse("account_login"), {"login": org_a.social_worker.email, "password": "x"})
    client.post(reverse("account_login"), {"login": "nav@example.lv", "password": "x"})
    client.post(
        reverse("account_login"), {"login": org_a.social_worker.email, "password": TEST_PASSWORD}
    )
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    client.post(reverse("account_logout"))
    events = list(SignInEvent.objects.order_by("pk").values_list("user_id", "outcome"))
    me = org_a.social_worker.pk
    assert events == [(me, "failed"), (None, "failed"), (me, "succeeded"), (me, "signed_out")]


def test_the_session_ends_after_thirty_idle_minutes(org_a: OrganisationWithStaff) -> None:
    """Issue 6: inactivity timeout — each request renews 30 minutes; after that, sign in again."""
    from django.contrib.sessions.models import Session

    client = Client()
    client.force_login(org_a.social_worker)
    assert client.get(reverse("core:home")).status_code == 200
    session = Session.objects.get()
    left = (session.expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < left <= 30 * 60
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get(reverse("core:home"))
    renewed = (Session.objects.get().expire_date - timezone.now()).total_seconds()
    assert renewed > 29 * 60
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_the_session_is_written_at_most_once_a_minute(org_a: OrganisationWithStaff) -> None:
    """Issue 10: pages do not write the session row on every request; the idle timeout is
    renewed once its expiry was set more than a minute ago, and a change is saved at once."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(org_a.social_worker)
    client.get(reverse("core:home"))  # remembers the second factor in the session: one write
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:home")).status_code == 200
    assert len([q for q in queries.captured_queries if "django_session" in q["sql"]]) == 1
    assert not any(q["sql"].startswith("UPDATE") for q in queries.captured_queries)
    almost_new = timezone.now() + timedelta(minutes=29, seconds=30)
    Session.objects.update(expire_date=almost_new)
    client.get(reverse("core:home"))
    assert Session.objects.get().expire_date == almost_new
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=28, seconds=59))
    client.get(reverse("core:home"))
    assert (Session.objects.get().expire_date - timezone.now()).total_seconds() > 29 * 60 + 50
    session = client.session
    session["tilts_test"] = "x"
    session.save()
    assert client.session["tilts_test"] == "x"


def test_supervisors_see_their_members_sign_ins_and_no_one_elses(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    from audit.models import SignInEvent

    SignInEvent.objects.create(user=org_a.social_worker, outcome="failed")
    SignInEvent.objects.create(user=org_b.social_worker, outcome="succeeded")
    client = Client()
    client.force_login(org_a.supervisor)
    page = client.get(reverse("audit:sign_ins")).content.decode()
    assert str(org_a.social_worker) in page
    assert str(org_b.social_worker) not in page
    worker = Client()
    worker.force_login(org_a.social_worker)
    assert worker.get(reverse("audit:sign_ins")).status_code == 403


def test_a_deactivated_user_is_signed_out_at_the_next_request(
    org_a: OrganisationWithStaff,
) -> None:
    """The signed-in user is read on every request (accounts/auth_backends.py, issue 10)."""
    client = client_for(org_a.social_worker)
    assert client.get(reverse("cases:caseload")).status_code == 200
    User.objects.filter(pk=org_a.social_worker.pk).update(is_active=False)
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
