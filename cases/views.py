"""Case pages: caseload, search, intake, the case, notes, meetings, the worker's calendar.

Thin: access through selectors and rules, writes through services, every read of case data
logged: each view declares what it shows (audit.reads).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import organisation_ids_of
from audit.reads import reads_of, shows_case, shows_cases, shows_no_case_data
from core.concurrency import form_status, version_of
from core.errors import DomainError
from core.panels import panels_for

from . import selectors, services
from .cadence import proposed_dates
from .case_page import case_page, reader_of
from .forms import (
    AppointmentForm,
    CaseloadFilterForm,
    IntakeForm,
    LeadWorkerForm,
    NoteForm,
    OutcomeForm,
    StatementForm,
    StatusForm,
)
from .ical import calendar_for
from .models import Appointment, CaseNote
from .oversight_views import AccessReasonForm, break_glass_page, listed_case_to_unlock
from .permissions import case_work_organisation_ids
from .view_helpers import acting_user, form_errors_from, visible_case_or_404


@shows_cases()
@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    # The user's cases are read once: the table, the filter, the heading and the panels take
    # their ids from it.
    mine = selectors.my_cases_read(request.user)
    mine_only = request.GET.get("scope", "mine") != "organisation"
    form = CaseloadFilterForm(
        request.GET or None,
        colleagues=selectors.caseload_lead_workers(request.user, mine_only=mine_only, mine=mine),
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CaseloadFilters(
        status=data.get("status") or "",
        municipality=data["municipality"].pk if data.get("municipality") else None,
        worker=data["worker"].pk if data.get("worker") else None,
        mine_only=data.get("scope", "mine") != "organisation",
        sort=data.get("sort") or "next_meeting",
    )
    paginator = Paginator(selectors.caseload(request.user, filters, mine=mine), selectors.PAGE_SIZE)
    size = selectors.caseload_size(filters, mine)
    if size is not None:
        paginator.count = size  # counted from the cases read: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    reads_of(request).cases([case.pk for case in page])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/caseload.html",
        {
            "form": form,
            "page": page,
            "rows": selectors.case_rows(page),
            "query": query.urlencode(),
            "summary": selectors.caseload_summary(request.user, mine=mine),
            "now": timezone.now(),
            "may_open_cases": bool(case_work_organisation_ids(request.user)),
            "may_oversee": bool(organisation_ids_of(request.user, Role.SUPERVISOR)),
            "panels": panels_for("caseload", request, mine=mine),
        },
    )


@shows_cases(action="search")
@login_required
def search(request: HttpRequest) -> HttpResponse:
    # POST, so names and personal codes never end up in URLs, browser history or access logs.
    query = request.POST.get("q", "")[:100]
    # One more than is shown tells whether there are more, without counting them all.
    found = list(selectors.case_search(request.user, query)[: selectors.SEARCH_LIMIT + 1])
    results = found[: selectors.SEARCH_LIMIT]
    reads_of(request).cases([case.pk for case in results], action="search")
    return render(
        request,
        "cases/search.html",
        {
            "query": query,
            "results": selectors.case_rows(results),
            "more": len(found) > len(results),
        },
    )


@shows_no_case_data("the intake form: the new case is shown on its own page")
@login_required
def case_open(request: HttpRequest) -> HttpResponse:
    organisations = case_work_organisation_ids(request.user)
    if not organisations:
        raise PermissionDenied
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = form.details()
        organisation = (
            acting_user(request)
            .memberships.filter(organisation_id__in=organisations, is_active=True)
            .select_related("organisation")
            .first()
        )
        assert organisation is not None  # noqa: S101 — organisations is not empty
        try:
            case = services.case_open(
                actor=acting_user(request),
                organisation=organisation.organisation,
                details=details,
                status=data["status"],
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/case_open.html", {"form": form}, status=status)


@shows_case()
@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_for(request.user, case_id, related=False)
    if case is None:
        locked = listed_case_to_unlock(request, case_id)
        if locked is None:
            raise Http404
        return break_glass_page(request, locked, AccessReasonForm())
    user = acting_user(request)
    page = case_page(request, case, reader_of(user, case))
    reads_of(request).add(case.pk, [("case", case.pk), *page.shown])
    return render(request, "cases/case_detail.html", {"title": page.title, "content": page.content})


@shows_case()
@login_required
def note_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    form = NoteForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_add(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Note saved."))
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/note_form.html", {"form": form, "case": case}, status=status)


@shows_case("note", by="note_id", model=CaseNote)
@login_required
def note_edit(request: HttpRequest, note_id: int) -> HttpResponse:
    note = CaseNote.objects.select_related("case", "case__client").filter(pk=note_id).first()
    if note is None or selectors.case_for(request.user, note.case_id) is None:
        raise Http404
    if not request.user.has_perm("cases.view_note", note):
        raise Http404
    if not request.user.has_perm("cases.change_note", note):
        raise PermissionDenied
    initial = services.note_values(note)
    form = NoteForm(request.POST or None, initial={**initial, "version": version_of(initial)})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_correct(
                actor=acting_user(request), note=note, expected_version=form.expected_version(),
                **form.cleaned_data,
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Note corrected. The earlier version is kept."))
            return redirect("cases:detail", case_id=note.case_id)
    status = form_status(request, form)
    context = {"form": form, "case": note.case, "note": note}
    return render(request, "cases/note_form.html", context, status=status)


@shows_case()
@login_required
def appointment_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    suggested = request.GET.get("date", "")
    initial: dict[str, Any] = {"place": _("Office")}
    if suggested:
        try:
            day = datetime.strptime(suggested, "%Y-%m-%d")  # noqa: DTZ007 — made aware below
            initial["starts_at"] = timezone.make_aware(day.replace(hour=10))
        except ValueError:
            pass
    form = AppointmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_plan(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Meeting planned."))
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    after = timezone.localdate()
    context = {"form": form, "case": case, "proposed": proposed_dates(case, after=after)}
    return render(request, "cases/appointment_form.html", context, status=status)


@shows_case("appointment", by="appointment_id", model=Appointment)
@login_required
@require_POST
def appointment_record(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = Appointment.objects.select_related("case").filter(pk=appointment_id).first()
    if appointment is None or selectors.case_for(request.user, appointment.case_id) is None:
        raise Http404
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_record(
                actor=acting_user(request), appointment=appointment,
                expected_version=form.expected_version(), **form.cleaned_data,
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Meeting outcome recorded."))
    else:
        messages.error(request, _("Choose whether the meeting was held, missed or cancelled."))
    return redirect("cases:detail", case_id=appointment.case_id)


@shows_case()
@login_required
@require_POST
def statement_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            services.statement_record(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The client's words are recorded."))
    else:
        messages.error(request, _("Choose wish, goal or decision and write what the client said."))
    return redirect("cases:detail", case_id=case.pk)


@shows_case()
@login_required
@require_POST
def status_change(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.case_set_status(
                actor=acting_user(request), case=case, expected_version=form.expected_version(),
                **form.cleaned_data,
            )  # fmt: skip
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Case status changed."))
    return redirect("cases:detail", case_id=case.pk)


@shows_case()
@login_required
def lead_change(request: HttpRequest, case_id: int) -> HttpResponse:
    """Hand the case over to another case worker of its organisation. A page of its own, so the
    case page does not list every case worker of the organisation (issue 10)."""
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.manage_case", case):
        raise PermissionDenied
    form = LeadWorkerForm(
        request.POST or None,
        initial={
            "lead_worker": case.lead_worker_id,
            "version": version_of(services.lead_values(case)),
        },
        case_workers=selectors.case_workers_of(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reassign(
                actor=acting_user(request), case=case, lead_worker=form.cleaned_data["lead_worker"],
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Lead worker changed."))
            return redirect("cases:detail", case_id=case.pk)
    status = form_status(request, form)
    return render(request, "cases/lead_form.html", {"form": form, "case": case}, status=status)


@shows_cases(action="calendar")
@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """The worker's own meetings as an iCalendar file (case numbers only, no names)."""
    appointments = list(selectors.worker_appointments(request.user))
    reads_of(request).cases(sorted({a.case_id for a in appointments}), action="calendar")
    response = HttpResponse(calendar_for(appointments), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tilts-meetings.ics"'
    return response
