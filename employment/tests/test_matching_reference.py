"""Clients for a vacancy, the SQL written once (employment/candidates.py), against a plain
Python reading of the rules in matching.py's docstring, on seeded random data (H1–H3, D4).

The reference reads the primary rows (professions, qualifications, experience, the client's
municipality and education), not the derived index, so a mistake in either shows here. Small
pages make the visibility window run out for viewers who see few candidates, so both the
window and its exact fallback are compared."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import Municipality
from accounts.tests.factories import member
from cases import services as case_services
from cases.models import TeamRole
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from employment import candidates, matching, services
from employment.models import EDUCATION_RANK, EmploymentProfile, Qualification, Vacancy
from employment.selectors import plan_visible_cases
from employment.tests.factories import employer, vacancy
from people.models import EducationLevel

pytestmark = pytest.mark.django_db

CODES = ["7112 01", "7112 02", "7111 01", "7115 01", "7212 01", "7411 01"]
LICENCES = ["B", "C", "CE"]
READINESS = {"ready_now": 10, "later": 3, "not_now": 0}


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _profiles(rng: random.Random, orgs: list[OrganisationWithStaff], places: list[str]) -> None:
    for n in range(44):
        org = orgs[0] if rng.random() < 0.7 else orgs[1]
        case = open_case(
            org.social_worker, org.organisation, first_name=f"Klients {n}",
            municipality_code=rng.choice(places),
            education_level=rng.choice(EducationLevel.values),
        )  # fmt: skip
        worker = org.social_worker
        services.profile_update(
            actor=worker, case=case, readiness=rng.choice(list(READINESS)),
            professions=[services.occupation_from_code(c) for c in rng.sample(CODES, k=rng.randint(0, 2))],  # noqa: E501
            licences=rng.sample(LICENCES, k=rng.randint(0, 2)),
        )  # fmt: skip
        for code in rng.sample(CODES, k=rng.randint(0, 2)):
            services.experience_add(
                actor=worker, case=case, occupation_code=code, years=rng.randint(0, 6)
            )
        if rng.random() < 0.3:
            services.qualification_add(
                actor=worker, case=case, title="Apliecība", occupation_code=rng.choice(CODES),
                kind=Qualification.Kind.QUALIFICATION_CERTIFICATE,
            )  # fmt: skip


@dataclass
class _Person:
    profile_id: int
    municipality_id: int
    education_rank: int
    readiness: str
    licences: list[str]
    years: dict[str, int]  # occupation code → most years in it (0: no experience)


def _people() -> list[_Person]:
    """Each profile's facts, read from the primary rows."""
    people = []
    for profile in EmploymentProfile.objects.select_related("client"):
        years: dict[str, int] = {o.code: 0 for o in profile.professions.all()}
        for q in Qualification.objects.filter(profile=profile, occupation__isnull=False):
            years.setdefault(q.occupation.code, 0)  # type: ignore[union-attr]
        for e in profile.experience.select_related("occupation"):
            years[e.occupation.code] = max(years.get(e.occupation.code, 0), e.years)
        people.append(
            _Person(
                profile_id=profile.pk, municipality_id=profile.client.municipality_id,
                education_rank=EDUCATION_RANK.get(profile.client.education_level, -1),
                readiness=profile.readiness, licences=profile.licences, years=years,
            )
        )  # fmt: skip
    return people


