"""Read-only HSDA-style JSON API (Open Referral Human Services Data API, HSDS 3.0 shapes).

GET /api/hsds/services[?page&per_page&search&taxonomy_term_id&organization_id&full]
GET /api/hsds/services/{id}                     service_full
GET /api/hsds/organizations[?page&per_page&search]
GET /api/hsds/organizations/{id}                organization_full
GET /api/hsds/taxonomies, /api/hsds/taxonomy_terms[?taxonomy_id]

Lists are HSDA pages (total_items, total_pages, page_number, size, first_page, last_page,
empty, contents). Signed-in users only (the session): 401 otherwise. Errors are JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.reads import shows_no_case_data
from core.text import fold_tokens

from . import exporting, selectors
from .models import DirectoryOrganisation, Need, Service, Taxonomy

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20

View = Callable[..., HttpResponse]


class BadRequestError(Exception):
    pass


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def api_view(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _json({"detail": _("Sign in first.")}, status=401)
        try:
            return view(request, *args, **kwargs)
        except BadRequestError as error:
            return _json({"detail": str(error)}, status=400)

    return require_GET(wrapper)


def _number(request: HttpRequest, name: str, default: int, high: int) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= high:
        raise BadRequestError(
            _("%(name)s must be a whole number from 1 to %(high)s.") % {"name": name, "high": high}
        )
    return int(raw)


def _paging(request: HttpRequest) -> tuple[int, int]:
    return _number(request, "page", 1, 10**6), _number(
        request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE
    )


def _uuid(request: HttpRequest, name: str) -> UUID | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        return UUID(raw)
    except ValueError as error:
        raise BadRequestError(_("%(name)s must be a UUID.") % {"name": name}) from error


def _flag(request: HttpRequest, name: str) -> bool:
    return request.GET.get(name, "").lower() in ("1", "true", "yes")


@shows_no_case_data("HSDA directory API: shared reference data of services, no case")
@api_view
def services(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    need = ""
    term_id = _uuid(request, "taxonomy_term_id")
    if term_id is not None:
        term = Need.objects.filter(pk=term_id).first()
        if term is None:
            raise BadRequestError(_("Unknown taxonomy term."))
        need = term.code
    rows, total = selectors.services_page(
        page=page,
        size=size,
        text=request.GET.get("search", "")[:100],
        need=need,
        organisation=_uuid(request, "organization_id"),
    )
    full = _flag(request, "full")
    items = [exporting.service_full(s) if full else exporting.service_brief(s) for s in rows]
    return _json(exporting.page(items, total=total, number=page, size=size))


@shows_no_case_data("HSDA directory API: shared reference data of services, no case")
@api_view
def service(request: HttpRequest, service_id: UUID) -> HttpResponse:
    found = selectors.service_detail(service_id)
    if found is None:
        return _json({"detail": _("No such service.")}, status=404)
    return _json(exporting.service_full(found))


@shows_no_case_data("HSDA directory API: shared reference data of services, no case")
@api_view
def organizations(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    rows = DirectoryOrganisation.objects.order_by("name", "pk")
    for token in fold_tokens(request.GET.get("search", "")[:100])[:8]:
        rows = rows.filter(name_folded__contains=token)
    total = rows.count()
    items = [exporting.organization_brief(o) for o in rows[(page - 1) * size : page * size]]
    return _json(exporting.page(items, total=total, number=page, size=size))


@shows_no_case_data("HSDA directory API: shared reference data of services, no case")
@api_view
def organization(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    found = selectors.organisations_with_details().filter(pk=organisation_id).first()
    if found is None:
        return _json({"detail": _("No such organisation.")}, status=404)
    offered: list[Service] = list(
        selectors.services_with_details().filter(organisation=found).order_by("name", "pk")
    )
    return _json(exporting.organization_full(found, offered))


@shows_no_case_data("HSDA directory API: shared reference data of services, no case")
@api_view
def taxonomies(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    rows = Taxonomy.objects.order_by("name", "pk")
    total = rows.count()
    items = [exporting.taxonomy(t) for t in rows[(page - 1) * size : page * size]]
    return _json(exporting.page(items, total=total, number=page, size=size))


@shows_no_case_data("HSDA directory API: shared reference data of services, no case")
@api_view
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    rows = Need.objects.select_related("taxonomy").order_by("position", "pk")
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id is not None:
        rows = rows.filter(taxonomy_id=taxonomy_id)
    total = rows.count()
    items = [exporting.taxonomy_term(n, n.taxonomy) for n in rows[(page - 1) * size : page * size]]
    return _json(exporting.page(items, total=total, number=page, size=size))
