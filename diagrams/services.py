"""Writes of diagram data. Keyword-only, `actor` first, one transaction, the case's
`cases.work_on_case` permission, full_clean, a domain event carrying ids only."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from cases.models import Case
from core.errors import DomainError, validate
from core.events import publish

from .models import (
    CHILD_KINDS,
    Culturagram,
    EcomapConnection,
    EcomapSnapshot,
    GenogramPerson,
    GenogramRelation,
    NetworkMember,
)


def _require(actor: User, case: Case) -> None:
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied


def _publish(name: str, actor: User, case: Case, **ids: int) -> None:
    publish(f"diagram_{name}", actor_id=actor.pk, case_id=case.pk, **ids)


# --- ecomap ---------------------------------------------------------------------------------


CONNECTION_FIELDS = ("kind", "label", "strength", "stressful", "flow", "note")


@transaction.atomic
def ecomap_create(
    *,
    actor: User,
    case: Case,
    drawn_on: date,
    note: str = "",
    copy_from: EcomapSnapshot | None = None,
) -> EcomapSnapshot:
    """A new dated snapshot; started from an earlier one (its connections copied) to record
    what changed since."""
    _require(actor, case)
    if copy_from is not None and copy_from.case_id != case.pk:
        raise PermissionDenied
    snapshot = EcomapSnapshot(case=case, drawn_on=drawn_on, note=note, created_by=actor)
    validate(snapshot)
    snapshot.save()
    if copy_from is not None:
        for connection in copy_from.connections.all():
            EcomapConnection.objects.create(
                snapshot=snapshot, **{f: getattr(connection, f) for f in CONNECTION_FIELDS}
            )
    _publish("ecomap_created", actor, case, snapshot_id=snapshot.pk)
    return snapshot


@transaction.atomic
def connection_add(*, actor: User, snapshot: EcomapSnapshot, **fields: Any) -> EcomapConnection:
    _require(actor, snapshot.case)
    limit = EcomapConnection.MAX_PER_SNAPSHOT
    if snapshot.connections.count() >= limit:
        raise DomainError(
            ngettext(
                "An ecomap holds at most %(count)d system.",
                "An ecomap holds at most %(count)d systems.",
                limit,
            )
            % {"count": limit}
        )
    connection = EcomapConnection(snapshot=snapshot, **fields)
    validate(connection)
    connection.save()
    _publish("connection_added", actor, snapshot.case, connection_id=connection.pk)
    return connection


@transaction.atomic
def connection_update(
    *, actor: User, connection: EcomapConnection, **fields: Any
) -> EcomapConnection:
    _require(actor, connection.snapshot.case)
    for name, value in fields.items():
        setattr(connection, name, value)
    validate(connection)
    connection.save()
    _publish("connection_updated", actor, connection.snapshot.case, connection_id=connection.pk)
    return connection


@transaction.atomic
def connection_remove(*, actor: User, connection: EcomapConnection) -> None:
    case = connection.snapshot.case
    _require(actor, case)
    pk = connection.pk
    connection.delete()
    _publish("connection_removed", actor, case, connection_id=pk)


# --- genogram -------------------------------------------------------------------------------


def _check_years(person: GenogramPerson) -> None:
    if person.birth_year and person.death_year and person.death_year < person.birth_year:
        raise DomainError(
            {"death_year": [_("The year of death cannot be before the year of birth.")]}
        )


def _check_parent_child(parent: GenogramPerson, child: GenogramPerson) -> None:
    if parent.birth_year and child.birth_year and child.birth_year < parent.birth_year:
        raise DomainError(_("A child cannot be born before their parent."))


def _check_family_years(person: GenogramPerson) -> None:
    """After a change of years: the person's children and parents still fit."""
    relations = GenogramRelation.objects.filter(kind__in=CHILD_KINDS).select_related(
        "first", "second"
    )
    for relation in relations.filter(first=person):
        _check_parent_child(person, relation.second)
    for relation in relations.filter(second=person):
        _check_parent_child(relation.first, person)


def _one_index(person: GenogramPerson) -> None:
    if person.is_index:
        for other in GenogramPerson.objects.filter(case_id=person.case_id, is_index=True).exclude(
            pk=person.pk
        ):
            other.is_index = False
            other.save(update_fields=["is_index"])