def _places_and_profiles(rng: random.Random, orgs: list[OrganisationWithStaff]) -> list[str]:
    """Saldus twice, three other Kurzeme municipalities and Rīga (another planning region);
    then the clients with their profiles, living in those places."""
    saldus = Municipality.objects.get(code="saldus-novads")
    kurzeme = list(
        Municipality.objects.filter(region_id=saldus.region_id, valid_to__isnull=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    places = ["saldus-novads", "saldus-novads", *rng.sample(kurzeme, k=3), "riga"]
    _profiles(rng, orgs, places)
    return places


def _reference(job: Vacancy, people: list[_Person], visible: set[int]) -> list[tuple[int, int]]:
    """(profile id, score) of every candidate the viewer may see, best first, computed person
    by person from the rules."""
    occupation, required = job.occupation, job.min_experience_years
    region = set(
        Municipality.objects.filter(region_id=job.municipality.region_id).values_list(
            "pk", flat=True
        )
    )
    scored = []
    for person in people:
        if person.profile_id not in visible or person.municipality_id not in region:
            continue
        years = person.years
        related = [code for code in years if code[:3] == occupation.code[:3]]
        here = person.municipality_id == job.municipality_id
        if not related and not here:
            continue
        points = 0
        if related:
            points = max(
                40 if code == occupation.code else 25 if code[:4] == occupation.code[:4] else 10
                for code in related
            )
        in_group = [years[code] for code in related if code[:4] == occupation.code[:4]]
        if in_group:
            best = max(in_group)
            experience = (15 + (5 if required else 0)) if best >= max(required, 1) else (
                0 if best >= required else -10
            )  # fmt: skip
        else:
            experience = -10 if required else 0
        score = points + experience + (20 if here else 10) + READINESS[person.readiness]
        if job.required_education_rank > 0:
            score += 5 if person.education_rank >= job.required_education_rank else -10
        if job.licence_category:
            score += 5 if job.licence_category in person.licences else -10
        scored.append((person.profile_id, score))
    return sorted(scored, key=lambda row: (-row[1], row[0]))


def test_the_ranking_equals_a_plain_reading_of_the_rules(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, monkeypatch: Any
) -> None:
    rng = random.Random(20261203)  # noqa: S311 — synthetic data
    places = _places_and_profiles(rng, [org_a, org_b])
    # A colleague on the team of a few of org A's cases sees only those.
    colleague = member(org_a.organisation)
    for case in org_a.organisation.cases.order_by("pk")[:4]:
        case_services.team_member_add(
            actor=org_a.social_worker, case=case, user=colleague, role=TeamRole.values[0]
        )
    author = org_a.social_worker
    firm = employer(author)
    jobs = [
        vacancy(author, firm, "7112 01"),
        vacancy(
            author,
            firm,
            "7112 01",
            min_experience_years=2,
            licence_category="C",
            required_education="secondary",
        ),
        vacancy(author, firm, "7115 01", municipality_code=places[2], min_experience_years=1),
        vacancy(author, firm, "7411 01", required_education="basic", licence_category="B"),
    ]
    viewers = [org_a.supervisor, org_a.social_worker, org_b.social_worker, colleague]
    people = _people()
    visible = {
        viewer.pk: set(
            EmploymentProfile.objects.filter(
                client_id__in=plan_visible_cases(viewer).values("client_id")
            ).values_list("pk", flat=True)
        )
        for viewer in viewers
    }
    expected = {
        (job.pk, v.pk): _reference(job, people, visible[v.pk]) for job in jobs for v in viewers
    }
    ranked = []
    kinds: dict[tuple[int, int], set[str]] = {}
    # Few cases (every viewer here): they filter the candidates directly. Then as if each saw
    # many (FEW_CASES 0): the window, and a window so small that it often runs out.
    default = candidates.FEW_CASES
    for few, window in ((default, 8), (0, 8), (0, 1)):
        monkeypatch.setattr(candidates, "FEW_CASES", few)
        monkeypatch.setattr(candidates, "WINDOW_PER_RESULT", window)
        with CaptureQueriesContext(connection) as queries:
            for job in jobs:
                for viewer in viewers:
                    for limit in (3, 25):
                        found = matching.clients_for_vacancy(
                            job, plan_visible_cases(viewer), limit=limit
                        )
                        best = expected[job.pk, viewer.pk][:limit]
                        assert [(m.profile.pk, m.match.score) for m in found] == best, (
                            job.occupation.code, viewer.pk, limit, few, window,
                        )  # fmt: skip
                        ranked.append(len(best))
        kinds[few, window] = {
            "window" if "CASE WHEN EXISTS" in q["sql"] else "exact"
            for q in queries.captured_queries
            if "AS occupation_points" in q["sql"]
        }
    assert kinds == {
        (default, 8): {"exact"},
        (0, 8): {"window", "exact"},
        (0, 1): {"window", "exact"},
    }
    # The data is rich enough that the rankings are not trivial.
    assert max(ranked) >= 10
    assert 0 in ranked  # someone sees none of a vacancy's candidates


def _vacancy_reference(
    person: _Person, jobs: list[Vacancy], region: set[int], today: date
) -> list[tuple[int, int]]:
    """(vacancy id, score) of every open vacancy proposed to the person, best first."""
    codes = set(person.years)
    scored = []
    for job in jobs:
        code = job.occupation.code
        here = job.municipality_id == person.municipality_id
        related = code[:3] in {c[:3] for c in codes} and job.municipality_id in region
        open_now = job.opened_on <= today and (job.closed_on is None or job.closed_on > today)
        if not open_now or job.accepts_record == "no" or not (related or here):
            continue
        score = 40 if code in codes else 25 if code[:4] in {c[:4] for c in codes} else (
            10 if code[:3] in {c[:3] for c in codes} else 0
        )  # fmt: skip
        score += 20 if here else 10 if job.municipality_id in region else 0
        years = max((n for c, n in person.years.items() if c[:4] == code[:4]), default=0)
        met = job.min_experience_years <= years
        score += 15 if years > 0 and met else 0
        if job.required_education_rank > 0:
            score += 5 if person.education_rank >= job.required_education_rank else -10
        score += -10 if not met else 5 if job.min_experience_years > 0 else 0
        if job.licence_category:
            score += 5 if job.licence_category in person.licences else -10
        score += 5 if job.accepts_record == "yes" else 0
        score += (5 if job.mentor_available else 0) + (3 if job.subsidised else 0)
        scored.append((job.pk, score, job.opened_on))
    scored.sort(key=lambda row: (-row[1], -row[2].toordinal(), row[0]))
    return [(pk, score) for pk, score, _opened in scored]


def test_the_vacancies_for_a_client_equal_a_plain_reading_of_the_rules(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    rng = random.Random(20261204)  # noqa: S311 — synthetic data
    places = _places_and_profiles(rng, [org_a, org_b])
    author = org_a.social_worker
    firm = employer(author)
    today = timezone.localdate()
    jobs = []
    for _ in range(40):
        job = vacancy(
            author, firm, rng.choice(CODES), municipality_code=rng.choice(places),
            opened_on=today - timedelta(days=rng.randint(1, 90)),
            accepts_record=rng.choice(["yes", "ask", "no"]),
            mentor_available=rng.random() < 0.4, subsidised=rng.random() < 0.3,
            min_experience_years=rng.choice([0, 0, 1, 3]),
            licence_category=rng.choice(["", "", "B", "CE"]),
            required_education=rng.choice(["", "basic", "secondary", "higher"]),
        )  # fmt: skip
        if rng.random() < 0.15:
            services.vacancy_close(actor=author, vacancy=job, closed_on=today)
            job.refresh_from_db()
        jobs.append(job)
    people = {person.profile_id: person for person in _people()}
    compared = []
    for profile in EmploymentProfile.objects.select_related("client").order_by("pk"):
        person = people[profile.pk]
        region = set(
            Municipality.objects.filter(
                region_id=profile.client.municipality.region_id
            ).values_list("pk", flat=True)
        )
        expected = _vacancy_reference(person, jobs, region, today)
        for limit in (5, 25):
            found = matching.vacancies_for_client(profile.client, profile, today=today, limit=limit)
            assert [(m.vacancy.pk, m.match.score) for m in found] == expected[:limit], (
                profile.pk, limit,
            )  # fmt: skip
        compared.append(len(expected))
    assert max(compared) >= 10  # rankings long enough to cut
    # Closed vacancies and those refusing people with a record were there to leave out.
    assert any(job.closed_on for job in jobs)
    assert any(job.accepts_record == "no" for job in jobs)
