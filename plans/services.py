"""Writes for cooperation plans (C1), reviews and participation agreements (C2–C4).

Keyword-only, `actor` first, one transaction, a permission check and a domain event. An agreed
plan version is frozen: changing it means starting a new draft (`plan_revise`), which copies
the goals and steps; agreeing the draft supersedes the earlier version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from assessments.models import Assessment, Need
from cases.models import Case, CaseNote
from core.concurrency import check_version, field_values, lock_current
from core.errors import DomainError, validate
from core.events import publish

from . import defaults
from .models import (
    OPEN_STEP_STATUSES,
    Agreement,
    AgreementStatus,
    BenefitRate,
    BenefitType,
    EvidenceKind,
    Goal,
    GoalOutcome,
    GoalStatus,
    Obligation,
    ObligationStatus,
    ObligationTemplate,
    Plan,
    PlanStatus,
    Review,
    SigningMethod,
    Step,
    StepActor,
    StepStatus,
)

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024


def _require(actor: User, case: Case) -> None:
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied


def _short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _require_draft(plan: Plan) -> None:
    """Lock the plan row and read its status as stored: agreeing a plan and changing its goals
    or actions then happen one after the other, never interleaved (issue 28, finding 5)."""
    stored = Plan.objects.select_for_update().filter(pk=plan.pk).values_list("status", flat=True)
    plan.status = stored.first() or plan.status
    if not plan.is_draft:
        raise DomainError(
            _(
                "This plan version is agreed and can no longer be changed. "
                "Start a new version to change it."
            )
        )


# --- Plans ------------------------------------------------------------------------------------


@transaction.atomic
def plan_revise(*, actor: User, case: Case) -> Plan:
    """The case's draft plan: the existing one, or a new version copying the latest agreed
    version's goals and steps and based on the latest assessment."""
    _require(actor, case)
    Case.objects.select_for_update().filter(pk=case.pk).first()
    draft = case.plans.filter(status=PlanStatus.DRAFT).first()
    if draft is not None:
        return draft
    last_version = case.plans.aggregate(v=Max("version"))["v"] or 0
    agreed = case.plans.filter(status=PlanStatus.AGREED).first()
    plan = Plan.objects.create(
        case=case,
        version=last_version + 1,
        status=PlanStatus.DRAFT,
        assessment=Assessment.objects.filter(case=case).order_by("-version").first(),
        created_by=actor,
    )
    if agreed is not None:
        for goal in agreed.goals.prefetch_related("steps"):
            steps = list(goal.steps.all())
            goal.pk = None
            goal.plan = plan
            goal.save()
            for step in steps:
                step.pk = None
                step.goal = goal
                step.save()
    publish("plan_draft_started", actor_id=actor.pk, case_id=case.pk, plan_id=plan.pk)
    return plan


@dataclass(frozen=True)
class GoalInput:
    description: str
    need: str = ""
    client_priority: bool = False
    outcome: str = ""
    target_date: date | None = None
    status: str = GoalStatus.ACTIVE
    concerns_health: bool = False
    concerns_conviction: bool = False


def _check_goal(plan: Plan, data: GoalInput) -> None:
    errors: dict[str, list[str]] = {}
    if not data.description.strip():
        errors["description"] = [_("Write the goal.")]
    if not data.need and not data.client_priority:
        errors["need"] = [
            _("Link the goal to an assessed need or mark it as the client's own priority.")
        ]
    if data.need and data.need not in Need.values:
        errors["need"] = [_("Choose a need from the list.")]
    if not data.outcome.strip():
        errors["outcome"] = [_("Write the measurable outcome: how you will both know.")]
    started = timezone.localdate(plan.created_at) if plan.created_at else timezone.localdate()
    if data.target_date is not None and data.target_date < started:
        errors["target_date"] = [
            _("The target date cannot be before the plan was started (%(date)s).")
            % {"date": _short(started)}
        ]
    if errors:
        raise DomainError(errors)


