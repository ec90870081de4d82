"""Layout-wide behaviour: language choice, CSP, error pages (issue 2)."""

import re
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db


def test_latvian_is_the_default_whatever_the_browser_asks() -> None:
    response = Client(headers={"accept-language": "en-GB,en;q=0.9"}).get(reverse("account_login"))
    assert response["Content-Language"] == "lv"
    assert '<html lang="lv"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("lv", "Pierakstīties sistēmā Tilts"),
        ("ru", "Вход в Tilts"),
        ("en", "Sign in to Tilts"),
    ],
)
def test_language_switcher_sets_the_language(language: str, heading: str) -> None:
    client = Client()
    response = client.post(
        reverse("core:set_language"), {"language": language, "next": "/account/login/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/login/"
    page = client.get(reverse("account_login")).content.decode()
    assert heading in page
    assert f'<html lang="{language}"' in page


def test_language_switcher_refuses_foreign_redirects() -> None:
    response = Client().post(
        reverse("core:set_language"), {"language": "ru", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_language_choice_is_saved_on_the_profile(org_a: OrganisationWithStaff) -> None:
    client = Client()
    client.force_login(org_a.social_worker)
    client.post(reverse("core:set_language"), {"language": "ru", "next": "/"})
    org_a.social_worker.refresh_from_db()
    assert org_a.social_worker.preferred_language == "ru"
    fresh = Client()  # a new browser without the cookie follows the profile
    fresh.force_login(org_a.social_worker)
    assert '<html lang="ru"' in fresh.get(reverse("core:home")).content.decode()


def test_csp_uses_nonces_and_never_unsafe_inline() -> None:
    response = Client().get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None
    page = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts, "the layout loads its scripts"
    assert all(f'nonce="{nonce.group(1)}"' in tag for tag in scripts)
    assert all("src=" in tag for tag in scripts), "no inline script bodies"
    assert "style=" not in page


def test_not_found_page_is_translated_and_in_the_design_system() -> None:
    client = Client()
    client.cookies["tilts_language"] = "ru"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Страница не найдена" in page
    assert "tilts-header" in page


@override_settings(DEBUG=False)
def test_server_error_page_is_translated() -> None:
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("lv"):
        page = render_to_string("500.html")
    assert "Atvainojiet, pakalpojumā radusies problēma" in page


def test_csrf_failure_is_a_translated_page(org_a: OrganisationWithStaff) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(org_a.admin)
    response = client.post(reverse("core:set_language"), {"language": "ru"})
    assert response.status_code == 403
    assert "Veidlapas derīguma termiņš beidzies" in response.content.decode()


def test_static_assets_have_no_gov_uk_branding() -> None:
    from django.contrib.staticfiles import finders

    css_path = finders.find("tilts/tilts.min.css")
    assert css_path, "the compiled stylesheet is vendored"
    css = Path(css_path).read_text(encoding="utf-8")
    assert "GDS Transport" not in css
    assert "Noto Sans" in css


@pytest.mark.parametrize("url_name", ["account_change_password", "account_reset_password"])
def test_allauth_pages_render_in_the_layout_and_in_latvian(
    url_name: str, org_a: OrganisationWithStaff
) -> None:
    client = Client()
    if url_name == "account_change_password":
        client.force_login(org_a.social_worker)
    response = client.get(reverse(url_name))
    page = response.content.decode()
    assert response.status_code == 200
    assert "tilts-header" in page
    assert "govuk-button" in page
    assert "paroli" in page.lower()
