"""Issue 6: markup typed into any text field is shown as text on every page, never run."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases import client_services, services
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from people.models import Client as Person

pytestmark = pytest.mark.django_db

PAYLOAD = '<img src=x onerror="alert(1)">'
ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"


def test_payloads_in_every_text_field_are_escaped_on_every_page(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation, first_name="Marta")
    text_fields = [
        f.name
        for f in Person._meta.get_fields()
        if getattr(f, "get_internal_type", lambda: "")() in ("CharField", "TextField")
        and f.name not in ("personal_code", "search_name", "preferred_language", "gender",
                           "living_situation", "education_level", "supervision_status", "email")
    ]  # fmt: skip
    Person.objects.filter(pk=case.client_id).update(**dict.fromkeys(text_fields, PAYLOAD))
    services.statement_record(
        actor=org_a.social_worker, case=case, kind="wish", text=f"Vēlos {PAYLOAD}"
    )
    services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text=f"Teksts {PAYLOAD}", participants=PAYLOAD, methods=[],
    )  # fmt: skip
    client_services.health_update(
        actor=org_a.social_worker, case=case, other_chronic_illness=PAYLOAD
    )
    client = Client()
    client.force_login(org_a.supervisor)
    pages = [
        client.get(reverse("cases:caseload"), {"scope": "organisation"}),
        client.get(reverse("cases:detail", args=[case.pk])),
        client.get(reverse("cases:person_edit", args=[case.pk])),
        client.get(reverse("cases:team", args=[case.pk])),
        client.get(reverse("consent:consents", args=[case.pk])),
        client.get(reverse("privacy:data_request", args=[case.pk])),
        client.post(reverse("cases:search"), {"q": "marta"}),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert PAYLOAD not in html, response.request["PATH_INFO"]
    assert ESCAPED in pages[1].content.decode()  # the case page shows the names as text
