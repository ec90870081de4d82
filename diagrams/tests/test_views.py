"""E1, E2, E4 through the pages: case visibility (404), access log, bad input kept (400),
the SVG and its data table, a constant number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from cases.models import Case
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from diagrams import services
from diagrams.models import GenogramPerson, NetworkMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation)


def _member(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Kaimiņš", "area": "neighbours", "concrete_support": 2, "emotional_support": 1,
        "information_support": 1, "criticism": 1, "direction": 1, "closeness": 2,
        "frequency": 3, "years_known": 3,
    }  # fmt: skip
    return {**data, **overrides}


def test_other_organisations_get_404_everywhere(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case
) -> None:
    snapshot = services.ecomap_create(
        actor=org_a.social_worker, case=case, drawn_on=timezone.localdate()
    )
    outsider = client_for(org_b.social_worker)
    for name, kwargs in [
        ("diagrams:overview", {}),
        ("diagrams:ecomaps", {}),
        ("diagrams:ecomap", {"snapshot_id": snapshot.pk}),
        ("diagrams:genogram", {}),
        ("diagrams:network", {}),
        ("diagrams:culturagram", {}),
    ]:
        url = reverse(name, kwargs={"case_id": case.pk, **kwargs})
        assert outsider.get(url).status_code == 404
        assert outsider.post(url, {}).status_code == 404
    assert not AccessLog.objects.filter(user=org_b.social_worker, case_id=case.pk).exists()


def test_a_snapshot_of_another_case_is_not_found_through_my_case(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case
) -> None:
    theirs = open_case(org_b.social_worker, org_b.organisation, first_name="Slepenais")
    snapshot = services.ecomap_create(
        actor=org_b.social_worker, case=theirs, drawn_on=timezone.localdate()
    )
    url = reverse("diagrams:ecomap", args=[case.pk, snapshot.pk])
    assert client_for(org_a.social_worker).get(url).status_code == 404


def test_ecomap_page_draws_the_connections_with_a_table_and_logs_the_read(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """E1: the ecomap as a picture and as a table."""
    worker = client_for(org_a.social_worker)
    response = worker.post(
        reverse("diagrams:ecomaps", args=[case.pk]), {"drawn_on": "2026-01-10", "note": ""}
    )
    assert response.status_code == 302
    snapshot = case.ecomaps.get()
    url = reverse("diagrams:ecomap", args=[case.pk, snapshot.pk])
    response = worker.post(
        url, {"kind": "probation", "label": "Probācija", "strength": "strong", "stressful": "on",
              "flow": "both", "note": ""},
    )  # fmt: skip
    assert response.status_code == 302
    page = worker.get(url).content.decode()
    assert 'role="img"' in page
    assert '<title id="ecomap-title">' in page
    assert "strength-strong" in page
    assert 'class="stress"' in page
    assert '<th scope="row" class="govuk-table__header">Probācija' in page
    assert AccessLog.objects.filter(
        user=org_a.social_worker, object_type="ecomap", object_id=snapshot.pk, case_id=case.pk
    ).exists()


def test_two_snapshots_side_by_side(org_a: OrganisationWithStaff, case: Case) -> None:
    first = services.ecomap_create(
        actor=org_a.social_worker, case=case, drawn_on=timezone.localdate()
    )
    services.connection_add(actor=org_a.social_worker, snapshot=first, kind="work",
                            strength="tenuous")  # fmt: skip
    second = services.ecomap_create(
        actor=org_a.social_worker, case=case, drawn_on=timezone.localdate(), copy_from=first
    )
    connection_ = second.connections.get()
    services.connection_update(actor=org_a.social_worker, connection=connection_, strength="strong")
    page = (
        client_for(org_a.social_worker)
        .get(reverse("diagrams:ecomap_compare", args=[case.pk]))
        .content.decode()
    )
    assert page.count('role="img"') == 2
    assert 'id="ecomap-0"' in page
    assert 'id="ecomap-1"' in page
    assert "vāja" in page or "strength-tenuous" in page


def test_a_sixteenth_network_member_is_refused_with_the_input_kept(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """E2: at most 15 people on the social network map."""
    for n in range(15):
        data = _member(name=f"Cilvēks {n}")
        services.member_add(actor=org_a.social_worker, case=case, **data)
    response = client_for(org_a.social_worker).post(
        reverse("diagrams:network", args=[case.pk]), _member(name="Sešpadsmitais")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ne vairāk kā 15" in page
    assert 'value="Sešpadsmitais"' in page
    assert NetworkMember.objects.filter(case=case).count() == 15


def test_network_indicators(org_a: OrganisationWithStaff, case: Case) -> None:
    services.member_add(actor=org_a.social_worker, case=case, **_member(concrete_support=3))
    services.member_add(actor=org_a.social_worker, case=case, **_member(area="family", direction=3))
    page = (
        client_for(org_a.social_worker)
        .get(reverse("diagrams:network", args=[case.pk]))
        .content.decode()
    )
    assert "1 (50%)" in page  # one of two in each area
    assert 'data-member="2"' in page


def test_death_before_birth_and_child_before_parent_are_refused(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    worker = client_for(org_a.social_worker)
    response = worker.post(
        reverse("diagrams:person_add", args=[case.pk]),
        {"name": "Tēvs", "sex": "male", "birth_year": "1960", "death_year": "1950"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Miršanas gads nevar būt pirms dzimšanas gada" in page
    assert 'value="Tēvs"' in page
    assert 'value="1950"' in page
    parent = services.person_add(actor=org_a.social_worker, case=case, name="Māte",
                                 sex="female", birth_year=1970)  # fmt: skip
    child = services.person_add(actor=org_a.social_worker, case=case, name="Dēls",
                                sex="male", birth_year=1965)  # fmt: skip
    response = worker.post(
        reverse("diagrams:relation_add", args=[case.pk]),
        {"first": parent.pk, "kind": "child_biological", "second": child.pk},
    )
    assert response.status_code == 400
    assert "Bērns nevar būt dzimis pirms vecāka" in response.content.decode()
    assert not case.genogram_relations.exists()


def test_genogram_page_logs_and_shows_people(org_a: OrganisationWithStaff, case: Case) -> None:
    services.person_add(actor=org_a.social_worker, case=case, name="Jānis", sex="male",
                        birth_year=1981, is_index=True)  # fmt: skip
    response = client_for(org_a.social_worker).get(reverse("diagrams:genogram", args=[case.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="genogram"' in page
    assert 'role="img"' in page
    assert AccessLog.objects.filter(object_type="genogram", case_id=case.pk).exists()


def test_only_one_index_person(org_a: OrganisationWithStaff, case: Case) -> None:
    first = services.person_add(actor=org_a.social_worker, case=case, name="A", sex="male",
                                is_index=True)  # fmt: skip
    services.person_add(actor=org_a.social_worker, case=case, name="B", sex="male", is_index=True)
    first.refresh_from_db()
    assert not first.is_index


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_diagram(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    actor = org_a.social_worker
    worker = client_for(actor)
    snapshot = services.ecomap_create(actor=actor, case=case, drawn_on=timezone.localdate())
    people = [services.person_add(actor=actor, case=case, name="P0", sex="male", birth_year=1950)]
    services.connection_add(actor=actor, snapshot=snapshot, kind="work")
    services.member_add(actor=actor, case=case, **_member())
    urls = [
        reverse("diagrams:ecomap", args=[case.pk, snapshot.pk]),
        reverse("diagrams:ecomaps", args=[case.pk]),
        reverse("diagrams:genogram", args=[case.pk]),
        reverse("diagrams:network", args=[case.pk]),
    ]
    for url in urls:  # warm up: the first request of a session does some one-off work
        worker.get(url)
    before = [_queries(worker, url) for url in urls]
    for n in range(1, 12):
        services.connection_add(actor=actor, snapshot=snapshot, kind="friends", label=f"D{n}")
        person = services.person_add(actor=actor, case=case, name=f"P{n}", sex="female",
                                     birth_year=1975 + n)  # fmt: skip
        services.relation_add(actor=actor, case=case, first=people[0], kind="child_biological",
                              second=person)  # fmt: skip
        services.member_add(actor=actor, case=case, **_member(name=f"M{n}"))
    assert GenogramPerson.objects.filter(case=case).count() == 12
    assert [_queries(worker, url) for url in urls] == before


def test_a_colleague_without_case_work_rights_cannot_edit(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """An organisation admin has no case access at all: 404, not a form."""
    response = client_for(org_a.admin).post(
        reverse("diagrams:person_add", args=[case.pk]), {"name": "X", "sex": "male"}
    )
    assert response.status_code == 404
    assert not GenogramPerson.objects.exists()
