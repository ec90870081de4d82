"""Employment pages: health-guarded limitations, 404 across organisations, bad input kept with
clear errors, the demo's Jānis (A2, D4, H1-H4)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.demo import DEMO_EMAIL_DOMAIN
from accounts.models import User
from audit.models import AccessLog
from cases import services as case_services
from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from employment import services
from employment.models import EmploymentProfile, Placement, Vacancy
from employment.tests.factories import employer, profile, vacancy

pytestmark = pytest.mark.django_db


def test_limitations_are_shown_only_to_those_who_may_see_health(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    profile(case, "7112 01")
    services.limitations_update(actor=org_a.social_worker, case=case, text="Nav darbs augstumā")
    case_services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker, role="social_worker"
    )
    consent_for(case, org_b.organisation, "identity", "case_plan")
    url = reverse("employment:profile", args=[case.pk])
    own = client_for(org_a.social_worker, "en").get(url).content.decode()
    assert "Nav darbs augstumā" in own
    response = client_for(org_b.social_worker, "en").get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mūrnieks" in page or "Bricklayer" in page
    assert "Nav darbs augstumā" not in page
    assert "Work limitations (health)" not in page
    posted = client_for(org_b.social_worker, "en").post(
        reverse("employment:limitations_edit", args=[case.pk]), {"text": "x"}
    )
    assert posted.status_code == 403
    logged = AccessLog.objects.filter(user=org_a.social_worker, case_id=case.pk)
    assert set(logged.values_list("object_type", flat=True)) >= {
        "employment_profile", "work_limitation",
    }  # fmt: skip


def test_another_organisations_client_is_not_found(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    theirs = open_case(org_b.social_worker, org_b.organisation, first_name="Olegs")
    profile(theirs, "7112 01")
    client = client_for(org_a.social_worker, "en")
    for name in ("profile", "matches", "placements"):
        response = client.get(reverse(f"employment:{name}", args=[theirs.pk]))
        assert response.status_code == 404
        assert "Olegs" not in response.content.decode()
    posted = client.post(
        reverse("employment:profile_edit", args=[theirs.pk]), {"readiness": "not_now"}
    )
    assert posted.status_code == 404
    assert EmploymentProfile.objects.get(client=theirs.client).readiness == "ready_now"


def test_profile_form_saves_professions_by_code_and_keeps_bad_input(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    client = client_for(org_a.social_worker, "en")
    url = reverse("employment:profile_edit", args=[case.pk])
    bad = client.post(url, {"readiness": "later", "other_professions": "7112 01, 9999 99",
                            "skills": "mūrēšana"})  # fmt: skip
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "There is no occupation with the code 9999 99" in page
    assert 'value="7112 01, 9999 99"' in page
    assert "govuk-error-summary" in page
    good = client.post(url, {"readiness": "later", "readiness_note": "Gribu atpūsties",
                             "other_professions": "7212 01", "licences": ["B"]})  # fmt: skip
    assert good.status_code == 302
    saved = EmploymentProfile.objects.get(client=case.client)
    assert saved.readiness == "later"
    assert [o.code for o in saved.professions.all()] == ["7212 01"]
    assert saved.licences == ["B"]
    assert case.events.filter(kind="employment_profile_updated").exists()


def test_a_vacancy_below_the_minimum_wage_is_refused_on_the_page(
    org_a: OrganisationWithStaff,
) -> None:
    firm = employer(org_a.social_worker)
    data = {
        "occupation": "7112 01", "municipality": firm.municipality_id, "hours_per_week": "40",
        "wage_eur": "500", "min_experience_years": "0", "accepts_record": "yes",
        "opened_on": timezone.localdate().isoformat(), "title": "Mūrnieks",
    }  # fmt: skip
    response = client_for(org_a.social_worker, "lv").post(
        reverse("employment:vacancy_create", args=[firm.pk]), data
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "minimālo" in page
    assert 'value="500"' in page
    assert not Vacancy.objects.exists()
    data["wage_eur"] = "900"
    response = client_for(org_a.social_worker, "en").post(
        reverse("employment:vacancy_create", args=[firm.pk]), data
    )
    assert response.status_code == 302
    assert Vacancy.objects.get().wage_eur == 900


def test_a_placement_before_the_vacancy_opened_is_refused_on_the_page(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    job = vacancy(org_a.social_worker, employer(org_a.social_worker))
    client = client_for(org_a.social_worker, "en")
    url = reverse("employment:placements", args=[case.pk])
    early = (job.opened_on - timedelta(days=3)).isoformat()
    response = client.post(url, {"vacancy": job.pk, "started_on": early})
    assert response.status_code == 400
    assert "cannot start earlier" in response.content.decode()
    response = client.post(url, {"vacancy": job.pk, "started_on": job.opened_on.isoformat(),
                                 "mentor_name": "Andris"})  # fmt: skip
    assert response.status_code == 302
    placement = Placement.objects.get()
    page = client.get(url).content.decode()
    assert "Andris" in page
    follow_up = placement.follow_ups.get(months=1)
    response = client.post(
        reverse("employment:follow_up", args=[follow_up.pk]),
        {"done_on": timezone.localdate().isoformat(), "still_employed": "yes"},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.still_employed is True


def test_due_follow_ups_are_listed_for_the_cases_worker_only(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation, first_name="Strādnieks")
    services.placement_record(
        actor=org_a.social_worker, case=case, employer=employer(org_a.social_worker),
        started_on=timezone.localdate() - timedelta(days=40),
    )  # fmt: skip
    page = (
        client_for(org_a.social_worker, "en").get(reverse("employment:follow_ups")).content.decode()
    )
    assert "Strādnieks" in page
    assert "overdue" in page
    assert "Of 1 clients in your open cases, 1 started work (100%)" in page
    caseload = client_for(org_a.social_worker, "en").get(reverse("cases:caseload")).content.decode()
    assert "Work placement follow-ups" in caseload
    other = (
        client_for(org_b.social_worker, "en").get(reverse("employment:follow_ups")).content.decode()
    )
    assert "Strādnieks" not in other


def test_due_follow_ups_show_their_columns_in_queries_independent_of_their_number(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 10: the follow-ups are read with only the columns the caseload's panel and the
    follow-ups page show: each shows the client, employer and (the page) the case number, in
    the same number of queries for one follow-up as for four."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    firm = employer(org_a.social_worker, name="SIA Kokzāģētava")
    client = client_for(org_a.social_worker, "en")
    counts = []
    for n in (1, 4):
        while Placement.objects.count() < n:
            case = open_case(org_a.social_worker, org_a.organisation, first_name=f"Strādnieks{n}")
            services.placement_record(
                actor=org_a.social_worker, case=case, employer=firm,
                started_on=timezone.localdate() - timedelta(days=40),
            )  # fmt: skip
        client.get(reverse("cases:caseload"))  # the session's first-request reads
        pages = []
        with CaptureQueriesContext(connection) as queries:
            for url in (reverse("employment:follow_ups"), reverse("cases:caseload")):
                pages.append(client.get(url).content.decode())
        counts.append(len(queries))
        for page in pages:
            assert page.count("SIA Kokzāģētava") == n
            assert "Strādnieks1 Bērziņš" in page
        assert case.number in pages[0]
    assert counts[0] == counts[1]


def test_employer_pages_show_placements_only_of_visible_clients(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    firm = employer(org_a.social_worker, mentor_name="Andris")
    case = open_case(org_b.social_worker, org_b.organisation, first_name="Olegs")
    services.placement_record(
        actor=org_b.social_worker, case=case, employer=firm, started_on=timezone.localdate()
    )
    page = (
        client_for(org_a.social_worker, "en")
        .get(reverse("employment:employer", args=[firm.pk]))
        .content.decode()
    )
    assert "1 in all" in page
    assert "Olegs" not in page
    page = (
        client_for(org_b.social_worker, "en")
        .get(reverse("employment:employer", args=[firm.pk]))
        .content.decode()
    )
    assert "Olegs" in page


def test_the_register_is_for_case_workers(system_admin: User) -> None:
    response = client_for(system_admin, "en").get(reverse("employment:employers"))
    assert response.status_code == 403


def test_the_demo_has_janis_wanting_to_rest_and_employers_across_kurzeme() -> None:
    call_command("seed_demo", verbosity=0)
    janis = Case.objects.get(client__first_name="Jānis", client__last_name="Bērziņš")
    janis_profile = EmploymentProfile.objects.get(client=janis.client)
    assert janis_profile.readiness == "later"
    assert [o.code for o in janis_profile.professions.all()] == ["7112 01"]
    municipalities = set(Vacancy.objects.values_list("municipality__code", flat=True))
    assert len(municipalities) == 8
    worker = User.objects.get(email=f"inga.socdarbiniece@{DEMO_EMAIL_DOMAIN}")
    page = (
        client_for(worker, "en")
        .get(reverse("employment:matches", args=[janis.pk]))
        .content.decode()
    )
    assert "Mūrnieks objektos Saldū" in page
    call_command("seed_demo", verbosity=0)  # idempotent
    assert EmploymentProfile.objects.filter(client=janis.client).count() == 1
