"""Issue 28, finding 5: two people editing the same record; the later, stale save is refused
with the other person's change shown and the user's input kept (optimistic concurrency)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import member
from cases import client_services, services
from cases.models import Case
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from core.concurrency import StaleEditError, version_of
from core.tests.html_forms import HtmlForm, form_posting_to
from people.models import Client as Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation, phone="20000000", address="Rīga")


@pytest.fixture
def colleague(org_a: OrganisationWithStaff, case: Case) -> User:
    colleague = member(org_a.organisation, Role.SOCIAL_WORKER)
    services.team_member_add(
        actor=org_a.social_worker, case=case, user=colleague, role="social_worker"
    )
    return colleague


def _open(client: Client, url: str) -> HtmlForm:
    page = client.get(url)
    assert page.status_code == 200
    return form_posting_to(page.content.decode(), "", page=url)


def test_a_stale_person_form_does_not_lose_the_other_persons_phone_number(
    org_a: OrganisationWithStaff, case: Case, colleague: User
) -> None:
    """Issue 28, finding 5 (the probe's repro): both open /cases/N/person/; one saves a new
    phone number, the other a stale form with a new address. The phone number stays, the stale
    save is refused with 409, the new phone is shown beside its field, the address typed is
    kept; saving the corrected form again stores both."""
    url = reverse("cases:person_edit", args=[case.pk])
    first, second = client_for(org_a.social_worker), client_for(colleague)
    form_1, form_2 = _open(first, url), _open(second, url)

    saved = first.post(url, form_1.post_data(phone="29999999"))
    assert saved.status_code == 302

    stale = second.post(url, form_2.post_data(address="Liepāja, Jūras iela 1"))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Kāds cits mainīja šo ierakstu pēc tam, kad jūs to atvērāt" in page  # the summary
    refused = form_posting_to(page, "", page=url)
    assert refused.value("address") == "Liepāja, Jūras iela 1"  # the user's input is kept
    # The other person's phone number is shown beside the phone field, and taken into the
    # form because this user left the phone as it was.
    assert 'id="id_phone-current"' in page
    assert "29999999" in page
    assert refused.value("phone") == "29999999"
    person = Person.objects.get(pk=case.client_id)
    assert (person.phone, person.address) == ("29999999", "Rīga")

    again = second.post(url, refused.post_data())
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.address) == ("29999999", "Liepāja, Jūras iela 1")


def test_both_changing_the_same_field_keeps_the_users_input_and_marks_the_field(
    org_a: OrganisationWithStaff, case: Case, colleague: User
) -> None:
    """Issue 28, finding 5: where both changed a field, the user's value stays in the form,
    marked with an error and the other person's value beside it; nothing is saved."""
    url = reverse("cases:person_edit", args=[case.pk])
    first, second = client_for(org_a.social_worker), client_for(colleague)
    form_1, form_2 = _open(first, url), _open(second, url)
    assert first.post(url, form_1.post_data(phone="21111111")).status_code == 302
    stale = second.post(url, form_2.post_data(phone="22222222"))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert form_posting_to(page, "", page=url).value("phone") == "22222222"
    assert "21111111" in page
    assert "Jūs un kāds cits abi mainījāt šo" in page
    assert Person.objects.get(pk=case.client_id).phone == "21111111"


def test_the_service_refuses_a_stale_version_and_accepts_the_current_one(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """Issue 28, finding 5: client_update compares the token in its own transaction."""
    person = Person.objects.get(pk=case.client_id)
    token = version_of(client_services.person_values(person))
    details = services.ClientDetails(
        first_name="Jānis", last_name="Bērziņš", municipality_id=person.municipality_id,
        living_situation=person.living_situation, phone="23333333", address="Rīga",
    )  # fmt: skip
    client_services.client_update(
        actor=org_a.social_worker, case=case, details=details, expected_version=token
    )
    with pytest.raises(StaleEditError) as refused:
        client_services.client_update(
            actor=org_a.social_worker, case=case, details=details, expected_version=token
        )
    assert refused.value.changed == ["phone"]


@pytest.mark.parametrize(
    ("url_name", "change"),
    [
        ("cases:documents_edit", {"passport_or_id": "held"}),
        ("cases:health_edit", {"general_health": "Labi"}),
        ("cases:lead_change", None),
    ],
)
def test_other_client_forms_refuse_a_stale_save(
    org_a: OrganisationWithStaff,
    case: Case,
    colleague: User,
    url_name: str,
    change: dict[str, str] | None,
) -> None:
    """Issue 28, finding 5: documents, health and the lead worker are versioned alike."""
    url = reverse(url_name, args=[case.pk])
    user = org_a.supervisor if url_name == "cases:lead_change" else org_a.social_worker
    first, second = client_for(user), client_for(user)
    form_1, form_2 = _open(first, url), _open(second, url)
    if change is None:  # the lead worker: hand over to the colleague, then back, stale
        other = member(org_a.organisation, Role.SOCIAL_WORKER)
        change = {"lead_worker": str(other.pk)}
        stale_change = {"lead_worker": str(org_a.social_worker.pk)}
    else:
        stale_change = {key: ("lost" if key != "passport_or_id" else "applied") for key in change}
    assert first.post(url, form_1.post_data(**change)).status_code == 302
    assert second.post(url, form_2.post_data(**stale_change)).status_code == 409


def test_a_stale_note_correction_is_refused(
    org_a: OrganisationWithStaff, case: Case, colleague: User
) -> None:
    """Issue 28, finding 5: two corrections of the same note; the second, stale, is refused."""
    note = services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text="Pirmā versija.", methods=[],
    )  # fmt: skip
    url = reverse("cases:note_edit", args=[note.pk])
    first, second = client_for(org_a.social_worker), client_for(org_a.social_worker)
    form_1, form_2 = _open(first, url), _open(second, url)
    assert first.post(url, form_1.post_data(text="Otrā versija.")).status_code == 302
    refused = second.post(url, form_2.post_data(text="Trešā versija."))
    assert refused.status_code == 409
    assert "Otrā versija." in refused.content.decode()
    note.refresh_from_db()
    assert note.text == "Otrā versija."


def test_a_meeting_outcome_recorded_twice_from_stale_pages_keeps_the_first(
    org_a: OrganisationWithStaff, case: Case, colleague: User
) -> None:
    """Issue 28, finding 5: the case page's outcome form carries the meeting's version."""
    appointment = services.appointment_plan(
        actor=org_a.social_worker, case=case,
        starts_at=timezone.now() + timedelta(days=1), place="Birojs",
    )  # fmt: skip
    page_url = reverse("cases:detail", args=[case.pk])
    action = reverse("cases:appointment_record", args=[appointment.pk])
    first, second = client_for(org_a.social_worker), client_for(colleague)
    form_1 = form_posting_to(first.get(page_url).content.decode(), action)
    form_2 = form_posting_to(second.get(page_url).content.decode(), action)
    first.post(action, form_1.post_data(status="cancelled", outcome="Slims."))
    second.post(action, form_2.post_data(status="cancelled", outcome="Cits iemesls."))
    appointment.refresh_from_db()
    assert appointment.outcome == "Slims."
