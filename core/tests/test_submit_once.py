"""Issue 28, finding 8: a double submit creates one object, not two (one-time submit tokens)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseNote
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from core import submit_once
from core.models import SubmittedForm
from core.submit_once import SUBMIT_FIELD
from core.tests.html_forms import form_posting_to
from tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation)


def _note_form(client: object, case: Case) -> tuple[str, dict[str, str | list[str]]]:
    url = reverse("cases:note_add", args=[case.pk])
    page = client.get(url).content.decode()  # type: ignore[attr-defined]
    data = form_posting_to(page, "", page=url).post_data(
        contact_type="office", text="Runājām par dzīvesvietu."
    )
    return url, data


def test_the_same_note_form_posted_twice_creates_one_note(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """Issue 28, finding 8 (the probe's repro): the same note form posted twice — a double
    click — saves one note; the second POST is sent where the first went."""
    client = client_for(org_a.social_worker)
    url, data = _note_form(client, case)
    assert data[SUBMIT_FIELD]
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert CaseNote.objects.filter(case=case).count() == 1
    # A new rendering of the form has a new token: the next note is saved.
    url, data = _note_form(client, case)
    assert client.post(url, data).status_code == 302
    assert CaseNote.objects.filter(case=case).count() == 2


def test_two_task_forms_posted_with_the_same_token_create_one_task(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """Issue 28, finding 8: two tasks posted at once from the same form (its token) are one."""
    client = client_for(org_a.social_worker)
    url = reverse("tasks:case_tasks", args=[case.pk])
    page = client.get(url).content.decode()
    form = form_posting_to(page, "", page=url)
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = form.post_data(title="Pieteikties NVA", owner=str(org_a.social_worker.pk), due_on=due)
    responses = [client.post(url, data), client.post(url, {**data, "title": "Cits"})]
    assert [r.status_code for r in responses] == [302, 302]
    assert Task.objects.filter(case=case).count() == 1


def test_a_form_refused_for_errors_can_be_corrected_and_sent_with_its_token(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """Issue 28, finding 8: the token is given back when the form had errors, so the corrected
    form (which keeps it) is saved."""
    client = client_for(org_a.social_worker)
    url, data = _note_form(client, case)
    assert client.post(url, {**data, "text": ""}).status_code == 400
    assert client.post(url, data).status_code == 302
    assert CaseNote.objects.filter(case=case).count() == 1


def test_a_second_post_while_the_first_is_being_saved_waits_and_creates_nothing(
    org_a: OrganisationWithStaff, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 28, finding 8: a token claimed by a POST still being saved (no result yet): the
    repeat waits, then answers 409 without reaching the view."""
    monkeypatch.setattr(submit_once, "WAIT_SECONDS", 0.3)
    client = client_for(org_a.social_worker)
    url, data = _note_form(client, case)
    SubmittedForm.objects.create(token=str(data[SUBMIT_FIELD]), user=org_a.social_worker, path=url)
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Šī veidlapa jau ir nosūtīta" in response.content.decode()
    assert not CaseNote.objects.filter(case=case).exists()


def test_another_users_token_is_not_theirs_to_replay(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """A token claimed by someone else never sends this user to that result."""
    client = client_for(org_a.social_worker)
    url, data = _note_form(client, case)
    SubmittedForm.objects.create(
        token=str(data[SUBMIT_FIELD]), user=org_a.supervisor, path=url, result_url="/elsewhere/"
    )
    response = client.post(url, data)
    assert response.status_code == 409
    assert not CaseNote.objects.filter(case=case).exists()


def test_the_case_pages_cached_forms_get_a_new_token_on_every_reading(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """The case page is served from the cache (issue 10): its forms' tokens are put in when
    it is served, so two readings never share one (and a statement is saved each time)."""
    client = client_for(org_a.social_worker)
    page_url = reverse("cases:detail", args=[case.pk])
    action = reverse("cases:statement_add", args=[case.pk])
    tokens = set()
    for text in ("Gribu strādāt.", "Gribu dzīvot pie māsas."):
        form = form_posting_to(client.get(page_url).content.decode(), action)
        tokens.add(form.value(SUBMIT_FIELD))
        assert client.post(action, form.post_data(kind="wish", text=text)).status_code == 302
    assert len(tokens) == 2
    assert case.client.statements.count() == 2


def test_a_token_posted_to_an_address_longer_than_the_column_is_harmless(
    org_a: OrganisationWithStaff,
) -> None:
    """The claim stores the address cut to its column (PostgreSQL would refuse a longer one)."""
    response = client_for(org_a.social_worker).post("/x" * 400 + "/", {SUBMIT_FIELD: "a" * 32})
    assert response.status_code == 404
    assert not SubmittedForm.objects.exists()
