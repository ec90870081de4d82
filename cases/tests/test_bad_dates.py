"""Issue 28, finding 1: dates outside a sensible range are refused, and dates already stored
at the calendar's ends never break a page."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.tests.factories import OrganisationFactory
from cases.cadence import proposed_dates
from cases.models import Appointment
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for

pytestmark = pytest.mark.django_db

RIGA = ZoneInfo("Europe/Riga")


def test_a_meeting_in_the_year_9999_is_refused_and_the_case_page_still_answers(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 28, finding 1: POST starts_at=9999-12-31T10:00 once made every case page 500."""
    case = open_case(org_a.social_worker, org_a.organisation)
    client = client_for(org_a.social_worker, "en")
    response = client.post(
        reverse("cases:appointment_plan", args=[case.pk]),
        {"starts_at": "9999-12-31T10:00", "duration_minutes": 60, "place": "Saldus, 12. kab."},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a date between" in page
    assert 'value="Saldus, 12. kab."' in page
    assert not Appointment.objects.exists()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_year_one_dates_are_refused_for_notes_consents_and_reviews(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 28, finding 1: year-1 dates were accepted for notes, consents and reviews."""
    from plans.tests.factories import agreement_for

    case = open_case(org_a.social_worker, org_a.organisation)
    plan = agreement_for(case, org_a.social_worker).plan
    client = client_for(org_a.social_worker, "lv")
    posts = {
        reverse("cases:note_add", args=[case.pk]): {
            "occurred_on": "0001-01-01", "contact_type": "office", "text": "Tikāmies birojā.",
        },
        reverse("consent:consents", args=[case.pk]): {
            "organisation": OrganisationFactory.create().pk, "purpose": "Sadarbība",
            "categories": ["identity"], "given_on": "0001-01-01", "form": "signed_paper",
        },
        reverse("plans:review_new", args=[case.pk, plan.pk]): {
            "reviewed_on": "0001-01-01", "next_assessment_on": "0001-02-01", "summary": "Labi.",
        },
    }  # fmt: skip
    for url, data in posts.items():
        response = client.post(url, data)
        page = response.content.decode()
        assert response.status_code == 400, url
        assert "Ievadiet datumu no" in page, url  # Latvian: "Enter a date between"
    assert not case.notes.exists()
    assert not case.client.consents.exists()
    assert not plan.reviews.exists()


def test_a_meeting_stored_on_the_last_day_of_the_calendar_does_not_break_the_pages(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 28, finding 1: data stored before the bound (the probe's 9999-12-31T10:00)."""
    case = open_case(org_a.social_worker, org_a.organisation)
    Appointment.objects.create(
        case=case, worker=org_a.social_worker, place="Birojs", duration_minutes=480,
        starts_at=datetime(9999, 12, 31, 10, 0, tzinfo=RIGA),
    )  # fmt: skip
    client = client_for(org_a.social_worker)
    for url in (
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:appointment_plan", args=[case.pk]),
        reverse("cases:calendar"),
    ):
        assert client.get(url).status_code == 200, url


def test_proposed_dates_stop_at_the_end_of_the_calendar(org_a: OrganisationWithStaff) -> None:
    """Issue 28, finding 1: the cadence proposes no date past 9999-12-31 instead of failing."""
    case = open_case(org_a.social_worker, org_a.organisation)
    assert proposed_dates(case, after=date.max) == []
    near_end = proposed_dates(case, after=date.max - timedelta(days=100))
    assert near_end
    assert all(day <= date.max for day in near_end)
