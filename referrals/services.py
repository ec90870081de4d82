"""Writes for referrals (closed loop, D1–D8, F4) and help given in kind (D1).

Every function: keyword-only, `actor` first, one transaction, the permission checked here,
full_clean, a CaseEvent with ids and codes only; invalid input raises a DomainError with a
translated message naming the field, and nothing is stored.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.permissions import organisation_ids_of
from cases.models import Case, CaseEvent
from cases.services import record_event
from consent.models import Category, Consent
from consent.services import consent_record
from core.errors import DomainError, validate
from core.events import publish
from core.text import plain_text
from directory.models import Service
from plans import services as plans_services
from plans.models import Obligation, Step

from . import selectors
from .models import HelpInKind, HelpKind, Referral, ReferralEvent

# One entry is one handing-over (or one stay): more than this is a typing mistake.
MAX_QUANTITY = 100


def _require(actor: User, case: Case) -> None:
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied


@transaction.atomic
def help_in_kind_record(
    *,
    actor: User,
    case: Case,
    kind: str,
    given_on: date,
    quantity: int,
    service: Service | None = None,
    provider_name: str = "",
    note: str = "",
    concerns_health: bool = False,
    concerns_conviction: bool = False,
) -> HelpInKind:
    """Record help given in kind to the case's client: what, when, how much and by whom."""
    _require(actor, case)
    provider_name = plain_text(provider_name or "")
    note = plain_text(note or "")
    errors: dict[str, list[str]] = {}
    if kind not in HelpKind.values:
        errors["kind"] = [_("Choose the kind of help from the list.")]
    if given_on > timezone.localdate():
        errors["given_on"] = [_("The date cannot be in the future.")]
    if quantity < 1:
        errors["quantity"] = [_("Enter a quantity of at least 1.")]
    elif quantity > MAX_QUANTITY:
        errors["quantity"] = [
            _("Enter at most %(max)s in one entry; record larger amounts as several entries.")
            % {"max": MAX_QUANTITY}
        ]
    if service is None and not provider_name:
        errors["provider"] = [
            _("Choose the provider from the directory or type its name if it is not there.")
        ]
    elif service is not None and provider_name:
        errors["provider_name"] = [
            _("Either choose the provider from the directory or type its name, not both.")
        ]
    if errors:
        raise DomainError(errors)
    item = HelpInKind(
        case=case, kind=kind, given_on=given_on, quantity=quantity, service=service,
        provider_name=provider_name, note=note, recorded_by=actor,
        concerns_health=concerns_health, concerns_conviction=concerns_conviction,
    )  # fmt: skip
    validate(item)
    item.save()
    record_event(
        case, actor, CaseEvent.Kind.HELP_IN_KIND_GIVEN,
        help_in_kind_id=item.pk, help_kind=kind, quantity=quantity,
    )  # fmt: skip
    return item


@transaction.atomic
def help_in_kind_cancel(*, actor: User, item: HelpInKind, reason: str) -> HelpInKind:
    """Cancel an entry recorded by mistake; it stays in the history with the reason."""
    item = HelpInKind.objects.select_for_update().select_related("case").get(pk=item.pk)
    _require(actor, item.case)
    reason = plain_text(reason or "")
    if item.cancelled_at is not None:
        raise DomainError({"reason": [_("This entry has already been cancelled.")]})
    if not reason:
        raise DomainError({"reason": [_("Say why the entry is cancelled.")]})
    item.cancelled_at = timezone.now()
    item.cancelled_by = actor
    item.cancel_reason = reason
    validate(item)
    item.save()
    return item


# --- Referrals (closed loop) ----------------------------------------------------------------


S = Referral.Status
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.REQUESTED, S.CANCELLED},
    S.REQUESTED: {S.ACCEPTED, S.REJECTED, S.CANCELLED},
    S.ACCEPTED: {S.IN_PROGRESS, S.ON_HOLD, S.COMPLETED, S.FAILED, S.CANCELLED},
    S.IN_PROGRESS: {S.ON_HOLD, S.COMPLETED, S.FAILED, S.CANCELLED},
    S.ON_HOLD: {S.IN_PROGRESS, S.COMPLETED, S.FAILED, S.CANCELLED},
    S.REJECTED: set(),
    S.COMPLETED: set(),
    S.FAILED: set(),
    S.CANCELLED: set(),
}
NEEDS_REASON = {S.REJECTED, S.ON_HOLD, S.FAILED, S.CANCELLED}
ANSWERS = {S.ACCEPTED, S.REJECTED}
# What the receiving organisation answers; the referring side records these only on its behalf.
RECEIVER_STEPS = {S.ACCEPTED, S.REJECTED, S.IN_PROGRESS, S.ON_HOLD, S.COMPLETED, S.FAILED}