@transaction.atomic
def goal_add(*, actor: User, plan: Plan, data: GoalInput) -> Goal:
    _require(actor, plan.case)
    _require_draft(plan)
    _check_goal(plan, data)
    goal = Goal(
        plan=plan,
        need=data.need,
        client_priority=data.client_priority,
        description=data.description.strip(),
        outcome=data.outcome.strip(),
        target_date=data.target_date,
        status=data.status,
        concerns_health=data.concerns_health,
        concerns_conviction=data.concerns_conviction,
    )
    validate(goal)
    goal.save()
    publish("plan_goal_added", actor_id=actor.pk, case_id=plan.case_id, goal_id=goal.pk)
    return goal


GOAL_FIELDS = (
    "description", "need", "client_priority", "outcome", "target_date", "status",
    "concerns_health", "concerns_conviction",
)  # fmt: skip
STEP_FIELDS = ("description", "actor", "institution", "due_on")
OBLIGATION_FIELDS = (
    "status", "reason", "due_on", "responsible", "evidence_kind", "evidence_text",
    "evidence_note", "evidence_file_name", "concerns_health", "concerns_conviction",
)  # fmt: skip


def goal_values(goal: Goal) -> dict[str, object]:
    """A goal as its form edits it: its version (core.concurrency; issue 28, finding 5)."""
    return field_values(goal, GOAL_FIELDS)


def step_values(step: Step) -> dict[str, object]:
    return field_values(step, ["status"])


def obligation_values(obligation: Obligation) -> dict[str, object]:
    return field_values(obligation, OBLIGATION_FIELDS)


def plan_values(plan: Plan) -> dict[str, object]:
    """What agreeing the plan agrees to: every goal and action as they stand (its version)."""
    values: dict[str, object] = {}
    for goal in Goal.objects.filter(plan=plan).order_by("pk"):
        values[f"goal.{goal.pk}"] = list(goal_values(goal).values())
    for step in Step.objects.filter(goal__plan=plan).order_by("pk"):
        values[f"step.{step.pk}"] = list(field_values(step, STEP_FIELDS).values())
    return values


@transaction.atomic
def goal_change(
    *, actor: User, goal: Goal, data: GoalInput, expected_version: str | None = None
) -> Goal:
    _require(actor, goal.plan.case)
    lock_current(goal, expected_version=expected_version, values=goal_values)
    _require_draft(goal.plan)
    _check_goal(goal.plan, data)
    goal.need = data.need
    goal.client_priority = data.client_priority
    goal.description = data.description.strip()
    goal.outcome = data.outcome.strip()
    goal.target_date = data.target_date
    goal.status = data.status
    goal.concerns_health = data.concerns_health
    goal.concerns_conviction = data.concerns_conviction
    validate(goal)
    goal.save()
    publish("plan_goal_changed", actor_id=actor.pk, case_id=goal.plan.case_id, goal_id=goal.pk)
    return goal


@transaction.atomic
def step_add(
    *,
    actor: User,
    goal: Goal,
    description: str,
    actor_kind: str,
    institution: str = "",
    due_on: date | None = None,
    concerns_health: bool = False,
    concerns_conviction: bool = False,
) -> Step:
    plan = goal.plan
    _require(actor, plan.case)
    _require_draft(plan)
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("Write the action.")]
    if actor_kind == StepActor.INSTITUTION and not institution.strip():
        errors["institution"] = [_("Name the institution that does it.")]
    started = timezone.localdate(plan.created_at)
    if due_on is not None and due_on < started:
        errors["due_on"] = [
            _("The due date cannot be before the plan was started (%(date)s).")
            % {"date": _short(started)}
        ]
    if errors:
        raise DomainError(errors)
    step = Step(
        goal=goal,
        description=description.strip(),
        actor=actor_kind,
        institution=institution.strip() if actor_kind == StepActor.INSTITUTION else "",
        due_on=due_on,
        concerns_health=concerns_health or goal.concerns_health,
        concerns_conviction=concerns_conviction or goal.concerns_conviction,
    )
    validate(step)
    step.save()
    publish("plan_step_added", actor_id=actor.pk, case_id=plan.case_id, step_id=step.pk)
    return step


