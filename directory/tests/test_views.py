"""Directory pages and the HSDA JSON API (issue 5)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from conftest import OrganisationWithStaff
from directory import hsds, needs
from directory.services import directory_import
from directory.tests.factories import service_doc, uid

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(org_a: OrganisationWithStaff) -> User:
    user = org_a.social_worker
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def signed_in(worker: User) -> Client:
    client = Client()
    client.force_login(worker)
    return client


@pytest.fixture
def soup(db: None) -> str:
    directory_import(actor=None, data=service_doc("soup", areas=("Liepāja", "Saldus novads")))
    legal = service_doc("legal", name="Juridiskā palīdzība", need="legal-aid", hours=[])
    directory_import(actor=None, data=legal)
    return uid("soup", "service")


def test_pages_need_a_signed_in_user(soup: str) -> None:
    client = Client()
    for url in (reverse("directory:search"), reverse("directory:service_detail", args=[soup])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]


def test_search_page_starts_at_the_users_municipality(signed_in: Client, soup: str) -> None:
    page = signed_in.get(reverse("directory:search")).content.decode()
    assert '<option value="saldus-novads" selected>' in page


def test_search_page_lists_results_with_hours_and_phone(signed_in: Client, soup: str) -> None:
    response = signed_in.get(
        reverse("directory:search"), {"need": "warm-meals", "municipality": "liepaja"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Zupas virtuve" in page
    assert "+371 63400000" in page
    assert "Graudu iela 12" in page
    assert "free of charge" in page


def test_search_refuses_an_unknown_need(signed_in: Client, soup: str) -> None:
    response = signed_in.get(reverse("directory:search"), {"need": "teleportation"})
    assert response.status_code == 400
    assert "govuk-error-message" in response.content.decode()


def test_detail_page_shows_how_to_get_there_phone_and_hours(signed_in: Client, soup: str) -> None:
    page = signed_in.get(reverse("directory:service_detail", args=[soup])).content.decode()
    assert "3. autobuss līdz pieturai" in page
    assert "+371 63400000" in page
    assert "09:00–17:00" in page
    assert any(text in page for text in ("open now", "closed"))


def test_detail_page_says_hours_unknown(signed_in: Client, soup: str) -> None:
    page = signed_in.get(
        reverse("directory:service_detail", args=[uid("legal", "service")])
    ).content.decode()
    assert "hours unknown" in page


def test_detail_page_of_a_missing_service_is_404(signed_in: Client, soup: str) -> None:
    response = signed_in.get(reverse("directory:service_detail", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_search_page_query_count_is_flat(signed_in: Client, db: None) -> None:
    directory_import(actor=None, data=service_doc("one"))
    url = reverse("directory:search")
    query = {"need": "basic", "municipality": "liepaja"}
    signed_in.get(url, query)  # the session's first request also checks the second factor
    with CaptureQueriesContext(connection) as one:
        signed_in.get(url, query)
    directory_import(
        actor=None, data=[service_doc(f"more{i}", name=f"Zupa {i}") for i in range(12)]
    )
    with CaptureQueriesContext(connection) as many:
        assert (
            signed_in.get(url, query).content.decode().count('class="govuk-summary-card__title"')
            == 13
        )
    assert len(one.captured_queries) == len(many.captured_queries)


# --- API ------------------------------------------------------------------------------------


def _get(client: Client, name: str, *args: Any, **query: Any) -> Any:
    response = client.get(reverse(f"directory:{name}", args=args), query)
    assert response["Content-Type"] == "application/json", response.status_code
    return response


def test_the_api_needs_a_signed_in_user(soup: str) -> None:
    response = _get(Client(), "api_services")
    assert response.status_code == 401


def test_services_are_an_hsda_page(signed_in: Client, soup: str) -> None:
    body = _get(signed_in, "api_services", per_page=1).json()
    assert body["total_items"] == 2
    assert body["total_pages"] == 2
    assert body["first_page"] is True
    assert body["last_page"] is False
    assert body["size"] == 1
    assert list(hsds.errors(body, "service_full_page")) == []
    full = _get(signed_in, "api_services", full="true", page=2, per_page=1).json()
    assert full["last_page"] is True
    assert list(hsds.errors(full, "service_full_page")) == []
    assert "service_areas" in full["contents"][0]


def test_services_filter_by_need_and_words(signed_in: Client, soup: str) -> None:
    term = str(needs.need_id("legal-aid"))
    body = _get(signed_in, "api_services", taxonomy_term_id=term).json()
    assert [s["name"] for s in body["contents"]] == ["Juridiskā palīdzība"]
    assert _get(signed_in, "api_services", search="zupas").json()["total_items"] == 1
    empty = _get(signed_in, "api_services", search="nekas tāds").json()
    assert empty["empty"] is True
    assert empty["contents"] == []


def test_one_service_is_service_full(signed_in: Client, soup: str) -> None:
    body = _get(signed_in, "api_service", soup).json()
    assert body["id"] == soup
    assert list(hsds.errors(body, "service_full")) == []
    assert _get(signed_in, "api_service", uuid.uuid4()).status_code == 404


def test_organizations_and_taxonomies(signed_in: Client, soup: str) -> None:
    organisations = _get(signed_in, "api_organizations").json()
    assert list(hsds.errors(organisations, "organization_full_page")) == []
    organisation_id = organisations["contents"][0]["id"]
    full = _get(signed_in, "api_organization", organisation_id).json()
    assert list(hsds.errors(full, "organization_full")) == []
    assert full["services"]
    taxonomies = _get(signed_in, "api_taxonomies").json()
    assert taxonomies["total_items"] == 1
    assert list(hsds.errors(taxonomies["contents"][0], "taxonomy")) == []
    terms = _get(signed_in, "api_taxonomy_terms", per_page=100).json()
    assert terms["total_items"] == len(needs.leaf_codes()) + len(needs.GROUPS)
    assert list(hsds.errors(terms, "taxonomy_term_page")) == []


@pytest.mark.parametrize(
    "query",
    [
        {"page": "0"},
        {"per_page": "1000"},
        {"page": "x"},
        {"taxonomy_term_id": "nope"},
        {"taxonomy_term_id": str(uuid.uuid4())},
    ],
)
def test_bad_api_parameters_are_400(signed_in: Client, soup: str, query: dict[str, str]) -> None:
    response = _get(signed_in, "api_services", **query)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_api_is_read_only(signed_in: Client, soup: str) -> None:
    response = signed_in.post(reverse("directory:api_services"), {})
    assert response.status_code in (403, 405)


def test_api_service_list_query_count_is_flat(signed_in: Client, soup: str) -> None:
    directory_import(actor=None, data=[service_doc(f"z{i}", name=f"Zupa {i}") for i in range(4)])
    _get(signed_in, "api_services")  # the session's first request also checks the second factor
    with CaptureQueriesContext(connection) as few:
        _get(signed_in, "api_services", full="true", search="zupa", per_page=1)
    with CaptureQueriesContext(connection) as more:
        _get(signed_in, "api_services", full="true", search="zupa", per_page=5)
    assert len(few.captured_queries) == len(more.captured_queries)
