"""Reads of the directory: search, one service, neighbours, exports.

Directory entries are not personal data: every signed-in user may read all of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Municipality
from core.text import fold_tokens

from . import exporting, hours
from .models import (
    DirectoryOrganisation,
    Language,
    Location,
    Need,
    Phone,
    PublicHoliday,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
)

PAGE_SIZE = 20


def neighbours_of(municipality: Municipality) -> QuerySet[Municipality]:
    """Municipalities near this one. Tilts has no border (adjacency) data yet, so neighbours
    are the other municipalities of the same planning region; replace this function's body
    when adjacency data arrives."""
    return (
        Municipality.objects.current()
        .filter(region_id=municipality.region_id)
        .exclude(pk=municipality.pk)
    )


def holidays_around(day: date) -> frozenset[date]:
    return frozenset(
        PublicHoliday.objects.filter(
            date__gte=day - timedelta(days=2), date__lte=day + timedelta(days=hours.LOOK_AHEAD_DAYS)
        ).values_list("date", flat=True)
    )


def holiday_on(day: date) -> PublicHoliday | None:
    return PublicHoliday.objects.filter(date=day).first()


def need_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Needs grouped under their group, for a select with optgroups; the group itself first."""
    terms = list(Need.objects.select_related("parent"))
    groups = [term for term in terms if term.parent_id is None]
    return [
        (
            group.localised_name,
            [(group.code, group.localised_name)]
            + [(t.code, t.localised_name) for t in terms if t.parent_id == group.pk],
        )
        for group in groups
    ]


def _schedules() -> QuerySet[Schedule]:
    return Schedule.objects.all()


def _locations() -> QuerySet[Location]:
    return Location.objects.select_related("municipality").prefetch_related(
        "addresses",
        Prefetch("phones", queryset=Phone.objects.prefetch_related("languages")),
        Prefetch("schedules", queryset=_schedules()),
        "languages",
    )


def services_with_details() -> QuerySet[Service]:
    """Services with everything a result row, the detail page or an export shows, in a fixed
    number of queries however many services there are."""
    phones = Phone.objects.prefetch_related("languages")
    return Service.objects.select_related("organisation").prefetch_related(
        Prefetch("phones", queryset=phones),
        Prefetch("schedules", queryset=_schedules()),
        Prefetch("languages", queryset=Language.objects.all()),
        Prefetch("service_areas", queryset=ServiceArea.objects.select_related("municipality")),
        "cost_options",
        Prefetch("need_links", queryset=ServiceNeed.objects.select_related("need")),
        "needs",
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.all()),
        Prefetch("service_at_locations__phones", queryset=phones),
        Prefetch("service_at_locations__schedules", queryset=_schedules()),
        Prefetch("service_at_locations__location", queryset=_locations()),
    )


def organisations_with_details(*, with_services: bool = False) -> QuerySet[DirectoryOrganisation]:
    """with_services: also their services (name order) with everything an export shows."""
    phones = Phone.objects.prefetch_related("languages")
    organisations = DirectoryOrganisation.objects.prefetch_related(
        Prefetch("phones", queryset=phones),
        Prefetch("locations", queryset=_locations()),
    )
    if with_services:
        offered = services_with_details().order_by("name", "pk")
        organisations = organisations.prefetch_related(Prefetch("services", queryset=offered))
    return organisations


def services_at_locations() -> QuerySet[ServiceAtLocation]:
    """Services at locations with everything service_at_location_full shows."""
    phones = Phone.objects.prefetch_related("languages")
    return ServiceAtLocation.objects.prefetch_related(
        Prefetch("phones", queryset=phones),
        Prefetch("schedules", queryset=_schedules()),
        Prefetch("location", queryset=_locations()),
        Prefetch("service", queryset=services_with_details()),
    )


def service_detail(service_id: UUID) -> Service | None:
    return services_with_details().filter(pk=service_id).first()


def schedules_of(service: Service) -> list[tuple[ServiceAtLocation | None, list[Schedule]]]:
    """Opening hours per place: a service at a location uses its own hours, else the
    service's, else the location's; a service without locations uses its own."""
    own = list(service.schedules.all())
    places = list(service.service_at_locations.all())
    if not places:
        return [(None, own)]
    return [
        (sal, list(sal.schedules.all()) or own or list(sal.location.schedules.all()))
        for sal in places
    ]


