"""Schemathesis against the HSDA 3.0 OpenAPI, in-process (WSGI), bounded
(issue 28, finding 15; issue 25).

Every operation of the official HSDA OpenAPI document (directory/hsds/schema/openapi.json, its
web references resolved offline by directory.hsds.openapi) gets generated requests, valid and
invalid, sent to the Django app as a signed-in staff member; every response must be no server
error, of a documented status and content type, and valid against the documented schema.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi import checks as openapi_checks

from conftest import OrganisationWithStaff
from directory.hsds import openapi
from directory.services import directory_import
from directory.tests.factories import service_doc

pytestmark = pytest.mark.django_db


def _document() -> dict[str, Any]:
    document = openapi.official()
    document["servers"] = [{"url": "/api/hsds"}]
    return document


schema = schemathesis.openapi.from_dict(_document())

CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.positive_data_acceptance,
]

APP = WSGIHandler()


@pytest.fixture
def session_cookie(org_a: OrganisationWithStaff, settings: Any) -> dict[str, str]:
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    directory_import(actor=None, data=service_doc("soup", areas=("Liepāja", "Saldus novads")))
    directory_import(actor=None, data=service_doc("legal", name="Juridiskā", need="legal-aid"))
    client = Client()
    client.force_login(org_a.social_worker)
    client.get("/api/hsds/services")  # the session's first request also checks the second factor
    name = django_settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value}


@schema.parametrize()
@hypothesis_settings(
    max_examples=10,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_hsda_operation_conforms(case: Any, session_cookie: dict[str, str]) -> None:
    """Issue 28, finding 15; issue 25: no 5xx, documented statuses and content types only,
    responses valid against the HSDA schema, schema-valid requests accepted."""
    case.call_and_validate(app=APP, cookies=session_cookie, checks=CHECKS)
