"""Assessment pages: the case's assessments with the chart, a version, a (re-)assessment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.reads import reads_of, shows_case
from cases.models import Case
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from core.errors import DomainError

from . import selectors, services
from .forms import AssessmentForm


def _case_plan_or_404(request: HttpRequest, case_id: int) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.view_case_plan", case):
        raise Http404
    return case


@shows_case()
@login_required
def assessment_list(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_plan_or_404(request, case_id)
    assessments = selectors.for_reader(case, selectors.assessments_of(case), request.user)
    reads_of(request).add(case.pk, [("assessment", a.pk) for a in assessments])
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "case": case,
            "assessments": list(reversed(assessments)),
            "latest": assessments[-1] if assessments else None,
            "chart": selectors.need_chart(assessments),
            "may_work": request.user.has_perm("cases.work_on_case", case),
        },
    )


@shows_case()
@login_required
def assessment_detail(request: HttpRequest, case_id: int, assessment_id: int) -> HttpResponse:
    case = _case_plan_or_404(request, case_id)
    assessment = selectors.assessment_of(case, assessment_id)
    if assessment is None:
        raise Http404
    assessment = selectors.for_reader(case, [assessment], request.user)[0]
    reads_of(request).add(case.pk, [("assessment", assessment.pk)])
    return render(
        request,
        "assessments/assessment_detail.html",
        {"case": case, "assessment": assessment},
    )


@shows_case()
@login_required
def assessment_new(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_plan_or_404(request, case_id)
    if not request.user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    previous = selectors.latest_assessment(case)
    if previous is not None and selectors.hides_something(case, previous, request.user):
        # A re-assessment starts from every answer of the previous one; a reader of another
        # organisation who may not see some of them (issue 19) reads it but does not redo it.
        raise PermissionDenied
    form = AssessmentForm(
        request.POST or None, previous=previous, initial={"assessed_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_record(
                actor=acting_user(request), case=case, **form.service_arguments()
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(
                request,
                _("Assessment version %(version)s saved.") % {"version": assessment.version},
            )
            return redirect("assessments:list", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "assessments/assessment_form.html",
        {"case": case, "form": form, "previous": previous},
        status=status,
    )