def status_of(service: Service, at: datetime, holidays: frozenset[date]) -> hours.HoursStatus:
    """Open if any of its places is open; the soonest closing or opening otherwise."""
    statuses = [hours.status_at(s, at, holidays) for _sal, s in schedules_of(service)]
    known = [status for status in statuses if status.known]
    if not known:
        return hours.HoursStatus(known=False)
    open_now = [status for status in known if status.open]
    if open_now:
        closings = [s.closes_at for s in open_now]
        if any(c is None for c in closings):
            return hours.HoursStatus(known=True, open=True)
        return hours.HoursStatus(known=True, open=True, closes_at=max(c for c in closings if c))
    openings = [s.opens_at for s in known if s.opens_at is not None]
    return hours.HoursStatus(
        known=True, opens_at=min(openings) if openings else None, holiday=known[0].holiday
    )


def has_need(code: str) -> Exists:
    """Filed under the need, or under any need of the group when the code is a group's."""
    return Exists(
        ServiceNeed.objects.filter(service=OuterRef("pk")).filter(
            Q(need__code=code) | Q(need__parent__code=code)
        )
    )


@dataclass
class SearchFilters:
    text: str = ""
    need: str = ""
    municipality: Municipality | None = None
    include_neighbours: bool = False
    language: str = ""
    open_now: bool = False
    free_only: bool = False


@dataclass
class Result:
    service: Service
    status: hours.HoursStatus
    local: bool = True  # serves the chosen municipality itself (not only a neighbour)
    places: list[ServiceAtLocation] = field(default_factory=list)


def search(filters: SearchFilters, *, at: datetime | None = None) -> list[Result]:
    """Active services matching every filter, those serving the chosen municipality itself
    first. The number of queries does not depend on the number of results."""
    at = at or timezone.now()
    services = services_with_details().filter(status=Service.Status.ACTIVE)
    for token in fold_tokens(filters.text)[:8]:
        services = services.filter(search_text__contains=token)
    if filters.need:
        services = services.filter(has_need(filters.need))
    local_ids: set[UUID] | None = None
    if filters.municipality is not None:
        areas = [filters.municipality.pk]
        if filters.include_neighbours:
            areas += list(neighbours_of(filters.municipality).values_list("pk", flat=True))
        services = services.filter(
            Exists(ServiceArea.objects.filter(service=OuterRef("pk"), municipality__in=areas))
        )
    if filters.language:
        services = services.filter(
            Exists(Language.objects.filter(service=OuterRef("pk"), code=filters.language))
        )
    if filters.free_only:
        services = services.filter(free_of_charge=True)
    services = services.order_by("name", "pk")
    if filters.municipality is not None:
        local_ids = set(
            ServiceArea.objects.filter(
                municipality=filters.municipality, service__in=services.values("pk")
            ).values_list("service_id", flat=True)
        )
    holidays = holidays_around(timezone.localtime(at, hours.RIGA).date())
    results = []
    for service in services:
        status = status_of(service, at, holidays)
        if filters.open_now and not status.open:
            continue
        results.append(
            Result(
                service=service,
                status=status,
                local=local_ids is None or service.pk in local_ids,
                places=list(service.service_at_locations.all()),
            )
        )
    results.sort(key=lambda result: not result.local)  # stable: names stay in order
    return results


def export_documents(shape: str) -> list[dict[str, Any]]:
    """Every record of the directory in one HSDS shape, in a fixed number of queries."""
    if shape == "service_full":
        return [exporting.service_full(s) for s in services_with_details().order_by("name", "pk")]
    if shape == "service_at_location_full":
        sals = ServiceAtLocation.objects.select_related("location").prefetch_related(
            Prefetch("service", queryset=services_with_details()),
            "phones__languages",
            "schedules",
            Prefetch("location", queryset=_locations()),
        )
        return [exporting.service_at_location_full(sal) for sal in sals.order_by("pk")]
    if shape == "organization_full":
        by_organisation: dict[UUID, list[Service]] = defaultdict(list)
        for service in services_with_details().order_by("name", "pk"):
            by_organisation[service.organisation_id].append(service)
        return [
            exporting.organization_full(organisation, by_organisation[organisation.pk])
            for organisation in organisations_with_details().order_by("name", "pk")
        ]
    raise ValueError(shape)
