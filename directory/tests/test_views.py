"""Directory pages and the HSDA JSON API (issue 5)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from conftest import OrganisationWithStaff
from directory import hsds, needs
from directory.models import Need, Service, ServiceAtLocation, Taxonomy
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
    expected = "application/json" if response.status_code < 400 else "application/problem+json"
    assert response["Content-Type"] == expected, response.status_code
    return response


def _problem(response: Any, status: int) -> dict[str, Any]:
    """An RFC 9457 problem document of the status (issue 25)."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["type"] == "about:blank"
    return body


def test_the_api_needs_a_signed_in_user(soup: str) -> None:
    _problem(_get(Client(), "api_services"), 401)


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
        {"per_page": "-1"},
        {"full": "maybe"},
        {"format": "ndjson"},
        {"minimal": "true"},
        {"modified_after": "yesterday"},
        {"modified_after": "2026-02-30T10:00:00"},
        {"postcode": "LV-1050"},
        {"unknown": "1"},
        {"page": ["1", "2"]},
    ],
)
def test_bad_api_parameters_are_400(signed_in: Client, soup: str, query: dict[str, str]) -> None:
    """Issue 25: a documented parameter Tilts cannot honour, a bad value or an unknown
    parameter is refused with a problem, never silently ignored."""
    _problem(_get(signed_in, "api_services", **query), 400)


def test_unsupported_location_parameters_are_400(signed_in: Client, soup: str) -> None:
    """Issue 25: postcode and proximity are documented for service_at_locations; Tilts has no
    postcode data and refuses them rather than ignoring them."""
    for query in ({"postcode": "LV-3401"}, {"proximity": "1000"}):
        body = _problem(_get(signed_in, "api_service_at_locations", **query), 400)
        assert next(iter(query)) in body["detail"]


def test_filters_naming_no_record_find_nothing(signed_in: Client, soup: str) -> None:
    """Issue 28, finding 15: an id filter is a string in HSDA; one naming no record (or not a
    UUID) matches nothing: an empty page, not a refusal of a schema-valid request."""
    for name in ("taxonomy_term_id", "taxonomy_id", "organization_id"):
        for value in ("nope", str(uuid.uuid4())):
            body = _get(signed_in, "api_services", **{name: value}).json()
            assert (body["total_items"], body["empty"], body["contents"]) == (0, True, [])


def test_a_page_past_the_end_is_empty(signed_in: Client, soup: str) -> None:
    """Issue 25: `empty` is true on a page past the end (it was false)."""
    body = _get(signed_in, "api_services", page=5, per_page=1).json()
    assert body["contents"] == []
    assert (body["empty"], body["size"], body["last_page"], body["total_items"]) == (
        True,
        0,
        True,
        2,
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/hsds/services/not-an-id",
        f"/api/hsds/services/{uuid.uuid4()}",
        f"/api/hsds/organizations/{uuid.uuid4()}",
        "/api/hsds/taxonomies/x",
        f"/api/hsds/taxonomy_terms/{uuid.uuid4()}",
        f"/api/hsds/service_at_locations/{uuid.uuid4()}",
        "/api/hsds/nothing/here",
        "/api/hsds/nothing?page=1&whatever=2",
        "/api/hsds/services/",
    ],
)
def test_bad_ids_and_unknown_paths_are_json_404(signed_in: Client, soup: str, path: str) -> None:
    """Issue 25: errors for bad ids and unknown paths were HTML pages."""
    _problem(signed_in.get(path), 404)


def test_the_api_is_read_only(signed_in: Client, worker: User, soup: str) -> None:
    """Issue 25: POST was an HTML error; it is a 405 problem naming the methods allowed."""
    response = signed_in.post(reverse("directory:api_services"), {})
    _problem(response, 405)
    assert response["Allow"] == "GET, HEAD"
    csrf_checked = Client(enforce_csrf_checks=True)
    csrf_checked.force_login(worker)
    _problem(csrf_checked.post(reverse("directory:api_services"), {}), 405)


