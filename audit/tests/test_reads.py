"""The declared reads of case data, written once a page is shown (issue 28, finding 4)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from audit.reads import shows_case
from cases import services
from cases.models import Case, CaseNote
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for

pytestmark = pytest.mark.django_db


def _note(case: Case) -> CaseNote:
    return services.note_add(
        actor=case.lead_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text="Runājām par darbu.", methods=[],
    )  # fmt: skip


def _rows(case: Case) -> list[tuple[str, int, str]]:
    return list(
        AccessLog.objects.filter(case_id=case.pk)
        .order_by("pk")
        .values_list("object_type", "object_id", "action")
    )


def _inserts(queries: CaptureQueriesContext) -> int:
    table = AccessLog._meta.db_table
    return sum(1 for q in queries.captured_queries if q["sql"].startswith(f'INSERT INTO "{table}"'))


def test_a_note_s_edit_form_logs_the_note_of_its_case(org_a: OrganisationWithStaff) -> None:
    """(issue 28, finding 4) /notes/N/edit/ shows the note's full text: the declaration names the
    note by its id and the case is found from the note's row."""
    case = open_case(org_a.social_worker, org_a.organisation)
    note = _note(case)
    with CaptureQueriesContext(connection) as queries:
        response = client_for(org_a.social_worker).get(reverse("cases:note_edit", args=[note.pk]))
    assert response.status_code == 200
    assert _rows(case) == [("note", note.pk, "view")]
    assert _inserts(queries) == 1


def test_nothing_is_logged_for_a_page_refused_or_left(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    """(issue 28, finding 4) A refusal (404) shows nothing and a saved form that redirects shows
    nothing; the form shown, and shown again with its errors, is a read of the case."""
    case = open_case(org_a.social_worker, org_a.organisation)
    url = reverse("cases:note_add", args=[case.pk])
    assert client_for(org_b.social_worker).get(url).status_code == 404
    assert _rows(case) == []
    worker = client_for(org_a.social_worker)
    assert worker.get(url).status_code == 200
    assert _rows(case) == [("case", case.pk, "view")]
    assert worker.post(url, {"text": ""}).status_code == 400
    assert len(_rows(case)) == 2
    saved = worker.post(
        url,
        {"occurred_on": timezone.localdate().isoformat(), "contact_type": "office", "text": "Ok"}
        | {"confidentiality": "normal"},
    )
    assert saved.status_code == 302
    assert len(_rows(case)) == 2


def test_the_case_page_writes_all_its_reads_in_one_insert(org_a: OrganisationWithStaff) -> None:
    """(issue 28, finding 4; issue 10) The case page says what it showed (the case, its notes):
    one INSERT for them all, the first time and from the cache."""
    case = open_case(org_a.social_worker, org_a.organisation)
    note = _note(case)
    client = client_for(org_a.social_worker)
    for _reading in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
        assert _inserts(queries) == 1
    assert _rows(case).count(("case", case.pk, "view")) == 2
    assert _rows(case).count(("note", note.pk, "view")) == 2


def test_the_calendar_feed_logs_each_case_it_shows(org_a: OrganisationWithStaff) -> None:
    """(issue 28, finding 4) /cases/calendar.ics names the cases of the worker's meetings."""
    cases = [open_case(org_a.social_worker, org_a.organisation) for _ in range(2)]
    for case in cases:
        services.appointment_plan(
            actor=org_a.social_worker, case=case,
            starts_at=timezone.now() + timedelta(days=1), place="Birojs",
        )  # fmt: skip
    response = client_for(org_a.social_worker).get(reverse("cases:calendar"))
    assert response.status_code == 200
    for case in cases:
        assert case.number in response.content.decode()
        assert _rows(case) == [("case", case.pk, "calendar")]


def test_a_view_naming_an_object_must_say_whose_case_it_is() -> None:
    with pytest.raises(ValueError, match="model"):
        shows_case("note", by="note_id")
