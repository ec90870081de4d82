"""A social worker signs in, in Latvian and in Russian; every page passes axe (issue 2)."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from accounts.tests.factories import (
    TEST_PASSWORD,
    MembershipFactory,
    UserFactory,
    current_totp_code,
)
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
    assert page.locator("h1").inner_text() == "Pierakstīšanās otrais solis"
    page.fill("#id_code", current_totp_code())
    submit("main button >> text=Turpināt")
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
    page.fill("#id_code", current_totp_code())
    submit("main button >> text=Продолжить")
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


def test_a_member_without_a_second_factor_sets_one_up_first(
    org_a: OrganisationWithStaff,
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    """Issue 6: MFA is required for every member; setup pages pass axe."""
    user = UserFactory.create()
    MembershipFactory.create(user=user, organisation=org_a.organisation)
    page = visit("/account/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", TEST_PASSWORD)
    submit("button[type=submit] >> text=Pierakstīties")
    page = visit("/cases/")
    assert page.locator("h1").inner_text() == "Iestatiet autentifikācijas lietotni"
    secret = page.locator("code.tilts-secret").inner_text()
    screenshot("mfa-setup")
    page.fill("#id_code", current_totp_code(secret))
    submit("main button >> text=Ieslēgt")
    assert page.locator("h1").inner_text() == "Rezerves kodi"
    assert page.locator("ul.tilts-secret li").count() == 10
    page = visit("/cases/")
    assert page.locator("h1").inner_text() == "Manas lietas"
