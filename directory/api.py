"""Read-only HSDA 3.0 API (Open Referral Human Services Data API) at /api/hsds/.

Every read path of the official HSDA OpenAPI: `/`, `/services[/{id}]`,
`/organizations[/{id}]`, `/service_at_locations[/{id}]`, `/taxonomies[/{id}]`,
`/taxonomy_terms[/{id}]`; the OpenAPI document of what is served here at `/openapi.json`
(directory.hsds.openapi.tilts_document). Every documented query parameter is honoured or, where
Tilts cannot honour a value (`format` other than json, `minimal=true`, `postcode`,
`proximity`), refused with 400; an unknown parameter is refused with 400 too, never ignored.

Lists are HSDA pages (total_items, total_pages, page_number, size, first_page, last_page,
empty, contents). Data paths need a signed-in user (the session): 401 otherwise. Every error is
an RFC 9457 problem (application/problem+json), its `detail` in the language the client asks
for with Accept-Language (else the user's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time
from functools import wraps
from http import HTTPStatus
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt

from audit.reads import shows_no_case_data
from core.text import fold_tokens

from . import exporting, selectors
from .hsds import openapi
from .models import DirectoryOrganisation, Need, Service, ServiceNeed, Taxonomy

MAX_PER_PAGE = 100
MAX_PAGE = 10**6
DEFAULT_PER_PAGE = 20
HSDS_VERSION = "3.0"
PROBLEM = "application/problem+json"
NO_CASE_DATA = "the directory holds no case data"

View = Callable[..., HttpResponse]

PAGING = frozenset({"page", "per_page", "format"})
PARAMETERS: dict[str, frozenset[str] | None] = {  # None: any (the 404 of an unknown path)
    "services": PAGING
    | {
        "search",
        "taxonomy_term_id",
        "taxonomy_id",
        "organization_id",
        "modified_after",
        "minimal",
        "full",
    },
    "service": frozenset(),
    "organizations": PAGING | {"search", "full_service", "full"},
    "organization": frozenset({"full_service"}),
    "service_at_locations": PAGING
    | {
        "search",
        "taxonomy_term_id",
        "taxonomy_id",
        "organization_id",
        "modified_after",
        "full",
        "postcode",
        "proximity",
    },
    "service_at_location": frozenset(),
    "taxonomies": PAGING | {"search"},
    "taxonomy": frozenset(),
    "taxonomy_terms": PAGING | {"search", "taxonomy_id", "top_only", "parent_id"},
    "taxonomy_term": frozenset(),
    "api_details": frozenset(),
    "openapi_document": frozenset(),
    "not_found": None,
}


class ProblemError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class BadRequestError(ProblemError):
    def __init__(self, detail: str) -> None:
        super().__init__(400, detail)


def _json(data: Any, status: int = 200, content_type: str = "application/json") -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        safe=False,
        content_type=content_type,
        json_dumps_params={"ensure_ascii": False},
    )


def problem(request: HttpRequest, status: int, detail: str) -> JsonResponse:
    """An RFC 9457 problem document; `title` is the status's standard phrase."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    return _json(body, status=status, content_type=PROBLEM)


