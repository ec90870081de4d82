"""A case's help in kind (D1): what was given, totals per kind, a form to record more and to
cancel a mistaken entry. The case comes through cases.selectors (404 outside the user's view);
writes go through referrals.services, which check the rules; reads are logged."""

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

from audit.reads import reads_of, shows_case
from cases.models import Case
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from consent import disclosure
from core.errors import DomainError

from . import selectors, services
from .forms import CancelForm, HelpInKindForm


def _case(request: HttpRequest, case_id: int) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.view_case_plan", case):
        raise PermissionDenied
    return case


def _form(case: Case, data: Any = None) -> HelpInKindForm:
    return HelpInKindForm(
        data,
        providers=selectors.providers_for(case),
        initial={"given_on": timezone.localdate(), "quantity": 1},
    )


def _page(
    request: HttpRequest,
    case: Case,
    *,
    form: HelpInKindForm | None = None,
    cancel: tuple[int, CancelForm] | None = None,
) -> HttpResponse:
    user = acting_user(request)
    # A reader of another organisation: items concerning a category the client's consent does
    # not share with it are left out and counted (issue 19).
    shown = disclosure.disclosed(user, case, selectors.help_in_kind_of(case)[:200])
    items = shown.items
    reads_of(request).add(case.pk, [("case", case.pk)] + [("help_in_kind", i.pk) for i in items])
    invalid = bool(form is not None and form.errors) or cancel is not None
    context = {
        "case": case,
        "items": items,
        "withheld": shown.placeholder,
        "totals": selectors.totals_of(case),
        "year": timezone.localdate().year,
        "may_work": user.has_perm("cases.work_on_case", case),
        "form": form or _form(case),
        "cancel_id": cancel[0] if cancel else None,
        "cancel_form": cancel[1] if cancel else CancelForm(),
    }
    return render(request, "referrals/help_in_kind.html", context, status=400 if invalid else 200)


@shows_case()
@login_required
def help_in_kind(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    if request.method != "POST":
        return _page(request, case)
    user = acting_user(request)
    if not user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    form = _form(case, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.help_in_kind_record(
                actor=user, case=case, kind=data["kind"], given_on=data["given_on"],
                quantity=data["quantity"], service=form.chosen_service(),
                provider_name=data["provider_name"], note=data["note"],
                concerns_health=data["concerns_health"],
                concerns_conviction=data["concerns_conviction"],
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Help in kind recorded."))
            return redirect("referrals:help_in_kind", case_id=case.pk)
    return _page(request, case, form=form)


@shows_case()
@login_required
@require_POST
def help_in_kind_cancel(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case = _case(request, case_id)
    item = selectors.help_in_kind_item(case, item_id)
    if item is None:
        raise Http404
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.help_in_kind_cancel(
                actor=acting_user(request), item=item, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Entry cancelled."))
            return redirect("referrals:help_in_kind", case_id=case.pk)
    return _page(request, case, cancel=(item.pk, form))
