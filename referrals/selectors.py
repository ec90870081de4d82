"""Reads for help in kind. The case itself comes through cases.selectors (visibility)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet, Sum
from django.utils import timezone

from cases.models import Case
from directory.models import Service, ServiceArea, ServiceNeed

from .models import NEEDS_OF_KIND, HelpInKind, HelpKind, amount_display


def help_in_kind_of(case: Case) -> QuerySet[HelpInKind]:
    return HelpInKind.objects.filter(case=case).select_related(
        "service__organisation", "recorded_by", "cancelled_by"
    )


def help_in_kind_item(case: Case, item_id: int) -> HelpInKind | None:
    return help_in_kind_of(case).filter(pk=item_id).first()


@dataclass(frozen=True)
class Total:
    kind: str
    label: str
    this_year: str
    all_time: str


def totals_of(case: Case, today: date | None = None) -> list[Total]:
    """Per kind of help: how much this calendar year and in all (cancelled entries left out)."""
    today = today or timezone.localdate()
    given = HelpInKind.objects.filter(case=case, cancelled_at__isnull=True)
    all_time = dict(given.values_list("kind").annotate(total=Sum("quantity")).order_by())
    this_year = dict(
        given.filter(given_on__year=today.year)
        .values_list("kind")
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    return [
        Total(
            kind=kind,
            label=str(HelpKind(kind).label),
            this_year=amount_display(kind, this_year.get(kind, 0)),
            all_time=amount_display(kind, all_time[kind]),
        )
        for kind in HelpKind.values
        if kind in all_time
    ]


def providers_for(case: Case) -> list[tuple[str, list[Service]]]:
    """Directory services in the client's municipality that give each kind of help, by kind."""
    services = Service.objects.filter(status=Service.Status.ACTIVE).select_related("organisation")
    if case.client.municipality_id is not None:
        services = services.filter(
            Exists(
                ServiceArea.objects.filter(
                    service=OuterRef("pk"), municipality_id=case.client.municipality_id
                )
            )
        )
    groups: list[tuple[str, list[Service]]] = []
    for kind, needs in NEEDS_OF_KIND.items():
        if not needs:
            continue
        matching = services.filter(
            Exists(ServiceNeed.objects.filter(service=OuterRef("pk"), need__code__in=needs))
        ).order_by("name", "organisation__name")
        found = list(matching)
        if found:
            groups.append((str(HelpKind(kind).label), found))
    return groups
