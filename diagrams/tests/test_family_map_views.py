"""E4 family map (Minuchin) through the pages: the same access rules as the other diagrams
(404 outside the user's view, 403 without edit rights, reads in audit.AccessLog), the SVG and
its text alternative, bad input refused with a translated error, the input kept and status 400,
and every diagram write on the case's timeline (ids and codes only)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.models import AccessLog
from cases import services as case_services
from cases.models import Case, CaseEvent, TeamRole
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from diagrams import demo, services
from diagrams.models import FamilyMap, FamilyMember, FamilyRelation, FamilySubsystem

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation)


@pytest.fixture
def family_map(org_a: OrganisationWithStaff, case: Case) -> FamilyMap:
    return services.family_map_create(
        actor=org_a.social_worker, case=case, drawn_on=timezone.localdate(),
        outside_boundary="rigid",
    )  # fmt: skip


def _members(actor: User, family_map: FamilyMap, *labels: str) -> list[FamilyMember]:
    return [
        services.family_member_add(actor=actor, family_map=family_map, label=label)
        for label in labels
    ]


def _url(name: str, family_map: FamilyMap, **kwargs: int) -> str:
    return reverse(
        f"diagrams:{name}",
        kwargs={"case_id": family_map.case_id, "map_id": family_map.pk, **kwargs},
    )


def test_drawing_a_family_map_through_the_forms(org_a: OrganisationWithStaff, case: Case) -> None:
    """E4: start a dated map, add members from the genogram or by role, a subsystem with its
    boundary and relations; the page shows the picture and the same data as tables."""
    worker = client_for(org_a.social_worker)
    mother = services.person_add(actor=org_a.social_worker, case=case, name="Māte Ilga",
                                 sex="female", birth_year=1956)  # fmt: skip
    response = worker.post(
        reverse("diagrams:family_maps", args=[case.pk]),
        {"drawn_on": "2026-02-01", "outside_boundary": "diffuse", "note": "Pirmā karte"},
    )
    assert response.status_code == 302
    family_map = case.family_maps.get()
    assert (
        worker.post(_url("family_member_add", family_map), {"person": mother.pk}).status_code == 302
    )
    assert (
        worker.post(_url("family_member_add", family_map), {"label": "Partneris"}).status_code
        == 302
    )
    assert worker.post(_url("family_member_add", family_map), {"label": "Dēls"}).status_code == 302
    first, partner, son = family_map.members.order_by("pk")
    assert first.person == mother
    response = worker.post(
        _url("family_subsystem_add", family_map),
        {"kind": "spousal", "name": "Vecāki", "boundary": "rigid",
         "members": [first.pk, partner.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    parents = family_map.subsystems.get()
    for data in [
        {"first": first.pk, "kind": "over_involvement", "second": son.pk},
        {"first": son.pk, "kind": "conflict", "second_subsystem": parents.pk},
        {"first": first.pk, "kind": "coalition", "second": son.pk, "against": partner.pk},
    ]:
        assert worker.post(_url("family_relation_add", family_map), data).status_code == 302
    response = worker.get(_url("family_map", family_map))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="family-map"' in page
    assert 'role="img"' in page
    assert '<title id="family-map-title">' in page
    assert "boundary-diffuse" in page  # the family towards the outside
    assert "subsystem-spousal boundary-rigid" in page
    assert "relation-over_involvement" in page
    assert "relation-coalition" in page
    assert "Māte Ilga" in page
    assert "Vecāki" in page
    assert "pārmērīga iesaiste" in page  # the relations table, in Latvian
    assert "Apzīmējumi" in page  # the key to the symbols
    assert AccessLog.objects.filter(
        user=org_a.social_worker, object_type="family_map", object_id=family_map.pk,
        case_id=case.pk,
    ).exists()  # fmt: skip


def test_bad_relations_are_refused_with_the_input_kept(
    org_a: OrganisationWithStaff, family_map: FamilyMap
) -> None:
    """E4: a member with themselves, a coalition without a third person, a third person in a
    plain relation: translated error, input kept, 400, nothing stored."""
    a, b, c = _members(org_a.social_worker, family_map, "Māte", "Tēvs", "Meita")
    worker = client_for(org_a.social_worker)
    url = _url("family_relation_add", family_map)
    cases = [
        ({"first": a.pk, "kind": "affiliation", "second": a.pk}, "ar sevi"),
        ({"first": a.pk, "kind": "coalition", "second": b.pk}, "trešo personu"),
        ({"first": a.pk, "kind": "coalition", "second": b.pk, "against": b.pk}, "Trešajai"),
        ({"first": a.pk, "kind": "conflict", "second": b.pk, "against": c.pk}, "Tikai koalīcija"),
        ({"first": a.pk, "kind": "conflict"}, "otru locekli vai apakšsistēmu"),
    ]
    for data, message in cases:
        response = worker.post(url, data)
        assert response.status_code == 400, data
        page = response.content.decode()
        assert message in page, data
        assert f'<option value="{a.pk}" selected>' in page
    assert not FamilyRelation.objects.exists()


def test_a_member_of_another_case_is_refused(
    org_a: OrganisationWithStaff, family_map: FamilyMap
) -> None:
    other_case = open_case(org_a.social_worker, org_a.organisation, first_name="Cits")
    stranger = services.person_add(actor=org_a.social_worker, case=other_case, name="Svešais",
                                   sex="male")  # fmt: skip
    other_map = services.family_map_create(
        actor=org_a.social_worker, case=other_case, drawn_on=timezone.localdate(),
        outside_boundary="clear",
    )  # fmt: skip
    (theirs,) = _members(org_a.social_worker, other_map, "Brālis")
    (mine,) = _members(org_a.social_worker, family_map, "Māte")
    worker = client_for(org_a.social_worker)
    response = worker.post(_url("family_member_add", family_map), {"person": stranger.pk})
    assert response.status_code == 400
    response = worker.post(
        _url("family_relation_add", family_map),
        {"first": mine.pk, "kind": "affiliation", "second": theirs.pk},
    )
    assert response.status_code == 400
    response = worker.post(
        _url("family_subsystem_add", family_map),
        {"kind": "sibling", "boundary": "clear", "members": [mine.pk, theirs.pk]},
    )
    assert response.status_code == 400
    assert family_map.members.count() == 1
    assert not FamilyRelation.objects.exists()
    assert not FamilySubsystem.objects.exists()
    # and a removal through my case's address does not reach the other map
    response = worker.post(_url("family_member_remove", family_map, member_id=theirs.pk))
    assert response.status_code == 404
    assert FamilyMember.objects.filter(pk=theirs.pk).exists()


def test_members_are_limited_and_need_a_person_or_a_role(
    org_a: OrganisationWithStaff, family_map: FamilyMap
) -> None:
    worker = client_for(org_a.social_worker)
    url = _url("family_member_add", family_map)
    response = worker.post(url, {"label": ""})
    assert response.status_code == 400
    assert "Izvēlieties personu no genogrammas vai ierakstiet lomu" in response.content.decode()
    _members(org_a.social_worker, family_map, *[f"Loceklis {n}" for n in range(20)])
    response = worker.post(url, {"label": "Divdesmit pirmais"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "ne vairāk kā 20" in page
    assert 'value="Divdesmit pirmais"' in page
    assert family_map.members.count() == FamilyMember.MAX_MEMBERS


def test_a_subsystem_needs_two_members(org_a: OrganisationWithStaff, family_map: FamilyMap) -> None:
    (a,) = _members(org_a.social_worker, family_map, "Māte")
    response = client_for(org_a.social_worker).post(
        _url("family_subsystem_add", family_map),
        {"kind": "other", "name": "Viena", "boundary": "clear", "members": [a.pk]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Izvēlieties vismaz divus locekļus" in page
    assert 'value="Viena"' in page


def test_access_rules_like_the_other_diagrams(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, family_map: FamilyMap
) -> None:
    """404 outside the user's view, 403 to read-only colleagues' edits."""
    a, b = _members(org_a.social_worker, family_map, "Māte", "Tēvs")
    subsystem = services.family_subsystem_add(
        actor=org_a.social_worker, family_map=family_map, kind="spousal", boundary="clear",
        members=[a, b],
    )  # fmt: skip
    relation = services.family_relation_add(
        actor=org_a.social_worker, family_map=family_map, kind="conflict", first=a, second=b
    )
    urls = [
        reverse("diagrams:family_maps", args=[family_map.case_id]),
        _url("family_map", family_map),
        _url("family_member_add", family_map),
        _url("family_subsystem_add", family_map),
        _url("family_relation_add", family_map),
        _url("family_member_remove", family_map, member_id=a.pk),
        _url("family_subsystem_remove", family_map, subsystem_id=subsystem.pk),
        _url("family_relation_remove", family_map, relation_id=relation.pk),
    ]
    outsider = client_for(org_b.social_worker)
    for url in urls:
        assert outsider.get(url).status_code in (404, 405), url
        assert outsider.post(url, {"label": "X"}).status_code == 404, url
    assert (
        not AccessLog.objects.filter(user=org_b.social_worker)
        .filter(case_id=family_map.case_id)
        .exists()
    )
    # a partner organisation's worker on the case team, with the client's consent to share
    # identity only (not the case plan): the case opens for them, its diagrams do not
    consent_for(family_map.case, org_b.organisation, "identity")
    case_services.team_member_add(
        actor=org_a.social_worker, case=family_map.case, user=org_b.social_worker,
        role=TeamRole.values[0],
    )  # fmt: skip
    for url in urls:
        assert outsider.post(url, {"label": "X"}).status_code == 403, url
    assert family_map.members.count() == 2
    assert FamilyRelation.objects.filter(pk=relation.pk).exists()


def test_removing_a_member_takes_their_relations_along(
    org_a: OrganisationWithStaff, family_map: FamilyMap
) -> None:
    a, b = _members(org_a.social_worker, family_map, "Māte", "Tēvs")
    services.family_relation_add(actor=org_a.social_worker, family_map=family_map,
                                 kind="affiliation", first=a, second=b)  # fmt: skip
    response = client_for(org_a.social_worker).post(
        _url("family_member_remove", family_map, member_id=b.pk)
    )
    assert response.status_code == 302
    assert list(family_map.members.all()) == [a]
    assert not FamilyRelation.objects.exists()


def test_every_diagram_write_is_on_the_timeline_with_ids_only(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """E1, E2, E4: ecomap, genogram, network map, culturagram and family map writes each add a
    'diagram updated' entry naming the diagram by code, never a person's name."""
    actor = org_a.social_worker
    snapshot = services.ecomap_create(actor=actor, case=case, drawn_on=timezone.localdate())
    services.connection_add(actor=actor, snapshot=snapshot, kind="work", label="Darbs Ilzei")
    mother = services.person_add(actor=actor, case=case, name="Māte Ilze", sex="female")
    son = services.person_add(actor=actor, case=case, name="Dēls Kārlis", sex="male")
    services.relation_add(actor=actor, case=case, first=mother, kind="close", second=son)
    services.member_add(
        actor=actor, case=case, name="Kaimiņš Juris", area="neighbours", concrete_support=2,
        emotional_support=1, information_support=1, criticism=1, direction=1, closeness=2,
        frequency=3, years_known=3,
    )  # fmt: skip
    services.culturagram_save(actor=actor, case=case, language="Mājās ar Ilzi runā latviski")
    family_map = services.family_map_create(
        actor=actor, case=case, drawn_on=timezone.localdate(), outside_boundary="clear"
    )
    a = services.family_member_add(actor=actor, family_map=family_map, person=mother)
    b = services.family_member_add(actor=actor, family_map=family_map, label="Partneris Ints")
    services.family_subsystem_add(
        actor=actor, family_map=family_map, kind="spousal", boundary="clear", members=[a, b],
        name="Ilze un Ints",
    )  # fmt: skip
    services.family_relation_add(actor=actor, family_map=family_map, kind="conflict",
                                 first=a, second=b)  # fmt: skip
    events = list(case.events.filter(kind=CaseEvent.Kind.DIAGRAM_UPDATED).order_by("pk"))
    assert [e.data["diagram"] for e in events] == [
        "ecomap", "ecomap", "genogram", "genogram", "genogram", "network", "culturagram",
        "family_map", "family_map", "family_map", "family_map", "family_map",
    ]  # fmt: skip
    assert events[-1].data["action"] == "family_relation_added"
    assert all(e.actor == actor for e in events)
    text = " ".join(str(e.data) for e in events)
    for name in ("Ilz", "Kārl", "Juris", "Ints", "Darbs", "latviski"):
        assert name not in text


