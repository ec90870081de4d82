"""Responses with personal data are never stored by a browser or a proxy (issue 28,
finding 11); static files keep their caching."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from plans.tests.factories import agreement_for

pytestmark = pytest.mark.django_db

NO_STORE = "no-store, private"


def test_case_page_pdf_htmx_request_and_api_carry_no_store(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    client = client_for(org_a.social_worker)
    case_page = client.get(reverse("cases:detail", args=[case.pk]))
    assert case_page.status_code == 200
    assert case_page["Cache-Control"] == NO_STORE
    pdf = client.get(reverse("plans:agreement_pdf", args=[case.pk, agreement.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == NO_STORE
    # What htmx fetches (it sends HX-Request): the same rule.
    fragment = client.get(reverse("cases:detail", args=[case.pk]), headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment["Cache-Control"] == NO_STORE
    api = client.get("/api/hsds/services")
    assert api.status_code == 200
    assert api["Cache-Control"] == NO_STORE


def test_pages_for_signed_out_visitors_and_errors_carry_no_store(
    org_a: OrganisationWithStaff,
) -> None:
    anonymous = Client()
    assert "no-store" in anonymous.get(reverse("account_login"))["Cache-Control"]
    assert anonymous.get(reverse("account_reset_password"))["Cache-Control"] == NO_STORE
    missing = client_for(org_a.social_worker).get("/cases/999999/")
    assert missing.status_code == 404
    assert missing["Cache-Control"] == NO_STORE


def test_static_files_are_not_marked_no_store(org_a: OrganisationWithStaff) -> None:
    for client in (Client(), client_for(org_a.social_worker)):
        response = client.get("/static/vendor/htmx.org/htmx.min.js")
        response.close()  # WhiteNoise streams the file: close it (pytest fails on leaks)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")
