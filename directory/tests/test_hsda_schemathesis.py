"""Schemathesis against the HSDA 3.0 OpenAPI, in-process (WSGI), bounded
(issue 28, finding 15; issue 25).

Every operation of the HSDA OpenAPI document Tilts serves at /api/hsds/openapi.json gets
generated requests sent to the Django app as a signed-in staff member; every response must be
no server error, of a documented status and content type, valid against the documented schema,
and a schema-valid request must be accepted. The served document is the official one
(directory/hsds/schema/openapi.json, its web references resolved offline by
directory.hsds.openapi) with its paths and success schemas unchanged, which the tests below
check: what Tilts adds is its error responses, stricter parameter ranges and the two
parameters it refuses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi import checks as openapi_checks

from conftest import OrganisationWithStaff
from directory import hsds, needs
from directory.hsds import openapi
from directory.models import Service, ServiceAtLocation
from directory.services import directory_import
from directory.tests.factories import service_doc, uid

pytestmark = pytest.mark.django_db


schema = schemathesis.openapi.from_dict(openapi.tilts_document())

CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.positive_data_acceptance,
]

APP = WSGIHandler()


@pytest.fixture
def session_cookie(org_a: OrganisationWithStaff, settings: Any) -> Iterator[dict[str, str]]:
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    directory_import(actor=None, data=service_doc("soup", areas=("Liepāja", "Saldus novads")))
    directory_import(actor=None, data=service_doc("legal", name="Juridiskā", need="legal-aid"))
    client = Client()
    client.force_login(org_a.social_worker)
    client.get("/api/hsds/services")  # the session's first request also checks the second factor
    name = django_settings.SESSION_COOKIE_NAME
    # As Django's test client does around each request (and undoes after it, hence here): a
    # request must not close the test's database connection (on PostgreSQL that ends the
    # test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {name: client.cookies[name].value}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def known_ids(session_cookie: dict[str, str]) -> dict[str, str]:
    service = Service.objects.get(pk=uid("soup", "service"))
    at_location = ServiceAtLocation.objects.filter(service=service).first()
    assert at_location is not None
    return {
        "/services/{id}": str(service.pk),
        "/organizations/{id}": str(service.organisation_id),
        "/service_at_locations/{id}": str(at_location.pk),
        "/taxonomies/{id}": str(needs.TAXONOMY_ID),
        "/taxonomy_terms/{id}": str(needs.need_id("legal-aid")),
    }


@schema.parametrize()
@hypothesis_settings(
    max_examples=10,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_hsda_operation_conforms(
    case: Any, session_cookie: dict[str, str], known_ids: dict[str, str]
) -> None:
    """Issue 28, finding 15; issue 25: no 5xx, documented statuses and content types only,
    responses valid against the HSDA schema, schema-valid requests accepted. A generated id
    names no record, so each {id} operation is also asked for a record that exists."""
    case.call_and_validate(app=APP, cookies=session_cookie, checks=CHECKS)
    if case.operation.path in known_ids and case.meta.generation.mode.is_positive:
        case.path_parameters = {"id": known_ids[case.operation.path]}
        response = case.call_and_validate(app=APP, cookies=session_cookie, checks=CHECKS)
        assert response.status_code == 200


def test_the_served_document_is_the_official_one_with_errors_added() -> None:
    """Issue 25: validating against the served document is validating against the official
    HSDA schema: the same paths, the same success responses, the same parameters but the two
    refused ones, and the same component schemas."""
    official, served = openapi.official(), openapi.tilts_document()
    assert served["paths"].keys() == official["paths"].keys()
    for path, item in official["paths"].items():
        ours = served["paths"][path]["get"]
        assert ours["responses"]["200"] == item["get"]["responses"]["200"]
        assert set(ours["responses"]) - {"200"} <= {"400", "401", "404"}
        theirs = item["get"].get("parameters", [])
        kept = [
            p
            for p in theirs
            if (path, p.get("name", p.get("$ref", "").rsplit("/")[-1])) not in openapi.REFUSED
        ]
        assert ours["parameters"] == kept
    assert {k: v for k, v in served["components"]["schemas"].items() if k != "Problem"} == (
        official["components"]["schemas"]
    )
    assert set(served["components"]["parameters"]) == set(official["components"]["parameters"])


def test_the_api_serves_its_openapi_document_and_details(db: None) -> None:
    """Issue 25: GET /api/hsds/openapi.json and GET /api/hsds/ (API details), no sign-in."""
    client = Client()
    document = client.get("/api/hsds/openapi.json")
    assert document.status_code == 200
    assert document.json() == openapi.tilts_document()
    details = client.get("/api/hsds/").json()
    assert details == {"version": "3.0", "openapi_url": "http://testserver/api/hsds/openapi.json"}


def test_the_one_erratum_applied_to_the_official_document() -> None:
    """The vendored 3.0 openapi.json says GET /service_at_locations/{id} returns a service; the
    specification's later PATCH release corrected that to a service_at_location, which Tilts
    returns (the run above asks for an existing one and validates it)."""
    vendored = hsds.load("openapi")["paths"]["/service_at_locations/{id}"]["get"]["responses"]
    assert vendored["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/compiled/service.json"
    )
    resolved = openapi.official()["paths"]["/service_at_locations/{id}"]["get"]["responses"]
    assert resolved["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/service_at_location_full"
    }
