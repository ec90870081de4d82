"""Writes for case conferences. Every participant must be able to see the case plan: for a
professional of another organisation that means the client's consent covers it (A4)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case, CaseEvent, TeamRole
from cases.services import record_event
from consent import disclosure
from core.concurrency import lock_current
from core.errors import DomainError, validate
from core.text import plain_text
from inbox.models import Notification
from inbox.services import notify
from tasks.services import task_create

from .models import Action, CaseConference, Participant


def _role_on(case: Case, user: User) -> str:
    member = case.team.filter(user=user, is_active=True).first()
    return member.role if member else TeamRole.SOCIAL_WORKER


@transaction.atomic
def conference_plan(
    *,
    actor: User,
    case: Case,
    starts_at: datetime,
    place: str,
    video_link: str,
    participants: list[User],
    client_invited: bool = False,
) -> CaseConference:
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if starts_at < timezone.now():
        errors["starts_at"] = [_("A conference is planned for a time in the future.")]
    if not place.strip() and not video_link.strip():
        errors["place"] = [_("Enter the place or a video link.")]
    uncovered = [str(p) for p in participants if not p.has_perm("cases.view_case_plan", case)]
    if uncovered:
        errors["participants"] = [
            _(
                "The client's consent does not cover these participants' organisations: "
                "%(names)s. Record the consent first."
            )
            % {"names": ", ".join(uncovered)}
        ]
    if errors:
        raise DomainError(errors)
    conference = CaseConference(
        case=case, starts_at=starts_at, place=place.strip(), video_link=video_link.strip(),
        chair=actor, client_invited=client_invited, created_by=actor,
    )  # fmt: skip
    validate(conference)
    conference.save()
    everyone = {user.pk: user for user in [actor, *participants]}
    for user in everyone.values():
        Participant.objects.create(conference=conference, user=user, role=_role_on(case, user))
        if user.pk != actor.pk:
            notify(
                user=user, kind=Notification.Kind.CONFERENCE_INVITATION,
                link=reverse("conferences:detail", args=[conference.pk]), case_number=case.number,
            )  # fmt: skip
    record_event(case, actor, CaseEvent.Kind.CONFERENCE_PLANNED, conference_id=conference.pk)
    return conference


def _editable(actor: User, conference: CaseConference) -> None:
    if not actor.has_perm("cases.work_on_case", conference.case):
        raise PermissionDenied
    if conference.status == CaseConference.Status.SIGNED_OFF:
        raise DomainError(_("The chair has signed the record off: it can no longer change."))


def record_values(conference: CaseConference) -> dict[str, object]:
    """The minutes as their form edits them: their version (issue 28, finding 5)."""
    attended = conference.participants.filter(attended=True).values_list("user_id", flat=True)
    return {
        "minutes": conference.minutes, "decisions": conference.decisions,
        "attended": sorted(attended),
    }  # fmt: skip


@transaction.atomic
def conference_record(
    *,
    actor: User,
    conference: CaseConference,
    minutes: str,
    decisions: str,
    attended: list[int],
    expected_version: str | None = None,
) -> CaseConference:
    _editable(actor, conference)
    withheld = disclosure.withheld_categories(actor, conference.case)
    if any(
        disclosure.text_withheld(t, withheld) for t in (conference.minutes, conference.decisions)
    ):
        # The actor was shown a placeholder for part of them: saving would erase it.
        raise DomainError(
            _(
                "Parts of these minutes are not shared with your organisation: only the "
                "organisation holding the case can change them."
            )
        )
    lock_current(conference, expected_version=expected_version, values=record_values)
    conference.minutes = plain_text(minutes)
    conference.decisions = plain_text(decisions)
    conference.status = CaseConference.Status.HELD
    conference.save()
    conference.participants.update(attended=False)
    conference.participants.filter(user_id__in=attended).update(attended=True)
    return conference


@transaction.atomic
def action_add(
    *,
    actor: User,
    conference: CaseConference,
    title: str,
    owner: User | None,
    due_on: date | None,
) -> Action:
    """An action becomes a task on the owner's own list, in their organisation."""
    _editable(actor, conference)
    task = task_create(actor=actor, case=conference.case, title=title, owner=owner, due_on=due_on)
    return Action.objects.create(conference=conference, task=task)


@transaction.atomic
def conference_sign_off(*, actor: User, conference: CaseConference) -> CaseConference:
    if actor.pk != conference.chair_id:
        raise PermissionDenied
    _editable(actor, conference)
    if not conference.minutes.strip():
        raise DomainError({"minutes": [_("Write the minutes before signing off.")]})
    conference.status = CaseConference.Status.SIGNED_OFF
    conference.signed_off_at = timezone.now()
    conference.save()
    record_event(
        conference.case, actor, CaseEvent.Kind.CONFERENCE_SIGNED_OFF, conference_id=conference.pk
    )
    return conference
