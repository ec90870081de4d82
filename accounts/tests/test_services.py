"""Invitations and memberships: the only way into Tilts is an administrator's invitation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from accounts import services
from accounts.models import Invitation, Membership, Role, User
from accounts.tests.factories import TEST_PASSWORD
from conftest import OrganisationWithStaff
from core.errors import DomainError
from core.events import DomainEvent, domain_event

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Saldus-Kurzeme-2026-ok"


def _invite(
    org: OrganisationWithStaff, email: str = "new.worker@test.tilts.example"
) -> tuple[Invitation, str]:
    return services.invitation_create(
        actor=org.admin, organisation=org.organisation, email=email, role=Role.SOCIAL_WORKER
    )


def test_admin_invites_and_invitee_joins(org_a: OrganisationWithStaff) -> None:
    invitation, token = _invite(org_a, " New.Worker@Test.Tilts.Example ")
    assert invitation.email == "new.worker@test.tilts.example"
    assert token not in invitation.token_hash  # only the hash is stored
    user = services.invitation_accept(
        token=token,
        first_name="Laima",
        last_name="Putniņa",
        password=NEW_PASSWORD,
        preferred_language="ru",
    )
    assert user.check_password(NEW_PASSWORD)
    assert user.password.startswith("argon2")
    assert user.preferred_language == "ru"
    assert Membership.objects.get(user=user).organisation == org_a.organisation
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_invitation_can_be_used_only_once(org_a: OrganisationWithStaff) -> None:
    _invitation, token = _invite(org_a)
    services.invitation_accept(
        token=token, first_name="A", last_name="B", password=NEW_PASSWORD, preferred_language="lv"
    )
    with translation.override("lv"), pytest.raises(DomainError) as error:
        services.invitation_accept(
            token=token,
            first_name="A",
            last_name="B",
            password=NEW_PASSWORD,
            preferred_language="lv",
        )
    assert "jau izmantots" in error.value.messages[0]


def test_expired_invitation_is_refused_with_a_translated_reason(
    org_a: OrganisationWithStaff,
) -> None:
    invitation, token = _invite(org_a)
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    with translation.override("ru"), pytest.raises(DomainError) as error:
        services.invitation_accept(
            token=token,
            first_name="A",
            last_name="B",
            password=NEW_PASSWORD,
            preferred_language="lv",
        )
    assert "истёк" in error.value.messages[0]
    assert not User.objects.filter(email=invitation.email).exists()


def test_weak_password_is_refused_and_nothing_is_created(org_a: OrganisationWithStaff) -> None:
    _invitation, token = _invite(org_a)
    with pytest.raises(DomainError):
        services.invitation_accept(
            token=token, first_name="A", last_name="B", password="12345678", preferred_language="lv"
        )
    assert not User.objects.filter(email="new.worker@test.tilts.example").exists()


def test_existing_user_joins_a_second_organisation_with_own_password(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    _invitation, token = services.invitation_create(
        actor=org_b.admin,
        organisation=org_b.organisation,
        email=org_a.social_worker.email,
        role=Role.SOCIAL_WORKER,
    )
    with pytest.raises(DomainError):
        services.invitation_accept(
            token=token,
            first_name="X",
            last_name="Y",
            password="wrong-password-123",
            preferred_language="lv",
        )
    user = services.invitation_accept(
        token=token, first_name="X", last_name="Y", password=TEST_PASSWORD, preferred_language="lv"
    )
    assert user == org_a.social_worker
    assert user.first_name != "X"  # an existing profile is not overwritten by the form
    assert user.memberships.count() == 2


def test_social_worker_cannot_invite(org_a: OrganisationWithStaff) -> None:
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=org_a.social_worker,
            organisation=org_a.organisation,
            email="x@test.tilts.example",
            role=Role.SOCIAL_WORKER,
        )


def test_admin_cannot_invite_into_another_organisation(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=org_a.admin,
            organisation=org_b.organisation,
            email="x@test.tilts.example",
            role=Role.SOCIAL_WORKER,
        )


def test_organisation_admin_cannot_grant_system_admin(org_a: OrganisationWithStaff) -> None:
    with pytest.raises(DomainError):
        services.invitation_create(
            actor=org_a.admin,
            organisation=org_a.organisation,
            email="x@test.tilts.example",
            role=Role.SYSTEM_ADMIN,
        )


def test_duplicate_role_is_refused(org_a: OrganisationWithStaff) -> None:
    with pytest.raises(DomainError):
        services.invitation_create(
            actor=org_a.admin,
            organisation=org_a.organisation,
            email=org_a.social_worker.email,
            role=Role.SOCIAL_WORKER,
        )


def test_revoked_invitation_cannot_be_accepted(org_a: OrganisationWithStaff) -> None:
    invitation, token = _invite(org_a)
    services.invitation_revoke(actor=org_a.admin, invitation=invitation)
    assert services.invitation_problem(services.invitation_by_token(token)) is not None
    with pytest.raises(DomainError):
        services.invitation_accept(
            token=token,
            first_name="A",
            last_name="B",
            password=NEW_PASSWORD,
            preferred_language="lv",
        )


def test_invitation_email_is_sent_in_three_languages(org_a: OrganisationWithStaff) -> None:
    invitation, token = _invite(org_a)
    services.invitation_send(
        invitation=invitation,
        token=token,
        accept_url=f"https://tilts.example/invitations/accept/{token}/",
    )
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert token in body
    assert "Jūs esat uzaicināts" in body
    assert "Вас приглашают" in body
    assert "You are invited" in body


def test_suspending_a_role_keeps_the_membership_and_its_history(
    org_a: OrganisationWithStaff,
) -> None:
    membership = org_a.social_worker.memberships.get()
    services.membership_set_active(actor=org_a.admin, membership=membership, is_active=False)
    membership.refresh_from_db()
    assert membership.is_active is False
    assert membership.history.count() == 2


def test_admin_cannot_remove_own_admin_role(org_a: OrganisationWithStaff) -> None:
    own = org_a.admin.memberships.get()
    with pytest.raises(DomainError):
        services.membership_set_active(actor=org_a.admin, membership=own, is_active=False)


def test_writes_publish_domain_events_after_commit(
    org_a: OrganisationWithStaff, django_capture_on_commit_callbacks: object
) -> None:
    received: list[DomainEvent] = []

    def listener(sender: object, event: DomainEvent, **kwargs: object) -> None:
        received.append(event)

    domain_event.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            invitation, _token = _invite(org_a)
    finally:
        domain_event.disconnect(listener)
    assert [e.name for e in received] == ["invitation_created"]
    assert received[0].payload == {"invitation_id": invitation.pk}
    assert received[0].actor_id == org_a.admin.pk
