"""Case pages: IDOR, access log, bad input kept, iCal, constant query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AccessLog
from cases import services
from cases.models import Appointment, Case
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for

pytestmark = pytest.mark.django_db


def test_case_page_of_another_organisation_is_not_found(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    theirs = open_case(org_b.social_worker, org_b.organisation, first_name="Olegs")
    client = client_for(org_a.social_worker)
    for url in [
        reverse("cases:detail", args=[theirs.pk]),
        reverse("cases:note_add", args=[theirs.pk]),
        reverse("cases:appointment_plan", args=[theirs.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Olegs" not in response.content.decode()
    posted = client.post(
        reverse("cases:statement_add", args=[theirs.pk]), {"kind": "wish", "text": "x"}
    )
    assert posted.status_code == 404
    assert not theirs.client.statements.exists()


def test_reading_a_case_is_logged(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text="x", methods=[],
    )  # fmt: skip
    response = client_for(org_a.supervisor).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    logged = set(
        AccessLog.objects.filter(user=org_a.supervisor).values_list("object_type", "case_id")
    )
    assert ("case", case.pk) in logged
    assert ("note", case.pk) in logged


def test_intake_with_bad_input_keeps_everything_typed(org_a: OrganisationWithStaff) -> None:
    data = {
        "first_name": "Jānis", "last_name": "Bērziņš", "personal_code": "12345",
        "gender": "male", "preferred_language": "lv",
        "municipality": org_a.organisation.municipality_id,
        "living_situation": "with_relatives", "education_level": "basic",
        "professions": "mūrnieks", "supervision_status": "probation", "status": "active",
        "release_date": (timezone.localdate() + timedelta(days=40)).isoformat(),
    }  # fmt: skip
    response = client_for(org_a.social_worker).post(reverse("cases:open"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert 'value="Bērziņš"' in page
    assert 'value="mūrnieks"' in page
    assert 'value="12345"' in page
    assert not Case.objects.exists()


def test_intake_opens_the_case_page(org_a: OrganisationWithStaff) -> None:
    data = {
        "first_name": "Jānis", "last_name": "Bērziņš", "gender": "male", "preferred_language": "lv",
        "municipality": org_a.organisation.municipality_id, "living_situation": "with_relatives",
        "education_level": "basic", "supervision_status": "none", "status": "active",
        "languages": ["lv", "ru"],
    }  # fmt: skip
    client = client_for(org_a.social_worker)
    response = client.post(reverse("cases:open"), data, follow=True)
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.client.languages == ["lv", "ru"]
    assert "Jānis Bērziņš" in response.content.decode()


def test_planning_a_past_meeting_shows_the_error_and_keeps_the_place(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(org_a.social_worker).post(
        reverse("cases:appointment_plan", args=[case.pk]),
        {"starts_at": past, "duration_minutes": 60, "place": "Saldus, 12. kabinets"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Saldus, 12. kabinets"' in page
    assert f'value="{past}"' in page


def test_ical_export_has_the_workers_meetings_without_names(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    services.appointment_plan(
        actor=org_a.social_worker, case=case,
        starts_at=timezone.now() + timedelta(days=2), place="Birojs, Saldus",
    )  # fmt: skip
    response = client_for(org_a.social_worker).get(reverse("cases:calendar"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1
    assert case.number in body
    assert "Birojs\\, Saldus" in body
    assert "Bērziņš" not in body
    assert (
        "Bērziņš"
        not in client_for(org_a.supervisor).get(reverse("cases:calendar")).content.decode()
    )


def _queries_for(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_caseload_page_query_count_is_independent_of_rows(org_a: OrganisationWithStaff) -> None:
    """Issue 3: the caseload's query count does not grow with the number of rows shown."""
    client = client_for(org_a.social_worker)
    url = reverse("cases:caseload")
    counts = []
    for rows in (2, 20):
        while Case.objects.filter(lead_worker=org_a.social_worker).count() < rows:
            case = open_case(org_a.social_worker, org_a.organisation, first_name="Rindaklients")
            services.appointment_plan(
                actor=org_a.social_worker, case=case,
                starts_at=timezone.now() + timedelta(days=3), place="Birojs",
            )  # fmt: skip
        client.get(url)  # warm the session
        count, page = _queries_for(client, url)
        assert page.count("Rindaklients") == rows
        counts.append(count)
    assert counts[0] == counts[1]


