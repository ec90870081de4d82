"""Reads for employment. Which clients a worker may see is decided by cases.selectors
(`cases_visible_to`) narrowed here to cases whose plan they may see — nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Organisation
from cases.models import Case, CaseStatus
from cases.selectors import MyCases, case_plans_visible_condition, case_plans_visible_to
from directory.models import Service, ServiceArea, ServiceNeed

from .models import (
    EmployerFeedback,
    EmploymentProfile,
    FollowUp,
    Occupation,
    Placement,
    Vacancy,
)

DUE_SOON_DAYS = 7
SERVICES_PER_PROPOSAL = 3
# I2: only 30% of released persons start work or education (State Police data).
BASELINE_STARTED_WORK = 30


def plan_visible_cases(user: Any) -> QuerySet[Case]:
    """Open cases whose plan this user may see (cases.selectors decides which)."""
    return case_plans_visible_to(user).exclude(status=CaseStatus.CLOSED)


def profile_of(case: Case) -> EmploymentProfile | None:
    return (
        EmploymentProfile.objects.filter(client_id=case.client_id)
        .prefetch_related(
            Prefetch("professions", queryset=Occupation.objects.order_by("code")),
        )
        .first()
    )


def qualifications_of(profile: EmploymentProfile | None) -> list[Any]:
    if profile is None:
        return []
    return list(profile.qualifications.select_related("occupation"))


def experience_of(profile: EmploymentProfile | None) -> list[Any]:
    if profile is None:
        return []
    return list(profile.experience.select_related("occupation"))


def common_occupations() -> QuerySet[Occupation]:
    return Occupation.objects.filter(is_common=True, is_active=True).order_by("code")


def employers(municipality_id: int | None = None) -> QuerySet[Organisation]:
    """Employer organisations with their profile and number of open vacancies (one query)."""
    open_count = (
        Vacancy.objects.open_on(timezone.localdate())
        .filter(employer=OuterRef("pk"))
        .values("employer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, is_active=True)
        .select_related("municipality", "employer_profile")
        .annotate(open_vacancies=Coalesce(Subquery(open_count[:1]), 0))
        .order_by("name")
    )
    if municipality_id:
        rows = rows.filter(municipality_id=municipality_id)
    return rows


def employer(organisation_id: int) -> Organisation | None:
    return (
        Organisation.objects.filter(pk=organisation_id, kind=Organisation.Kind.EMPLOYER)
        .select_related("municipality", "employer_profile")
        .first()
    )


def vacancies_of(organisation: Organisation) -> QuerySet[Vacancy]:
    return organisation.vacancies.select_related("occupation", "municipality")


def feedback_of(organisation: Organisation) -> QuerySet[EmployerFeedback]:
    return organisation.employment_feedback.select_related("recorded_by")


@dataclass(frozen=True)
class PlacementHistory:
    """An employer's placements: every one counted, names only of clients the user may see."""

    total: int
    sustained: int
    ended: int
    visible: list[Placement]


def placement_history(user: Any, organisation: Organisation) -> PlacementHistory:
    placements = Placement.objects.filter(employer=organisation)
    counts = placements.aggregate(
        total=Count("pk"),
        sustained=Count("pk", filter=Q(outcome=Placement.Outcome.SUSTAINED)),
        ended=Count("pk", filter=Q(outcome=Placement.Outcome.ENDED)),
    )
    visible = list(
        placements.filter(case__in=plan_visible_cases(user).values("pk")).select_related(
            "client", "case", "occupation"
        )
    )
    return PlacementHistory(visible=visible, **counts)


@dataclass(frozen=True)
class VacancyFilters:
    municipality: int | None = None
    occupation: int | None = None
    include_closed: bool = False


def vacancies(filters: VacancyFilters, today: date) -> QuerySet[Vacancy]:
    rows = Vacancy.objects.select_related("employer", "occupation", "municipality")
    if not filters.include_closed:
        rows = rows.open_on(today)
    if filters.municipality:
        rows = rows.filter(municipality_id=filters.municipality)
    if filters.occupation:
        rows = rows.filter(occupation_id=filters.occupation)
    return rows.order_by("-opened_on", "pk")


