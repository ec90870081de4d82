"""A social worker signs in, in Latvian and in Russian; every page passes axe (issue 2)."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from accounts.tests.factories import TEST_PASSWORD
from conftest import OrganisationWithStaff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_social_worker_signs_in_in_latvian(
    org_a: OrganisationWithStaff,
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    page = visit("/account/login/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert page.locator("h1").inner_text() == "Pierakstīties sistēmā Tilts"
    page.fill("#id_login", org_a.social_worker.email)
    page.fill("#id_password", TEST_PASSWORD)
    submit("button[type=submit] >> text=Pierakstīties")
    assert "Jūsu organizācijas un lomas" in page.content()
    assert org_a.organisation.name in page.content()
    screenshot("home-lv")


def test_social_worker_switches_to_russian_and_signs_in(
    org_a: OrganisationWithStaff,
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    visit("/account/login/")
    page = submit("button[lang=ru]")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Вход в Tilts"
    page.fill("#id_login", org_a.social_worker.email)
    page.fill("#id_password", TEST_PASSWORD)
    submit("button[type=submit] >> text=Войти")
    assert "Ваши организации и роли" in page.content()
    screenshot("home-ru")


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(
    org_a: OrganisationWithStaff,
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
) -> None:
    page = visit("/account/login/")
    page.fill("#id_login", org_a.social_worker.email)
    page.fill("#id_password", "not-the-password")
    submit("button[type=submit] >> text=Pierakstīties")
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.input_value("#id_login") == org_a.social_worker.email


def test_layout_uses_our_font_with_latvian_and_cyrillic_glyphs(
    org_a: OrganisationWithStaff, visit: Callable[[str], Page]
) -> None:
    page = visit("/account/login/")
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert family.startswith('"Noto Sans"')
    # Loading the faces for these characters proves the self-hosted subsets cover them.
    faces = page.evaluate(
        "document.fonts.load('16px \"Noto Sans\"', 'āčēģīķļņšūž Жж').then(f => f.length)"
    )
    assert faces >= 2  # latin-ext and cyrillic subsets
    assert "GOV.UK" not in page.content()
