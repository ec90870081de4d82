"""Writes to the directory: importing HSDS documents (all or nothing), and referrals."""

from __future__ import annotations

import html
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import organisation_ids_of
from cases.models import Case, CaseEvent
from cases.services import record_event
from core.errors import DomainError
from core.events import publish
from core.text import fold
from plans import services as plans_services
from plans.models import Obligation, Step

from . import importing, selectors
from .importing import Plan, Problem
from .models import (
    Address,
    CostOption,
    DirectoryOrganisation,
    Language,
    Location,
    Phone,
    Referral,
    ReferralEvent,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
)

# Plan tables in the order they are written (parents first).
TABLES: list[tuple[str, type[models.Model]]] = [
    ("organisation", DirectoryOrganisation),
    ("location", Location),
    ("address", Address),
    ("service", Service),
    ("sal", ServiceAtLocation),
    ("area", ServiceArea),
    ("cost", CostOption),
    ("need", ServiceNeed),
    ("phone", Phone),
    ("language", Language),
    ("schedule", Schedule),
]
MODELS = dict(TABLES)
LINKED = {"phone", "language", "schedule"}
LINK_FIELDS = {
    "phone": ["service_id", "location_id", "service_at_location_id", "organisation_id"],
    "language": ["service_id", "location_id", "service_at_location_id", "phone_id"],
    "schedule": ["service_id", "location_id", "service_at_location_id"],
}
PARENT_FIELD = {
    "organisation": "organisation",
    "location": "location",
    "service": "service",
    "service_at_location": "service_at_location",
    "phone": "phone",
}
HSDS_NAME = {"organisation": "organization_id", "organisation_id": "organization_id"}


