"""The authorisation layer for accounts: who may see and manage organisations and users.

Object rules live here (django-rules); lists are filtered in selectors.py with the same logic.
Views ask `user.has_perm(<rule>, obj)` and never decide access themselves.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from rules.permissions import add_perm
from rules.predicates import predicate

from .models import Invitation, Membership, Organisation, Role, User

# Every permission check of every page starts from this read: a plain statement, which cost
# 0.15 ms of CPU where the ORM's building of it cost 0.56 (issue 10).
_MEMBERSHIPS = (
    f"SELECT m.organisation_id, m.role FROM {Membership._meta.db_table} m "  # noqa: S608
    f"JOIN {Organisation._meta.db_table} o ON o.id = m.organisation_id "
    "WHERE m.user_id = %s AND m.is_active AND o.is_active"
)


def _active_memberships(user: Any) -> list[tuple[int, str]]:
    """A user's active memberships (of active organisations) as (organisation id, role),
    cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached: list[tuple[int, str]] | None = getattr(user, "_tilts_memberships", None)
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute(_MEMBERSHIPS, [user.pk])
            cached = [(organisation, role) for organisation, role in cursor.fetchall()]
        user._tilts_memberships = cached
    return cached


def organisation_ids_of(user: Any, *roles: str) -> set[int]:
    return {
        organisation
        for organisation, role in _active_memberships(user)
        if not roles or role in roles
    }


@predicate
def is_system_admin(user: Any) -> bool:
    return any(role == Role.SYSTEM_ADMIN for _organisation, role in _active_memberships(user))


@predicate
def is_member_of_organisation(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.pk in organisation_ids_of(user)


@predicate
def is_admin_of_organisation(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.pk in organisation_ids_of(
        user, Role.ORGANISATION_ADMIN
    )


@predicate
def shares_organisation_with(user: Any, other: User | None) -> bool:
    if other is None:
        return False
    if getattr(user, "pk", None) == other.pk:
        return True
    mine = organisation_ids_of(user)
    return Membership.objects.filter(user=other, organisation_id__in=mine, is_active=True).exists()


@predicate
def administers_invitation(user: Any, invitation: Invitation | None) -> bool:
    return invitation is not None and invitation.organisation_id in organisation_ids_of(
        user, Role.ORGANISATION_ADMIN
    )


@predicate
def administers_membership(user: Any, membership: Membership | None) -> bool:
    return membership is not None and membership.organisation_id in organisation_ids_of(
        user, Role.ORGANISATION_ADMIN
    )


add_perm("accounts.view_organisation", is_member_of_organisation | is_system_admin)
add_perm("accounts.manage_organisation_members", is_admin_of_organisation | is_system_admin)
add_perm("accounts.create_organisation", is_system_admin)
add_perm("accounts.view_user", shares_organisation_with | is_system_admin)
add_perm("accounts.revoke_invitation", administers_invitation | is_system_admin)
add_perm("accounts.change_membership", administers_membership | is_system_admin)
