from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from audit.reads import shows_case
from cases.models import Case
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from core.errors import DomainError

from . import selectors, services
from .forms import TaskForm
from .models import Task


def case_people(case: Case) -> QuerySet[User]:
    """Who can be given a task: the lead worker and the active team."""
    team = case.team.filter(is_active=True).values("user_id")
    return User.objects.filter(Q(pk=case.lead_worker_id) | Q(pk__in=team)).order_by("last_name")


@shows_case()
@login_required
def case_tasks(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.view_case_plan", case):
        raise PermissionDenied
    form = TaskForm(request.POST or None, people=case_people(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.task_create(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Task added."))
            return redirect("tasks:case_tasks", case_id=case.pk)
    context = {
        "case": case, "form": form, "tasks": selectors.tasks_of(case, reader=request.user),
        "today": timezone.localdate(), "statuses": Task.Status.choices,
    }  # fmt: skip
    return render(request, "tasks/case_tasks.html", context, status=400 if form.errors else 200)


@shows_case("task", by="task_id", model=Task)
@login_required
@require_POST
def task_status(request: HttpRequest, task_id: int) -> HttpResponse:
    task = Task.objects.select_related("case").filter(pk=task_id).first()
    if task is None or visible_case_or_404(request, task.case_id) is None:
        raise Http404
    try:
        services.task_set_status(
            actor=acting_user(request), task=task, status=request.POST.get("status", "")
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Task updated."))
    return redirect("tasks:case_tasks", case_id=task.case_id)
