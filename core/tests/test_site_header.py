"""The site header rendered once per language, page and address (core/templatetags/layout.py,
issue 10): the right page marked, the right language, and forms with the browser's own token."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db


def _current(html: str) -> str:
    found = re.search(
        r'<a class="govuk-service-navigation__link" href="([^"]+)" aria-current', html
    )
    assert found is not None
    return found.group(1)


def test_each_page_marks_itself_in_the_menu(org_a: OrganisationWithStaff) -> None:
    client = Client()
    client.force_login(org_a.social_worker)
    for _ in range(2):  # rendered, then kept
        assert _current(client.get(reverse("cases:caseload")).content.decode()) == reverse(
            "cases:caseload"
        )
        assert _current(client.get(reverse("directory:search")).content.decode()) == reverse(
            "directory:search"
        )


def test_the_kept_header_switches_language_with_the_browser_s_token(
    org_a: OrganisationWithStaff,
) -> None:
    for _ in range(2):  # the second browser gets the header kept from the first
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(org_a.social_worker)
        page = browser.get(reverse("cases:caseload")).content.decode()
        assert ">Iziet<" in page
        form = re.search(r'<form method="post" action="/language/">.*?</form>', page, re.S)
        assert form is not None
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0))
        assert token is not None
        switched = browser.post(
            reverse("core:set_language"),
            {"language": "en", "next": "/cases/", "csrfmiddlewaretoken": token.group(1)},
        )
        assert switched.status_code == 302
        english = browser.get(reverse("cases:caseload")).content.decode()
        assert "Sign out" in english
        assert 'href="/cases/"' in english
        browser.post(
            reverse("core:set_language"),
            {"language": "lv", "next": "/cases/", "csrfmiddlewaretoken": token.group(1)},
        )


def test_the_address_returned_to_is_the_page_s_own(org_a: OrganisationWithStaff) -> None:
    client = Client()
    client.force_login(org_a.social_worker)
    for query in ("?scope=mine", "?scope=organisation"):
        page = client.get(reverse("cases:caseload") + query).content.decode()
        assert f'name="next" value="/cases/{query}"' in page


def test_a_page_rendered_without_a_request_still_has_its_header() -> None:
    from django.template.loader import render_to_string

    html = render_to_string("404.html", {})
    assert "tilts-language-switcher" in html
