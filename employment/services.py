"""Business writes for employment: the client's employment profile, employers, vacancies,
placements and their follow-ups, and the plan steps matching proposes.

Every function: keyword-only, `actor` first, one transaction, the permission checked here,
full_clean, a CaseEvent where a case is concerned and a domain event; invalid input raises a
DomainError with a translated message naming the field.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Municipality, Organisation, User
from assessments.models import Need
from cases.models import Case, CaseEvent
from cases.services import record_event
from core.concurrency import check_version, field_values, lock_current, row_values
from core.errors import DomainError, validate
from core.events import publish
from core.text import plain_text
from directory.models import Service, ServiceNeed
from people.models import Client
from plans import services as plan_services
from plans.models import GoalStatus, Step, StepActor

from .matching import PROPOSAL_NEEDS, proposal_for
from .models import (
    EDUCATION_RANK,
    EmployerFeedback,
    EmployerProfile,
    EmploymentProfile,
    EndReason,
    Experience,
    FollowUp,
    Incentive,
    LicenceCategory,
    MinimumWage,
    Occupation,
    Placement,
    ProfileOccupation,
    ProfilePlace,
    Qualification,
    Sector,
    Vacancy,
    WorkExperience,
    WorkLimitation,
    WorkReadiness,
    licences_to_column,
)

CODE = re.compile(r"^\s*(\d{4})\s?(\d{2})\b")


def _require(actor: User, permission: str, obj: Any = None) -> None:
    if not actor.has_perm(permission, obj):
        raise PermissionDenied


def occupation_from_code(raw: str, *, field_name: str = "occupation") -> Occupation:
    """ "7112 01", "711201" or "7112 01 Mūrnieks" (as the list offers it) → the occupation."""
    match = CODE.match(raw or "")
    if not match:
        raise DomainError(
            {field_name: [_("Enter an occupation code of the classification, like 7112 01.")]}
        )
    code = f"{match.group(1)} {match.group(2)}"
    occupation = Occupation.objects.filter(code=code).first()
    if occupation is None:
        raise DomainError(
            {
                field_name: [
                    _("There is no occupation with the code %(code)s in the classification.")
                    % {"code": code}
                ]
            }
        )
    return occupation


# --- The client's employment profile ----------------------------------------------------------


def _profile(case: Case) -> EmploymentProfile:
    profile, created = EmploymentProfile.objects.get_or_create(client_id=case.client_id)
    if created:
        profile_reindex(profile)  # matched by place from the start
    return profile


def profile_values(profile: EmploymentProfile | None) -> dict[str, object]:
    """The employment profile as its form edits it: its version (issue 28, finding 5)."""
    if profile is None:
        return {"readiness": "", "readiness_note": "", "skills": "", "licences": [],
                "professions": []}  # fmt: skip
    return {
        "readiness": profile.readiness, "readiness_note": profile.readiness_note,
        "skills": profile.skills, "licences": sorted(profile.licences),
        "professions": sorted(profile.professions.values_list("pk", flat=True)),
    }  # fmt: skip


def limitations_values(profile: EmploymentProfile | None) -> dict[str, object]:
    limitation = WorkLimitation.objects.filter(profile=profile).first() if profile else None
    return {"text": limitation.text if limitation else ""}


def employer_values(organisation: Organisation) -> dict[str, object]:
    profile = EmployerProfile.objects.filter(organisation=organisation).first()
    return {"municipality": organisation.municipality_id, **row_values(profile)}


def _profile_event(case: Case, actor: User, part: str) -> None:
    record_event(case, actor, CaseEvent.Kind.EMPLOYMENT_PROFILE_UPDATED, part=part)


def profile_reindex(profile: EmploymentProfile) -> None:
    """Rebuild the profile's derived rows that matching reads (ProfileOccupation, ProfilePlace):
    professions, qualifications and experience, with the most years per occupation, and the
    profile's readiness and licences and the client's education and municipality."""
    years: dict[int, int] = dict.fromkeys(profile.professions.values_list("pk", flat=True), 0)
    for occupation_id in Qualification.objects.filter(
        profile=profile, occupation__isnull=False
    ).values_list("occupation_id", flat=True):
        years.setdefault(occupation_id, 0)
    for occupation_id, n in WorkExperience.objects.filter(profile=profile).values_list(
        "occupation_id", "years"
    ):
        years[occupation_id] = max(years.get(occupation_id, 0), n)
    codes = dict(Occupation.objects.filter(pk__in=years).values_list("pk", "code"))
    municipality_id, education_level = Client.objects.filter(pk=profile.client_id).values_list(
        "municipality_id", "education_level"
    )[0]
    scored = {
        "client_id": profile.client_id,
        "municipality_id": municipality_id,
        "readiness": profile.readiness,
        "licence_categories": profile.licence_categories,
        "education_rank": EDUCATION_RANK.get(education_level, -1),
    }
    ProfilePlace.objects.update_or_create(profile=profile, defaults=scored)
    ProfileOccupation.objects.filter(profile=profile).delete()
    ProfileOccupation.objects.bulk_create(
        ProfileOccupation(
            profile=profile,
            occupation_id=pk,
            unit_group=codes[pk][:4],
            minor_group=codes[pk][:3],
            years=n,
            **scored,
        )
        for pk, n in years.items()
    )


@transaction.atomic
def profile_update(
    *,
    actor: User,
    case: Case,
    readiness: str,
    readiness_note: str = "",
    professions: list[Occupation] | None = None,
    skills: str = "",
    licences: list[str] | None = None,
    expected_version: str | None = None,
) -> EmploymentProfile:
    _require(actor, "cases.work_on_case", case)
    unknown = set(licences or []) - set(LicenceCategory.values)
    if unknown:
        raise DomainError({"licences": [_("Choose driving licence categories from the list.")]})
    if readiness not in WorkReadiness.values:
        raise DomainError({"readiness": [_("Choose whether the client wants to work.")]})
    existing = EmploymentProfile.objects.select_for_update().filter(client_id=case.client_id)
    check_version(expected_version, profile_values(existing.first()))
    profile = _profile(case)
    profile.readiness = readiness
    profile.readiness_note = plain_text(readiness_note)
    profile.skills = plain_text(skills)
    profile.licence_categories = licences_to_column(licences or [])
    validate(profile)
    profile.save()
    if professions is not None:
        profile.professions.set(professions)
    profile_reindex(profile)  # the index carries the readiness and licences too
    _profile_event(case, actor, "profile")
    return profile


@transaction.atomic
def qualification_add(
    *,
    actor: User,
    case: Case,
    title: str,
    kind: str,
    occupation_code: str = "",
    document_number: str = "",
    issued_by: str = "",
    issued_on: date | None = None,
    obtained_in_prison: bool = False,
) -> Qualification:
    _require(actor, "cases.work_on_case", case)
    occupation = (
        occupation_from_code(occupation_code, field_name="occupation_code")
        if occupation_code.strip()
        else None
    )
    if issued_on and issued_on > timezone.localdate():
        raise DomainError({"issued_on": [_("The date of issue cannot be in the future.")]})
    qualification = Qualification(
        profile=_profile(case), title=plain_text(title), kind=kind, occupation=occupation,
        document_number=document_number.strip(), issued_by=plain_text(issued_by),
        issued_on=issued_on, obtained_in_prison=obtained_in_prison,
    )  # fmt: skip
    validate(qualification)
    qualification.save()
    profile_reindex(qualification.profile)
    _profile_event(case, actor, "qualification")
    return qualification


@transaction.atomic
def qualification_remove(*, actor: User, case: Case, qualification: Qualification) -> None:
    _require(actor, "cases.work_on_case", case)
    if qualification.profile.client_id != case.client_id:
        raise DomainError(_("This entry belongs to another person."))
    profile = qualification.profile
    qualification.delete()  # the historical record keeps what it was
    profile_reindex(profile)
    _profile_event(case, actor, "qualification")


@transaction.atomic
def experience_add(
    *,
    actor: User,
    case: Case,
    occupation_code: str,
    years: int,
    last_worked_year: int | None = None,
    employer_name: str = "",
    in_prison: bool = False,
) -> WorkExperience:
    _require(actor, "cases.work_on_case", case)
    occupation = occupation_from_code(occupation_code, field_name="occupation_code")
    if last_worked_year and last_worked_year > timezone.localdate().year:
        raise DomainError({"last_worked_year": [_("The year cannot be in the future.")]})
    experience = WorkExperience(
        profile=_profile(case), occupation=occupation, years=years,
        last_worked_year=last_worked_year, employer_name=plain_text(employer_name),
        in_prison=in_prison,
    )  # fmt: skip
    validate(experience)
    experience.save()
    profile_reindex(experience.profile)
    _profile_event(case, actor, "experience")
    return experience


@transaction.atomic
def experience_remove(*, actor: User, case: Case, experience: WorkExperience) -> None:
    _require(actor, "cases.work_on_case", case)
    if experience.profile.client_id != case.client_id:
        raise DomainError(_("This entry belongs to another person."))
    profile = experience.profile
    experience.delete()
    profile_reindex(profile)
    _profile_event(case, actor, "experience")


@transaction.atomic
def limitations_update(
    *, actor: User, case: Case, text: str, expected_version: str | None = None
) -> WorkLimitation:
    """Health-related limits on work: only those who may see health may write them. The
    timeline says that they changed, never what they say."""
    _require(actor, "cases.view_health", case)
    _require(actor, "cases.work_on_case", case)
    existing = EmploymentProfile.objects.select_for_update().filter(client_id=case.client_id)
    check_version(expected_version, limitations_values(existing.first()))
    limitation, _created = WorkLimitation.objects.get_or_create(profile=_profile(case))
    limitation.text = plain_text(text)
    limitation.save()
    _profile_event(case, actor, "limitations")
    return limitation


# --- Employers --------------------------------------------------------------------------------


@dataclass
class EmployerDetails:
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    sectors: list[str] = field(default_factory=list)
    openness: str = "unknown"
    mentor_name: str = ""
    incentives_used: list[str] = field(default_factory=list)
    incentives_wanted: list[str] = field(default_factory=list)
    notes: str = ""


def _apply(profile: EmployerProfile, details: EmployerDetails, actor: User) -> None:
    if set(details.sectors) - set(Sector.values):
        raise DomainError({"sectors": [_("Choose sectors from the list.")]})
    incentives = set(details.incentives_used) | set(details.incentives_wanted)
    if incentives - set(Incentive.values):
        raise DomainError({"incentives_used": [_("Choose incentives from the list.")]})
    for name in ("contact_name", "contact_phone", "contact_email", "mentor_name", "openness"):
        setattr(profile, name, getattr(details, name).strip())
    profile.notes = plain_text(details.notes)
    profile.sectors = [s for s in Sector.values if s in details.sectors]
    profile.incentives_used = [i for i in Incentive.values if i in details.incentives_used]
    profile.incentives_wanted = [i for i in Incentive.values if i in details.incentives_wanted]
    profile.updated_by = actor
    validate(profile)
    profile.save()


@transaction.atomic
def employer_create(
    *, actor: User, name: str, municipality: Municipality, details: EmployerDetails
) -> Organisation:
    """Register an employer: an organisation of the employer kind with its profile."""
    _require(actor, "employment.use_employer_register")
    name = " ".join(name.split())
    if Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, name__iexact=name).exists():
        raise DomainError({"name": [_("An employer with this name is already registered.")]})
    organisation = Organisation(
        name=name, kind=Organisation.Kind.EMPLOYER, municipality=municipality
    )
    validate(organisation)
    organisation.save()
    _apply(EmployerProfile(organisation=organisation), details, actor)
    publish("employer_created", actor_id=actor.pk, organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def employer_update(
    *,
    actor: User,
    organisation: Organisation,
    municipality: Municipality,
    details: EmployerDetails,
    expected_version: str | None = None,
) -> Organisation:
    _require(actor, "employment.use_employer_register")
    lock_current(organisation, expected_version=expected_version, values=employer_values)
    if organisation.kind != Organisation.Kind.EMPLOYER:
        raise DomainError(_("This organisation is not an employer."))
    if organisation.municipality_id != municipality.pk:
        organisation.municipality = municipality
        organisation.save()
    profile = EmployerProfile.objects.filter(organisation=organisation).first()
    _apply(profile or EmployerProfile(organisation=organisation), details, actor)
    publish("employer_updated", actor_id=actor.pk, organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def feedback_add(
    *, actor: User, organisation: Organisation, experience: str, text: str, recorded_on: date
) -> EmployerFeedback:
    _require(actor, "employment.use_employer_register")
    if organisation.kind != Organisation.Kind.EMPLOYER:
        raise DomainError(_("This organisation is not an employer."))
    if experience not in Experience.values:
        raise DomainError({"experience": [_("Choose how the employer's experience was.")]})
    if recorded_on > timezone.localdate():
        raise DomainError({"recorded_on": [_("The date cannot be in the future.")]})
    feedback = EmployerFeedback(
        employer=organisation, experience=experience, text=plain_text(text),
        recorded_on=recorded_on, recorded_by=actor,
    )  # fmt: skip
    validate(feedback)
    feedback.save()
    publish("employer_feedback_added", actor_id=actor.pk, organisation_id=organisation.pk)
    return feedback


# --- Vacancies --------------------------------------------------------------------------------


@dataclass
class VacancyDetails:
    occupation_code: str
    municipality_id: int
    hours_per_week: int
    wage_eur: Decimal
    opened_on: date
    title: str = ""
    required_education: str = ""
    min_experience_years: int = 0
    licence_category: str = ""
    accepts_record: str = "ask"
    mentor_available: bool = False
    subsidised: bool = False
    description: str = ""
    closed_on: date | None = None


def _check_wage(details: VacancyDetails) -> None:
    """The wage may not be below the minimum wage in force on the opening day, in proportion
    to the hours for part-time work (dated configuration: MinimumWage)."""
    minimum = MinimumWage.objects.in_force(details.opened_on)
    if minimum is None or details.hours_per_week <= 0:
        return
    required = minimum.for_hours(min(details.hours_per_week, minimum.full_time_hours))
    if details.wage_eur < required:
        raise DomainError(
            {
                "wage_eur": [
                    _(
                        "The wage is below the minimum wage: from %(date)s it is %(minimum)s EUR "
                        "a month for full time, %(required)s EUR for %(hours)s hours a week."
                    )
                    % {
                        "date": date_format(minimum.valid_from, "SHORT_DATE_FORMAT"),
                        "minimum": minimum.monthly_eur,
                        "required": required,
                        "hours": details.hours_per_week,
                    }
                ]
            }
        )


def _fill(vacancy: Vacancy, details: VacancyDetails) -> None:
    errors: dict[str, list[str]] = {}
    try:
        vacancy.occupation = occupation_from_code(details.occupation_code)
    except DomainError as error:
        errors.update(error.message_dict)
    if details.closed_on and details.closed_on < details.opened_on:
        errors["closed_on"] = [_("A vacancy cannot close before it opens.")]
    try:
        _check_wage(details)
    except DomainError as error:
        errors.update(error.message_dict)
    if errors:
        raise DomainError(errors)
    for name in (
        "municipality_id", "hours_per_week", "wage_eur", "opened_on", "required_education",
        "min_experience_years", "licence_category", "accepts_record", "mentor_available",
        "subsidised", "closed_on",
    ):  # fmt: skip
        setattr(vacancy, name, getattr(details, name))
    vacancy.title = " ".join(details.title.split())
    vacancy.description = plain_text(details.description)
    validate(vacancy, exclude=["created_by"])


@transaction.atomic
def vacancy_create(*, actor: User, employer: Organisation, details: VacancyDetails) -> Vacancy:
    _require(actor, "employment.use_employer_register")
    if employer.kind != Organisation.Kind.EMPLOYER:
        raise DomainError(_("Vacancies belong to employers."))
    vacancy = Vacancy(employer=employer, created_by=actor)
    _fill(vacancy, details)
    vacancy.save()
    publish("vacancy_created", actor_id=actor.pk, vacancy_id=vacancy.pk)
    return vacancy


@transaction.atomic
def vacancy_update(
    *, actor: User, vacancy: Vacancy, details: VacancyDetails, expected_version: str | None = None
) -> Vacancy:
    _require(actor, "employment.use_employer_register")
    lock_current(vacancy, expected_version=expected_version, values=row_values)
    first_start = vacancy.placements.order_by("started_on").values_list("started_on", flat=True)
    earliest = first_start.first()
    if earliest and details.opened_on > earliest:
        raise DomainError(
            {"opened_on": [_("Someone started work through this vacancy before that date.")]}
        )
    _fill(vacancy, details)
    vacancy.save()
    publish("vacancy_updated", actor_id=actor.pk, vacancy_id=vacancy.pk)
    return vacancy


@transaction.atomic
def vacancy_close(*, actor: User, vacancy: Vacancy, closed_on: date) -> Vacancy:
    _require(actor, "employment.use_employer_register")
    if closed_on < vacancy.opened_on:
        raise DomainError({"closed_on": [_("A vacancy cannot close before it opens.")]})
    vacancy.closed_on = closed_on
    vacancy.save()
    publish("vacancy_closed", actor_id=actor.pk, vacancy_id=vacancy.pk)
    return vacancy


# --- Placements -------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def placement_record(
    *,
    actor: User,
    case: Case,
    started_on: date,
    vacancy: Vacancy | None = None,
    employer: Organisation | None = None,
    occupation_code: str = "",
    mentor_name: str = "",
    subsidised: bool = False,
) -> Placement:
    """The client started work. Follow-ups at 1, 3, 6 and 12 months are planned at once."""
    _require(actor, "cases.work_on_case", case)
    errors: dict[str, list[str]] = {}
    if vacancy is not None:
        employer = vacancy.employer
        if started_on < vacancy.opened_on:
            errors["started_on"] = [
                _("The vacancy opened on %(date)s: work through it cannot start earlier.")
                % {"date": date_format(vacancy.opened_on, "SHORT_DATE_FORMAT")}
            ]
    if employer is None:
        errors["employer"] = [_("Choose the vacancy or the employer.")]
    elif employer.kind != Organisation.Kind.EMPLOYER:
        errors["employer"] = [_("Choose an employer.")]
    if started_on > add_months(timezone.localdate(), 3):
        errors.setdefault("started_on", []).append(
            _("Record the placement when the start is agreed: at most three months ahead.")
        )
    occupation = None
    if occupation_code.strip():
        try:
            occupation = occupation_from_code(occupation_code, field_name="occupation_code")
        except DomainError as error:
            errors.update(error.message_dict)
    if errors:
        raise DomainError(errors)
    assert employer is not None  # noqa: S101 — checked above
    placement = Placement(
        client_id=case.client_id, case=case, employer=employer, vacancy=vacancy,
        occupation=occupation or (vacancy.occupation if vacancy else None),
        started_on=started_on, mentor_name=" ".join(mentor_name.split()),
        subsidised=subsidised or bool(vacancy and vacancy.subsidised), created_by=actor,
    )  # fmt: skip
    validate(placement)
    placement.save()
    for months in FollowUp.MONTHS:
        FollowUp.objects.create(
            placement=placement, months=months, due_on=add_months(started_on, months)
        )
    record_event(case, actor, CaseEvent.Kind.PLACEMENT_RECORDED, placement_id=placement.pk)
    return placement


FOLLOW_UP_FIELDS = ("done_on", "still_employed", "reason", "note")


def follow_up_values(follow_up: FollowUp) -> dict[str, object]:
    """A follow-up as its form records it: its version (issue 28, finding 5)."""
    return field_values(follow_up, FOLLOW_UP_FIELDS)


@transaction.atomic
def follow_up_record(
    *,
    actor: User,
    follow_up: FollowUp,
    case: Case,
    done_on: date,
    still_employed: bool,
    reason: str = "",
    note: str = "",
    expected_version: str | None = None,
) -> FollowUp:
    """Still employed? If not, why — and the placement ends. Still employed at 12 months: the
    placement is sustained (an outcome the indicators count)."""
    _require(actor, "cases.work_on_case", case)
    lock_current(follow_up, expected_version=expected_version, values=follow_up_values)
    placement = follow_up.placement
    if placement.case_id != case.pk:
        raise DomainError(_("This follow-up belongs to another case."))
    errors: dict[str, list[str]] = {}
    if placement.outcome == Placement.Outcome.ENDED:
        raise DomainError(_("The job has ended: there is nothing more to follow up."))
    if done_on > timezone.localdate():
        errors["done_on"] = [_("The date cannot be in the future.")]
    if done_on < placement.started_on:
        errors["done_on"] = [_("The follow-up cannot be before the start of work.")]
    if not still_employed and reason not in EndReason.values:
        errors["reason"] = [_("Say why the client no longer works there.")]
    if errors:
        raise DomainError(errors)
    follow_up.done_on = done_on
    follow_up.still_employed = still_employed
    follow_up.reason = "" if still_employed else reason
    follow_up.note = plain_text(note)
    follow_up.recorded_by = actor
    follow_up.save()
    if not still_employed:
        placement.outcome = Placement.Outcome.ENDED
        placement.ended_on = done_on
        placement.end_reason = reason
        placement.save()
        for later in placement.follow_ups.filter(done_on__isnull=True):
            later.delete()  # nothing left to follow up; history keeps the rows
    elif follow_up.months == max(FollowUp.MONTHS):
        placement.outcome = Placement.Outcome.SUSTAINED
        placement.save()
    record_event(
        case, actor, CaseEvent.Kind.PLACEMENT_FOLLOWED_UP,
        placement_id=placement.pk, months=follow_up.months, still_employed=still_employed,
    )  # fmt: skip
    return follow_up


# --- Plan steps proposed by matching (issue 7, C1, D4) ----------------------------------------

STEP_DESCRIPTION_LENGTH = 300
INSTITUTION_LENGTH = 200


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@transaction.atomic
def match_step_add(
    *, actor: User, case: Case, vacancy: Vacancy, kind: str, service: Service | None = None
) -> Step:
    """Add what matching proposes for a vacancy (a course, work practice …) as a step of the
    case's draft cooperation plan: the draft is started when there is none (copying the agreed
    version), the step goes under the plan's active goal for paid work (made when missing),
    and the chosen directory service's organisation does it, or the worker arranges it."""
    _require(actor, "cases.work_on_case", case)
    if kind not in PROPOSAL_NEEDS:
        raise DomainError(_("Choose one of the proposed steps."))
    proposal = proposal_for(kind, vacancy)
    if proposal is None:
        raise DomainError(_("The vacancy does not require this: choose another proposed step."))
    today = timezone.localdate()
    if vacancy.closed_on is not None and vacancy.closed_on <= today:
        raise DomainError(
            _("The vacancy closed on %(date)s: choose an open vacancy.")
            % {"date": date_format(vacancy.closed_on, "SHORT_DATE_FORMAT")}
        )
    if service is not None:
        if service.status != Service.Status.ACTIVE:
            raise DomainError({"service": [_("This service is not provided at present.")]})
        if not ServiceNeed.objects.filter(service=service, need__code=proposal.need).exists():
            raise DomainError({"service": [_("This service does not provide the proposed step.")]})
    plan = plan_services.plan_revise(actor=actor, case=case)
    goal = plan.goals.filter(need=Need.PAID_WORK, status=GoalStatus.ACTIVE).order_by("pk").first()
    if goal is None:
        goal = plan_services.goal_add(
            actor=actor,
            plan=plan,
            data=plan_services.GoalInput(
                description=_("Find work and keep it"),
                need=Need.PAID_WORK,
                outcome=_("The client has started work and still works there after 12 months"),
            ),
        )
    description = _("%(proposal)s — vacancy: %(occupation)s, %(employer)s") % {
        "proposal": proposal.text,
        "occupation": vacancy.occupation.title,
        "employer": vacancy.employer.name,
    }
    if service is not None:
        step = plan_services.step_add(
            actor=actor, goal=goal, description=_cut(description, STEP_DESCRIPTION_LENGTH),
            actor_kind=StepActor.INSTITUTION,
            institution=_cut(f"{service.organisation.name}: {service.name}", INSTITUTION_LENGTH),
        )  # fmt: skip
    else:  # nobody from the directory: the worker finds and arranges it with the client
        step = plan_services.step_add(
            actor=actor, goal=goal, description=_cut(description, STEP_DESCRIPTION_LENGTH),
            actor_kind=StepActor.WORKER,
        )  # fmt: skip
    publish(
        "employment_plan_step_added", actor_id=actor.pk, case_id=case.pk, vacancy_id=vacancy.pk,
        step_id=step.pk, kind=kind, service_id=str(service.pk) if service else None,
    )  # fmt: skip
    return step
