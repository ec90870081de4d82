"""What matching proposes becomes a step of the cooperation plan, provided by a directory
service of the client's municipality (issue 7; C1, D4, H2)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from rules.permissions import set_perm
from rules.predicates import always_false

from cases.models import Case
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from core.errors import DomainError
from core.events import DomainEvent, domain_event
from directory.models import Service
from directory.services import directory_import
from directory.tests.factories import service_doc, uid
from employment import services
from employment.models import Vacancy
from employment.tests.factories import employer, profile, vacancy
from plans.models import Goal, Plan, PlanStatus, Step
from plans.tests.factories import agreed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _service(
    key: str, name: str, need: str, areas: tuple[str, ...] = ("Saldus novads",),
    organisation: str = "SIA „Mācību centrs”", status: str = "active",
) -> Service:  # fmt: skip
    doc = service_doc(key, name=name, need=need, areas=areas, organisation=organisation)
    doc["status"] = status
    directory_import(actor=None, data=doc)
    return Service.objects.get(pk=uid(key, "service"))


def _driver_job(org: OrganisationWithStaff) -> tuple[Case, Vacancy]:
    """A bricklayer with basic education in Saldus, and a driver's job needing secondary
    education and a category B licence: education, licence and requalification proposed."""
    worker = org.social_worker
    case = open_case(worker, org.organisation, education_level="basic")
    profile(case, "7112 01", years=3)
    job = vacancy(
        worker, employer(worker), "8322 01", licence_category="B",
        required_education="secondary",
    )  # fmt: skip
    return case, job


def test_a_proposal_becomes_a_step_of_the_draft_plan_under_the_work_goal(
    org_a: OrganisationWithStaff, django_capture_on_commit_callbacks: Any
) -> None:
    worker = org_a.social_worker
    case, job = _driver_job(org_a)
    school = _service(
        "school", "Autoskola „Ceļš”", "vocational-training", organisation="SIA „Ceļš”"
    )
    received: list[DomainEvent] = []

    def listener(sender: object, event: DomainEvent, **kwargs: object) -> None:
        received.append(event)

    domain_event.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            step = services.match_step_add(
                actor=worker, case=case, vacancy=job, kind="licence", service=school
            )
    finally:
        domain_event.disconnect(listener)
    plan = Plan.objects.get(case=case)
    assert plan.status == PlanStatus.DRAFT
    goal = Goal.objects.get(plan=plan)
    assert (goal.need, goal.status, goal.description) == ("paid_work", "active",
                                                          "Find work and keep it")  # fmt: skip
    assert step.goal == goal
    assert step.actor == "institution"
    assert step.institution == "SIA „Ceļš”: Autoskola „Ceļš”"
    assert step.description == (
        "Driving course for category B — vacancy: Driver, SIA „Testa būvnieks”"
    )
    added = [e for e in received if e.name == "employment_plan_step_added"]
    assert [e.payload for e in added] == [
        {"case_id": case.pk, "vacancy_id": job.pk, "step_id": step.pk, "kind": "licence",
         "service_id": str(school.pk)},
    ]  # fmt: skip
    assert {"plan_draft_started", "plan_goal_added", "plan_step_added"} <= {
        e.name for e in received
    }

    # The next proposal goes to the same draft and goal; without a service the worker does it.
    second = services.match_step_add(actor=worker, case=case, vacancy=job, kind="requalification")
    assert second.goal == goal
    assert (second.actor, second.institution) == ("worker", "")
    assert second.description.startswith("Requalification course: Driver — vacancy: Driver")
    assert Plan.objects.filter(case=case).count() == 1
    assert Goal.objects.filter(plan=plan).count() == 1


def test_an_agreed_plan_gets_a_new_draft_version_with_the_step(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    case, job = _driver_job(org_a)
    agreed = agreed_plan(case, worker)
    step = services.match_step_add(actor=worker, case=case, vacancy=job, kind="education")
    draft = step.goal.plan
    assert (draft.version, draft.status) == (agreed.version + 1, PlanStatus.DRAFT)
    assert sorted(draft.goals.values_list("need", flat=True)) == ["paid_work", "shelter"]
    assert not Step.objects.filter(goal__plan=agreed, description__startswith="Adult").exists()


def test_refused_proposals_write_nothing(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    worker = org_a.social_worker
    case, job = _driver_job(org_a)
    classes = _service("classes", "Vakara vidusskola", "general-education")
    stopped = _service("stopped", "Autoskola „Vecā”", "vocational-training", status="inactive")
    with pytest.raises(DomainError, match="Choose one of the proposed steps"):
        services.match_step_add(actor=worker, case=case, vacancy=job, kind="cooking")
    with pytest.raises(DomainError, match="does not require this"):
        services.match_step_add(actor=worker, case=case, vacancy=job, kind="experience")
    with pytest.raises(DomainError) as wrong_need:
        services.match_step_add(
            actor=worker, case=case, vacancy=job, kind="licence", service=classes
        )
    assert wrong_need.value.message_dict == {
        "service": ["This service does not provide the proposed step."]
    }
    with pytest.raises(DomainError) as inactive:
        services.match_step_add(
            actor=worker, case=case, vacancy=job, kind="licence", service=stopped
        )
    assert "service" in inactive.value.message_dict
    services.vacancy_close(actor=worker, vacancy=job, closed_on=timezone.localdate())
    with pytest.raises(DomainError, match="The vacancy closed on"):
        services.match_step_add(actor=worker, case=case, vacancy=job, kind="education")
    job.closed_on = None
    with pytest.raises(PermissionDenied):
        services.match_step_add(actor=org_b.social_worker, case=case, vacancy=job, kind="education")
    with translation.override("lv"), pytest.raises(DomainError) as in_latvian:
        services.match_step_add(actor=worker, case=case, vacancy=job, kind="cooking")
    assert "Izvēlieties" in in_latvian.value.messages[0]
    assert not Plan.objects.exists()
    assert not Step.objects.exists()


def test_the_matches_page_offers_local_services_and_adds_the_step(
    org_a: OrganisationWithStaff,
) -> None:
    case, job = _driver_job(org_a)
    for key, name in (("a", "Autoskola A"), ("b", "Autoskola B"), ("c", "Autoskola C"),
                      ("d", "Autoskola D")):  # fmt: skip
        _service(key, name, "vocational-training")
    _service("far", "Autoskola Liepājā", "vocational-training", areas=("Liepāja",))
    classes = _service("classes", "Vakara vidusskola", "general-education")
    web = client_for(org_a.social_worker, "lv")
    url = reverse("employment:matches", args=[case.pk])
    page = web.get(url).content.decode()
    assert "Autoskola C" in page
    assert "Autoskola D" not in page  # three a proposal
    assert "Autoskola Liepājā" not in page  # not serving the client's municipality
    assert "Vakara vidusskola" in page
    assert "Pievienot sadarbības plānam" in page
    post_url = reverse("employment:match_step_add", args=[case.pk, job.pk])
    assert page.count(f'action="{post_url}"') == 3  # education, licence, requalification

    wrong = web.post(post_url, {"kind": "licence", "service": str(classes.pk)})
    assert wrong.status_code == 400
    refused = wrong.content.decode()
    assert "govuk-error-summary" in refused
    assert f'href="#step-{job.pk}-licence-service"' in refused
    assert "govuk-form-group--error" in refused
    assert not Step.objects.exists()

    added = web.post(post_url, {"kind": "education", "service": str(classes.pk)})
    assert added.status_code == 302
    assert added["Location"] == url
    step = Step.objects.get()
    assert step.institution == "SIA „Mācību centrs”: Vakara vidusskola"
    page = web.get(url).content.decode()
    assert "Pievienots sadarbības plāna projektam" in page  # the success message, in Latvian

    for unknown in ("not-a-uuid", uid("no", "such", "service")):
        refused_again = web.post(post_url, {"kind": "licence", "service": unknown})
        assert refused_again.status_code == 400
        assert "Izvēlieties pakalpojumu no saraksta." in refused_again.content.decode()
    services.vacancy_close(actor=org_a.social_worker, vacancy=job, closed_on=job.opened_on)
    closed = web.post(post_url, {"kind": "licence", "service": ""})
    assert closed.status_code == 400
    assert "Vakance slēgta" in closed.content.decode()
    assert Step.objects.count() == 1


@contextmanager
def _plan_readers_only() -> Iterator[None]:
    """Today whoever may see a plan also works on it (cases.permissions); the page must still
    hold for a reader of the plan who may not change it."""
    from rules.permissions import permissions

    rule = permissions["cases.work_on_case"]
    set_perm("cases.work_on_case", always_false)
    try:
        yield
    finally:
        set_perm("cases.work_on_case", rule)


def test_a_reader_of_the_plan_sees_the_proposals_and_services_without_the_form(
    org_a: OrganisationWithStaff,
) -> None:
    case, job = _driver_job(org_a)
    _service("school", "Autoskola „Ceļš”", "vocational-training")
    web = client_for(org_a.social_worker, "en")
    post_url = reverse("employment:match_step_add", args=[case.pk, job.pk])
    with _plan_readers_only():
        response = web.get(reverse("employment:matches", args=[case.pk]))
        assert web.post(post_url, {"kind": "education"}).status_code == 403
    assert response.status_code == 200
    page = response.content.decode()
    assert "Driving course for category B" in page
    assert "Autoskola „Ceļš”" in page
    assert "Add to the cooperation plan" not in page
    assert "Add to the cooperation plan" in web.get(response.request["PATH_INFO"]).content.decode()
    assert not Step.objects.exists()


def test_another_organisations_case_and_unknown_vacancies_are_not_found(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case, job = _driver_job(org_a)
    theirs = open_case(org_b.social_worker, org_b.organisation, first_name="Olegs")
    web = client_for(org_b.social_worker, "en")
    mine = reverse("employment:match_step_add", args=[case.pk, job.pk])
    assert web.post(mine, {"kind": "education"}).status_code == 404
    unknown = reverse("employment:match_step_add", args=[theirs.pk, 999_999])
    assert web.post(unknown, {"kind": "education"}).status_code == 404
    assert (
        web.get(reverse("employment:match_step_add", args=[theirs.pk, job.pk])).status_code == 405
    )
    assert not Step.objects.exists()


def test_the_matches_page_reads_services_in_a_fixed_number_of_queries(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    case, _job = _driver_job(org_a)
    _service("school", "Autoskola „Ceļš”", "vocational-training")
    _service("classes", "Vakara vidusskola", "general-education")
    _service("agency", "NVA Saldus filiāle", "employment-agency")
    firm = employer(worker, "SIA „Otrs”")
    web = client_for(worker, "en")
    url = reverse("employment:matches", args=[case.pk])
    counts = []
    for rows in (2, 8):
        while Vacancy.objects.count() < rows:
            vacancy(worker, firm, "8322 01", licence_category="C", min_experience_years=5)
        web.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = web.get(url).content.decode()
        assert page.count("NVA Saldus filiāle") == 2 * (rows - 1)  # link and option
        counts.append(len(queries))
    assert counts[0] == counts[1]
