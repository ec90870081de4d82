"""Directory pages: search and one service. Directory entries are not personal data, so the
search works by GET (bookmarkable), but pages still need a signed-in user."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import WEEKDAYS

from accounts.models import Municipality
from audit.reads import shows_no_case_data

from . import display, hours, selectors
from .forms import DirectorySearchForm


def _home_municipality(request: HttpRequest) -> Municipality | None:
    membership = (
        request.user.memberships.filter(is_active=True)  # type: ignore[union-attr]
        .select_related("organisation__municipality")
        .order_by("pk")
        .first()
    )
    return membership.organisation.municipality if membership else None


@shows_no_case_data("the shared directory of services")
@login_required
def search(request: HttpRequest) -> HttpResponse:
    if request.GET:
        form = DirectorySearchForm(request.GET)
    else:
        home = _home_municipality(request)
        form = DirectorySearchForm(
            initial={"municipality": home.code if home else None, "neighbours": True}
        )
    results: list[selectors.Result] = []
    searched = bool(request.GET) and form.is_valid()
    if searched:
        data = form.cleaned_data
        filters = selectors.SearchFilters(
            text=data["q"] or "",
            need=data["need"] or "",
            municipality=data["municipality"],
            include_neighbours=data["neighbours"],
            language=data["language"] or "",
            open_now=data["open_now"],
            free_only=data["free"],
        )
        results = selectors.search(filters)
    page = Paginator(results, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "searched": searched,
            "page": page,
            "rows": [(result, display.describe(result.status, now)) for result in page],
            "query": query.urlencode(),
        },
        status=400 if request.GET and form.errors else 200,
    )


@shows_no_case_data("a service of the shared directory")
@login_required
def service_detail(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = selectors.service_detail(service_id)
    if service is None:
        raise Http404
    now = timezone.now()
    today = timezone.localtime(now, hours.RIGA).date()
    holidays = selectors.holidays_around(today)
    places: list[dict[str, Any]] = []
    for sal, schedules in selectors.schedules_of(service):
        status = hours.status_at(schedules, now, holidays)
        table = [
            (str(WEEKDAYS[day]), [(o.strftime("%H:%M"), display.end_of(c)) for o, c in spans])
            for day, spans in hours.weekly_table(schedules)
        ]
        places.append(
            {
                "sal": sal,
                "location": sal.location if sal else None,
                "phones": list(sal.phones.all()) + list(sal.location.phones.all()) if sal else [],
                "status": status,
                "status_text": display.describe(status, now),
                "known": hours.has_hours(schedules),
                "table": table,
                "other_schedules": [
                    s for s in schedules if s.freq == "MONTHLY" or s.description or s.notes
                ],
            }
        )
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "places": places,
            "phones": list(service.phones.all()),
            "holiday": selectors.holiday_on(today),
            "areas": [area.municipality for area in service.service_areas.all()],
        },
    )