@transaction.atomic
def step_set_status(
    *, actor: User, step: Step, status: str, expected_version: str | None = None
) -> Step:
    """Progress on an action. Allowed on the agreed version too: it records what happened,
    it does not change what was agreed (every change stays in the step's history)."""
    plan = step.goal.plan
    _require(actor, plan.case)
    lock_current(step, expected_version=expected_version, values=step_values)
    if plan.status == PlanStatus.SUPERSEDED:
        raise DomainError(_("This plan version has been replaced by a newer one."))
    if status not in StepStatus.values:
        raise DomainError({"status": [_("Choose a status from the list.")]})
    step.status = status
    step.save(update_fields=["status"])
    publish("plan_step_status", actor_id=actor.pk, case_id=plan.case_id, step_id=step.pk)
    return step


@transaction.atomic
def plan_agree(
    *,
    actor: User,
    plan: Plan,
    agreed_on: date | None = None,
    expected_version: str | None = None,
) -> Plan:
    """Agree the draft with the client: it is frozen and the previous agreed version is
    superseded. Every goal still pursued needs a measurable outcome and a target date.
    `expected_version`: the plan's goals and actions as the page showed them; StaleEditError when
    someone changed them since, so no one agrees to what they have not seen."""
    _require(actor, plan.case)
    _require_draft(plan)  # locks the plan: its goals and actions cannot change meanwhile
    check_version(expected_version, plan_values(plan))
    agreed_on = agreed_on or timezone.localdate()
    goals = [g for g in plan.goals.all() if g.status != GoalStatus.REMOVED]
    if not goals:
        raise DomainError(_("Add at least one goal before agreeing the plan."))
    missing = [g.description for g in goals if g.target_date is None or not g.outcome]
    if missing:
        raise DomainError(
            _("Give every goal a measurable outcome and a target date before agreeing: %(goals)s.")
            % {"goals": "; ".join(missing)}
        )
    for previous in plan.case.plans.filter(status=PlanStatus.AGREED):
        previous.status = PlanStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    plan.status = PlanStatus.AGREED
    plan.agreed_on = agreed_on
    plan.agreed_by = actor
    plan.save(update_fields=["status", "agreed_on", "agreed_by"])
    publish("plan_agreed", actor_id=actor.pk, case_id=plan.case_id, plan_id=plan.pk)
    return plan


@transaction.atomic
def review_record(
    *,
    actor: User,
    plan: Plan,
    reviewed_on: date,
    outcomes: dict[int, tuple[str, str]],
    next_assessment_on: date,
    summary: str = "",
) -> Review:
    """The evaluation: each goal's outcome (status and words), and when to re-assess."""
    _require(actor, plan.case)
    if plan.status != PlanStatus.AGREED:
        raise DomainError(_("Only the agreed plan can be reviewed."))
    errors: dict[str, list[str]] = {}
    if reviewed_on > timezone.localdate():
        errors["reviewed_on"] = [_("The date of review cannot be in the future.")]
    if next_assessment_on <= reviewed_on:
        errors["next_assessment_on"] = [_("Propose the next assessment after the review.")]
    goals = {g.pk: g for g in plan.goals.all()}
    if set(outcomes) - set(goals) or any(s not in GoalStatus.values for s, _t in outcomes.values()):
        errors["outcomes"] = [_("Record an outcome for the plan's goals only.")]
    if errors:
        raise DomainError(errors)
    review = Review.objects.create(
        plan=plan,
        reviewed_on=reviewed_on,
        reviewed_by=actor,
        summary=summary.strip(),
        next_assessment_on=next_assessment_on,
    )
    for goal_id, (status, text) in outcomes.items():
        GoalOutcome.objects.create(review=review, goal_id=goal_id, status=status, text=text.strip())
        goal = goals[goal_id]
        if goal.status != status:
            goal.status = status
            goal.save(update_fields=["status"])
    publish("plan_reviewed", actor_id=actor.pk, case_id=plan.case_id, review_id=review.pk)
    return review


