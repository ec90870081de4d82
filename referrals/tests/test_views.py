"""The help-in-kind page of a case (D1): list with totals, a form that keeps typed input on
refusal (400), 404 outside the user's view, 403 without the case plan, reads logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from cases import services as case_services
from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from directory.models import Service
from referrals.models import HelpInKind, HelpKind
from referrals.services import help_in_kind_record
from referrals.tests.factories import soup_kitchen

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation, first_name="Andris")


@pytest.fixture
def soup(db: None) -> Service:
    return soup_kitchen()


def test_the_page_records_help_and_shows_totals(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """D1: choose the soup kitchen from the directory, then see '4 meals' this year."""
    client = client_for(org_a.social_worker, "en")
    url = reverse("referrals:help_in_kind", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Zupas virtuve — Biedrība „Siltā virtuve”" in page.content.decode()
    posted = client.post(
        url,
        {"kind": "warm_meal", "given_on": timezone.localdate().isoformat(), "quantity": "4",
         "provider": str(soup.pk), "provider_name": "", "note": "Pusdienas"},
    )  # fmt: skip
    assert posted.status_code == 302
    item = HelpInKind.objects.get()
    assert (item.service, item.quantity, item.recorded_by) == (soup, 4, org_a.social_worker)
    shown = client.get(url).content.decode()
    assert "4 meals" in shown
    assert AccessLog.objects.filter(
        user=org_a.social_worker, case_id=case.pk, object_type="help_in_kind", object_id=item.pk
    ).exists()
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "warm meal: 4 meals this year" in detail
    assert "Help in kind recorded: warm meal · 4 meals" in detail  # the timeline entry
    assert url in detail


def test_refused_input_is_kept_with_the_error_at_the_field(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    client = client_for(org_a.social_worker, "en")
    url = reverse("referrals:help_in_kind", args=[case.pk])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = client.post(
        url,
        {"kind": "shelter_night", "given_on": tomorrow, "quantity": "3", "provider": "",
         "provider_name": "Patversme „Cerība”", "note": "Trīs naktis"},
    )  # fmt: skip
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "govuk-error-summary" in page
    assert "The date cannot be in the future." in page
    assert 'value="Patversme „Cerība”"' in page
    assert "Trīs naktis" in page
    assert f'value="{tomorrow}"' in page
    assert not HelpInKind.objects.exists()
    no_provider = client.post(
        url,
        {"kind": "laundry", "given_on": timezone.localdate().isoformat(), "quantity": "x"},
    )
    assert no_provider.status_code == 400
    assert "Enter a whole number" in no_provider.content.decode()


def test_cancelling_needs_a_reason_and_keeps_what_was_typed(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    worker = org_a.social_worker
    item = help_in_kind_record(
        actor=worker, case=case, kind=HelpKind.HYGIENE_KIT, given_on=timezone.localdate(),
        quantity=1, provider_name="Sarkanais Krusts",
    )  # fmt: skip
    client = client_for(worker, "en")
    url = reverse("referrals:help_in_kind_cancel", args=[case.pk, item.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Say why the entry is cancelled." in refused.content.decode()
    assert client.post(url, {"reason": "Ierakstīts kļūdas pēc"}).status_code == 302
    item.refresh_from_db()
    assert item.cancel_reason == "Ierakstīts kļūdas pēc"
    again = client.post(url, {"reason": "Vēlreiz"})
    assert again.status_code == 400


def test_other_organisations_get_404_and_those_without_the_plan_403(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case
) -> None:
    item = help_in_kind_record(
        actor=org_a.social_worker, case=case, kind=HelpKind.CLOTHING,
        given_on=timezone.localdate(), quantity=2, provider_name="Labdarības veikals",
    )  # fmt: skip
    page = reverse("referrals:help_in_kind", args=[case.pk])
    cancel = reverse("referrals:help_in_kind_cancel", args=[case.pk, item.pk])
    outsider = client_for(org_b.social_worker, "en")
    assert outsider.get(page).status_code == 404
    assert outsider.post(cancel, {"reason": "x"}).status_code == 404
    case_services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker, role="social_worker"
    )
    consent_for(case, org_b.organisation, "identity")
    assert outsider.get(page).status_code == 403
    assert outsider.post(page, {"kind": "laundry"}).status_code == 403
    assert outsider.post(cancel, {"reason": "x"}).status_code == 403
    item.refresh_from_db()
    assert item.cancelled_at is None
    missing = reverse("referrals:help_in_kind_cancel", args=[case.pk, item.pk + 99])
    assert client_for(org_a.social_worker).post(missing, {"reason": "x"}).status_code == 404