def test_caseload_pages_count_my_cases_without_a_count_query(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 10: over my cases the pages are counted from the cases the page read (no COUNT
    query); filtered by municipality, by the database. Either way 27 open cases and a closed
    one make two pages of 25 and 2."""
    for n in range(28):
        open_case(org_a.social_worker, org_a.organisation, first_name=f"Kvotnieks{n:02d}")
    closed = Case.objects.order_by("pk").last()
    assert closed is not None
    closed.status = "closed"
    closed.save()
    client = client_for(org_a.social_worker)
    municipality = closed.client.municipality_id
    for query in ("", f"municipality={municipality}&"):
        first = client.get(f"{reverse('cases:caseload')}?{query}sort=name")
        second = client.get(f"{reverse('cases:caseload')}?{query}sort=name&page=2")
        assert first.content.decode().count("Kvotnieks") == 25
        assert second.content.decode().count("Kvotnieks") == 2
        assert 'aria-label="2. lapa"' in first.content.decode()
        assert "Kvotnieks27" not in second.content.decode()  # the closed one
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("cases:caseload"))
    assert not [
        q for q in queries.captured_queries if 'COUNT(*) AS "__count" FROM "cases_case"' in q["sql"]
    ]


def test_caseload_and_search_rows_show_each_cases_columns(org_a: OrganisationWithStaff) -> None:
    """Issue 10: the rows are worked out once (selectors.case_rows) and show what they
    showed: name, number, status and municipality in the interface language, the next
    meeting, the last contact (— without one) and the meetings without an outcome."""
    from django.utils.formats import date_format

    met = open_case(org_a.social_worker, org_a.organisation, first_name="Anna")
    services.note_add(
        actor=org_a.social_worker, case=met, occurred_on=timezone.localdate(),
        contact_type="office", text="x", methods=[],
    )  # fmt: skip
    Appointment.objects.create(
        case=met, worker=org_a.social_worker, place="Birojs",
        starts_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    soon = services.appointment_plan(
        actor=org_a.social_worker, case=met,
        starts_at=timezone.now() + timedelta(days=2), place="Birojs",
    )  # fmt: skip
    new = open_case(org_a.social_worker, org_a.organisation, first_name="Zane")
    client = client_for(org_a.social_worker, language="ru")
    page = client.get(reverse("cases:caseload") + "?sort=name").content.decode()
    rows = page[page.index("govuk-table__body") :].split('<tr class="govuk-table__row">')[1:]
    assert [("Anna" in row, "Zane" in row) for row in rows] == [(True, False), (False, True)]
    with translation.override("ru"):
        when = date_format(timezone.localtime(soon.starts_at), "SHORT_DATETIME_FORMAT")
        today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
        status, place = met.get_status_display(), str(met.client.municipality)
    assert place != met.client.municipality.name  # the Russian spelling
    for text in (met.number, status, place, when, today, 'govuk-tag--red">1<'):
        assert text in rows[0], text
    assert "—" in rows[1]
    assert new.number in rows[1]
    searched = client.post(reverse("cases:search"), {"q": "berzins"}).content.decode()
    for case in (met, new):
        assert f"{case.number}, {place}, {status}" in searched


def test_case_page_query_count_is_independent_of_notes(org_a: OrganisationWithStaff) -> None:
    """Issue 3: the case page's query count does not grow with notes and meetings."""
    case = open_case(org_a.social_worker, org_a.organisation)
    client = client_for(org_a.social_worker)
    url = reverse("cases:detail", args=[case.pk])
    counts = []
    for rows in (1, 15):
        while case.notes.count() < rows:
            services.note_add(
                actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
                contact_type="office", text="Rindas piezīme", methods=["interview"],
            )  # fmt: skip
            services.appointment_plan(
                actor=org_a.social_worker, case=case,
                starts_at=timezone.now() + timedelta(days=case.notes.count()), place="Birojs",
            )  # fmt: skip
        client.get(url)
        count, page = _queries_for(client, url)
        assert page.count("Rindas piezīme") == rows
        counts.append(count)
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "query", ["' OR 1=1 --", "%'; DROP TABLE cases_case; --", "\\", "%_%", "Bērz'iņš\"", "\x00"]
)
def test_sql_injection_shaped_searches_return_normally(
    org_a: OrganisationWithStaff, query: str
) -> None:
    """Issue 6: search strings shaped like SQL injection are just text."""
    open_case(org_a.social_worker, org_a.organisation, first_name="Ilmārs", last_name="Kalniņš")
    response = client_for(org_a.social_worker).post(reverse("cases:search"), {"q": query})
    assert response.status_code == 200
    assert "Kalniņš" not in response.content.decode()
    assert Case.objects.count() == 1


