"""Issue 28, finding 14: a request Django cannot read gets a translated page, not a bare one."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from conftest import OrganisationWithStaff, client_for

pytestmark = pytest.mark.django_db


def test_too_many_fields_answer_the_translated_413_page(org_a: OrganisationWithStaff) -> None:
    fields = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client_for(org_a.social_worker, "ru").get(f"/cases/?{fields}")
    assert response.status_code == 413
    assert "Отправленная форма слишком велика" in response.content.decode()


def test_a_request_for_another_host_gets_the_400_page() -> None:
    response = Client().get("/", HTTP_HOST="tilts.evil.example")
    assert response.status_code == 400
    assert "Pieprasījumu nevarēja nolasīt" in response.content.decode()
