"""Plan and agreement pages. Thin: cases via cases.selectors (404 outside the user's view),
writes via services (403 without the right), every read logged."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Organisation
from audit.reads import reads_of, shows_case
from cases.models import Case
from cases.selectors import notes_visible_to
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from core.concurrency import form_status, version_of
from core.errors import DomainError

from . import pdf, selectors, services
from .forms import (
    AgreeForm,
    AgreementForm,
    GoalForm,
    ObligationForm,
    ReviewForm,
    SignForm,
    StepForm,
    StepStatusForm,
)
from .models import Agreement, Goal, Plan, Step


def _case(request: HttpRequest, case_id: int, *, work: bool = False) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.view_case_plan", case):
        raise Http404
    if work and not request.user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    return case


def _plan(request: HttpRequest, case: Case, plan_id: int) -> Plan:
    plan = selectors.plan_with_goals(case, plan_id, reader=request.user)
    if plan is None:
        raise Http404
    return plan


def _log(request: HttpRequest, case: Case, *objects: tuple[str, int]) -> None:
    reads_of(request).add(case.pk, objects)


@shows_case()
@login_required
def plan_overview(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    current = selectors.current_plan(case)
    if current is not None:
        return redirect("plans:detail", case_id=case.pk, plan_id=current.pk)
    _log(request, case, ("case", case.pk))
    return render(
        request,
        "plans/plan_none.html",
        {"case": case, "may_work": request.user.has_perm("cases.work_on_case", case)},
    )


@shows_case()
@login_required
@require_POST
def plan_revise(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    plan = services.plan_revise(actor=acting_user(request), case=case)
    return redirect("plans:detail", case_id=case.pk, plan_id=plan.pk)


def _plan_page(
    request: HttpRequest,
    case: Case,
    plan: Plan,
    agree_form: AgreeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    goals = list(plan.goals.all())
    _log(request, case, ("plan", plan.pk), *[("goal", g.pk) for g in goals])
    return render(
        request,
        "plans/plan_detail.html",
        {
            "case": case,
            "plan": plan,
            "goals": goals,
            "versions": list(selectors.plans_of(case)),
            "agreements": list(selectors.agreements_of(case).filter(plan=plan)),
            "reviews": list(plan.reviews.all()),
            "agree_form": agree_form
            or AgreeForm(
                initial={
                    "agreed_on": timezone.localdate(),
                    "version": version_of(services.plan_values(plan)),
                }
            ),
            "step_status_form": StepStatusForm(),
            "may_work": request.user.has_perm("cases.work_on_case", case),
        },
        status=status,
    )


@shows_case()
@login_required
def plan_detail(request: HttpRequest, case_id: int, plan_id: int) -> HttpResponse:
    case = _case(request, case_id)
    return _plan_page(request, case, _plan(request, case, plan_id))


@shows_case()
@login_required
@require_POST
def plan_agree(request: HttpRequest, case_id: int, plan_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    plan = _plan(request, case, plan_id)
    form = AgreeForm(request.POST)
    if form.is_valid():
        try:
            services.plan_agree(
                actor=acting_user(request), plan=plan, agreed_on=form.cleaned_data["agreed_on"],
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The plan is agreed. This version can no longer change."))
            return redirect("plans:detail", case_id=case.pk, plan_id=plan.pk)
    return _plan_page(
        request,
        case,
        _plan(request, case, plan_id),
        agree_form=form,
        status=form_status(request, form),
    )


def _goal_page(request: HttpRequest, case: Case, plan: Plan, goal: Goal | None) -> HttpResponse:
    initial = GoalForm.initial_from(goal) if goal else {}
    if goal is not None:
        initial["version"] = version_of(services.goal_values(goal))
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if goal is None:
                services.goal_add(actor=acting_user(request), plan=plan, data=form.goal_input())
            else:
                services.goal_change(
                    actor=acting_user(request), goal=goal, data=form.goal_input(),
                    expected_version=form.expected_version(),
                )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Goal saved."))
            return redirect("plans:detail", case_id=case.pk, plan_id=plan.pk)
    status = form_status(request, form)
    context = {"case": case, "plan": plan, "goal": goal, "form": form}
    return render(request, "plans/goal_form.html", context, status=status)


@shows_case()
@login_required
def goal_new(request: HttpRequest, case_id: int, plan_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    return _goal_page(request, case, _plan(request, case, plan_id), None)


@shows_case()
@login_required
def goal_edit(request: HttpRequest, case_id: int, plan_id: int, goal_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    plan = _plan(request, case, plan_id)
    goal = next((g for g in plan.goals.all() if g.pk == goal_id), None)
    if goal is None:
        raise Http404
    return _goal_page(request, case, plan, goal)


@shows_case()
@login_required
def step_new(request: HttpRequest, case_id: int, plan_id: int, goal_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    plan = _plan(request, case, plan_id)
    goal = next((g for g in plan.goals.all() if g.pk == goal_id), None)
    if goal is None:
        raise Http404
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_add(actor=acting_user(request), goal=goal, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Action saved."))
            return redirect("plans:detail", case_id=case.pk, plan_id=plan.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "plan": plan, "goal": goal, "form": form}
    return render(request, "plans/step_form.html", context, status=status)


@shows_case()
@login_required
@require_POST
def step_status(request: HttpRequest, case_id: int, step_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    step = (
        Step.objects.select_related("goal__plan").filter(goal__plan__case=case, pk=step_id).first()
    )
    if step is None:
        raise Http404
    form = StepStatusForm(request.POST)
    if form.is_valid():
        try:
            services.step_set_status(
                actor=acting_user(request), step=step, status=form.cleaned_data["status"],
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Status of the action changed."))
    return redirect("plans:detail", case_id=case.pk, plan_id=step.goal.plan_id)


@shows_case()
@login_required
def review_new(request: HttpRequest, case_id: int, plan_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    plan = _plan(request, case, plan_id)
    goals = list(plan.goals.all())
    form = ReviewForm(
        request.POST or None, goals=goals, initial={"reviewed_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record(
                actor=acting_user(request),
                plan=plan,
                reviewed_on=form.cleaned_data["reviewed_on"],
                next_assessment_on=form.cleaned_data["next_assessment_on"],
                summary=form.cleaned_data["summary"],
                outcomes=form.outcomes(),
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Review saved."))
            return redirect("plans:detail", case_id=case.pk, plan_id=plan.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "plan": plan, "form": form}
    return render(request, "plans/review_form.html", context, status=status)


@shows_case()
@login_required
def plan_pdf(request: HttpRequest, case_id: int, plan_id: int) -> HttpResponse:
    case = _case(request, case_id)
    plan = _plan(request, case, plan_id)
    _log(request, case, ("plan", plan.pk))
    return _pdf_response(pdf.plan_pdf(case, plan), f"plan-{case.number}-v{plan.version}.pdf")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Agreements -------------------------------------------------------------------------------


def _agreement(request: HttpRequest, case: Case, agreement_id: int) -> Agreement:
    agreement = selectors.agreement_with_obligations(case, agreement_id, reader=request.user)
    if agreement is None:
        raise Http404
    return agreement


def _with_benefit(case: Case) -> bool:
    return bool(case.organisation.kind != Organisation.Kind.PROBATION_UNIT)


@shows_case()
@login_required
def agreement_new(request: HttpRequest, case_id: int, plan_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    plan = _plan(request, case, plan_id)
    form = AgreementForm(request.POST or None, with_benefit=_with_benefit(case))
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(
                actor=acting_user(request),
                plan=plan,
                benefit=form.cleaned_data.get("benefit"),
                responsible=form.cleaned_data["responsible"],
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Agreement prepared from the template."))
            return redirect("plans:agreement", case_id=case.pk, agreement_id=agreement.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "plan": plan, "form": form, "with_benefit": _with_benefit(case)}
    return render(request, "plans/agreement_form.html", context, status=status)


def _agreement_page(
    request: HttpRequest,
    case: Case,
    agreement: Agreement,
    sign_form: SignForm | None = None,
    status: int = 200,
) -> HttpResponse:
    obligations = list(agreement.obligations.all())
    _log(request, case, ("agreement", agreement.pk), *[("obligation", o.pk) for o in obligations])
    context: dict[str, Any] = {
        "case": case,
        "agreement": agreement,
        "obligations": obligations,
        "sign_form": sign_form or SignForm(initial={"signed_on": timezone.localdate()}),
        "may_work": request.user.has_perm("cases.work_on_case", case),
        "today": timezone.localdate(),
    }
    return render(request, "plans/agreement_detail.html", context, status=status)


@shows_case()
@login_required
def agreement_detail(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    case = _case(request, case_id)
    return _agreement_page(request, case, _agreement(request, case, agreement_id))


@shows_case()
@login_required
@require_POST
def agreement_sign(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    agreement = _agreement(request, case, agreement_id)
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_sign(
                actor=acting_user(request), agreement=agreement, **form.cleaned_data
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Signing recorded."))
            return redirect("plans:agreement", case_id=case.pk, agreement_id=agreement.pk)
    return _agreement_page(request, case, _agreement(request, case, agreement_id), form, status=400)


@shows_case()
@login_required
def agreement_pdf(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    case = _case(request, case_id)
    agreement = _agreement(request, case, agreement_id)
    _log(request, case, ("agreement", agreement.pk))
    return _pdf_response(pdf.agreement_pdf(case, agreement), f"agreement-{case.number}.pdf")


@shows_case()
@login_required
def obligation_edit(request: HttpRequest, case_id: int, obligation_id: int) -> HttpResponse:
    case = _case(request, case_id, work=True)
    obligation = selectors.obligation_of(case, obligation_id, reader=request.user)
    if obligation is None:
        raise Http404
    _log(request, case, ("obligation", obligation.pk))
    initial = {
        "status": obligation.status,
        "reason": obligation.reason,
        "due_on": obligation.due_on,
        "responsible": obligation.responsible,
        "evidence_kind": obligation.evidence_kind,
        "evidence_text": obligation.evidence_text,
        "evidence_note": obligation.evidence_note_id,
        "concerns_health": obligation.concerns_health,
        "concerns_conviction": obligation.concerns_conviction,
        "version": version_of(services.obligation_values(obligation)),
    }
    notes = notes_visible_to(request.user, case)
    form = ObligationForm(request.POST or None, request.FILES or None, initial=initial, notes=notes)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("evidence_file")
        evidence_file = (
            services.EvidenceFile(
                name=upload.name or "document",
                content_type=upload.content_type or "application/octet-stream",
                content=upload.read(),
            )
            if upload
            else None
        )
        try:
            services.obligation_update(
                actor=acting_user(request), obligation=obligation, evidence_file=evidence_file,
                expected_version=form.expected_version(), **data,
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Obligation updated."))
            return redirect(
                "plans:agreement", case_id=case.pk, agreement_id=obligation.agreement_id
            )
    status = form_status(request, form)
    context = {"case": case, "obligation": obligation, "form": form}
    return render(request, "plans/obligation_form.html", context, status=status)


@shows_case()
@login_required
def obligation_evidence(request: HttpRequest, case_id: int, obligation_id: int) -> HttpResponse:
    case = _case(request, case_id)
    obligation = selectors.obligation_of(case, obligation_id, reader=request.user)
    if obligation is None or not obligation.evidence_file_name:
        raise Http404
    _log(request, case, ("obligation_evidence", obligation.pk))
    response = HttpResponse(
        bytes(obligation.evidence_file or b""), content_type="application/octet-stream"
    )
    response["Content-Disposition"] = f'attachment; filename="evidence-{obligation.pk}"'
    return response
