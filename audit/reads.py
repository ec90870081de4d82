"""Every read of case data is logged (GDPR Art. 9/10): each view declares what it shows, and one
middleware writes the reads of a request in one INSERT once the page is shown (issue 28,
finding 4).

Every view routed in the project carries one declaration (a test walks every URL pattern):

- ``@shows_case()``: the page shows one case, named by the URL argument ``case_id``; written as
  ("case", case id) unless the view says more precisely what it showed (``reads_of(request)``).
- ``@shows_case("note", by="note_id", model=CaseNote)``: the URL names an object of a case; the
  case is looked up from the object's row when the page is shown (one SELECT by primary key).
- ``@shows_cases()``: a list of several cases (caseload, search, calendar feed, oversight); the
  view tells which with ``reads_of(request).cases(ids)``.
- ``@shows_no_case_data("why")``: the page shows no case data (the directory, settings, ...).

A view may add what it showed (the case page's notes, health section) with
``reads_of(request).add(case_id, objects)``: nothing is written then, only collected; the
middleware writes the rows after a response that shows the page (2xx, or a form shown again
with its errors), and nothing when the view refused (403/404), redirected or failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from .services import insert_reads

View = TypeVar("View", bound=Callable[..., Any])

ATTRIBUTE = "access_log"
"""The view function's attribute holding its declaration (copied by functools.wraps, so the
declaration may sit above or below login_required)."""

# Responses that show the page: success, a form shown again with its errors (400) and a stale
# save shown with the other person's change (409).
SHOWN_ERRORS = frozenset({400, 409})

# Views of the libraries routed in tilts/urls.py, by module: allauth's sign-in, password and
# second-factor pages of the user's own account; and by URL namespace: Django's admin site,
# which registers no model of case data (accounts/admin.py, employment/admin.py: users,
# organisations, reference tables; the libraries' own: groups, e-mail addresses, authenticators,
# sign-in attempts).
THIRD_PARTY_MODULES = {"allauth.": "the user's own sign-in, password and second-factor pages"}
THIRD_PARTY_NAMESPACES = {"admin": "the admin site registers no model of case data"}


@dataclass(frozen=True)
class ShowsCase:
    """One case's data. object_type names what the page shows; by is the URL argument naming it;
    model, when by is not the case id, is the model whose row names the case (case_field)."""

    object_type: str = "case"
    by: str = "case_id"
    model: type[Model] | None = None
    case_field: str = "case_id"
    action: str = "view"


@dataclass(frozen=True)
class ShowsCases:
    """Several cases' data: the view tells which with reads_of(request).cases(...)."""

    action: str = "list"


@dataclass(frozen=True)
class ShowsNoCaseData:
    reason: str


Declaration = ShowsCase | ShowsCases | ShowsNoCaseData


def _declare(declaration: Declaration) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        setattr(view, ATTRIBUTE, declaration)
        return view

    return decorate


def shows_case(
    object_type: str = "case",
    *,
    by: str = "case_id",
    model: type[Model] | None = None,
    case_field: str = "case_id",
    action: str = "view",
) -> Callable[[View], View]:
    if by != "case_id" and model is None:
        raise ValueError("A view naming its object by another id must name the model of it.")
    return _declare(ShowsCase(object_type, by, model, case_field, action))


def shows_cases(*, action: str = "list") -> Callable[[View], View]:
    return _declare(ShowsCases(action))


def shows_no_case_data(reason: str) -> Callable[[View], View]:
    return _declare(ShowsNoCaseData(reason))


def declaration_of(view: Callable[..., Any], namespace: str = "") -> Declaration | None:
    """The view's declaration; namespace is the URL namespace the view is routed in."""
    declared: Declaration | None = getattr(view, ATTRIBUTE, None)
    if declared is not None:
        return declared
    if namespace.split(":")[0] in THIRD_PARTY_NAMESPACES:
        return ShowsNoCaseData(THIRD_PARTY_NAMESPACES[namespace.split(":")[0]])
    module = getattr(view, "__module__", "") or ""
    for prefix, reason in THIRD_PARTY_MODULES.items():
        if module.startswith(prefix):
            return ShowsNoCaseData(reason)
    return None


class Reads:
    """What one request showed, collected while the view runs and written once at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, int, str]] = []

    def add(self, case_id: int, objects: Iterable[tuple[str, int]], action: str = "view") -> None:
        """Objects of one case shown on the page (the case itself, its notes, its health)."""
        self.rows.extend((kind, pk, case_id, action) for kind, pk in objects)

    def cases(self, case_ids: Iterable[int], action: str = "list") -> None:
        """Cases shown in a list: one ("case", id) row each."""
        self.rows.extend(("case", pk, pk, action) for pk in case_ids)


def reads_of(request: HttpRequest) -> Reads:
    reads: Reads | None = getattr(request, "_access_reads", None)
    if reads is None:
        reads = Reads()
        request._access_reads = reads  # type: ignore[attr-defined]
    return reads


def shows_the_page(response: HttpResponse) -> bool:
    return response.status_code < 300 or response.status_code in SHOWN_ERRORS


def _declared_rows(declared: ShowsCase, kwargs: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    value = kwargs.get(declared.by)
    if value is None:
        return []
    if declared.model is None:
        case_id = int(value)
    else:
        found = (
            declared.model._default_manager.filter(pk=value)
            .values_list(declared.case_field, flat=True)
            .first()
        )
        if found is None:
            return []
        case_id = int(found)
    return [(declared.object_type, int(value), case_id, declared.action)]


class AccessLogMiddleware:
    """Writes the reads of every request whose view shows case data, once the page is shown."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return response
        if not shows_the_page(response):
            return response
        declared = declaration_of(match.func, match.namespace)
        reads: Reads | None = getattr(request, "_access_reads", None)
        rows = reads.rows if reads is not None else []
        if not rows and isinstance(declared, ShowsCase):
            rows = _declared_rows(declared, match.kwargs)
        insert_reads(user, rows)
        return response