def test_search_by_name_finds_without_diacritics_and_by_case_number(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    client = client_for(org_a.social_worker)
    for query in ("janis berzins", "BĒRZIŅŠ", case.number):
        page = client.post(reverse("cases:search"), {"q": query}).content.decode()
        assert "Jānis Bērziņš" in page, query


def test_search_shows_the_first_cases_and_says_when_there_are_more(
    org_a: OrganisationWithStaff, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: the page reads one case more than it shows instead of every match; with more
    matches than it shows it says so and asks for more of the name."""
    from cases import selectors

    monkeypatch.setattr(selectors, "SEARCH_LIMIT", 2)
    for first_name in ("Zane", "Anna"):
        open_case(org_a.social_worker, org_a.organisation, first_name=first_name)
    client = client_for(org_a.social_worker, language="en")
    page = client.post(reverse("cases:search"), {"q": "berzins"}).content.decode()
    assert "2 cases found" in page
    assert "More than" not in page
    open_case(org_a.social_worker, org_a.organisation, first_name="Jānis")
    page = client.post(reverse("cases:search"), {"q": "berzins"}).content.decode()
    assert "More than 2 cases found" in page
    assert "Type more of the name" in page
    assert "Anna Bērziņš" in page
    assert "Jānis Bērziņš" in page
    assert "Zane Bērziņš" not in page  # the third by name
    assert AccessLog.objects.filter(action="search").count() == 2 + 2  # what was shown


def test_the_case_is_handed_over_on_a_page_of_its_own(org_a: OrganisationWithStaff) -> None:
    """Issue 10: the case page links to the hand-over page instead of listing every case worker
    of the organisation; the page lists them, keeps a wrong choice and hands the case over."""
    from accounts.tests.factories import member

    case = open_case(org_a.social_worker, org_a.organisation)
    successor = member(org_a.organisation, first_name="Zane", last_name="Ozola")
    colleague = client_for(successor)
    url = reverse("cases:lead_change", args=[case.pk])
    lead = client_for(org_a.social_worker)
    page = lead.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'name="lead_worker"' not in page
    assert url in page
    from audit.models import AccessLog

    logged = AccessLog.objects.filter(case_id=case.pk, object_type="case").count()
    form = lead.get(url)
    assert form.status_code == 200
    assert AccessLog.objects.filter(case_id=case.pk, object_type="case").count() == logged + 1
    assert f'<option value="{successor.pk}">Zane Ozola</option>' in form.content.decode()
    assert f'<option value="{org_a.social_worker.pk}" selected>' in form.content.decode()
    assert colleague.get(url).status_code == 404  # not on the case: opening it needs a reason
    assert lead.post(url, {"lead_worker": str(org_a.admin.pk)}).status_code == 400
    assert lead.post(url, {"lead_worker": str(successor.pk)}).status_code == 302
    case.refresh_from_db()
    assert case.lead_worker_id == successor.pk


def test_the_caseload_filter_offers_the_lead_workers_of_the_cases_in_view(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 10: over my cases the lead-worker filter offers those cases' lead workers, not
    every colleague of a large organisation; over the organisation's cases, every colleague."""
    from accounts.tests.factories import member

    mine = open_case(org_a.social_worker, org_a.organisation)
    colleague = member(org_a.organisation, first_name="Zane", last_name="Ozola")
    open_case(colleague, org_a.organisation, first_name="Anna")
    on_team = open_case(colleague, org_a.organisation, first_name="Pēteris")
    services.team_member_add(
        actor=colleague, case=on_team, user=org_a.social_worker, role="social_worker"
    )
    bystander = member(org_a.organisation, first_name="Ilze", last_name="Liepa")
    browser = client_for(org_a.social_worker)
    url = reverse("cases:caseload")

    own_scope = browser.get(url).content.decode()
    assert mine.number in own_scope
    # Zane leads a case I am on the team of; Ilze leads none of mine.
    assert f'<option value="{colleague.pk}">Zane Ozola</option>' in own_scope
    assert "Ilze Liepa</option>" not in own_scope

    organisation_scope = browser.get(url, {"scope": "organisation"}).content.decode()
    assert f'<option value="{bystander.pk}">Ilze Liepa</option>' in organisation_scope
    filtered = browser.get(url, {"scope": "organisation", "worker": str(colleague.pk)})
    assert filtered.status_code == 200
    assert on_team.number in filtered.content.decode()
    assert mine.number not in filtered.content.decode()
