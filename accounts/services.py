"""Business writes for accounts: organisations, invitations, memberships.

Each function takes keyword-only arguments with the acting user first, runs in one transaction,
checks the actor's permission, validates, and publishes a domain event.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.events import publish

from .models import Invitation, Membership, Municipality, Organisation, Role, User

# An organisation administrator may invite these roles; the system administrator role is
# granted only by another system administrator.
ROLES_AN_ORGANISATION_ADMIN_MAY_GRANT = [r for r in Role if r != Role.SYSTEM_ADMIN]


def _require(actor: User, permission: str, obj: Model | None = None) -> None:
    if not actor.has_perm(permission, obj):
        raise PermissionDenied


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def organisation_create(
    *, actor: User, name: str, kind: str, municipality: Municipality
) -> Organisation:
    _require(actor, "accounts.create_organisation")
    organisation = Organisation(name=name.strip(), kind=kind, municipality=municipality)
    organisation.full_clean()
    organisation.save()
    publish("organisation_created", actor_id=actor.pk, organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str
) -> tuple[Invitation, str]:
    """Invite someone by e-mail. Returns the invitation and the one-time token (for the e-mail)."""
    _require(actor, "accounts.manage_organisation_members", organisation)
    email = User.objects.normalize_email(email.strip()).lower()
    if role == Role.SYSTEM_ADMIN and not actor.has_perm("accounts.create_organisation"):
        raise DomainError(_("Only a system administrator can grant that role."), code="role")
    if Membership.objects.filter(
        organisation=organisation, user__email__iexact=email, role=role, is_active=True
    ).exists():
        raise DomainError(
            _("This person already has that role in the organisation."), code="duplicate"
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    publish("invitation_created", actor_id=actor.pk, invitation_id=invitation.pk)
    return invitation, token


def invitation_send(*, invitation: Invitation, token: str, accept_url: str) -> None:
    """E-mail the invitation in Latvian, Russian and English (the invitee has no profile yet)."""
    bodies = []
    for language in ("lv", "ru", "en"):
        with translation.override(language):
            bodies.append(
                render_to_string(
                    "accounts/email/invitation.txt",
                    {"invitation": invitation, "accept_url": accept_url},
                )
            )
    with translation.override("lv"):
        subject = _("Invitation to Tilts")
    send_mail(
        subject,
        "\n\n-----\n\n".join(bodies),
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why an invitation cannot be accepted, as a translated sentence; None when it can."""
    if invitation is None:
        return _(
            "This invitation link is not valid. Ask your organisation administrator for a new one."
        )
    if invitation.accepted_at is not None:
        return _(
            "This invitation has already been used. Sign in with your e-mail address and password."
        )
    if invitation.revoked_at is not None:
        return _(
            "This invitation was withdrawn. Ask your organisation administrator for a new one."
        )
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask your organisation administrator for a new one.")
    return None


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    first_name: str,
    last_name: str,
    password: str,
    preferred_language: str,
) -> User:
    """Join an organisation from an invitation: creates the account, or adds the role to the
    existing account with that e-mail (whose owner must then sign in with their own password)."""
    invitation = invitation_by_token(token)
    problem = invitation_problem(invitation)
    if problem or invitation is None:
        raise DomainError(problem or "", code="invitation")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User(
            email=invitation.email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            preferred_language=preferred_language,
        )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise DomainError(error.messages, code="password") from error
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
    elif not user.check_password(password):
        raise DomainError(
            _("An account with this e-mail address exists. Enter its password to accept."),
            code="password",
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    if not membership.is_active:
        membership.is_active = True
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.save()
    publish("invitation_accepted", actor_id=user.pk, invitation_id=invitation.pk)
    return user


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    _require(actor, "accounts.revoke_invitation", invitation)
    if invitation.accepted_at is not None:
        raise DomainError(_("An accepted invitation cannot be withdrawn."), code="accepted")
    invitation.revoked_at = timezone.now()
    invitation.save()
    publish("invitation_revoked", actor_id=actor.pk, invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def membership_set_active(*, actor: User, membership: Membership, is_active: bool) -> Membership:
    """Suspend or restore a role. Never deleted: the history must show who had access."""
    _require(actor, "accounts.change_membership", membership)
    if (
        not is_active
        and membership.user_id == actor.pk
        and membership.role == Role.ORGANISATION_ADMIN
    ):
        raise DomainError(
            _("You cannot remove your own administrator role. Ask another administrator."),
            code="self",
        )
    membership.is_active = is_active
    membership.save()
    publish(
        "membership_changed",
        actor_id=actor.pk,
        membership_id=membership.pk,
        is_active=is_active,
    )
    return membership


@transaction.atomic
def user_set_language(*, actor: User, language: str) -> User:
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise DomainError(_("Unknown language."), code="language")
    actor.preferred_language = language
    actor.save(update_fields=["preferred_language"])
    return actor
