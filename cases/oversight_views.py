"""Oversight of access (A4): break the glass, who read a case, and the supervisor's list of
cases opened outside the caseload."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from accounts.permissions import organisation_ids_of
from audit.reads import reads_of, shows_case, shows_cases
from audit.selectors import reads_of_case
from core.errors import DomainError
from core.forms import Form

from . import selectors, services
from .models import Case, CaseAccessGrant
from .view_helpers import acting_user, form_errors_from, visible_case_or_404


class AccessReasonForm(Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you need to open this case?"),
        help_text=gettext_lazy(
            "For example: covering for the lead worker who is on leave. Your supervisor sees it."
        ),
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write why you need to open this case.")},
    )


def break_glass_page(request: HttpRequest, case: Case, form: AccessReasonForm) -> HttpResponse:
    """Shown instead of the case to a colleague of the organisation without access."""
    status = 400 if form.is_bound else 403
    return render(request, "cases/break_glass.html", {"case": case, "form": form}, status=status)


def listed_case_to_unlock(request: HttpRequest, case_id: int) -> Case | None:
    """The case if the user sees it in lists and may break the glass, else None."""
    case = selectors.cases_listed_for(request.user).select_related("client").filter(pk=case_id)
    found = case.first()
    if found is not None and request.user.has_perm("cases.break_glass", found):
        return found
    return None


@shows_case(action="locked")  # the lock page: the case number only
@login_required
def case_access(request: HttpRequest, case_id: int) -> HttpResponse:
    case = listed_case_to_unlock(request, case_id)
    if case is None:
        raise Http404
    form = AccessReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_access_grant(
                actor=acting_user(request), case=case, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.warning(request, _("You opened this case outside your caseload."))
            return redirect("cases:detail", case_id=case.pk)
    return break_glass_page(request, case, form)


@shows_case("access_log")
@login_required
def case_reads(request: HttpRequest, case_id: int) -> HttpResponse:
    """Who read this case: for its lead worker and supervisors."""
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.manage_case", case):
        raise PermissionDenied
    context = {"case": case, "reads": reads_of_case(case.pk)}
    return render(request, "cases/case_reads.html", context)


@shows_cases()
@login_required
def oversight(request: HttpRequest) -> HttpResponse:
    """Supervisor's list: cases opened outside the caseload in the last 30 days."""
    supervised = organisation_ids_of(acting_user(request), Role.SUPERVISOR)
    if not supervised:
        raise PermissionDenied
    grants = list(
        CaseAccessGrant.objects.filter(
            case__organisation_id__in=supervised,
            granted_at__gte=timezone.now() - timedelta(days=30),
        )
        .select_related("case", "user")
        .order_by("-granted_at")[:200]
    )
    reads_of(request).cases(sorted({grant.case_id for grant in grants}))
    return render(request, "cases/oversight.html", {"grants": grants})
