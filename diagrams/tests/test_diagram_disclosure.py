"""Genogram and family map labels follow the client's consent (issue 19): a genogram person or
a family map member, subsystem or note whose words concern health shows, to an officer of
another organisation whose consent leaves health out, as the neutral placeholder, in the
pages, the edit forms' choices and the PDF; the person stays in the drawing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import OrganisationFactory, member
from cases import services as case_services
from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from diagrams import services

pytestmark = pytest.mark.django_db

PERSON = "Tēvs, ārstējas"
ROLE = "Narkologs"
NOT_SHARED = "Not shared with your organisation"


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


def test_health_labels_are_withheld_and_the_people_stay(
    case: Case, officer: User, org_a: OrganisationWithStaff
) -> None:
    worker = org_a.social_worker
    person = services.person_add(actor=worker, case=case, name=PERSON, sex="male")
    services.person_add(actor=worker, case=case, name="Māte", sex="female")
    family_map = services.family_map_create(
        actor=worker, case=case, drawn_on=timezone.localdate(), outside_boundary="clear"
    )
    family_map.case = case
    services.family_member_add(actor=worker, family_map=family_map, person=person)
    services.family_member_add(actor=worker, family_map=family_map, label=ROLE)
    theirs = client_for(officer, "en")
    genogram = theirs.get(reverse("diagrams:genogram", args=[case.pk])).content.decode()
    assert "ārstējas" not in genogram
    assert "Māte" in genogram
    assert NOT_SHARED in genogram
    map_page = theirs.get(
        reverse("diagrams:family_map", args=[case.pk, family_map.pk])
    ).content.decode()
    assert "ārstējas" not in map_page
    assert ROLE not in map_page
    add = theirs.get(
        reverse("diagrams:family_relation_add", args=[case.pk, family_map.pk])
    ).content.decode()
    assert "ārstējas" not in add
    assert ROLE not in add
    edit = theirs.get(reverse("diagrams:person_edit", args=[case.pk, person.pk]))
    assert edit.status_code == 404
    ours = client_for(worker, "en").get(reverse("diagrams:genogram", args=[case.pk]))
    assert PERSON in ours.content.decode()