# --- Agreements -------------------------------------------------------------------------------


def default_template(on: date | None = None) -> ObligationTemplate:
    """The default obligation template valid on the day (the handbook's nine, C2)."""
    on = on or timezone.localdate()
    found = (
        ObligationTemplate.objects.filter(is_default=True, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .order_by("-valid_from")
        .first()
    )
    if found is None:
        defaults.load()
        found = ObligationTemplate.objects.get(code=defaults.DEFAULT_TEMPLATE_CODE)
    return found


def benefit_rate_on(benefit: BenefitType, on: date) -> BenefitRate | None:
    return (
        benefit.rates.filter(valid_from__lte=on).exclude(valid_to__lt=on).order_by("-valid_from")
    ).first()


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    plan: Plan,
    benefit: BenefitType | None = None,
    template: ObligationTemplate | None = None,
    responsible: str = "",
) -> Agreement:
    """An agreement on an agreed plan version, its obligations copied from the template.
    C3: a probation unit uses the same obligations without the benefit."""
    case = plan.case
    _require(actor, case)
    if plan.status != PlanStatus.AGREED:
        raise DomainError(_("Agree the cooperation plan with the client before the agreement."))
    today = timezone.localdate()
    rate = None
    if benefit is not None:
        if case.organisation.kind == Organisation.Kind.PROBATION_UNIT:
            raise DomainError(
                {"benefit": [_("A probation unit makes the agreement without a benefit.")]}
            )
        rate = benefit_rate_on(benefit, today)
        if rate is None:
            raise DomainError({"benefit": [_("The benefit has no amount valid today.")]})
    template = template or default_template(today)
    agreement = Agreement.objects.create(
        case=case, plan=plan, template=template, benefit_rate=rate, created_by=actor
    )
    who = responsible.strip() or case.client.full_name
    Obligation.objects.bulk_create(
        Obligation(
            agreement=agreement,
            template_item=item,
            position=item.position,
            due_on=today + timedelta(days=item.due_in_days),
            responsible=who,
        )
        for item in template.items.all()
    )
    publish("agreement_created", actor_id=actor.pk, case_id=case.pk, agreement_id=agreement.pk)
    return agreement


@transaction.atomic
def agreement_sign(*, actor: User, agreement: Agreement, signed_on: date, method: str) -> Agreement:
    _require(actor, agreement.case)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == AgreementStatus.SIGNED:
        raise DomainError(
            _("This agreement was already signed on %(date)s.")
            % {"date": _short(agreement.signed_on) if agreement.signed_on else ""}
        )
    errors: dict[str, list[str]] = {}
    if method not in SigningMethod.values:
        errors["method"] = [_("Choose how the agreement was signed.")]
    if signed_on > timezone.localdate():
        errors["signed_on"] = [_("The date of signing cannot be in the future.")]
    if errors:
        raise DomainError(errors)
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = signed_on
    agreement.signed_by_worker = actor
    agreement.signing_method = method
    agreement.save()
    publish(
        "agreement_signed", actor_id=actor.pk, case_id=agreement.case_id, agreement_id=agreement.pk
    )
    return agreement


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    content_type: str
    content: bytes


