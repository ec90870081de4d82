"""Issue 28: names at their longest (found by the stored-data property test on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case
from conftest import OrganisationWithStaff, client_for
from people.models import Client

pytestmark = pytest.mark.django_db


def test_names_at_their_longest_are_accepted_and_found(org_a: OrganisationWithStaff) -> None:
    """Two 100-character names (ﬃ folds to three letters) once made a search key longer than
    its 220-character column: the intake answered 500 on PostgreSQL."""
    first, last = "ﬃ" * 100, "Bērziņš" + "a" * 93
    data = {
        "first_name": first, "last_name": last, "gender": "male", "preferred_language": "lv",
        "municipality": org_a.organisation.municipality_id, "living_situation": "with_relatives",
        "education_level": "basic", "supervision_status": "none", "status": "active",
    }  # fmt: skip
    web = client_for(org_a.social_worker)
    response = web.post(reverse("cases:open"), data)
    assert response.status_code == 302
    person = Client.objects.get()
    assert person.last_name == last
    assert len(person.search_name) <= 220  # the column (people.models.Client.search_name)
    assert person.search_name.startswith("ffi")
    found = web.post(reverse("cases:search"), {"q": "ffiffi"})
    assert Case.objects.get().number in found.content.decode()
