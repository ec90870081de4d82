"""The employer register and the profile's qualifications and experience: rows written, clear
refusals, the case timeline and the derived index matching reads (issue 7; D4, H1-H4)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from accounts.models import Municipality, User
from cases.models import Case, CaseEvent
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from core.errors import DomainError
from core.events import DomainEvent, domain_event
from employment import matching, points, services
from employment.models import (
    EmployerFeedback,
    EmployerProfile,
    ProfileOccupation,
    Qualification,
    Vacancy,
    WorkExperience,
)
from employment.selectors import plan_visible_cases
from employment.tests.factories import employer, profile, vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


Published = list[tuple[str, dict[str, Any]]]


@pytest.fixture
def published() -> Iterator[Published]:
    """The domain events (name, payload) published after the commits of the test's writes
    (the writes run in django_capture_on_commit_callbacks(execute=True), as a commit)."""
    received: Published = []

    def listener(sender: object, event: DomainEvent, **kwargs: object) -> None:
        received.append((event.name, event.payload))

    domain_event.connect(listener)
    try:
        yield received
    finally:
        domain_event.disconnect(listener)


def _details(job: Vacancy, **changes: Any) -> services.VacancyDetails:
    values: dict[str, Any] = {
        "occupation_code": job.occupation.code, "municipality_id": job.municipality_id,
        "hours_per_week": job.hours_per_week, "wage_eur": job.wage_eur,
        "opened_on": job.opened_on, "title": job.title, "accepts_record": job.accepts_record,
    }  # fmt: skip
    values.update(changes)
    return services.VacancyDetails(**values)


def _profile_events(case: Case, part: str) -> int:
    return case.events.filter(
        kind=CaseEvent.Kind.EMPLOYMENT_PROFILE_UPDATED, data__part=part
    ).count()


# --- Employers --------------------------------------------------------------------------------


def test_feedback_is_recorded_and_bad_input_refused(
    org_a: OrganisationWithStaff, published: Published, django_capture_on_commit_callbacks: Any
) -> None:
    worker = org_a.social_worker
    firm = employer(worker)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        feedback = services.feedback_add(
            actor=worker, organisation=firm, experience="rather_positive",
            text="<b>Uzticams</b>, nāk laikā", recorded_on=today,
        )  # fmt: skip
    saved = EmployerFeedback.objects.get()
    assert saved == feedback
    assert (saved.employer, saved.experience, saved.recorded_by) == (firm, "rather_positive",
                                                                     worker)  # fmt: skip
    assert saved.text == "Uzticams, nāk laikā"  # stored as plain text
    assert ("employer_feedback_added", {"organisation_id": firm.pk}) in published
    with pytest.raises(DomainError) as unknown:
        services.feedback_add(
            actor=worker, organisation=firm, experience="great", text="", recorded_on=today
        )
    assert list(unknown.value.message_dict) == ["experience"]
    with pytest.raises(DomainError) as future:
        services.feedback_add(
            actor=worker, organisation=firm, experience="positive", text="",
            recorded_on=today + timedelta(days=1),
        )  # fmt: skip
    assert future.value.message_dict == {"recorded_on": ["The date cannot be in the future."]}
    with pytest.raises(DomainError, match="not an employer"):  # the social service itself
        services.feedback_add(
            actor=worker, organisation=org_a.organisation, experience="positive", text="",
            recorded_on=today,
        )  # fmt: skip
    assert EmployerFeedback.objects.count() == 1


def test_only_case_workers_keep_the_register(
    org_a: OrganisationWithStaff, system_admin: User
) -> None:
    firm = employer(org_a.social_worker)
    job = vacancy(org_a.social_worker, firm)
    today = timezone.localdate()
    for outsider in (org_a.admin, system_admin):  # administrators do no case work
        with pytest.raises(PermissionDenied):
            services.feedback_add(
                actor=outsider, organisation=firm, experience="positive", text="",
                recorded_on=today,
            )  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.employer_update(
                actor=outsider, organisation=firm, municipality=firm.municipality,
                details=services.EmployerDetails(),
            )  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.vacancy_update(actor=outsider, vacancy=job, details=_details(job))
        with pytest.raises(PermissionDenied):
            services.vacancy_close(actor=outsider, vacancy=job, closed_on=today)
    assert not EmployerFeedback.objects.exists()
    job.refresh_from_db()
    assert job.closed_on is None


def test_an_employer_is_updated_in_place_and_moves_municipality(
    org_a: OrganisationWithStaff,
    org_b: OrganisationWithStaff,
    published: Published,
    django_capture_on_commit_callbacks: Any,
) -> None:
    firm = employer(org_a.social_worker, contact_name="Ilze")
    liepaja = Municipality.objects.get(code="liepaja")
    with django_capture_on_commit_callbacks(execute=True):
        services.employer_update(
            actor=org_b.social_worker,  # the register is shared by every case worker
            organisation=firm, municipality=liepaja,
            details=services.EmployerDetails(
                contact_name="  Pēteris ", sectors=["wood", "construction"],
                openness="with_support", mentor_name="Andris",
                incentives_wanted=["tax_relief", "subsidised_job"], notes="<i>Vajag</i> mentoru",
            ),
        )  # fmt: skip
    firm.refresh_from_db()
    assert firm.municipality == liepaja
    saved = EmployerProfile.objects.get(organisation=firm)
    assert saved.contact_name == "Pēteris"
    assert saved.sectors == ["construction", "wood"]  # in the order of the list
    assert saved.incentives_wanted == ["subsidised_job", "tax_relief"]
    assert (saved.openness, saved.notes, saved.updated_by) == (
        "with_support", "Vajag mentoru", org_b.social_worker,
    )  # fmt: skip
    assert EmployerProfile.objects.count() == 1
    assert saved.history.count() == 2  # created, then changed
    assert ("employer_updated", {"organisation_id": firm.pk}) in published

    with pytest.raises(DomainError) as bad_sector:
        services.employer_update(
            actor=org_a.social_worker, organisation=firm, municipality=liepaja,
            details=services.EmployerDetails(sectors=["piracy"]),
        )  # fmt: skip
    assert list(bad_sector.value.message_dict) == ["sectors"]
    with pytest.raises(DomainError, match="not an employer"):
        services.employer_update(
            actor=org_a.social_worker, organisation=org_a.organisation, municipality=liepaja,
            details=services.EmployerDetails(),
        )  # fmt: skip
    assert not EmployerProfile.objects.filter(organisation=org_a.organisation).exists()
    assert EmployerProfile.objects.get(organisation=firm).sectors == ["construction", "wood"]


# --- Vacancies --------------------------------------------------------------------------------


def test_a_vacancy_is_updated_and_refused_before_its_first_start(
    org_a: OrganisationWithStaff, published: Published, django_capture_on_commit_callbacks: Any
) -> None:
    worker = org_a.social_worker
    job = vacancy(
        worker, employer(worker), "7112 01", opened_on=timezone.localdate() - timedelta(30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_update(
            actor=worker, vacancy=job,
            details=_details(job, occupation_code="7112 02", title="  Krāšņu   mūrnieks ",
                             wage_eur=Decimal("1200"), min_experience_years=2,
                             licence_category="B", description="<script>x</script>Krāsnis"),
        )  # fmt: skip
    job.refresh_from_db()
    assert job.occupation.code == "7112 02"
    assert (job.title, job.wage_eur, job.min_experience_years) == ("Krāšņu mūrnieks",
                                                                    Decimal("1200"), 2)  # fmt: skip
    assert job.description == "Krāsnis"
    assert ("vacancy_updated", {"vacancy_id": job.pk}) in published

    with pytest.raises(DomainError) as errors:
        services.vacancy_update(
            actor=worker, vacancy=job,
            details=_details(job, occupation_code="9999 99", wage_eur=Decimal("100"),
                             closed_on=job.opened_on - timedelta(days=1)),
        )  # fmt: skip
    assert set(errors.value.message_dict) == {"occupation", "wage_eur", "closed_on"}

    case = open_case(worker, org_a.organisation)
    started = job.opened_on + timedelta(days=10)
    services.placement_record(actor=worker, case=case, vacancy=job, started_on=started)
    with pytest.raises(DomainError) as late:
        services.vacancy_update(
            actor=worker, vacancy=job, details=_details(job, opened_on=started + timedelta(1))
        )
    assert late.value.message_dict == {
        "opened_on": ["Someone started work through this vacancy before that date."]
    }
    services.vacancy_update(actor=worker, vacancy=job, details=_details(job, opened_on=started))
    job.refresh_from_db()
    assert job.opened_on == started
    assert job.occupation.code == "7112 02"


def test_a_closed_vacancy_is_no_longer_matched(
    org_a: OrganisationWithStaff, published: Published, django_capture_on_commit_callbacks: Any
) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    bricklayer = profile(case, "7112 01")
    job = vacancy(worker, employer(worker), "7112 01")
    today = timezone.localdate()
    with pytest.raises(DomainError) as early:
        services.vacancy_close(actor=worker, vacancy=job, closed_on=job.opened_on - timedelta(1))
    assert early.value.message_dict == {"closed_on": ["A vacancy cannot close before it opens."]}
    job.refresh_from_db()
    assert job.closed_on is None
    assert [m.vacancy for m in matching.vacancies_for_client(case.client, bricklayer,
                                                              today=today)] == [job]  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_close(actor=worker, vacancy=job, closed_on=today)
    job.refresh_from_db()
    assert job.closed_on == today
    assert not job.is_open(today)
    assert matching.vacancies_for_client(case.client, bricklayer, today=today) == []
    assert ("vacancy_closed", {"vacancy_id": job.pk}) in published


# --- The profile's qualifications and experience ----------------------------------------------


def test_qualifications_are_added_removed_and_indexed_for_matching(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    profile(case)  # no professions yet
    added = services.qualification_add(
        actor=worker, case=case, title="<b>Krāšņu mūrnieks</b>", kind="qualification_certificate",
        occupation_code="7112 02", document_number=" PK-123 ", issued_by="Profesionālā skola",
        issued_on=timezone.localdate() - timedelta(days=400), obtained_in_prison=True,
    )  # fmt: skip
    saved = Qualification.objects.get()
    assert saved == added
    assert saved.occupation is not None
    assert (saved.title, saved.document_number, saved.occupation.code) == (
        "Krāšņu mūrnieks", "PK-123", "7112 02",
    )  # fmt: skip
    assert saved.obtained_in_prison
    assert list(
        ProfileOccupation.objects.filter(profile=saved.profile).values_list(
            "occupation__code", "unit_group", "minor_group", "years"
        )
    ) == [("7112 02", "7112", "711", 0)]
    assert _profile_events(case, "qualification") == 1

    with pytest.raises(DomainError) as future:
        services.qualification_add(
            actor=worker, case=case, title="Metinātājs", kind="permit",
            issued_on=timezone.localdate() + timedelta(days=1),
        )  # fmt: skip
    assert list(future.value.message_dict) == ["issued_on"]
    with pytest.raises(DomainError) as code:
        services.qualification_add(
            actor=worker, case=case, title="Metinātājs", kind="permit", occupation_code="x"
        )
    assert list(code.value.message_dict) == ["occupation_code"]
    with pytest.raises(PermissionDenied):
        services.qualification_add(actor=org_b.social_worker, case=case, title="X", kind="other")
    assert Qualification.objects.count() == 1

    other = open_case(worker, org_a.organisation, first_name="Pēteris")
    with pytest.raises(DomainError, match="belongs to another person"):
        services.qualification_remove(actor=worker, case=other, qualification=saved)
    with pytest.raises(PermissionDenied):
        services.qualification_remove(actor=org_b.social_worker, case=case, qualification=saved)
    assert Qualification.objects.count() == 1

    services.qualification_remove(actor=worker, case=case, qualification=saved)
    assert not Qualification.objects.exists()
    assert not ProfileOccupation.objects.filter(profile=saved.profile).exists()
    assert _profile_events(case, "qualification") == 2
    assert Qualification.history.filter(history_type="-").count() == 1  # history keeps it


def test_removing_experience_takes_its_years_out_of_matching(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    bricklayer = profile(case, "7112 01", years=6)
    entry = WorkExperience.objects.get(profile=bricklayer)
    job = vacancy(worker, employer(worker), "7112 01", min_experience_years=5)
    (before,) = matching.vacancies_for_client(case.client, bricklayer, today=timezone.localdate())
    assert before.match.experience_years == 6
    assert "Experience requirement met" in before.match.reasons

    other = open_case(worker, org_a.organisation, first_name="Pēteris")
    with pytest.raises(DomainError, match="belongs to another person"):
        services.experience_remove(actor=worker, case=other, experience=entry)
    with pytest.raises(PermissionDenied):
        services.experience_remove(actor=org_b.social_worker, case=case, experience=entry)
    assert WorkExperience.objects.filter(pk=entry.pk).exists()

    services.experience_remove(actor=worker, case=case, experience=entry)
    assert not WorkExperience.objects.exists()
    assert list(
        ProfileOccupation.objects.filter(profile=bricklayer).values_list(
            "occupation__code", "years"
        )
    ) == [("7112 01", 0)]  # still a profession, without the years
    assert _profile_events(case, "experience") == 2  # added, then removed
    (after,) = matching.vacancies_for_client(case.client, bricklayer, today=timezone.localdate())
    assert after.vacancy == job
    assert after.match.experience_years == 0
    assert after.match.missing == ["Experience: 5 years required, has 0"]
    assert [p.kind for p in after.match.suggestions] == ["experience"]


def test_a_qualification_in_a_related_occupation_makes_the_client_a_candidate(
    org_a: OrganisationWithStaff,
) -> None:
    """A stove builder's certificate (7112 02) counts for a bricklayer's job (7112 01) in
    another municipality of the planning region: the same unit group."""
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)  # Saldus
    profile(case)  # no professions, no experience
    job = vacancy(worker, employer(worker, "SIA „Jūra”", "liepaja"), "7112 01")
    visible = plan_visible_cases(worker)
    assert matching.clients_for_vacancy(job, visible) == []  # Liepāja: not by place alone

    certificate = services.qualification_add(
        actor=worker, case=case, title="Krāšņu mūrnieks", kind="qualification_certificate",
        occupation_code="7112 02",
    )  # fmt: skip
    (found,) = matching.clients_for_vacancy(job, plan_visible_cases(worker))
    assert found.case_id == case.pk
    assert (found.match.occupation, found.match.place) == ("unit_group", "region")
    assert "Related occupation (same occupation group)" in found.match.reasons
    assert found.match.score == points.SAME_UNIT_GROUP + points.SAME_REGION + 10  # ready

    services.qualification_remove(actor=worker, case=case, qualification=certificate)
    assert matching.clients_for_vacancy(job, plan_visible_cases(worker)) == []