def test_problems_follow_accept_language(signed_in: Client, soup: str) -> None:
    """Issue 25: messages follow Accept-Language (the user's language otherwise)."""
    url = reverse("directory:api_services")
    english = _problem(signed_in.get(url, {"page": "0"}), 400)
    russian = signed_in.get(url, {"page": "0"}, headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    latvian = signed_in.get(url, {"page": "0"}, headers={"Accept-Language": "fr, lv;q=0.5"})
    assert russian["Content-Language"] == "ru"
    assert latvian["Content-Language"] == "lv"
    assert _problem(russian, 400)["detail"] != english["detail"]
    assert _problem(latvian, 400)["detail"] not in (english["detail"], russian.json()["detail"])


def test_services_modified_after(signed_in: Client, soup: str) -> None:
    """Issue 25: modified_after was silently ignored."""
    Service.objects.filter(pk=soup).update(last_modified=datetime(2026, 3, 1, 12, tzinfo=UTC))
    names = {
        value: [
            s["id"]
            for s in _get(signed_in, "api_services", modified_after=value).json()["contents"]
        ]
        for value in ("2026-03-01T12:00:00Z", "2026-03-01", "2026-03-01T14:00:01+02:00")
    }
    assert names == {
        "2026-03-01T12:00:00Z": [soup],
        "2026-03-01": [soup],
        "2026-03-01T14:00:01+02:00": [],
    }


def test_services_by_taxonomy(signed_in: Client, soup: str) -> None:
    """Issue 25: taxonomy_id was silently ignored."""
    taxonomy = Taxonomy.objects.get()
    body = _get(signed_in, "api_services", taxonomy_id=str(taxonomy.pk)).json()
    assert body["total_items"] == 2


def test_organizations_full_and_full_service(signed_in: Client, soup: str) -> None:
    """Issue 25: full and full_service were silently ignored."""
    brief = _get(signed_in, "api_organizations").json()["contents"][0]
    assert "services" not in brief
    full = _get(signed_in, "api_organizations", full="true").json()
    assert list(hsds.errors(full, "organization_full_page")) == []
    services = full["contents"][0]["services"]
    assert "service_areas" not in services[0]
    deep = _get(signed_in, "api_organizations", full="true", full_service="true").json()
    assert "service_areas" in deep["contents"][0]["services"][0]
    one = _get(signed_in, "api_organization", brief["id"]).json()
    assert "service_areas" not in one["services"][0]
    one_full = _get(signed_in, "api_organization", brief["id"], full_service="true").json()
    assert list(hsds.errors(one_full, "organization_full")) == []
    assert "service_areas" in one_full["services"][0]


def test_taxonomy_and_term_by_id_and_term_filters(signed_in: Client, soup: str) -> None:
    """Issue 25: /taxonomies/{id}, /taxonomy_terms/{id}; top_only, parent_id and search on
    terms and search on taxonomies were missing or ignored."""
    taxonomy = Taxonomy.objects.get()
    one = _get(signed_in, "api_taxonomy", str(taxonomy.pk)).json()
    assert one["id"] == str(taxonomy.pk)
    assert list(hsds.errors(one, "taxonomy")) == []
    assert (
        _get(signed_in, "api_taxonomies", search=taxonomy.name.split()[0]).json()["total_items"]
        == 1
    )
    assert _get(signed_in, "api_taxonomies", search="nekas tāds").json()["total_items"] == 0
    need = Need.objects.get(code="legal-aid")
    term = _get(signed_in, "api_taxonomy_term", str(need.pk)).json()
    assert (term["id"], term["code"]) == (str(need.pk), "legal-aid")
    assert list(hsds.errors(term, "taxonomy_term")) == []
    top = _get(signed_in, "api_taxonomy_terms", top_only="true", per_page=100).json()
    assert top["total_items"] == len(needs.GROUPS)
    children = _get(signed_in, "api_taxonomy_terms", parent_id=str(need.parent_id), per_page=100)
    assert "legal-aid" in [t["code"] for t in children.json()["contents"]]
    found = _get(signed_in, "api_taxonomy_terms", search="legal-aid").json()
    assert [t["code"] for t in found["contents"]] == ["legal-aid"]


def test_services_at_locations(signed_in: Client, soup: str) -> None:
    """Issue 25: /service_at_locations[/{id}] were missing."""
    body = _get(signed_in, "api_service_at_locations").json()
    assert body["total_items"] == ServiceAtLocation.objects.count() > 0
    first = body["contents"][0]
    assert set(first) >= {"id", "service_id", "location_id"}
    full = _get(signed_in, "api_service_at_locations", full="true", search="zupas").json()
    assert list(hsds.errors(full, "service_at_location_full_page")) == []
    assert full["total_items"] == ServiceAtLocation.objects.filter(service_id=soup).count()
    one = _get(signed_in, "api_service_at_location", first["id"]).json()
    assert list(hsds.errors(one, "service_at_location_full")) == []


def test_api_service_list_query_count_is_flat(signed_in: Client, soup: str) -> None:
    directory_import(actor=None, data=[service_doc(f"z{i}", name=f"Zupa {i}") for i in range(4)])
    _get(signed_in, "api_services")  # the session's first request also checks the second factor
    with CaptureQueriesContext(connection) as few:
        _get(signed_in, "api_services", full="true", search="zupa", per_page=1)
    with CaptureQueriesContext(connection) as more:
        _get(signed_in, "api_services", full="true", search="zupa", per_page=5)
    assert len(few.captured_queries) == len(more.captured_queries)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("api_organizations", {"full": "true", "full_service": "true"}),
        ("api_service_at_locations", {"full": "true"}),
        ("api_taxonomy_terms", {}),
    ],
)
def test_other_api_list_query_counts_are_flat(
    signed_in: Client, soup: str, name: str, query: dict[str, str]
) -> None:
    """Issue 25: the new list paths read a page in a fixed number of queries."""
    directory_import(actor=None, data=[service_doc(f"z{i}", name=f"Zupa {i}") for i in range(4)])
    _get(signed_in, name)  # the session's first request also checks the second factor
    with CaptureQueriesContext(connection) as few:
        assert len(_get(signed_in, name, per_page=1, **query).json()["contents"]) == 1
    with CaptureQueriesContext(connection) as more:
        assert len(_get(signed_in, name, per_page=5, **query).json()["contents"]) == 5
    assert len(few.captured_queries) == len(more.captured_queries)
