"""Pages that change the person's record from a case: details, documents, income, health, team.

Thin: the case comes through selectors (404 outside the user's view), writes through
cases.client_services (which check the rules), every read of the record is logged.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from audit.reads import reads_of, shows_case
from core.concurrency import form_status, version_of
from core.errors import DomainError
from people.models import Client, IncomeSource

from . import client_services, services
from .forms import DocumentsForm, HealthForm, IncomeForm, PersonForm, TeamMemberForm
from .models import Case, TeamMember
from .view_helpers import acting_user, form_errors_from, visible_case_or_404

# The person's details that are the conviction and release record (consent category).
CONVICTION_FIELDS = (
    "release_date", "place_of_imprisonment", "imprisonment_months", "supervision_status",
)  # fmt: skip


def _case_to_work_on(request: HttpRequest, case_id: int) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    return case


def _history_of(client: Client) -> list[dict[str, Any]]:
    """Who changed the person's details, when, and which fields (never the values)."""
    records = list(client.history.select_related("history_user").order_by("-history_date")[:21])
    changes = []
    for newer, older in itertools.pairwise(records):
        fields = newer.diff_against(older).changed_fields
        if fields:
            labels = [
                str(getattr(Client._meta.get_field(name), "verbose_name", name)) for name in fields
            ]
            changes.append(
                {"when": newer.history_date, "who": newer.history_user, "fields": labels}
            )
    return changes


@shows_case()
@login_required
def person_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    client = case.client
    reads_of(request).add(case.pk, [("client", client.pk)])
    initial = {name: getattr(client, name) for name in client_services.PERSON_FIELDS}
    initial["personal_code"] = client.personal_code or ""
    initial["version"] = version_of(client_services.person_values(client))
    form = PersonForm(request.POST or None, initial=initial)
    # A worker of another organisation whose consent leaves out the criminal record neither
    # sees nor changes it (issue 19): the stored values stay.
    kept = {}
    if not request.user.has_perm("cases.view_conviction", case):
        kept = {name: getattr(client, name) for name in CONVICTION_FIELDS}
        for name in CONVICTION_FIELDS:
            del form.fields[name]
    if request.method == "POST" and form.is_valid():
        try:
            client_services.client_update(
                actor=acting_user(request), case=case,
                details=dataclasses.replace(form.details(), **kept),
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Personal details saved. The earlier values are kept."))
            return redirect("cases:detail", case_id=case.pk)
    context = {"form": form, "case": case, "changes": _history_of(client)}
    status = form_status(request, form)
    return render(request, "cases/person_form.html", context, status=status)


@shows_case()
@login_required
def documents_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    held: dict[str, object] = client_services.documents_values(case.client)
    form = DocumentsForm(request.POST or None, initial={**held, "version": version_of(held)})
    if request.method == "POST" and form.is_valid():
        try:
            client_services.documents_set(
                actor=acting_user(request), case=case, statuses=dict(form.cleaned_data),
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Documents saved."))
            return redirect("cases:detail", case_id=case.pk)
    status = form_status(request, form)
    context = {"form": form, "case": case}
    return render(request, "cases/documents_form.html", context, status=status)


@shows_case()
@login_required
def income_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    form = IncomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client_services.income_add(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Income saved."))
            return redirect("cases:income_add", case_id=case.pk)
    context = {"form": form, "case": case, "incomes": case.client.incomes.all()}
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/income_form.html", context, status=status)


@shows_case()
@login_required
@require_POST
def income_remove(request: HttpRequest, case_id: int, income_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    income = IncomeSource.objects.filter(pk=income_id, client_id=case.client_id).first()
    if income is None:
        raise Http404
    client_services.income_remove(actor=acting_user(request), case=case, income=income)
    messages.success(request, _("Income removed."))
    return redirect("cases:income_add", case_id=case.pk)


@shows_case()
@login_required
def health_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.view_health", case):
        raise PermissionDenied
    record = getattr(case.client, "health", None)
    if record is not None:
        reads_of(request).add(case.pk, [("health", record.pk)])
    initial = client_services.health_values(record)
    form = HealthForm(request.POST or None, initial={**initial, "version": version_of(initial)})
    if request.method == "POST" and form.is_valid():
        try:
            client_services.health_update(
                actor=acting_user(request), case=case, expected_version=form.expected_version(),
                **form.cleaned_data,
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Health section saved."))
            return redirect("cases:detail", case_id=case.pk)
    status = form_status(request, form)
    return render(request, "cases/health_form.html", {"form": form, "case": case}, status=status)


@shows_case()
@login_required
def team(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.manage_case", case):
        raise PermissionDenied
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        colleague = User.objects.filter(
            email__iexact=form.cleaned_data["email"], is_active=True
        ).first()
        if colleague is None:
            form.add_error("email", _("No one with this e-mail address works in Tilts."))
        else:
            try:
                services.team_member_add(
                    actor=acting_user(request),
                    case=case,
                    user=colleague,
                    role=form.cleaned_data["role"],
                )
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, _("Added to the team."))
                return redirect("cases:team", case_id=case.pk)
    members = case.team.filter(is_active=True).select_related("user")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "case": case, "members": members}
    return render(request, "cases/team.html", context, status=status)


@shows_case()
@login_required
@require_POST
def team_remove(request: HttpRequest, case_id: int, member_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    member = TeamMember.objects.filter(pk=member_id, case=case, is_active=True).first()
    if member is None:
        raise Http404
    client_services.team_member_remove(actor=acting_user(request), case=case, member=member)
    messages.success(request, _("Removed from the team."))
    return redirect("cases:team", case_id=case.pk)
