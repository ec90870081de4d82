"""Issue 28, finding 4: every page that shows case data writes an access-log row.

Two walks over the project's URL patterns:

1. every pattern's view declares whether it shows case data and how (audit.reads), and every
   pattern with a case id in its address declares that it shows that case;
2. each page is requested by the case's own staff (worker, supervisor, administrator) on the
   security sweep's fixtures (tests/security/test_route_sweep.py), and every answer that names
   the client or the case wrote a row for that case in that request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from accounts.models import Role, User
from accounts.tests.factories import member
from audit.models import AccessLog
from audit.reads import ShowsCase, ShowsNoCaseData, declaration_of
from cases import services as case_services
from conftest import OrganisationWithStaff
from tests.security.test_route_sweep import (  # noqa: F401 — theirs is a fixture
    ROUTES,
    SECRET_NAME,
    Theirs,
    _url,
    theirs,
)

pytestmark = pytest.mark.django_db


def _patterns(
    patterns: list[Any], namespace: str = "", route: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, inner, route + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", route + str(pattern.pattern), pattern


def _arguments(pattern: URLPattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex)


def test_every_url_pattern_declares_whether_it_shows_case_data() -> None:
    """(issue 28, finding 4) A view routed without a declaration fails here: a new page cannot
    show case data without saying how its reads are logged."""
    undeclared = [
        f"{name} ({route})"
        for name, route, pattern in _patterns(get_resolver().url_patterns)
        if declaration_of(pattern.callback, name.rpartition(":")[0]) is None
    ]
    assert not undeclared, f"URL patterns whose view declares nothing: {undeclared}"


def test_a_case_in_the_address_is_a_read_of_that_case() -> None:
    """(issue 28, finding 4) A pattern with a case id shows that case; a declared argument must
    be in the pattern."""
    wrong = []
    for name, route, pattern in _patterns(get_resolver().url_patterns):
        declared = declaration_of(pattern.callback, name.rpartition(":")[0])
        arguments = _arguments(pattern)
        if "case_id" in arguments and not isinstance(declared, ShowsCase):
            wrong.append(f"{name}: has a case id but declares {declared}")
        if isinstance(declared, ShowsCase) and declared.by not in arguments:
            wrong.append(f"{name} ({route}): declares {declared.by}, not in the address")
    assert not wrong, wrong


def test_the_directory_api_declares_no_case_data() -> None:
    """(issue 28, finding 4) The HSDA directory API shows shared reference data only."""
    api = [
        (name, declaration_of(pattern.callback))
        for name, route, pattern in _patterns(get_resolver().url_patterns)
        if route.lstrip("^").startswith("api/hsds/")
    ]
    assert len(api) == 13  # 12 HSDA paths and the JSON 404 for any other (issue 25)
    assert all(isinstance(declared, ShowsNoCaseData) for _name, declared in api), api


def _body(response: Any) -> str:
    streamed = response.streaming
    content = b"".join(response.streaming_content) if streamed else response.content
    return content.decode(errors="replace")


def _their_staff(org_b: OrganisationWithStaff, target: Theirs) -> list[User]:
    """The case's own organisation: its lead worker, a supervisor (who oversees a colleague's
    opening of the case outside the caseload), and the administrator."""
    colleague = member(org_b.organisation, Role.SOCIAL_WORKER)
    case_services.case_access_grant(
        actor=colleague, case=target.case, reason="Aizvietoju kolēģi atvaļinājuma laikā."
    )
    return [org_b.social_worker, org_b.supervisor, org_b.admin]


def test_every_page_naming_a_client_writes_a_read_of_the_case(
    org_b: OrganisationWithStaff,
    theirs: Theirs,  # noqa: F811
) -> None:
    """(issue 28, finding 4) Every page of the security sweep, requested by each of the case's
    own staff, then every form posted empty (shown again with its errors): an answer that shows
    the client's name or the case number (or comes from a view declared to show the case, such
    as a PDF) wrote an access-log row for that case and that user.
    Among them the note's edit form, the documents, income, consents, team, tasks, conference
    and meeting pages, the calendar feed and the oversight list, which wrote none before."""
    case = theirs.case
    unlogged: set[str] = set()
    shown: set[str] = set()
    staff = _their_staff(org_b, theirs)
    for method in ("get", "post"):
        for user in staff:
            client = Client()
            client.force_login(user)
            for name, rule in ROUTES.items():
                if rule.public or name == "account_logout" or (method == "post" and not rule.post):
                    continue
                before = AccessLog.objects.filter(user=user, case_id=case.pk).count()
                response = getattr(client, method)(_url(name, rule, theirs))
                if response.status_code not in (200, 400):
                    continue
                body = _body(response)
                declared = declaration_of(
                    resolve(urlsplit(response.request["PATH_INFO"]).path).func
                )
                # PDFs are compressed: a page declared to show the case must log it anyway.
                if (
                    SECRET_NAME not in body
                    and case.number not in body
                    and not isinstance(declared, ShowsCase)
                ):
                    continue
                shown.add(f"{method.upper()} {name}")
                if AccessLog.objects.filter(user=user, case_id=case.pk).count() == before:
                    unlogged.add(f"{method.upper()} {name}")
    assert len(shown) > 60, sorted(shown)  # the walk reached the case's pages
    assert not unlogged, f"{len(unlogged)} pages showed the case and logged no read: " + ", ".join(
        sorted(unlogged)
    )
