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
from cases.models import Case, CaseEvent
from cases.services import record_event
from core.concurrency import check_version, lock_current, row_values
from core.errors import DomainError, validate
from core.text import plain_text

from .models import (
    CHILD_KINDS,
    Culturagram,
    EcomapConnection,
    EcomapSnapshot,
    FamilyMap,
    FamilyMember,
    FamilyRelation,
    FamilyRelationKind,
    FamilySubsystem,
    GenogramPerson,
    GenogramRelation,
    NetworkMember,
)


def _require(actor: User, case: Case) -> None:
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied


DIAGRAM_OF = {
    "ecomap": "ecomap", "connection": "ecomap", "person": "genogram", "relation": "genogram",
    "member": "network", "culturagram": "culturagram", "family": "family_map",
}  # fmt: skip


def _publish(name: str, actor: User, case: Case, **ids: int) -> None:
    """A timeline entry for the case: which diagram, what happened, ids only (never names)."""
    record_event(
        case, actor, CaseEvent.Kind.DIAGRAM_UPDATED,
        diagram=DIAGRAM_OF[name.split("_", 1)[0]], action=name, **ids,
    )  # fmt: skip


# --- ecomap ---------------------------------------------------------------------------------


CONNECTION_FIELDS = (
    "kind", "label", "strength", "stressful", "flow", "note", "concerns_health",
    "concerns_conviction",
)  # fmt: skip


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
    *,
    actor: User,
    connection: EcomapConnection,
    expected_version: str | None = None,
    **fields: Any,
) -> EcomapConnection:
    _require(actor, connection.snapshot.case)
    lock_current(connection, expected_version=expected_version, values=row_values)
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
def person_update(
    *, actor: User, person: GenogramPerson, expected_version: str | None = None, **fields: Any
) -> GenogramPerson:
    _require(actor, person.case)
    lock_current(person, expected_version=expected_version, values=row_values)
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
def member_update(
    *, actor: User, member: NetworkMember, expected_version: str | None = None, **fields: Any
) -> NetworkMember:
    _require(actor, member.case)
    lock_current(member, expected_version=expected_version, values=row_values)
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


def culturagram_values(current: Culturagram | None, case: Case) -> dict[str, Any]:
    """The culturagram as its form edits it (its version); none yet: the empty one."""
    # By id: Culturagram(case=case) would put the unsaved one in case.culturagram.
    return row_values(current or Culturagram(case_id=case.pk))


@transaction.atomic
def culturagram_save(
    *, actor: User, case: Case, expected_version: str | None = None, **areas: str
) -> Culturagram:
    _require(actor, case)
    culturagram = Culturagram.objects.select_for_update().filter(case=case).first() or Culturagram(
        case=case
    )
    check_version(
        expected_version, culturagram_values(culturagram if culturagram.pk else None, case)
    )
    for name, value in areas.items():
        setattr(culturagram, name, value)
    culturagram.updated_by = actor
    validate(culturagram, exclude=["case"])
    culturagram.save()
    _publish("culturagram_saved", actor, case, culturagram_id=culturagram.pk)
    return culturagram


# --- family map (Minuchin) ------------------------------------------------------------------


@transaction.atomic
def family_map_create(
    *, actor: User, case: Case, drawn_on: date, outside_boundary: str, note: str = ""
) -> FamilyMap:
    _require(actor, case)
    family_map = FamilyMap(
        case=case, drawn_on=drawn_on, outside_boundary=outside_boundary,
        note=plain_text(note), created_by=actor,
    )  # fmt: skip
    validate(family_map)
    family_map.save()
    _publish("family_map_created", actor, case, family_map_id=family_map.pk)
    return family_map


@transaction.atomic
def family_member_add(
    *, actor: User, family_map: FamilyMap, person: GenogramPerson | None = None, label: str = ""
) -> FamilyMember:
    """A person from the case's genogram, or a role label when the genogram lacks them."""
    case = family_map.case
    _require(actor, case)
    # Lock the map so two workers adding at once cannot pass the limit together.
    FamilyMap.objects.select_for_update().filter(pk=family_map.pk).first()
    label = plain_text(label)
    if person is not None and person.case_id != case.pk:
        raise DomainError({"person": [_("Choose a person from this case's genogram.")]})
    if person is None and not label:
        raise DomainError({"label": [_("Choose a person from the genogram or enter a role.")]})
    if person is not None and label:
        raise DomainError({"label": [_("Either choose a person or enter a role, not both.")]})
    if person is not None and family_map.members.filter(person=person).exists():
        raise DomainError({"person": [_("This person is already on the family map.")]})
    limit = FamilyMember.MAX_MEMBERS
    if family_map.members.count() >= limit:
        raise DomainError(
            ngettext(
                "A family map holds at most %(count)d member.",
                "A family map holds at most %(count)d members.",
                limit,
            )
            % {"count": limit}
        )
    member = FamilyMember(family_map=family_map, person=person, label=label)
    validate(member)
    member.save()
    _publish("family_member_added", actor, case, family_map_id=family_map.pk, member_id=member.pk)
    return member