def receiver_organisation_id(referral: Referral) -> int | None:
    return referral.service.organisation.uses_tilts_as_id


def may_answer_for_receiver(user: User, referral: Referral) -> bool:
    """Members of the receiving organisation with a case-working role there answer; an
    organisation administrator alone does not (issue 28, finding 7)."""
    receiver = receiver_organisation_id(referral)
    return receiver is not None and receiver in selectors.receiving_organisation_ids(user)


@transaction.atomic
def referral_create(
    *,
    actor: User,
    case: Case,
    service: Service,
    reason: str,
    send: bool = True,
    plan_step: Step | None = None,
    obligation: Obligation | None = None,
    concerns_health: bool = False,
    concerns_conviction: bool = False,
    client_agreed_in_person: bool = False,
) -> Referral:
    """Refer the case's client to a service; sent at once unless kept as a draft. The referral
    may be for an open step of the case's plan and/or a pending obligation of its agreement:
    when the help is given (completed), those are completed and fulfilled.

    A referral discloses the client to the receiving organisation (issue 19): to one that
    uses Tilts it goes only on the client's active consent for that organisation, or when the
    worker confirms the client agreed in person (`client_agreed_in_person`), which is recorded
    as a consent given in person for the client's identity and what the referral concerns."""
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    reason = plain_text(reason)
    if not reason:
        errors["reason"] = [_("Write what the client needs from this service.")]
    if service.status != Service.Status.ACTIVE:
        errors["service"] = [_("This service is not active: choose another.")]
    home = case.client.municipality
    if home is not None and not service.service_areas.filter(municipality=home).exists():
        errors["service"] = [
            _(
                "%(service)s does not serve residents of %(municipality)s, where the client "
                "lives: choose a service for that area."
            )
            % {"service": service.name, "municipality": home.localised_name}
        ]
    if plan_step is not None and not (
        selectors.steps_for_referral(case).filter(pk=plan_step.pk).exists()
    ):
        errors["plan_step"] = [_("Choose an open step of this client's plan.")]
    if obligation is not None and not (
        selectors.obligations_for_referral(case).filter(pk=obligation.pk).exists()
    ):
        errors["obligation"] = [_("Choose a pending obligation of this client's agreement.")]
    in_person = False
    if not errors and not selectors.receiver_has_consent(case, service):
        if not client_agreed_in_person:
            errors["client_agreed_in_person"] = [
                _(
                    "The client has no consent on record for %(organisation)s. Record the "
                    "consent first, or confirm that the client agreed in person."
                )
                % {"organisation": service.organisation.name}
            ]
        elif case.organisation_id not in organisation_ids_of(actor):
            errors["client_agreed_in_person"] = [
                _("Only the organisation holding the case records the client's consent.")
            ]
        else:
            in_person = True
    if errors:
        raise DomainError(errors)
    referral = Referral(
        case=case, service=service, reason=reason, created_by=actor, plan_step=plan_step,
        obligation=obligation, concerns_health=concerns_health,
        concerns_conviction=concerns_conviction,
    )  # fmt: skip
    referral.full_clean(exclude=["case", "service", "created_by", "plan_step", "obligation"])
    referral.save()
    if in_person:
        _record_consent_in_person(actor=actor, case=case, referral=referral)
    ReferralEvent.objects.create(referral=referral, to_status=S.DRAFT, actor=actor)
    if send:
        referral = _transition(
            actor=actor, referral=referral, to_status=S.REQUESTED, reason="", timeline=False
        )
    record_event(
        case, actor, CaseEvent.Kind.REFERRAL_MADE,
        referral_id=referral.pk, service_id=str(service.pk), status=referral.status,
    )  # fmt: skip
    publish("referral_created", actor_id=actor.pk, referral_id=referral.pk, case_id=case.pk)
    return referral


def in_person_categories(referral: Referral) -> list[str]:
    """What a client's agreement in person to a referral shares: who they are, and the
    categories the referral concerns (health, the criminal record)."""
    from consent.disclosure import SENSITIVE, concerns

    return [Category.IDENTITY, *(c for c in SENSITIVE if concerns(referral, c))]


