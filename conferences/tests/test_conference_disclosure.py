"""Conference minutes and decisions follow the client's consent (issue 19): a line that
concerns health is replaced, for an officer of another organisation whose consent leaves
health out, by the neutral placeholder; the other lines stay. Such an officer cannot save
minutes they were shown only in part (saving would erase the withheld lines)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import OrganisationFactory, member
from cases import services as case_services
from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conferences.models import CaseConference
from conferences.services import conference_plan, conference_record
from conftest import OrganisationWithStaff, client_for
from core.errors import DomainError

pytestmark = pytest.mark.django_db

HEALTH_LINE = "Klients sāks ārstēšanu pie narkologa"
PLAIN_LINE = "Darba plāns apspriests"


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation)


@pytest.fixture
def officer(case: Case, org_a: OrganisationWithStaff) -> User:
    probation = OrganisationFactory.create(name="Probācija (tests)")
    user = member(probation, Role.PROBATION_OFFICER)
    case_services.team_member_add(
        actor=org_a.social_worker, case=case, user=user, role="probation_officer"
    )
    consent_for(case, probation, "identity", "case_plan", "conviction")
    return user


def _conference(case: Case, worker: User) -> CaseConference:
    conference = conference_plan(
        actor=worker, case=case, starts_at=timezone.now() + timedelta(hours=1),
        place="Saldus", video_link="", participants=[],
    )  # fmt: skip
    return conference_record(
        actor=worker, conference=conference, attended=[],
        minutes=f"{PLAIN_LINE}\n{HEALTH_LINE}", decisions=f"Tikties\n{HEALTH_LINE} (lēmums)",
    )  # fmt: skip


def test_a_health_line_of_the_minutes_is_withheld_the_rest_shown(
    case: Case, officer: User, org_a: OrganisationWithStaff
) -> None:
    conference = _conference(case, org_a.social_worker)
    url = reverse("conferences:detail", args=[conference.pk])
    theirs = client_for(officer, "en").get(url).content.decode()
    assert PLAIN_LINE in theirs
    assert "narkologa" not in theirs
    assert "Not shared with your organisation" in theirs
    ours = client_for(org_a.social_worker, "en").get(url).content.decode()
    assert HEALTH_LINE in ours


def test_minutes_shown_in_part_cannot_be_saved_over(
    case: Case, officer: User, org_a: OrganisationWithStaff
) -> None:
    conference = _conference(case, org_a.social_worker)
    conference.case = case
    with pytest.raises(DomainError):
        conference_record(
            actor=officer, conference=conference, attended=[], minutes="x", decisions=""
        )
    assert HEALTH_LINE in CaseConference.objects.get(pk=conference.pk).minutes
