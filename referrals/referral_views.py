"""Referral pages: a case's referrals (make one, move it on), incoming referrals of receiving
organisations that use Tilts. Access: the case's rules for the referring side; membership of
the receiving organisation for the other side; everyone else gets 404."""

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

from audit.reads import reads_of, shows_case, shows_cases
from cases.models import Case
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from consent import disclosure
from core.errors import DomainError

from . import selectors, services
from .forms import ReferralForm, ReferralStepForm
from .models import Referral

Failed = tuple[int, ReferralStepForm] | None  # the referral whose move was refused, its form


def _rows(
    user: Any,
    referrals: list[Referral],
    *,
    referrer: bool,
    failed: Failed = None,
    receiving: bool = False,
) -> list[dict[str, Any]]:
    now = timezone.now()
    rows = []
    for referral in referrals:
        receiver = services.may_answer_for_receiver(user, referral)
        uses_tilts = services.receiver_organisation_id(referral) is not None
        steps = sorted(services.TRANSITIONS[referral.status])
        if not receiver:
            steps = [
                s
                for s in steps
                if referrer and (s not in services.RECEIVER_STEPS or not uses_tilts)
            ]
        elif not referrer:
            steps = [s for s in steps if s in services.RECEIVER_STEPS]
        rows.append(
            {
                "referral": referral,
                # The receiver's side: what the client's consent lets it see (issue 19).
                "view": selectors.receiver_view(user, referral) if receiving else None,
                "overdue": selectors.is_overdue(referral, now),
                "steps": [(s, Referral.Status(s).label) for s in steps],
                "on_behalf": referrer and not receiver and not uses_tilts,
                "form": failed[1] if failed and failed[0] == referral.pk else None,
            }
        )
    return rows


def _log(request: HttpRequest, case_id: int | None, referrals: list[Referral]) -> None:
    """Reads of referrals are reads of case data (what the client needs, the outcome)."""
    by_case: dict[int, list[tuple[str, int]]] = {}
    for referral in referrals:
        by_case.setdefault(referral.case_id, []).append(("referral", referral.pk))
    if case_id is not None:
        by_case.setdefault(case_id, []).insert(0, ("case", case_id))
    for logged_case, objects in by_case.items():
        reads_of(request).add(logged_case, objects)


def _referral_form(user: Any, case: Case, data: Any = None) -> ReferralForm:
    return ReferralForm(
        data,
        services=selectors.services_for_referral(case),
        steps=disclosure.restrict_queryset(user, case, selectors.steps_for_referral(case)),
        obligations=disclosure.restrict_queryset(
            user, case, selectors.obligations_for_referral(case)
        ),
    )


def _case_page(
    request: HttpRequest, case: Case, form: ReferralForm | None = None, failed: Failed = None
) -> HttpResponse:
    user = acting_user(request)
    may_refer = user.has_perm("cases.work_on_case", case)
    # A reader of another organisation: referrals concerning a category the client's consent
    # does not share with it are left out, and counted (issue 19).
    shown = disclosure.disclosed(user, case, selectors.referrals_of(case))
    referrals = shown.items
    withheld = disclosure.withheld_categories(user, case)
    for referral in referrals if withheld else []:  # the linked plan items too (not saved)
        if referral.plan_step and disclosure.withheld_item(referral.plan_step, withheld):
            referral.plan_step = None
        if referral.obligation and disclosure.withheld_item(referral.obligation, withheld):
            referral.obligation = None
    _log(request, case.pk, referrals)
    context = {
        "case": case,
        "form": form or _referral_form(user, case),
        "may_refer": may_refer,
        "rows": _rows(user, referrals, referrer=may_refer, failed=failed),
        "failed": failed[1] if failed else None,
        "failed_id": failed[0] if failed else None,
        "step_form": ReferralStepForm(),
        "consents": selectors.consents_for_referral(case) if may_refer else [],
        "may_manage_consent": user.has_perm("consent.manage_consent", case),
        "withheld": shown.placeholder,
    }
    invalid = failed is not None or (form is not None and bool(form.errors))
    return render(request, "referrals/case_referrals.html", context, status=400 if invalid else 200)


@shows_case()
@login_required
def case_referrals(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    user = acting_user(request)
    if not user.has_perm("cases.view_case_plan", case):
        raise PermissionDenied
    if request.method != "POST":
        return _case_page(request, case)
    if not user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    form = _referral_form(user, case, request.POST)
    if form.is_valid():
        try:
            services.referral_create(
                actor=user,
                case=case,
                service=form.cleaned_data["service"],
                reason=form.cleaned_data["reason"],
                plan_step=form.cleaned_data["plan_step"],
                obligation=form.cleaned_data["obligation"],
                concerns_health=form.cleaned_data["concerns_health"],
                concerns_conviction=form.cleaned_data["concerns_conviction"],
                client_agreed_in_person=form.cleaned_data["client_agreed_in_person"],
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Referral sent."))
            return redirect("referrals:case_referrals", case_id=case.pk)
    return _case_page(request, case, form=form)


def _incoming_page(request: HttpRequest, failed: Failed = None) -> HttpResponse:
    user = acting_user(request)
    referrals = list(selectors.incoming_referrals(user)[:100])
    _log(request, None, referrals)
    rows = _rows(user, referrals, referrer=False, failed=failed, receiving=True)
    return render(
        request,
        "referrals/incoming_referrals.html",
        {
            "rows": rows,
            "failed": failed[1] if failed else None,
            "failed_id": failed[0] if failed else None,
        },
        status=400 if failed else 200,
    )


@shows_cases()
@login_required
def incoming(request: HttpRequest) -> HttpResponse:
    return _incoming_page(request)


def _referral_for(request: HttpRequest, referral_id: int) -> tuple[Referral, Case | None]:
    referral = (
        Referral.objects.select_related("service__organisation", "case")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise Http404
    user = acting_user(request)
    case = selectors_case(request, referral)
    if case is None and not (
        services.may_answer_for_receiver(user, referral)
        and referral.status != Referral.Status.DRAFT
    ):
        raise Http404
    return referral, case


def selectors_case(request: HttpRequest, referral: Referral) -> Case | None:
    from cases import selectors as case_selectors

    case = case_selectors.case_for(request.user, referral.case_id)
    if case is not None and request.user.has_perm("cases.work_on_case", case):
        return case
    return None


@shows_case("referral", by="referral_id", model=Referral)
@login_required
@require_POST
def referral_step(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral, case = _referral_for(request, referral_id)
    form = ReferralStepForm(request.POST)
    if form.is_valid():
        try:
            services.referral_transition(
                actor=acting_user(request), **form.cleaned_data, referral=referral
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Referral updated."))
            if case is not None:
                return redirect("referrals:case_referrals", case_id=case.pk)
            return redirect("referrals:incoming_referrals")
    # Refused: the page again, the error at the field and what was typed kept (400).
    if case is not None:
        return _case_page(request, case, failed=(referral.pk, form))
    return _incoming_page(request, failed=(referral.pk, form))