def _record_consent_in_person(*, actor: User, case: Case, referral: Referral) -> None:
    receiver = receiver_organisation_id(referral)
    assert receiver is not None  # noqa: S101 — only receivers in Tilts need the consent
    organisation = Organisation.objects.get(pk=receiver)
    consent_record(
        actor=actor, case=case, organisation=organisation,
        purpose=_("Referral no. %(number)s to %(service)s")
        % {"number": referral.pk, "service": referral.service.name},
        categories=in_person_categories(referral), given_on=timezone.localdate(),
        expires_on=None, form=Consent.Form.IN_PERSON,
    )  # fmt: skip


@transaction.atomic
def referral_transition(
    *, actor: User, referral: Referral, to_status: str, reason: str, outcome: str = ""
) -> Referral:
    """Move a referral to a new state if the move is legal; who, when and why are recorded.

    The referring side (who may work on the case) sends, withdraws, and records the
    receiving organisation's answers when that organisation does not use Tilts; members of a
    receiving organisation that uses Tilts answer themselves. Each move is a timeline entry
    of the case with the new state's code."""
    return _transition(
        actor=actor, referral=referral, to_status=to_status, reason=reason, outcome=outcome
    )


def _transition(
    *,
    actor: User,
    referral: Referral,
    to_status: str,
    reason: str,
    outcome: str = "",
    timeline: bool = True,
) -> Referral:
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("service__organisation", "case")
        .get(pk=referral.pk)
    )
    receiver = may_answer_for_receiver(actor, referral)
    referrer = actor.has_perm("cases.work_on_case", referral.case)
    if not receiver and not referrer:
        raise PermissionDenied
    if to_status not in S.values:
        raise DomainError({"to_status": [_("Choose a state.")]})
    allowed = TRANSITIONS[referral.status]
    if to_status not in allowed:
        raise DomainError(
            {
                "to_status": [
                    _("A referral that is “%(current)s” cannot become “%(new)s”.")
                    % {"current": referral.get_status_display(), "new": S(to_status).label}
                ]
            }
        )
    on_behalf = to_status in RECEIVER_STEPS and not receiver
    if on_behalf and receiver_organisation_id(referral) is not None:
        raise DomainError(
            {
                "to_status": [
                    _(
                        "%(organisation)s uses Tilts and answers this referral itself; you can "
                        "withdraw it."
                    )
                    % {"organisation": referral.service.organisation.name}
                ]
            }
        )
    if not referrer and to_status not in RECEIVER_STEPS:
        raise PermissionDenied  # only the referring side sends or withdraws
    reason = plain_text(reason)
    outcome = plain_text(outcome)
    errors: dict[str, list[str]] = {}
    if to_status in NEEDS_REASON and not reason:
        errors["reason"] = [_("Say why.")]
    if to_status == S.COMPLETED and not outcome:
        errors["outcome"] = [_("Describe the help given.")]
    if errors:
        raise DomainError(errors)
    now = timezone.now()
    ReferralEvent.objects.create(
        referral=referral, from_status=referral.status, to_status=to_status, actor=actor,
        reason=reason, on_behalf_of_receiver=on_behalf,
    )  # fmt: skip
    referral.status = to_status
    if to_status == S.REQUESTED:
        referral.sent_at = now
    if to_status in ANSWERS:
        referral.answered_at = now
    if outcome:
        referral.outcome = outcome
    referral.save()
    if to_status == S.COMPLETED and (referral.plan_step_id or referral.obligation_id):
        plans_services.plan_items_fulfil(
            actor=actor, step=referral.plan_step, obligation=referral.obligation,
            evidence_text=_(
                "Referral no. %(number)s to %(service)s (%(organisation)s): help given on "
                "%(date)s. %(outcome)s"
            ) % {
                "number": referral.pk, "service": referral.service.name,
                "organisation": referral.service.organisation.name,
                "date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
                "outcome": referral.outcome,
            },
        )  # fmt: skip
    if timeline:
        record_event(
            referral.case, actor, CaseEvent.Kind.REFERRAL_UPDATED,
            referral_id=referral.pk, status=to_status,
        )  # fmt: skip
    publish(
        "referral_changed", actor_id=actor.pk, referral_id=referral.pk,
        case_id=referral.case_id, status=to_status,
    )  # fmt: skip
    return referral