def _accepted_language(request: HttpRequest) -> str | None:
    """The first language of Accept-Language that Tilts speaks, if the client sent one."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def api_view(*, public: bool = False) -> Callable[[View], View]:
    """GET (and HEAD) only, JSON problems for every refusal, Accept-Language for messages,
    unknown query parameters refused; `public` views need no sign-in (they show no data)."""

    def decorate(view: View) -> View:
        known = PARAMETERS[view.__name__]

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            language = _accepted_language(request) or translation.get_language()
            with translation.override(language):
                response = _answer(request, view, known, public, *args, **kwargs)
            response["Content-Language"] = language
            response["Vary"] = ", ".join(
                filter(None, [response.headers.get("Vary"), "Accept-Language"])
            )
            return response

        return csrf_exempt(wrapper)

    return decorate


def _answer(
    request: HttpRequest,
    view: View,
    known: frozenset[str] | None,
    public: bool,
    *args: Any,
    **kw: Any,
) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        response = problem(request, 405, _("The directory API is read-only: use GET."))
        response["Allow"] = "GET, HEAD"
        return response
    if not public and not request.user.is_authenticated:
        return problem(request, 401, _("Sign in first."))
    unknown = sorted(set(request.GET) - known) if known is not None else []
    if unknown:
        return problem(
            request,
            400,
            _("Unknown query parameter: %(names)s.") % {"names": ", ".join(unknown)},
        )
    repeated = sorted(name for name in request.GET if len(request.GET.getlist(name)) > 1)
    if repeated:
        return problem(
            request,
            400,
            _("Give each query parameter once: %(names)s.") % {"names": ", ".join(repeated)},
        )
    try:
        return view(request, *args, **kw)
    except ProblemError as error:
        return problem(request, error.status, error.detail)


# --- query parameters -------------------------------------------------------------------


def _number(request: HttpRequest, name: str, default: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= high:
        raise BadRequestError(
            _("%(name)s must be a whole number from 1 to %(high)s.") % {"name": name, "high": high}
        )
    return int(raw)


def _paging(request: HttpRequest) -> tuple[int, int]:
    if request.GET.get("format", "json") != "json":
        raise BadRequestError(_("Only format=json is supported."))
    return _number(request, "page", 1, MAX_PAGE), _number(
        request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE
    )


def _flag(request: HttpRequest, name: str) -> bool:
    raw = request.GET.get(name)
    if raw is None:
        return False
    value = raw.lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise BadRequestError(_("%(name)s must be true or false.") % {"name": name})


def _id(raw: str | None) -> UUID | None:
    """A record id of the query or the path; ids that are not UUIDs name no Tilts record."""
    if raw is None:
        return None
    try:
        return UUID(raw)
    except ValueError:
        return None


def _filter_id(request: HttpRequest, name: str) -> UUID | bool:
    """True: the parameter is absent; else the UUID it names, or False for a value that
    cannot name a record (the filter then matches nothing)."""
    if name not in request.GET:
        return True
    return _id(request.GET[name]) or False


def _search(request: HttpRequest) -> list[str]:
    return fold_tokens(request.GET.get("search", "")[:100])[:8]


def _modified_after(request: HttpRequest) -> datetime | None:
    raw = request.GET.get("modified_after")
    if raw is None:
        return None
    try:
        moment = parse_datetime(raw)
        day = None if moment is not None else parse_date(raw)
    except ValueError:
        moment = day = None
    if moment is None and day is not None:
        moment = datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
    if moment is None:
        raise BadRequestError(
            _("modified_after must be a date and time (ISO 8601, e.g. 2026-01-31T12:00:00Z).")
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _not_supported(request: HttpRequest, *names: str) -> None:
    given = [name for name in names if name in request.GET]
    if given:
        raise BadRequestError(
            _("Not supported by this directory: %(names)s.") % {"names": ", ".join(given)}
        )


def _page(rows: QuerySet[Any], page: int, size: int, item: Callable[[Any], Any]) -> HttpResponse:
    total = rows.count()
    items = [item(row) for row in rows[(page - 1) * size : page * size]]
    return _json(exporting.page(items, total=total, number=page, size=size))


def _service_filters(request: HttpRequest, services: QuerySet[Service]) -> QuerySet[Service]:
    """search, taxonomy_term_id, taxonomy_id, organization_id and modified_after."""
    for token in _search(request):
        services = services.filter(search_text__contains=token)
    term = _filter_id(request, "taxonomy_term_id")
    if term is not True:
        code = Need.objects.filter(pk=term).values_list("code", flat=True).first() if term else None
        services = services.filter(selectors.has_need(code)) if code else services.none()
    taxonomy = _filter_id(request, "taxonomy_id")
    if taxonomy is not True:
        if taxonomy:
            links = ServiceNeed.objects.filter(service=OuterRef("pk"), need__taxonomy_id=taxonomy)
            services = services.filter(Exists(links))
        else:
            services = services.none()
    organisation = _filter_id(request, "organization_id")
    if organisation is not True:
        services = (
            services.filter(organisation_id=organisation) if organisation else services.none()
        )
    moment = _modified_after(request)
    if moment is not None:
        services = services.filter(last_modified__gte=moment)
    return services


# --- views ------------------------------------------------------------------------------


@shows_no_case_data(NO_CASE_DATA)
@api_view(public=True)
def api_details(request: HttpRequest) -> HttpResponse:
    """HSDA `GET /`: the HSDS version and where the OpenAPI document is."""
    url = request.build_absolute_uri(reverse("directory:api_openapi"))
    return _json({"version": HSDS_VERSION, "openapi_url": url})


@shows_no_case_data(NO_CASE_DATA)
@api_view(public=True)
def openapi_document(request: HttpRequest) -> HttpResponse:
    return _json(openapi.tilts_document())


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise ProblemError(404, _("No such address in the directory API."))


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def services(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    full = _flag(request, "full")
    if _flag(request, "minimal"):
        raise BadRequestError(
            _("Not supported by this directory: %(names)s.") % {"names": "minimal"}
        )
    rows = _service_filters(request, selectors.services_with_details()).order_by("name", "pk")
    return _page(rows, page, size, exporting.service_full if full else exporting.service_brief)


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def service(request: HttpRequest, service_id: str) -> HttpResponse:
    key = _id(service_id)
    found = selectors.service_detail(key) if key else None
    if found is None:
        raise ProblemError(404, _("No such service."))
    return _json(exporting.service_full(found))


def _organisation_item(full: bool, full_service: bool) -> Callable[[Any], Any]:
    def item(row: DirectoryOrganisation) -> Any:
        if not full:
            return exporting.organization_brief(row)
        offered = list(row.services.all())
        return exporting.organization_full(row, offered, full_services=full_service)

    return item


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def organizations(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    full, full_service = _flag(request, "full"), _flag(request, "full_service")
    rows = selectors.organisations_with_details(with_services=full).order_by("name", "pk")
    for token in _search(request):
        rows = rows.filter(name_folded__contains=token)
    return _page(rows, page, size, _organisation_item(full, full_service))


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def organization(request: HttpRequest, organisation_id: str) -> HttpResponse:
    full_service = _flag(request, "full_service")
    key = _id(organisation_id)
    rows = selectors.organisations_with_details(with_services=True)
    found = rows.filter(pk=key).first() if key else None
    if found is None:
        raise ProblemError(404, _("No such organisation."))
    return _json(_organisation_item(True, full_service)(found))


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def service_at_locations(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    _not_supported(request, "postcode", "proximity")
    full = _flag(request, "full")
    offered = _service_filters(request, Service.objects.all())
    rows = (
        selectors.services_at_locations()
        .filter(service__in=offered.values("pk"))
        .order_by("service__name", "location__name", "pk")
    )
    item = exporting.service_at_location_full if full else exporting.service_at_location_brief
    return _page(rows, page, size, item)


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def service_at_location(request: HttpRequest, service_at_location_id: str) -> HttpResponse:
    key = _id(service_at_location_id)
    found = selectors.services_at_locations().filter(pk=key).first() if key else None
    if found is None:
        raise ProblemError(404, _("No such service at a location."))
    return _json(exporting.service_at_location_full(found))


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def taxonomies(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    rows = Taxonomy.objects.order_by("name", "pk")
    for token in _search(request):
        rows = rows.filter(Q(name__icontains=token) | Q(description__icontains=token))
    return _page(rows, page, size, exporting.taxonomy)


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def taxonomy(request: HttpRequest, taxonomy_id: str) -> HttpResponse:
    key = _id(taxonomy_id)
    found = Taxonomy.objects.filter(pk=key).first() if key else None
    if found is None:
        raise ProblemError(404, _("No such taxonomy."))
    return _json(exporting.taxonomy(found))


def _term_text(token: str) -> Q:
    fields: Iterable[str] = ("code", "name", "name_ru", "name_en", "description")
    found = Q()
    for field in fields:
        found |= Q(**{f"{field}__icontains": token})
    return found


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    page, size = _paging(request)
    rows = Need.objects.select_related("taxonomy").order_by("position", "pk")
    taxonomy_id = _filter_id(request, "taxonomy_id")
    if taxonomy_id is not True:
        rows = rows.filter(taxonomy_id=taxonomy_id) if taxonomy_id else rows.none()
    parent_id = _filter_id(request, "parent_id")
    if parent_id is not True:
        rows = rows.filter(parent_id=parent_id) if parent_id else rows.none()
    if _flag(request, "top_only"):
        rows = rows.filter(parent__isnull=True)
    for token in _search(request):
        rows = rows.filter(_term_text(token))
    return _page(rows, page, size, lambda term: exporting.taxonomy_term(term, term.taxonomy))


@shows_no_case_data(NO_CASE_DATA)
@api_view()
def taxonomy_term(request: HttpRequest, taxonomy_term_id: str) -> HttpResponse:
    key = _id(taxonomy_term_id)
    found = Need.objects.select_related("taxonomy").filter(pk=key).first() if key else None
    if found is None:
        raise ProblemError(404, _("No such taxonomy term."))
    return _json(exporting.taxonomy_term(found, found.taxonomy))