@transaction.atomic
def obligation_update(
    *,
    actor: User,
    obligation: Obligation,
    status: str,
    due_on: date,
    responsible: str,
    reason: str = "",
    evidence_kind: str = "",
    evidence_text: str = "",
    evidence_note: CaseNote | None = None,
    evidence_file: EvidenceFile | None = None,
    concerns_health: bool | None = None,
    concerns_conviction: bool | None = None,
    expected_version: str | None = None,
) -> Obligation:
    """Follow an obligation up (C4): due date, responsible person, evidence and status; the
    worker's marks of what it concerns (issue 19; None: unchanged)."""
    case = obligation.agreement.case
    _require(actor, case)
    lock_current(obligation, expected_version=expected_version, values=obligation_values)
    errors: dict[str, list[str]] = {}
    if status not in ObligationStatus.values:
        errors["status"] = [_("Choose a status from the list.")]
    if status in (ObligationStatus.NOT_FULFILLED, ObligationStatus.WAIVED) and not reason.strip():
        errors["reason"] = [_("Write the reason.")]
    if not responsible.strip():
        errors["responsible"] = [_("Name the person responsible.")]
    if evidence_kind and evidence_kind not in EvidenceKind.values:
        errors["evidence_kind"] = [_("Choose a kind of evidence from the list.")]
    if evidence_kind == EvidenceKind.NOTE and (
        evidence_note is None or evidence_note.case_id != case.pk
    ):
        errors["evidence_note"] = [_("Choose a note of this case.")]
    if (
        evidence_kind == EvidenceKind.DOCUMENT
        and evidence_file is None
        and not obligation.evidence_file_name
    ):
        errors["evidence_file"] = [_("Choose the document to upload.")]
    if evidence_file is not None and len(evidence_file.content) > MAX_EVIDENCE_BYTES:
        errors["evidence_file"] = [_("The document must be smaller than 5 MB.")]
    if evidence_kind == EvidenceKind.TEXT and not evidence_text.strip():
        errors["evidence_text"] = [_("Describe the evidence.")]
    if errors:
        raise DomainError(errors)
    obligation.status = status
    obligation.due_on = due_on
    obligation.responsible = responsible.strip()
    obligation.reason = reason.strip() if status != ObligationStatus.FULFILLED else ""
    obligation.evidence_kind = evidence_kind
    obligation.evidence_text = evidence_text.strip()
    obligation.evidence_note = evidence_note if evidence_kind == EvidenceKind.NOTE else None
    if concerns_health is not None:
        obligation.concerns_health = concerns_health
    if concerns_conviction is not None:
        obligation.concerns_conviction = concerns_conviction
    if evidence_file is not None:
        obligation.evidence_file_name = evidence_file.name[:200]
        obligation.evidence_file_type = evidence_file.content_type[:100]
        obligation.evidence_file = evidence_file.content
    obligation.save()
    publish(
        "obligation_updated", actor_id=actor.pk, case_id=case.pk, obligation_id=obligation.pk,
        status=status,
    )  # fmt: skip
    return obligation


@transaction.atomic
def plan_items_fulfil(
    *, actor: User, step: Step | None, obligation: Obligation | None, evidence_text: str
) -> None:
    """Help arranged for a plan step or an agreement obligation was given (a completed
    referral, issue 5): the open step becomes completed, the pending obligation fulfilled with
    the evidence described in words. Steps and obligations already closed, and steps of a
    replaced plan version, are left as they are.

    The caller checks that the actor may record the help as given — the case worker, or the
    receiving organisation answering a referral — and that the step and obligation were linked
    to it by someone who may work on the case; so no case permission is required here."""
    if step is not None:
        step = Step.objects.select_for_update().select_related("goal__plan").get(pk=step.pk)
        plan = step.goal.plan
        if step.status in OPEN_STEP_STATUSES and plan.status != PlanStatus.SUPERSEDED:
            step.status = StepStatus.COMPLETED
            step.save(update_fields=["status"])
            publish("plan_step_status", actor_id=actor.pk, case_id=plan.case_id, step_id=step.pk)
    if obligation is not None:
        obligation = (
            Obligation.objects.select_for_update().select_related("agreement").get(pk=obligation.pk)
        )
        if obligation.status == ObligationStatus.PENDING:
            obligation.status = ObligationStatus.FULFILLED
            obligation.reason = ""
            obligation.evidence_kind = EvidenceKind.TEXT
            obligation.evidence_text = evidence_text.strip()
            obligation.evidence_note = None
            validate(obligation)
            obligation.save()
            publish(
                "obligation_updated", actor_id=actor.pk, case_id=obligation.agreement.case_id,
                obligation_id=obligation.pk, status=ObligationStatus.FULFILLED,
            )  # fmt: skip
