"""Reads for accounts. Every list a view shows comes from a `*_visible_to(user)` selector."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import Invitation, Membership, Municipality, Organisation, User
from .permissions import is_system_admin, organisation_ids_of


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    """A user sees the organisations they belong to; a system administrator sees all."""
    organisations = Organisation.objects.select_related("municipality")
    if is_system_admin(user):
        return organisations
    return organisations.filter(pk__in=organisation_ids_of(user))


def users_visible_to(user: Any) -> QuerySet[User]:
    """Colleagues: users with an active membership in one of the user's organisations."""
    if is_system_admin(user):
        return User.objects.all()
    return User.objects.filter(
        memberships__organisation_id__in=organisation_ids_of(user),
        memberships__is_active=True,
    ).distinct()


def memberships_of_organisation(organisation: Organisation) -> QuerySet[Membership]:
    """Members of an organisation the caller may already see (checked by the view's rule)."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-is_active", "user__last_name", "user__first_name", "role")
    )


def pending_invitations_of_organisation(organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def memberships_of_user(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True).select_related(
        "organisation", "organisation__municipality"
    )


def current_municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.current().select_related("region")