class HsdsImportError(DomainError):
    """The document has problems; nothing was imported. `problems` names each one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__([str(problem) for problem in problems])


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        tables = sorted(set(self.created) | set(self.updated))
        return ", ".join(f"{t}: {self.created[t]} new, {self.updated[t]} updated" for t in tables)


@transaction.atomic
def directory_import(*, actor: User | None, data: Any, shape: str | None = None) -> ImportReport:
    """Import HSDS records (see importing.py for what is accepted). Either every record is
    valid and all are written, or HsdsImportError lists every problem and nothing changes."""
    plan = importing.read(data, shape)
    if plan.problems:
        raise HsdsImportError(plan.problems)
    existing = {
        table: set(
            model._default_manager.filter(pk__in=plan.ids(table)).values_list("pk", flat=True)
        )
        for table, model in TABLES
    }
    _merge_stored_links(plan, existing)
    instances = _instances(plan)
    _delete_unclaimed(plan)
    for table, model in TABLES:
        rows = instances[table]
        if not rows:
            continue
        names = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        model._default_manager.bulk_create(
            rows, update_conflicts=True, unique_fields=["id"], update_fields=names
        )
    _unlink_unclaimed(plan)
    _derive(plan)
    report = ImportReport()
    for table, _model in TABLES:
        for row_id in plan.ids(table):
            (report.updated if row_id in existing[table] else report.created)[table] += 1
    publish(
        "directory_imported",
        actor_id=actor.pk if actor else None,
        created=dict(report.created),
        updated=dict(report.updated),
    )
    return report


def _merge_stored_links(plan: Plan, existing: dict[str, set[uuid.UUID]]) -> None:
    """A stored phone linked to a location keeps that link when a service names it too."""
    for table in LINKED:
        stored = (
            MODELS[table]
            ._default_manager.filter(pk__in=existing[table])
            .values("pk", *LINK_FIELDS[table])
        )
        for values in stored:
            fields = plan.rows[table][values["pk"]].fields
            for key in LINK_FIELDS[table]:
                if fields.get(key) is None:
                    fields[key] = values[key]


def _instances(plan: Plan) -> dict[str, list[models.Model]]:
    """Unsaved model instances for every row, checked with full_clean; problems raise."""
    problems: list[Problem] = []
    instances: dict[str, list[models.Model]] = {}
    seen_pairs: set[tuple[str, Any, Any]] = set()
    for table, model in TABLES:
        instances[table] = []
        foreign_keys = [f.name for f in model._meta.concrete_fields if f.is_relation]
        for row_id, row in plan.rows[table].items():
            if table in ("area", "need"):
                other = row.fields.get("municipality_id") or row.fields.get("need_id")
                pair = (table, row.fields["service_id"], other)
                if pair in seen_pairs:
                    continue  # the same municipality or need twice: once is enough
                seen_pairs.add(pair)
            instance = model(pk=row_id, **row.fields)
            if isinstance(instance, DirectoryOrganisation):
                instance.name_folded = fold(instance.name)[:250]
            try:
                instance.full_clean(
                    exclude=foreign_keys, validate_unique=False, validate_constraints=False
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    path = f"{row.path}/{HSDS_NAME.get(name, name)}"
                    problems += [Problem(path, row.record, message) for message in messages]
            instances[table].append(instance)
    if problems:
        raise HsdsImportError(problems)
    return instances


def _delete_unclaimed(plan: Plan) -> None:
    """Collections given in full replace the stored ones (single-parent children)."""
    single = {
        "address": Address,
        "area": ServiceArea,
        "cost": CostOption,
        "need": ServiceNeed,
        "sal": ServiceAtLocation,
    }
    for (parent_table, parent_id, child_table), claimed in plan.collections.items():
        if child_table in single:
            parent = PARENT_FIELD[parent_table]
            single[child_table]._default_manager.filter(**{parent: parent_id}).exclude(
                pk__in=claimed
            ).delete()


def _unlink_unclaimed(plan: Plan) -> None:
    """Shared children (phones, languages, hours) lose the link; rows left with none go."""
    for (parent_table, parent_id, child_table), claimed in plan.collections.items():
        if child_table in LINKED:
            parent = PARENT_FIELD[parent_table]
            MODELS[child_table]._default_manager.filter(**{parent: parent_id}).exclude(
                pk__in=claimed
            ).update(**{parent: None})
    for table in LINKED:
        orphan = Q()
        for key in LINK_FIELDS[table]:
            orphan &= Q(**{f"{key.removesuffix('_id')}__isnull": True})
        MODELS[table]._default_manager.filter(orphan).delete()


def _derive(plan: Plan) -> None:
    """Free of charge and the folded search text of every service the import touched."""
    organisation_ids = plan.ids("organisation")
    services = (
        Service.objects.filter(Q(pk__in=plan.ids("service")) | Q(organisation__in=organisation_ids))
        .select_related("organisation")
        .prefetch_related(
            "cost_options",
            "needs__parent",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__addresses"
                ),
            ),
        )
    )
    changed = []
    for service in services:
        costs = list(service.cost_options.all())
        service.free_of_charge = bool(costs) and all(
            cost.amount is not None and cost.amount == 0 for cost in costs
        )
        service.search_text = search_text_of(service)
        changed.append(service)
    Service.objects.bulk_update(changed, ["free_of_charge", "search_text"])


def search_text_of(service: Service) -> str:
    parts = [service.name, service.alternate_name, service.description]
    parts += [service.organisation.name, service.organisation.alternate_name]
    for need in service.needs.all():
        for term in (need, need.parent):
            if term is not None:
                parts += [term.name, term.name_ru, term.name_en]
    for sal in service.service_at_locations.all():
        parts += [sal.location.name]
        parts += [f"{a.address_1} {a.city}" for a in sal.location.addresses.all()]
    return fold(" ".join(part for part in parts if part))


# --- Referrals (closed loop) ----------------------------------------------------------------


def sanitise_text(text: str) -> str:
    """Plain text: markup stripped, entities turned back into characters (as case notes)."""
    return html.unescape(nh3.clean(text or "", tags=set())).strip()


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
    receiver = receiver_organisation_id(referral)
    return receiver is not None and receiver in organisation_ids_of(user)


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
) -> Referral:
    """Refer the case's client to a service; sent at once unless kept as a draft. The referral
    may be for an open step of the case's plan and/or a pending obligation of its agreement:
    when the help is given (completed), those are completed and fulfilled."""
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    reason = sanitise_text(reason)
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
    if errors:
        raise DomainError(errors)
    referral = Referral(
        case=case, service=service, reason=reason, created_by=actor, plan_step=plan_step,
        obligation=obligation,
    )  # fmt: skip
    referral.full_clean(exclude=["case", "service", "created_by", "plan_step", "obligation"])
    referral.save()
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
    reason = sanitise_text(reason)
    outcome = sanitise_text(outcome)
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
