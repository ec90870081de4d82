"""Business writes for cases: intake, status, team, notes, meetings, the client's own words.

Every function: keyword-only, `actor` first, one transaction, permission check, full_clean,
a CaseEvent on the timeline and a domain event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Role, User
from core.concurrency import field_values, lock_current
from core.errors import DomainError, validate
from core.events import publish
from core.text import plain_text
from inbox.models import Notification
from inbox.services import notify
from people.models import Client, ClientStatement
from people.personal_code import birth_date, normalise

from .methods import Method
from .models import (
    Appointment,
    Case,
    CaseAccessGrant,
    CaseEvent,
    CaseNote,
    CaseStatus,
    ClosureReason,
    TeamMember,
    TeamRole,
)
from .permissions import case_work_organisation_ids


def _require(actor: User, permission: str, case: Case) -> None:
    if not actor.has_perm(permission, case):
        raise PermissionDenied


def record_event(case: Case, actor: User, event_kind: str, **data: Any) -> CaseEvent:
    """Add a timeline entry (ids and codes only, never free text) and publish it."""
    event = CaseEvent.objects.create(case=case, actor=actor, kind=event_kind, data=data)
    publish(f"case_{event_kind}", actor_id=actor.pk, case_id=case.pk, **data)
    return event


def _next_number(organisation: Organisation, year: int) -> str:
    prefix = f"{organisation.pk:03d}-{year}-"
    last = (
        Case.objects.select_for_update()
        .filter(number__startswith=prefix)
        .aggregate(last=Max("number"))["last"]
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:04d}"


@dataclass
class ClientDetails:
    """What the intake form collects about the person (A1)."""

    first_name: str
    last_name: str
    municipality_id: int
    living_situation: str
    personal_code: str = ""
    gender: str = "male"
    languages: list[str] | None = None
    preferred_language: str = "lv"
    phone: str = ""
    address: str = ""
    family_situation: str = ""
    education_level: str = "unknown"
    professions: str = ""
    work_history: str = ""
    release_date: date | None = None
    place_of_imprisonment: str = ""
    imprisonment_months: int | None = None
    supervision_status: str = "none"


@transaction.atomic
def case_open(
    *,
    actor: User,
    organisation: Organisation,
    details: ClientDetails,
    status: str = CaseStatus.ACTIVE,
    opened_on: date | None = None,
) -> Case:
    """Intake: record the person and open a case with the actor as lead worker."""
    if organisation.pk not in case_work_organisation_ids(actor):
        raise PermissionDenied
    today = timezone.localdate()
    code = None
    if details.personal_code.strip():
        try:
            code = normalise(details.personal_code)
        except ValidationError as error:
            raise DomainError({"personal_code": error.messages}) from error
        existing = Client.objects.filter(personal_code=code).first()
        if existing is not None:
            raise DomainError(
                {"personal_code": [_("A client with this personal code is already recorded.")]}
            )
    if details.release_date and details.release_date > today and status != CaseStatus.PRE_RELEASE:
        raise DomainError(
            {
                "release_date": [
                    _(
                        "The release date is in the future. Choose the status "
                        "“pre-release” or correct the date."
                    )
                ]
            }
        )
    client = Client(
        first_name=details.first_name.strip(),
        last_name=details.last_name.strip(),
        personal_code=code,
        birth_date=birth_date(code) if code else None,
        gender=details.gender,
        languages=details.languages or [],
        preferred_language=details.preferred_language,
        phone=details.phone.strip(),
        address=details.address.strip(),
        municipality_id=details.municipality_id,
        living_situation=details.living_situation,
        family_situation=details.family_situation.strip(),
        education_level=details.education_level,
        professions=details.professions.strip(),
        work_history=details.work_history.strip(),
        release_date=details.release_date,
        place_of_imprisonment=details.place_of_imprisonment.strip(),
        imprisonment_months=details.imprisonment_months,
        supervision_status=details.supervision_status,
        created_by=actor,
    )
    validate(client, exclude=["search_name"])
    client.save()
    opened = opened_on or today
    case = Case(
        number=_next_number(organisation, opened.year),
        client=client,
        organisation=organisation,
        status=status,
        lead_worker=actor,
        opened_on=opened,
    )
    validate(case)
    case.save()
    record_event(case, actor, CaseEvent.Kind.CREATED, status=status)
    return case


def status_values(case: Case) -> dict[str, Any]:
    """A case's status as the case page's status form edits it: its version."""
    return field_values(case, ["status", "closure_reason"])


@transaction.atomic
def case_set_status(
    *,
    actor: User,
    case: Case,
    status: str,
    closure_reason: str = "",
    expected_version: str | None = None,
) -> Case:
    _require(actor, "cases.manage_case", case)
    lock_current(case, expected_version=expected_version, values=status_values)
    if status == CaseStatus.CLOSED and closure_reason not in ClosureReason.values:
        raise DomainError({"closure_reason": [_("Choose why the case is being closed.")]})
    previous = case.status
    case.status = status
    case.closure_reason = closure_reason if status == CaseStatus.CLOSED else ""
    case.closed_on = timezone.localdate() if status == CaseStatus.CLOSED else None
    validate(case)
    case.save()
    record_event(case, actor, CaseEvent.Kind.STATUS_CHANGED, previous=previous, status=status)
    return case


@transaction.atomic
def team_member_add(*, actor: User, case: Case, user: User, role: str) -> TeamMember:
    _require(actor, "cases.manage_case", case)
    if role not in TeamRole.values:
        raise DomainError({"role": [_("Choose the person's role on the team.")]})
    if user.pk == case.lead_worker_id:
        raise DomainError({"email": [_("The lead worker is already on the team.")]})
    member, _created = TeamMember.objects.update_or_create(
        case=case, user=user, defaults={"role": role, "is_active": True}
    )
    validate(member)
    record_event(case, actor, CaseEvent.Kind.TEAM_MEMBER_ADDED, user_id=user.pk, role=role)
    return member


def _check_note(occurred_on: date, methods: list[str]) -> None:
    if occurred_on > timezone.localdate():
        raise DomainError({"occurred_on": [_("The date of contact cannot be in the future.")]})
    unknown = [m for m in methods if m not in Method.values]
    if unknown:
        raise DomainError({"methods": [_("Choose methods from the list.")]})


@transaction.atomic
def note_add(
    *,
    actor: User,
    case: Case,
    occurred_on: date,
    contact_type: str,
    text: str,
    methods: list[str],
    participants: str = "",
    confidentiality: str = "normal",
    concerns_health: bool = False,
    concerns_conviction: bool = False,
) -> CaseNote:
    _require(actor, "cases.work_on_case", case)
    _check_note(occurred_on, methods)
    note = CaseNote(
        case=case,
        author=actor,
        occurred_on=occurred_on,
        contact_type=contact_type,
        methods=list(dict.fromkeys(methods)),
        participants=participants.strip(),
        text=plain_text(text),
        confidentiality=confidentiality,
        concerns_health=concerns_health,
        concerns_conviction=concerns_conviction,
    )
    validate(note)
    note.save()
    record_event(case, actor, CaseEvent.Kind.NOTE_ADDED, note_id=note.pk)
    return note


NOTE_FIELDS = (
    "occurred_on", "contact_type", "methods", "participants", "text", "confidentiality",
    "concerns_health", "concerns_conviction",
)  # fmt: skip


def note_values(note: CaseNote) -> dict[str, Any]:
    """A note as its correction form edits it: its version (core.concurrency)."""
    return field_values(note, NOTE_FIELDS)


@transaction.atomic
def note_correct(
    *,
    actor: User,
    note: CaseNote,
    occurred_on: date,
    contact_type: str,
    text: str,
    methods: list[str],
    participants: str = "",
    confidentiality: str = "normal",
    concerns_health: bool = False,
    concerns_conviction: bool = False,
    expected_version: str | None = None,
) -> CaseNote:
    """Correct a note. Never silent: the previous version stays in the note's history and the
    timeline says it was corrected. `expected_version`: the token of the note the form showed
    (StaleEditError when someone corrected it meanwhile; issue 28, finding 5)."""
    if not actor.has_perm("cases.change_note", note):
        raise PermissionDenied
    lock_current(note, expected_version=expected_version, values=note_values)
    _check_note(occurred_on, methods)
    note.occurred_on = occurred_on
    note.contact_type = contact_type
    note.methods = list(dict.fromkeys(methods))
    note.participants = participants.strip()
    note.text = plain_text(text)
    note.confidentiality = confidentiality
    note.concerns_health = concerns_health
    note.concerns_conviction = concerns_conviction
    validate(note)
    note.save()
    record_event(note.case, actor, CaseEvent.Kind.NOTE_EDITED, note_id=note.pk)
    return note


@transaction.atomic
def appointment_plan(
    *,
    actor: User,
    case: Case,
    starts_at: datetime,
    place: str,
    with_whom: str = "",
    duration_minutes: int = 60,
) -> Appointment:
    _require(actor, "cases.work_on_case", case)
    if starts_at < timezone.now():
        raise DomainError(
            {
                "starts_at": [
                    _(
                        "A planned meeting must be in the future. To record a past meeting, "
                        "add a note instead."
                    )
                ]
            }
        )
    appointment = Appointment(
        case=case,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place.strip(),
        with_whom=with_whom.strip(),
        worker=actor,
    )
    validate(appointment)
    appointment.save()
    record_event(
        case, actor, CaseEvent.Kind.APPOINTMENT_PLANNED,
        appointment_id=appointment.pk, starts_at=starts_at.isoformat(),
    )  # fmt: skip
    return appointment


OUTCOME_EVENTS: dict[str, str] = {
    Appointment.Status.HELD: CaseEvent.Kind.APPOINTMENT_HELD,
    Appointment.Status.MISSED: CaseEvent.Kind.APPOINTMENT_MISSED,
    Appointment.Status.CANCELLED: CaseEvent.Kind.APPOINTMENT_CANCELLED,
}


def outcome_values(appointment: Appointment) -> dict[str, Any]:
    """A meeting as its outcome form edits it: its version (core.concurrency)."""
    return field_values(appointment, ["status", "outcome"])


@transaction.atomic
def appointment_record(
    *,
    actor: User,
    appointment: Appointment,
    status: str,
    outcome: str = "",
    expected_version: str | None = None,
) -> Appointment:
    """Record what happened: held, missed or cancelled. `expected_version`: the token of the
    meeting the case page showed (StaleEditError when someone recorded it meanwhile)."""
    _require(actor, "cases.work_on_case", appointment.case)
    lock_current(appointment, expected_version=expected_version, values=outcome_values)
    if status not in OUTCOME_EVENTS:
        raise DomainError(
            {"status": [_("Choose whether the meeting was held, missed or cancelled.")]}
        )
    if status != Appointment.Status.CANCELLED and appointment.starts_at > timezone.now():
        raise DomainError({"status": [_("A meeting in the future can only be cancelled.")]})
    appointment.status = status
    appointment.outcome = plain_text(outcome)
    validate(appointment)
    appointment.save()
    record_event(appointment.case, actor, OUTCOME_EVENTS[status], appointment_id=appointment.pk)
    return appointment


@transaction.atomic
def statement_record(
    *,
    actor: User,
    case: Case,
    kind: str,
    text: str,
    recorded_on: date | None = None,
    concerns_health: bool = False,
    concerns_conviction: bool = False,
) -> ClientStatement:
    """The client's own words (A3), kept apart from the worker's notes."""
    _require(actor, "cases.work_on_case", case)
    statement = ClientStatement(
        client=case.client,
        kind=kind,
        text=plain_text(text),
        recorded_on=recorded_on or timezone.localdate(),
        recorded_by=actor,
        concerns_health=concerns_health,
        concerns_conviction=concerns_conviction,
    )
    validate(statement)
    statement.save()
    record_event(
        case, actor, CaseEvent.Kind.STATEMENT_RECORDED, statement_id=statement.pk, kind=kind
    )
    return statement


@transaction.atomic
def case_access_grant(*, actor: User, case: Case, reason: str) -> CaseAccessGrant:
    """Break the glass: open a case outside one's caseload for a stated reason (A4).
    The grant lasts a working day and is listed for the organisation's supervisors."""
    _require(actor, "cases.break_glass", case)
    reason = plain_text(reason)
    if len(reason) < 10:
        raise DomainError(
            {"reason": [_("Write why you need to open this case (at least 10 characters).")]}
        )
    grant = CaseAccessGrant.objects.create(
        case=case, user=actor, reason=reason,
        expires_at=timezone.now() + timedelta(hours=CaseAccessGrant.HOURS),
    )  # fmt: skip
    record_event(case, actor, CaseEvent.Kind.ACCESS_GRANTED, grant_id=grant.pk)
    supervisors = User.objects.filter(
        memberships__organisation_id=case.organisation_id,
        memberships__role=Role.SUPERVISOR,
        memberships__is_active=True,
        is_active=True,
    ).distinct()
    for supervisor in supervisors:
        notify(
            user=supervisor, kind=Notification.Kind.CASE_OPENED_OUTSIDE_CASELOAD,
            link=reverse("cases:oversight"), case_number=case.number,
        )  # fmt: skip
    return grant


def lead_values(case: Case) -> dict[str, Any]:
    return field_values(case, ["lead_worker"])


@transaction.atomic
def case_reassign(
    *, actor: User, case: Case, lead_worker: User, expected_version: str | None = None
) -> Case:
    """Hand the case to another worker of the same organisation (leave, caseload balance)."""
    _require(actor, "cases.manage_case", case)
    lock_current(case, expected_version=expected_version, values=lead_values)
    if case.organisation_id not in case_work_organisation_ids(lead_worker):
        raise DomainError(
            {"lead_worker": [_("Choose a case worker of the organisation holding the case.")]}
        )
    if lead_worker.pk == case.lead_worker_id:
        return case
    previous = case.lead_worker_id
    case.lead_worker = lead_worker
    case.save(update_fields=["lead_worker"])
    record_event(
        case, actor, CaseEvent.Kind.ASSIGNED, previous_id=previous, lead_worker_id=lead_worker.pk
    )
    return case