@transaction.atomic
def family_member_remove(*, actor: User, member: FamilyMember) -> None:
    case = member.family_map.case
    _require(actor, case)
    pk, map_id = member.pk, member.family_map_id
    member.delete()  # its relations go with it (cascade)
    _publish("family_member_removed", actor, case, family_map_id=map_id, member_id=pk)


def _own_members(family_map: FamilyMap, members: list[FamilyMember], field: str) -> None:
    if any(m.family_map_id != family_map.pk for m in members):
        raise DomainError({field: [_("Choose members of this family map.")]})


@transaction.atomic
def family_subsystem_add(
    *,
    actor: User,
    family_map: FamilyMap,
    kind: str,
    boundary: str,
    members: list[FamilyMember],
    name: str = "",
) -> FamilySubsystem:
    case = family_map.case
    _require(actor, case)
    members = list(members)
    _own_members(family_map, members, "members")
    if len({m.pk for m in members}) < 2:
        raise DomainError({"members": [_("Choose at least two members.")]})
    subsystem = FamilySubsystem(
        family_map=family_map, kind=kind, boundary=boundary, name=plain_text(name)
    )
    validate(subsystem)
    subsystem.save()
    subsystem.members.set(members)
    _publish("family_subsystem_added", actor, case, family_map_id=family_map.pk,
             subsystem_id=subsystem.pk)  # fmt: skip
    return subsystem


@transaction.atomic
def family_subsystem_remove(*, actor: User, subsystem: FamilySubsystem) -> None:
    case = subsystem.family_map.case
    _require(actor, case)
    pk, map_id = subsystem.pk, subsystem.family_map_id
    subsystem.delete()
    _publish("family_subsystem_removed", actor, case, family_map_id=map_id, subsystem_id=pk)


@transaction.atomic
def family_relation_add(
    *,
    actor: User,
    family_map: FamilyMap,
    kind: str,
    first: FamilyMember,
    second: FamilyMember | None = None,
    second_subsystem: FamilySubsystem | None = None,
    against: FamilyMember | None = None,
) -> FamilyRelation:
    """Between two members or a member and a subsystem; a coalition of `first` and `second`
    against a third member."""
    case = family_map.case
    _require(actor, case)
    _own_members(family_map, [first], "first")
    _own_members(family_map, [m for m in (second, against) if m is not None], "second")
    if second_subsystem is not None and second_subsystem.family_map_id != family_map.pk:
        raise DomainError({"second_subsystem": [_("Choose a subsystem of this family map.")]})
    if (second is None) == (second_subsystem is None):
        raise DomainError({"second": [_("Choose either a second member or a subsystem.")]})
    if second is not None and second.pk == first.pk:
        raise DomainError({"second": [_("A member cannot have a relation with themselves.")]})
    if second_subsystem is not None and second_subsystem.members.filter(pk=first.pk).exists():
        raise DomainError(
            {"second_subsystem": [_("The member belongs to this subsystem already.")]}
        )
    if kind == FamilyRelationKind.COALITION:
        if second is None:
            raise DomainError({"second": [_("A coalition joins two members.")]})
        if against is None:
            raise DomainError(
                {"against": [_("Choose the third person the coalition stands against.")]}
            )
        if against.pk in (first.pk, second.pk):
            raise DomainError(
                {"against": [_("The third person must be someone other than the two members.")]}
            )
    elif against is not None:
        raise DomainError({"against": [_("Only a coalition stands against a third person.")]})
    relation = FamilyRelation(
        family_map=family_map, kind=kind, first=first, second=second,
        second_subsystem=second_subsystem, against=against,
    )  # fmt: skip
    validate(relation)
    relation.save()
    _publish("family_relation_added", actor, case, family_map_id=family_map.pk,
             relation_id=relation.pk)  # fmt: skip
    return relation


@transaction.atomic
def family_relation_remove(*, actor: User, relation: FamilyRelation) -> None:
    case = relation.family_map.case
    _require(actor, case)
    pk, map_id = relation.pk, relation.family_map_id
    relation.delete()
    _publish("family_relation_removed", actor, case, family_map_id=map_id, relation_id=pk)
