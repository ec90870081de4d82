"""Employment pages of a case: the client's employment profile, matching vacancies, placements
and their follow-ups. The case comes through cases.selectors (404 outside the user's view);
writes go through employment.services, which check the rules; reads are logged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Organisation
from audit.reads import reads_of, shows_case
from cases.models import Case
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from core.concurrency import form_status, version_of
from core.errors import DomainError
from directory.models import Service

from . import matching, selectors, services
from .forms import (
    ExperienceForm,
    FollowUpForm,
    LimitationsForm,
    MatchStepForm,
    PlacementForm,
    ProfileForm,
    QualificationForm,
)
from .models import FollowUp, Occupation, Qualification, Vacancy, WorkExperience, WorkLimitation


def _case_plan(request: HttpRequest, case_id: int) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.view_case_plan", case):
        raise PermissionDenied
    return case


def _case_to_work_on(request: HttpRequest, case_id: int) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    return case


def _profile_form(profile: Any, data: Any = None) -> ProfileForm:
    chosen = list(profile.professions.all()) if profile else []
    occupations = Occupation.objects.filter(
        Q(is_common=True, is_active=True) | Q(pk__in=[o.pk for o in chosen])
    ).order_by("code")
    initial: dict[str, Any] = {}
    if profile is not None:
        common = {o.pk for o in occupations}
        initial = {
            "readiness": profile.readiness,
            "readiness_note": profile.readiness_note,
            "professions": [o.pk for o in chosen],
            "skills": profile.skills,
            "licences": profile.licences,
        }
        others = [o.code for o in chosen if o.pk not in common]
        initial["other_professions"] = ", ".join(others)
    initial["version"] = version_of(services.profile_values(profile))
    return ProfileForm(data, initial=initial, occupations=occupations)


def _profile_page(
    request: HttpRequest, case: Case, status: int = 200, **forms: Any
) -> HttpResponse:
    user = acting_user(request)
    profile = selectors.profile_of(case)
    may_see_health = user.has_perm("cases.view_health", case)
    limitation = (
        WorkLimitation.objects.filter(profile=profile).first()
        if profile is not None and may_see_health
        else None
    )
    logged = [("employment_profile", profile.pk)] if profile else []
    if limitation is not None:
        logged.append(("work_limitation", limitation.pk))
    if logged:
        reads_of(request).add(case.pk, logged)
    context = {
        "case": case,
        "client": case.client,
        "profile": profile,
        "professions": list(profile.professions.all()) if profile else [],
        "qualifications": selectors.qualifications_of(profile),
        "experience": selectors.experience_of(profile),
        "limitation": limitation,
        "may_see_health": may_see_health,
        "may_work": user.has_perm("cases.work_on_case", case),
        "profile_form": forms.get("profile_form") or _profile_form(profile),
        "qualification_form": forms.get("qualification_form")
        or QualificationForm(prefix="qualification"),
        "experience_form": forms.get("experience_form") or ExperienceForm(prefix="experience"),
        "limitations_form": forms.get("limitations_form")
        or LimitationsForm(
            prefix="limitations",
            initial={
                "text": limitation.text if limitation else "",
                "version": version_of(services.limitations_values(profile)),
            },
        ),
        "common_occupations": selectors.common_occupations(),
    }
    return render(request, "employment/profile.html", context, status=status)


@shows_case()
@login_required
def profile(request: HttpRequest, case_id: int) -> HttpResponse:
    return _profile_page(request, _case_plan(request, case_id))


def _other_professions(raw: str) -> list[Occupation]:
    found = []
    for part in [p for p in raw.split(",") if p.strip()]:
        found.append(services.occupation_from_code(part, field_name="other_professions"))
    return found


@shows_case()
@login_required
@require_POST
def profile_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    form = _profile_form(selectors.profile_of(case), request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            professions = list(data["professions"]) + _other_professions(data["other_professions"])
            services.profile_update(
                actor=acting_user(request), case=case, readiness=data["readiness"],
                readiness_note=data["readiness_note"], professions=professions,
                skills=data["skills"], licences=data["licences"],
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Employment profile saved."))
            return redirect("employment:profile", case_id=case.pk)
    return _profile_page(request, case, status=form_status(request, form), profile_form=form)


@shows_case()
@login_required
@require_POST
def qualification_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    form = QualificationForm(request.POST, prefix="qualification")
    if form.is_valid():
        try:
            services.qualification_add(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Qualification added."))
            return redirect("employment:profile", case_id=case.pk)
    return _profile_page(request, case, status=400, qualification_form=form)


@shows_case()
@login_required
@require_POST
def qualification_remove(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    item = Qualification.objects.filter(pk=item_id, profile__client_id=case.client_id).first()
    if item is None:
        raise Http404
    services.qualification_remove(actor=acting_user(request), case=case, qualification=item)
    messages.success(request, _("Qualification removed."))
    return redirect("employment:profile", case_id=case.pk)


@shows_case()
@login_required
@require_POST
def experience_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    form = ExperienceForm(request.POST, prefix="experience")
    if form.is_valid():
        try:
            services.experience_add(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Work experience added."))
            return redirect("employment:profile", case_id=case.pk)
    return _profile_page(request, case, status=400, experience_form=form)


@shows_case()
@login_required
@require_POST
def experience_remove(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    item = WorkExperience.objects.filter(pk=item_id, profile__client_id=case.client_id).first()
    if item is None:
        raise Http404
    services.experience_remove(actor=acting_user(request), case=case, experience=item)
    messages.success(request, _("Work experience removed."))
    return redirect("employment:profile", case_id=case.pk)


@shows_case()
@login_required
@require_POST
def limitations_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_to_work_on(request, case_id)
    if not request.user.has_perm("cases.view_health", case):
        raise PermissionDenied
    form = LimitationsForm(request.POST, prefix="limitations")
    if form.is_valid():
        try:
            services.limitations_update(
                actor=acting_user(request), case=case, text=form.cleaned_data["text"],
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Work limitations saved."))
            return redirect("employment:profile", case_id=case.pk)
    return _profile_page(request, case, status=form_status(request, form), limitations_form=form)


@dataclass
class ProposalRow:
    """A proposed step on the matches page: the services that may provide it and, when it was
    just refused, the errors and the choice to show again."""

    proposal: matching.Proposal
    services: list[Service]
    form_id: str
    errors: list[str] = field(default_factory=list)
    chosen: str = ""  # the service chosen when refused, "-" for none


@dataclass
class MatchRow:
    vacancy: Vacancy
    match: matching.Match
    proposals: list[ProposalRow]


def _step_form_id(vacancy_id: int, kind: str) -> str:
    return f"step-{vacancy_id}-{kind}" if kind in matching.PROPOSAL_NEEDS else "step"


def _matches_page(
    request: HttpRequest,
    case: Case,
    *,
    status: int = 200,
    refused: tuple[int, MatchStepForm] | None = None,
) -> HttpResponse:
    profile = selectors.profile_of(case)
    found = matching.vacancies_for_client(case.client, profile, today=timezone.localdate())
    needs = {p.need for item in found for p in item.match.suggestions}
    services_by_need = selectors.services_for_needs(needs, case.client.municipality_id)
    refused_id = (
        _step_form_id(refused[0], str(refused[1].data.get("kind", ""))) if refused else None
    )
    rows = []
    for item in found:
        proposals = []
        for proposal in item.match.suggestions:
            row = ProposalRow(
                proposal=proposal,
                services=services_by_need.get(proposal.need, []),
                form_id=_step_form_id(item.vacancy.pk, proposal.kind),
            )
            if refused is not None and row.form_id == refused_id:
                row.errors = [str(e) for e in refused[1].errors.get("service", [])]
                row.chosen = str(refused[1].data.get("service", "")) or "-"  # "-": none
            proposals.append(row)
        rows.append(MatchRow(vacancy=item.vacancy, match=item.match, proposals=proposals))
    if profile is not None:
        reads_of(request).add(case.pk, [("employment_profile", profile.pk)], action="match")
    context = {
        "case": case,
        "profile": profile,
        "matches": rows,
        "may_work": request.user.has_perm("cases.work_on_case", case),
        "form": refused[1] if refused else None,
    }
    return render(request, "employment/matches.html", context, status=status)


@shows_case()
@login_required
def matches(request: HttpRequest, case_id: int) -> HttpResponse:
    """Open vacancies ranked for the client, with the reasons, what is missing and the steps
    proposed for it, each with the directory services that may provide it."""
    return _matches_page(request, _case_plan(request, case_id))


@shows_case()
@login_required
@require_POST
def match_step_add(request: HttpRequest, case_id: int, vacancy_id: int) -> HttpResponse:
    """Add a step proposed on the matches page to the draft cooperation plan."""
    case = _case_to_work_on(request, case_id)
    vacancy = Vacancy.objects.select_related("employer", "occupation").filter(pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    form = MatchStepForm(
        request.POST, auto_id=f"{_step_form_id(vacancy.pk, request.POST.get('kind', ''))}-%s"
    )
    if form.is_valid():
        service_id, service = form.cleaned_data["service"], None
        if service_id is not None:
            service = selectors.directory_service(service_id)
            if service is None:
                form.add_error("service", _("Choose a service from the list."))
        if service is not None or service_id is None:
            try:
                step = services.match_step_add(
                    actor=acting_user(request), case=case, vacancy=vacancy,
                    kind=form.cleaned_data["kind"], service=service,
                )  # fmt: skip
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(
                    request,
                    _("Added to the draft cooperation plan: %(step)s") % {"step": step.description},
                )
                return redirect("employment:matches", case_id=case.pk)
    return _matches_page(request, case, status=400, refused=(vacancy.pk, form))


def _placement_form(data: Any = None, initial: Any = None) -> PlacementForm:
    today = timezone.localdate()
    return PlacementForm(
        data, initial=initial,
        vacancies=Vacancy.objects.open_on(today).select_related("employer", "occupation",
                                                                "municipality"),
        employers=Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, is_active=True),
    )  # fmt: skip


@shows_case()
@login_required
def placements(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_plan(request, case_id)
    form = None
    if request.method == "POST":
        case = _case_to_work_on(request, case_id)
        form = _placement_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.placement_record(
                    actor=acting_user(request), case=case, vacancy=data["vacancy"],
                    employer=data["employer"], occupation_code=data["occupation_code"],
                    started_on=data["started_on"], mentor_name=data["mentor_name"],
                    subsidised=data["subsidised"],
                )  # fmt: skip
            except DomainError as error:
                form_errors_from(form, error)
            else:
                messages.success(
                    request, _("Placement recorded. Follow-ups at 1, 3, 6 and 12 months planned.")
                )
                return redirect("employment:placements", case_id=case.pk)
    vacancy_id = request.GET.get("vacancy", "")
    initial = {"vacancy": int(vacancy_id)} if vacancy_id.isdigit() else None
    context = {
        "case": case,
        "placements": selectors.placements_of(case),
        "form": form or _placement_form(initial=initial),
        "follow_up_form": FollowUpForm(initial={"done_on": timezone.localdate()}),
        "may_work": request.user.has_perm("cases.work_on_case", case),
        "today": timezone.localdate(),
    }
    status = 400 if form is not None else 200
    return render(request, "employment/placements.html", context, status=status)


@shows_case("follow_up", by="follow_up_id", model=FollowUp, case_field="placement__case_id")
@login_required
@require_POST
def follow_up(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    item = FollowUp.objects.select_related("placement").filter(pk=follow_up_id).first()
    if item is None:
        raise Http404
    case = _case_to_work_on(request, item.placement.case_id)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_record(
                actor=acting_user(request), follow_up=item, case=case,
                expected_version=form.expected_version(), **form.cleaned_data,
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Follow-up recorded."))
            return redirect("employment:placements", case_id=case.pk)
    for problem in [*form.non_field_errors(), *(e for f in form for e in f.errors)]:
        messages.error(request, str(problem))
    return redirect("employment:placements", case_id=case.pk)
