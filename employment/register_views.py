"""The employer register (employers, vacancies, feedback) and the worker's follow-ups list.
Every case worker of any organisation keeps the register (`employment.use_employer_register`);
the clients proposed for a vacancy are only those whose case plan the worker may see."""

from __future__ import annotations

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

from accounts.models import Municipality, Organisation
from audit.reads import reads_of, shows_cases, shows_no_case_data
from cases.view_helpers import acting_user, form_errors_from
from core.concurrency import form_status, row_values, version_of
from core.errors import DomainError

from . import matching, selectors, services
from .forms import CloseForm, EmployerForm, FeedbackForm, VacancyFilterForm, VacancyForm
from .models import EmployerProfile, Occupation, Vacancy


def _register_user(request: HttpRequest) -> None:
    if not request.user.has_perm("employment.use_employer_register"):
        raise PermissionDenied


def _employer_or_404(organisation_id: int) -> Organisation:
    organisation = selectors.employer(organisation_id)
    if organisation is None:
        raise Http404
    return organisation


def _vacancy_or_404(vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancy(vacancy_id)
    if vacancy is None:
        raise Http404
    return vacancy


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@shows_no_case_data("the shared employer register")
@login_required
def employers(request: HttpRequest) -> HttpResponse:
    _register_user(request)
    municipality = _int(request.GET.get("municipality"))
    page = Paginator(selectors.employers(municipality), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "municipalities": Municipality.objects.current(),
        "municipality": municipality,
    }
    return render(request, "employment/employers.html", context)


@shows_no_case_data("adds an employer to the register")
@login_required
def employer_create(request: HttpRequest) -> HttpResponse:
    _register_user(request)
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.employer_create(
                actor=acting_user(request), name=form.cleaned_data["name"],
                municipality=form.cleaned_data["municipality"], details=form.details(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Employer registered."))
            return redirect("employment:employer", organisation_id=organisation.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "employment/employer_form.html", {"form": form}, status=status)


def _employer_initial(organisation: Organisation) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "name": organisation.name,
        "municipality": organisation.municipality_id,
    }
    profile = EmployerProfile.objects.filter(organisation=organisation).first()
    if profile is not None:
        for name in services.EmployerDetails.__dataclass_fields__:
            initial[name] = getattr(profile, name)
    return initial


@shows_no_case_data("edits an employer of the register")
@login_required
def employer_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    _register_user(request)
    organisation = _employer_or_404(organisation_id)
    initial = _employer_initial(organisation)
    initial["version"] = version_of(services.employer_values(organisation))
    form = EmployerForm(request.POST or None, initial=initial)
    form.fields["name"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(
                actor=acting_user(request), organisation=organisation,
                municipality=form.cleaned_data["municipality"], details=form.details(),
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Employer saved."))
            return redirect("employment:employer", organisation_id=organisation.pk)
    status = form_status(request, form)
    context = {"form": form, "organisation": organisation}
    return render(request, "employment/employer_form.html", context, status=status)


def _employer_page(
    request: HttpRequest, organisation: Organisation, feedback_form: FeedbackForm | None = None
) -> HttpResponse:
    history = selectors.placement_history(request.user, organisation)
    reads_of(request).cases(sorted({p.case_id for p in history.visible}), action="placements")
    context = {
        "organisation": organisation,
        "profile": getattr(organisation, "employer_profile", None),
        "vacancies": selectors.vacancies_of(organisation),
        "history": history,
        "feedback": selectors.feedback_of(organisation),
        "feedback_form": feedback_form
        or FeedbackForm(initial={"recorded_on": timezone.localdate()}),
        "today": timezone.localdate(),
    }
    status = 400 if feedback_form is not None else 200
    return render(request, "employment/employer.html", context, status=status)


@shows_cases(action="placements")
@login_required
def employer(request: HttpRequest, organisation_id: int) -> HttpResponse:
    _register_user(request)
    return _employer_page(request, _employer_or_404(organisation_id))


@shows_cases(action="placements")
@login_required
@require_POST
def feedback_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    _register_user(request)
    organisation = _employer_or_404(organisation_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_add(
                actor=acting_user(request), organisation=organisation, **form.cleaned_data
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Feedback recorded."))
            return redirect("employment:employer", organisation_id=organisation.pk)
    return _employer_page(request, organisation, feedback_form=form)


@shows_no_case_data("the shared list of vacancies")
@login_required
def vacancies(request: HttpRequest) -> HttpResponse:
    _register_user(request)
    occupations = Occupation.objects.filter(vacancies__isnull=False).distinct().order_by("code")
    form = VacancyFilterForm(request.GET or None, occupations=occupations)
    filters = selectors.VacancyFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.VacancyFilters(
            municipality=data["municipality"].pk if data["municipality"] else None,
            occupation=data["occupation"].pk if data["occupation"] else None,
            include_closed=data["include_closed"],
        )
    rows = selectors.vacancies(filters, timezone.localdate())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "employment/vacancies.html", context)


def _vacancy_form_page(
    request: HttpRequest, form: VacancyForm, employer: Organisation, vacancy: Vacancy | None
) -> HttpResponse:
    context = {
        "form": form, "employer": employer, "vacancy": vacancy,
        "common_occupations": selectors.common_occupations(),
    }  # fmt: skip
    status = form_status(request, form)
    return render(request, "employment/vacancy_form.html", context, status=status)


@shows_no_case_data("adds a vacancy")
@login_required
def vacancy_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    _register_user(request)
    organisation = _employer_or_404(organisation_id)
    form = VacancyForm(
        request.POST or None,
        initial={"municipality": organisation.municipality_id, "opened_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                actor=acting_user(request), employer=organisation, details=form.details()
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Vacancy saved."))
            return redirect("employment:vacancy", vacancy_id=vacancy.pk)
    return _vacancy_form_page(request, form, organisation, None)


@shows_no_case_data("edits a vacancy")
@login_required
def vacancy_edit(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    _register_user(request)
    vacancy = _vacancy_or_404(vacancy_id)
    initial = {**VacancyForm.initial_from(vacancy), "version": version_of(row_values(vacancy))}
    form = VacancyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(
                actor=acting_user(request), vacancy=vacancy, details=form.details(),
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Vacancy saved."))
            return redirect("employment:vacancy", vacancy_id=vacancy.pk)
    return _vacancy_form_page(request, form, vacancy.employer, vacancy)


@shows_cases(action="match")
@login_required
def vacancy(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The vacancy and the clients it suits, among those whose case plan the worker may see."""
    _register_user(request)
    item = _vacancy_or_404(vacancy_id)
    found = matching.clients_for_vacancy(item, selectors.plan_visible_cases(request.user))
    reads_of(request).cases([m.case_id for m in found], action="match")
    context = {
        "vacancy": item,
        "matches": found,
        "close_form": CloseForm(initial={"closed_on": timezone.localdate()}),
        "is_open": item.is_open(timezone.localdate()),
    }
    return render(request, "employment/vacancy.html", context)


@shows_no_case_data("closes a vacancy")
@login_required
@require_POST
def vacancy_close(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    _register_user(request)
    item = _vacancy_or_404(vacancy_id)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.vacancy_close(
                actor=acting_user(request), vacancy=item, closed_on=form.cleaned_data["closed_on"]
            )
        except DomainError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Vacancy closed."))
    else:
        messages.error(request, _("Enter the date the vacancy closed."))
    return redirect("employment:vacancy", vacancy_id=item.pk)


@shows_cases()
@login_required
def follow_ups(request: HttpRequest) -> HttpResponse:
    """Follow-ups due within a week or overdue, and how the worker's clients are doing
    against the handbook's 30% baseline (I2)."""
    _register_user(request)
    today = timezone.localdate()
    due = list(selectors.follow_ups_due(request.user, today))
    reads_of(request).cases(sorted({f.placement.case_id for f in due}))
    context = {"due": due, "today": today, "indicators": selectors.indicators(request.user)}
    return render(request, "employment/follow_ups.html", context)
