from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from audit.reads import shows_case
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from core.concurrency import form_status, version_of
from core.errors import DomainError
from tasks.views import case_people

from . import services
from .forms import ActionForm, ConferenceForm, RecordForm
from .models import CaseConference
from .pdf import conference_pdf
from .selectors import agenda_for, disclose_record


@shows_case()
@login_required
def case_conferences(request: HttpRequest, case_id: int) -> HttpResponse:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("cases.view_case_plan", case):
        raise PermissionDenied
    people = case_people(case).exclude(pk=acting_user(request).pk)
    form = ConferenceForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conference = services.conference_plan(
                actor=acting_user(request), case=case, starts_at=data["starts_at"],
                place=data["place"], video_link=data["video_link"],
                participants=list(data["participants"]), client_invited=data["client_invited"],
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Conference planned. The participants were invited."))
            return redirect("conferences:detail", conference_id=conference.pk)
    context = {"case": case, "form": form, "conferences": case.conferences.all()}
    return render(
        request, "conferences/case_conferences.html", context, status=400 if form.errors else 200
    )


def _conference(request: HttpRequest, conference_id: int) -> CaseConference:
    conference = CaseConference.objects.select_related("chair").filter(pk=conference_id).first()
    if conference is None:
        raise Http404
    case = visible_case_or_404(request, conference.case_id)
    if not request.user.has_perm("cases.view_case_plan", case):
        raise Http404
    conference.case = case
    return conference


def _people(conference: CaseConference) -> QuerySet[User]:
    return User.objects.filter(pk__in=conference.participants.values("user_id"))


def _detail(
    request: HttpRequest,
    conference: CaseConference,
    record_form: RecordForm | None = None,
    action_form: ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    people = _people(conference)
    partly_withheld = disclose_record(conference, request.user)
    attended = list(conference.participants.filter(attended=True).values_list("user_id", flat=True))
    context = {
        "conference": conference,
        "case": conference.case,
        "agenda": agenda_for(conference.case, reader=request.user),
        "participants": conference.participants.select_related("user"),
        "actions": conference.actions.select_related("task__owner", "task__organisation"),
        "record_form": record_form or RecordForm(
            initial={"minutes": conference.minutes, "decisions": conference.decisions,
                     "attended": attended,
                     "version": version_of(services.record_values(conference))},
            people=people,
        ),
        "action_form": action_form or ActionForm(people=case_people(conference.case)),
        "is_chair": conference.chair_id == request.user.pk,
        "signed_off": conference.status == CaseConference.Status.SIGNED_OFF,
        "partly_withheld": partly_withheld,
    }  # fmt: skip
    return render(request, "conferences/detail.html", context, status=status)


@shows_case("conference", by="conference_id", model=CaseConference)
@login_required
def detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    return _detail(request, _conference(request, conference_id))


@shows_case("conference", by="conference_id", model=CaseConference)
@login_required
@require_POST
def record(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    form = RecordForm(request.POST, people=_people(conference))
    if form.is_valid():
        try:
            services.conference_record(
                actor=acting_user(request), conference=conference,
                minutes=form.cleaned_data["minutes"], decisions=form.cleaned_data["decisions"],
                attended=[u.pk for u in form.cleaned_data["attended"]],
                expected_version=form.expected_version(),
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("conferences:detail", conference_id=conference.pk)
    return _detail(request, conference, record_form=form, status=form_status(request, form))


@shows_case("conference", by="conference_id", model=CaseConference)
@login_required
@require_POST
def action_add(request: HttpRequest, conference_id: int) -> HttpResponse:
    """An action without owner or deadline is refused by the form, naming what is missing."""
    conference = _conference(request, conference_id)
    form = ActionForm(request.POST, people=case_people(conference.case))
    if form.is_valid():
        try:
            services.action_add(
                actor=acting_user(request), conference=conference, **form.cleaned_data
            )
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Action added. It is on the owner's task list."))
            return redirect("conferences:detail", conference_id=conference.pk)
    return _detail(request, conference, action_form=form, status=400)


@shows_case("conference", by="conference_id", model=CaseConference)
@login_required
@require_POST
def sign_off(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    try:
        services.conference_sign_off(actor=acting_user(request), conference=conference)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The record is signed off."))
    return redirect("conferences:detail", conference_id=conference.pk)


@shows_case("conference", by="conference_id", model=CaseConference)
@login_required
def record_pdf(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = _conference(request, conference_id)
    disclose_record(conference, request.user)
    response = HttpResponse(conference_pdf(conference), content_type="application/pdf")
    # Named by case number and date, never by the person.
    name = f"conference-{conference.case.number}-{conference.starts_at:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