def vacancy(vacancy_id: int) -> Vacancy | None:
    return (
        Vacancy.objects.select_related("employer", "occupation", "municipality")
        .filter(pk=vacancy_id)
        .first()
    )


# --- Placements and follow-ups ----------------------------------------------------------------


def placements_of(case: Case) -> list[Placement]:
    """The case's placements with their follow-ups; `next_follow_up` is the first not done."""
    placements = list(
        Placement.objects.filter(client_id=case.client_id, case=case)
        .select_related("employer", "vacancy", "occupation")
        .prefetch_related("follow_ups")
    )
    for placement in placements:
        placement.next_follow_up = next(  # type: ignore[attr-defined]
            (f for f in placement.follow_ups.all() if f.done_on is None), None
        )
    return placements


def follow_ups_due(
    user: Any, today: date, within_days: int = DUE_SOON_DAYS, mine: MyCases | None = None
) -> QuerySet[FollowUp]:
    """Follow-ups not yet done and due within a week (or overdue), of the placements of cases
    whose plan the user may see; ongoing placements only. With what the caseload's panel and
    the follow-ups page show of them (not the client's, case's and employer's whole rows:
    issue 10). `mine`: the user's cases when the page has read them already; the visibility
    is then a condition on each due follow-up's case instead of a subquery of cases."""
    due = FollowUp.objects.filter(
        done_on__isnull=True,
        due_on__lte=today + timedelta(days=within_days),
        placement__outcome=Placement.Outcome.ONGOING,
    )
    if mine is None:
        due = due.filter(placement__case__in=plan_visible_cases(user).values("pk"))
    else:
        due = due.filter(case_plans_visible_condition(user, mine, path="placement__case")).exclude(
            placement__case__status=CaseStatus.CLOSED
        )
    return (
        due.select_related("placement__client", "placement__employer", "placement__case")
        .only(*_FOLLOW_UP_COLUMNS)
        .order_by("due_on", "pk")
    )


_FOLLOW_UP_COLUMNS = (
    "due_on", "months", "placement__case__number", "placement__client__first_name",
    "placement__client__last_name", "placement__employer__name",
)  # fmt: skip


@dataclass(frozen=True)
class Indicators:
    clients: int
    started_work: int
    working: int
    baseline: int = BASELINE_STARTED_WORK

    @property
    def started_percent(self) -> int:
        return round(100 * self.started_work / self.clients) if self.clients else 0


def indicators(user: Any) -> Indicators:
    """Of the clients of the open cases the user may see: how many started work (a placement)
    and how many work now — against the handbook's 30% baseline (I2)."""
    client_ids = plan_visible_cases(user).values("client_id")
    placements = Placement.objects.filter(client_id__in=client_ids)
    return Indicators(
        clients=Case.objects.filter(pk__in=plan_visible_cases(user).values("pk"))
        .values("client_id")
        .distinct()
        .count(),
        started_work=placements.values("client_id").distinct().count(),
        working=placements.exclude(outcome=Placement.Outcome.ENDED)
        .values("client_id")
        .distinct()
        .count(),
    )


def services_for_needs(
    needs: set[str], municipality_id: int, *, per_need: int = SERVICES_PER_PROPOSAL
) -> dict[str, list[Service]]:
    """Active directory services filed under each need and serving the municipality, the
    first `per_need` by name, in one query however many needs and services there are
    (directory entries are not personal data)."""
    serves_here = ServiceArea.objects.filter(
        service=OuterRef("service_id"), municipality_id=municipality_id
    )
    links = (
        ServiceNeed.objects.filter(need__code__in=needs, service__status=Service.Status.ACTIVE)
        .filter(Exists(serves_here))
        .select_related("service__organisation", "need")
        .order_by("need__code", "service__name", "service_id")
    )
    found: dict[str, list[Service]] = {need: [] for need in needs}
    for link in links if needs else []:
        chosen = found[link.need.code]
        if len(chosen) < per_need and all(s.pk != link.service_id for s in chosen):
            chosen.append(link.service)
    return found


def directory_service(service_id: Any) -> Service | None:
    """A directory service by id (a UUID or its text), None when there is none."""
    return Service.objects.select_related("organisation").filter(pk=service_id).first()