def test_demo_family_map_for_janis_uses_his_genogram(org_a: OrganisationWithStaff) -> None:
    """A2/E4: Jānis's demo family map stands on the people of his genogram."""
    case = open_case(org_a.social_worker, org_a.organisation)
    demo.seed()
    family_map = case.family_maps.get()
    members = list(family_map.members.select_related("person"))
    assert {m.display_label for m in members} >= {"Jānis", "Māte Ilga", "Māsa Inese"}
    assert all(m.person is not None and m.person.case_id == case.pk for m in members)
    assert family_map.relations.filter(kind="coalition", against__isnull=False).exists()
    response = client_for(org_a.social_worker).get(_url("family_map", family_map))
    assert response.status_code == 200
    assert response.content.decode().count('class="member"') == len(members)


def test_the_family_map_page_reads_a_fixed_number_of_queries(
    org_a: OrganisationWithStaff, case: Case, family_map: FamilyMap
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    actor = org_a.social_worker
    worker = client_for(actor)
    url = _url("family_map", family_map)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert worker.get(url).status_code == 200
        return len(captured)

    def grow(n: int) -> None:
        person = services.person_add(actor=actor, case=case, name=f"P{n}", sex="female")
        a = services.family_member_add(actor=actor, family_map=family_map, person=person)
        b = services.family_member_add(actor=actor, family_map=family_map, label=f"L{n}")
        services.family_subsystem_add(actor=actor, family_map=family_map, kind="other",
                                      boundary="clear", members=[a, b])  # fmt: skip
        services.family_relation_add(actor=actor, family_map=family_map, kind="conflict",
                                     first=a, second=b)  # fmt: skip

    grow(0)
    worker.get(url)  # warm up
    before = queries()
    for n in range(1, 6):
        grow(n)
    assert queries() == before