@transaction.atomic
def person_add(*, actor: User, case: Case, **fields: Any) -> GenogramPerson:
    _require(actor, case)
    person = GenogramPerson(case=case, **fields)
    validate(person)
    _check_years(person)
    person.save()
    _one_index(person)
    _publish("person_added", actor, case, person_id=person.pk)
    return person


@transaction.atomic
def person_update(*, actor: User, person: GenogramPerson, **fields: Any) -> GenogramPerson:
    _require(actor, person.case)
    for name, value in fields.items():
        setattr(person, name, value)
    validate(person)
    _check_years(person)
    _check_family_years(person)
    person.save()
    _one_index(person)
    _publish("person_updated", actor, person.case, person_id=person.pk)
    return person


@transaction.atomic
def person_remove(*, actor: User, person: GenogramPerson) -> None:
    case = person.case
    _require(actor, case)
    pk = person.pk
    GenogramRelation.objects.filter(first=person).delete()
    GenogramRelation.objects.filter(second=person).delete()
    person.delete()
    _publish("person_removed", actor, case, person_id=pk)


@transaction.atomic
def relation_add(
    *, actor: User, case: Case, first: GenogramPerson, kind: str, second: GenogramPerson
) -> GenogramRelation:
    _require(actor, case)
    if first.case_id != case.pk or second.case_id != case.pk:
        raise PermissionDenied
    if first.pk == second.pk:
        raise DomainError({"second": [_("Choose two different people.")]})
    if kind in CHILD_KINDS:
        _check_parent_child(first, second)
    same = GenogramRelation.objects.filter(kind=kind)
    symmetric = kind not in CHILD_KINDS and kind != "abuse"
    if same.filter(first=first, second=second).exists() or (
        symmetric and same.filter(first=second, second=first).exists()
    ):
        raise DomainError(_("This relationship is already recorded."))
    relation = GenogramRelation(case=case, first=first, kind=kind, second=second)
    validate(relation)
    relation.save()
    _publish("relation_added", actor, case, relation_id=relation.pk)
    return relation


@transaction.atomic
def relation_remove(*, actor: User, relation: GenogramRelation) -> None:
    case = relation.case
    _require(actor, case)
    pk = relation.pk
    relation.delete()
    _publish("relation_removed", actor, case, relation_id=pk)


# --- social network map ---------------------------------------------------------------------


@transaction.atomic
def member_add(*, actor: User, case: Case, **fields: Any) -> NetworkMember:
    _require(actor, case)
    limit = NetworkMember.MAX_MEMBERS
    # Lock the case row so two workers adding at once cannot pass the limit together.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if case.network_members.count() >= limit:
        raise DomainError(
            ngettext(
                "A social network map holds at most %(count)d person.",
                "A social network map holds at most %(count)d people.",
                limit,
            )
            % {"count": limit}
        )
    member = NetworkMember(case=case, **fields)
    validate(member)
    member.save()
    _publish("member_added", actor, case, member_id=member.pk)
    return member


@transaction.atomic
def member_update(*, actor: User, member: NetworkMember, **fields: Any) -> NetworkMember:
    _require(actor, member.case)
    for name, value in fields.items():
        setattr(member, name, value)
    validate(member)
    member.save()
    _publish("member_updated", actor, member.case, member_id=member.pk)
    return member


@transaction.atomic
def member_remove(*, actor: User, member: NetworkMember) -> None:
    case = member.case
    _require(actor, case)
    pk = member.pk
    member.delete()
    _publish("member_removed", actor, case, member_id=pk)


# --- culturagram ----------------------------------------------------------------------------


@transaction.atomic
def culturagram_save(*, actor: User, case: Case, **areas: str) -> Culturagram:
    _require(actor, case)
    culturagram = Culturagram.objects.filter(case=case).first() or Culturagram(case=case)
    for name, value in areas.items():
        setattr(culturagram, name, value)
    culturagram.updated_by = actor
    validate(culturagram, exclude=["case"])
    culturagram.save()
    _publish("culturagram_saved", actor, case, culturagram_id=culturagram.pk)
    return culturagram
