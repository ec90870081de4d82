"""Matching in both directions: ranking, reasons, visibility, constant query counts (H1-H3)."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cases import services as case_services
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff
from employment import matching
from employment.selectors import plan_visible_cases
from employment.tests.factories import employer, profile, vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_vacancies_are_ranked_for_the_client_with_reasons_and_suggestions(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation, education_level="basic")  # Saldus
    bricklayer = profile(case, "7112 01", years=6)
    saldus, liepaja = employer(worker), employer(worker, "SIA „Jūra”", "liepaja")
    same = vacancy(worker, saldus, "7112 01", min_experience_years=2, mentor_available=True)
    group = vacancy(worker, liepaja, "7112 02")  # stove builder: same unit group, same region
    driver = vacancy(
        worker, saldus, "8322 01", licence_category="B", required_education="secondary"
    )
    vacancy(worker, liepaja, "8322 01", accepts_record="no")  # never proposed
    vacancy(worker, saldus, "7112 01", closed_on=timezone.localdate())  # closed today
    vacancy(employer_user := worker, employer(employer_user, "SIA „Rīga”", "riga"), "7212 01")

    found = matching.vacancies_for_client(case.client, bricklayer, today=timezone.localdate())
    assert [m.vacancy for m in found] == [same, group, driver]
    first = found[0].match
    assert first.occupation == "same"
    assert first.place == "municipality"
    assert first.experience_years == 6
    assert "Experience requirement met" in first.reasons
    assert "A mentor colleague is available" in first.reasons
    assert not first.missing
    assert not first.suggestions
    assert found[1].match.occupation == "unit_group"
    assert found[1].match.place == "region"
    third = found[2].match
    assert third.missing == [
        "Education: secondary education required", "Driving licence category B",
    ]  # fmt: skip
    assert [(s.kind, s.need, s.text) for s in third.suggestions] == [
        ("education", "general-education",
         "Adult education to complete the required level of education"),
        ("licence", "vocational-training", "Driving course for category B"),
        ("requalification", "vocational-training", "Requalification course: Driver"),
    ]  # fmt: skip


def test_clients_for_a_vacancy_are_only_those_whose_plan_the_worker_may_see(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    mine = open_case(org_a.social_worker, org_a.organisation, first_name="Mūsējais")
    profile(mine, "7112 01", years=3)
    later = open_case(org_a.social_worker, org_a.organisation, first_name="Vēlāk")
    profile(later, "7112 01", readiness="later")
    theirs = open_case(org_b.social_worker, org_b.organisation, first_name="Svešais")
    profile(theirs, "7112 01", years=10)
    # On org A's team with consent for identity only: still not matched (the plan is not shared).
    shared = open_case(org_b.social_worker, org_b.organisation, first_name="Daļēji")
    profile(shared, "7112 01", years=10)
    case_services.team_member_add(
        actor=org_b.social_worker, case=shared, user=org_a.social_worker, role="social_worker"
    )
    consent_for(shared, org_a.organisation, "identity")
    job = vacancy(org_a.social_worker, employer(org_a.social_worker), "7112 01")

    found = matching.clients_for_vacancy(job, plan_visible_cases(org_a.social_worker))
    assert [m.profile.client.first_name for m in found] == ["Mūsējais", "Vēlāk"]
    assert found[0].case_id == mine.pk
    assert "Wants to work later" in found[1].match.reasons

    consent_for(shared, org_a.organisation, "identity", "case_plan")
    found = matching.clients_for_vacancy(job, plan_visible_cases(org_a.social_worker))
    assert "Daļēji" in [m.profile.client.first_name for m in found]


def _count(client: Client, url: str) -> tuple[int, str]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_matching_pages_query_count_does_not_grow_with_results(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    web = Client()
    web.force_login(worker)
    web.cookies["tilts_language"] = "en"
    case = open_case(worker, org_a.organisation)
    profile(case, "7112 01", years=4, licences=["B"])
    firm = employer(worker)
    job = vacancy(worker, firm, "7112 01")
    counts: dict[str, list[int]] = {"client": [], "vacancy": []}
    for rows in (2, 12):
        while firm.vacancies.count() < rows:
            vacancy(worker, firm, "7112 01", licence_category="C")
        while len(plan_visible_cases(worker)) < rows:
            other = open_case(worker, org_a.organisation, first_name="Rindaklients")
            profile(other, "7112 01", years=1)
        count, page = _count(web, reverse("employment:matches", args=[case.pk]))
        assert page.count("Driving licence category C") == rows - 1
        counts["client"].append(count)
        count, page = _count(web, reverse("employment:vacancy", args=[job.pk]))
        assert page.count("Rindaklients") == rows - 1
        counts["vacancy"].append(count)
    assert counts["client"][0] == counts["client"][1]
    assert counts["vacancy"][0] == counts["vacancy"][1]


def test_a_client_without_a_profile_is_matched_by_place(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    job = vacancy(org_a.social_worker, employer(org_a.social_worker), "8322 01")
    found = matching.vacancies_for_client(case.client, None, today=timezone.localdate())
    assert [m.vacancy for m in found] == [job]
    assert found[0].match.place == "municipality"
    assert (
        matching.vacancies_for_client(case.client, None, today=job.opened_on - timedelta(days=1))
        == []
    )


def test_a_client_who_moves_is_matched_where_they_live_now(
    org_a: OrganisationWithStaff, django_capture_on_commit_callbacks: Any
) -> None:
    """The derived occupation index follows the person's record (receivers.py)."""
    from dataclasses import replace

    from accounts.models import Municipality
    from cases.client_services import client_update
    from cases.services import ClientDetails

    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)  # Saldus
    profile(case, "7112 01")
    job = vacancy(worker, employer(worker, "SIA „Jūrmalas mūrnieki”", "jurmala"), "7112 01")
    assert matching.clients_for_vacancy(job, plan_visible_cases(worker)) == []
    client = case.client
    details = ClientDetails(
        first_name=client.first_name, last_name=client.last_name,
        municipality_id=Municipality.objects.get(code="riga").pk,
        living_situation=client.living_situation,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        client_update(actor=worker, case=case, details=replace(details))
    found = matching.clients_for_vacancy(job, plan_visible_cases(worker))
    assert [m.case_id for m in found] == [case.pk]
    assert found[0].match.place == "region"  # Rīga and Jūrmala: the same planning region


def test_a_supervisor_sees_the_whole_organisation_ranked_but_never_another_organisations(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    """Both kinds of candidates (a related occupation in the region, anyone living in the
    municipality) are ranked together and checked against the plans the user may see."""
    worker = org_a.social_worker
    near = open_case(worker, org_a.organisation, first_name="Tuvais")  # Saldus, no occupation
    profile(near, readiness="later")
    welder = open_case(worker, org_a.organisation, first_name="Metinātājs")
    profile(welder, "7212 01")  # another field of work, but lives in Saldus
    stove = open_case(worker, org_a.organisation, first_name="Krāšņu", municipality_code="liepaja")
    profile(stove, "7112 02", years=2)  # the same unit group, in the planning region
    far = open_case(worker, org_a.organisation, first_name="Rīdzinieks", municipality_code="riga")
    profile(far, "7112 01", years=9)  # the same occupation, another region: not a candidate
    for name in ("Svešais", "Svešais 2"):  # org B's clients, better suited
        theirs = open_case(org_b.social_worker, org_b.organisation, first_name=name)
        profile(theirs, "7112 01", years=10)
    job = vacancy(worker, employer(worker), "7112 01", min_experience_years=1)

    found = matching.clients_for_vacancy(job, plan_visible_cases(org_a.supervisor))
    assert [m.profile.client.first_name for m in found] == ["Krāšņu", "Metinātājs", "Tuvais"]
    assert [m.match.score for m in found] == [
        25 + 15 + 5 + 10 + 10,  # unit group, experience met, region, ready now
        -10 + 20 + 10,  # no experience in the group, same municipality, ready now
        -10 + 20 + 3,  # the same, wants to work later
    ]
    assert found[0].case_id == stove.pk
    assert found[0].match.experience_years == 2
    assert found[1].match.missing == ["Experience: 1 year required, has 0"]
    assert matching.clients_for_vacancy(job, plan_visible_cases(org_b.supervisor))[0].match.score
    org_a.supervisor.is_active = False  # sees no case at all
    assert matching.clients_for_vacancy(job, plan_visible_cases(org_a.supervisor)) == []


def test_corrections_to_the_client_and_the_profile_reach_matching(
    org_a: OrganisationWithStaff, django_capture_on_commit_callbacks: Any
) -> None:
    """Matching reads copies of the readiness, licences and education (the derived index):
    changing any of them changes the match at once."""
    from dataclasses import fields

    from cases.client_services import client_update
    from cases.services import ClientDetails
    from employment import services

    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation, education_level="basic")
    profile(case, "7112 01")
    job = vacancy(worker, employer(worker), "7112 01", required_education="secondary")
    (match,) = matching.clients_for_vacancy(job, plan_visible_cases(worker))
    assert match.match.missing == ["Education: secondary education required"]
    assert match.match.score == 40 + 20 + 10 - 10

    values = {f.name: getattr(case.client, f.name) for f in fields(ClientDetails)}
    details = ClientDetails(**{**values, "personal_code": "", "education_level": "vocational"})
    with django_capture_on_commit_callbacks(execute=True):
        client_update(actor=worker, case=case, details=details)
    (match,) = matching.clients_for_vacancy(job, plan_visible_cases(worker))
    assert match.match.missing == []
    assert match.match.score == 40 + 20 + 10 + 5

    services.profile_update(actor=worker, case=case, readiness="not_now", licences=["B"])
    (match,) = matching.clients_for_vacancy(job, plan_visible_cases(worker))
    assert match.match.score == 40 + 20 + 0 + 5
    assert "Does not want to work now" in match.match.missing


def test_a_profile_started_with_work_limitations_only_is_matched_by_place(
    org_a: OrganisationWithStaff,
) -> None:
    from employment import services

    case = open_case(org_a.social_worker, org_a.organisation)
    services.limitations_update(actor=org_a.social_worker, case=case, text="Nevar celt smagumus.")
    job = vacancy(org_a.social_worker, employer(org_a.social_worker), "8322 01")
    found = matching.clients_for_vacancy(job, plan_visible_cases(org_a.social_worker))
    assert [m.case_id for m in found] == [case.pk]
    assert found[0].match.place == "municipality"
