"""Visibility, search and the caseload's columns (A1, F1)."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.models import Appointment, Confidentiality
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from people.personal_code import with_check_digit

pytestmark = pytest.mark.django_db


def test_cases_of_another_organisation_are_invisible(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    mine = open_case(org_a.social_worker, org_a.organisation)
    theirs = open_case(org_b.social_worker, org_b.organisation, first_name="Olegs")
    assert list(selectors.cases_visible_to(org_a.social_worker)) == [mine]
    assert selectors.case_for(org_a.social_worker, theirs.pk) is None
    assert list(selectors.case_search(org_a.social_worker, "Olegs")) == []


def test_organisation_admin_without_case_role_sees_no_cases(org_a: OrganisationWithStaff) -> None:
    open_case(org_a.social_worker, org_a.organisation)
    assert list(selectors.cases_visible_to(org_a.admin)) == []


@pytest.mark.parametrize(
    "query", ["janis berzins", "Jānis Bērziņš", "BERZINS", "berziņš jānis", "bērz", " jan  ber "]
)
def test_search_ignores_diacritics_case_and_order(org_a: OrganisationWithStaff, query: str) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    open_case(org_a.social_worker, org_a.organisation, first_name="Pēteris", last_name="Ozols")
    assert list(selectors.case_search(org_a.social_worker, query)) == [case]


def test_search_checks_each_whole_word_not_only_its_beginning(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 10: the index is asked for each word's first letters; the whole words decide.
    Longer words that begin alike, short words and words inside the name keep their
    meaning."""
    worker, organisation = org_a.social_worker, org_a.organisation
    janis = open_case(worker, organisation)
    peteris = open_case(worker, organisation, first_name="Pēteris", last_name="Bērzkalns")
    assert list(selectors.case_search(worker, "berzinskis")) == []
    assert list(selectors.case_search(worker, "janis berzkalns")) == []
    assert list(selectors.case_search(worker, "berzkalns")) == [peteris]
    assert set(selectors.case_search(worker, "berz")) == {janis, peteris}
    assert list(selectors.case_search(worker, "j berz")) == [janis]
    assert list(selectors.case_search(worker, "rzi")) == [janis]  # inside a word
    assert list(selectors.case_search(worker, "eteris kalns")) == [peteris]


def test_search_finds_cyrillic_names(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation, first_name="Пётр", last_name="Ёлкин")
    assert list(selectors.case_search(org_a.social_worker, "петр елкин")) == [case]
    assert list(selectors.case_search(org_a.social_worker, "Ёлкин")) == [case]


def test_search_by_personal_code_and_case_number(org_a: OrganisationWithStaff) -> None:
    code = with_check_digit("2007821234")
    case = open_case(org_a.social_worker, org_a.organisation, personal_code=code)
    assert list(selectors.case_search(org_a.social_worker, code.replace("-", ""))) == [case]
    assert list(selectors.case_search(org_a.social_worker, code)) == [case]
    assert list(selectors.case_search(org_a.social_worker, case.number)) == [case]


@pytest.mark.parametrize("query", ["' OR 1=1 --", "%", "_", "\\", "'; DROP TABLE cases_case; --"])
def test_injection_shaped_searches_return_normally(
    org_a: OrganisationWithStaff, query: str
) -> None:
    open_case(org_a.social_worker, org_a.organisation)
    assert list(selectors.case_search(org_a.social_worker, query)) == []


def test_caseload_columns(org_a: OrganisationWithStaff) -> None:
    today = timezone.localdate()
    case = open_case(org_a.social_worker, org_a.organisation)
    services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=today - timedelta(days=2),
        contact_type="office", text="x", methods=[],
    )  # fmt: skip
    soon = services.appointment_plan(
        actor=org_a.social_worker, case=case,
        starts_at=timezone.now() + timedelta(days=3), place="Birojs",
    )  # fmt: skip
    Appointment.objects.create(
        case=case, worker=org_a.social_worker, place="Birojs",
        starts_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    row: Any = selectors.caseload(org_a.social_worker, selectors.CaseloadFilters()).get()
    assert row.next_meeting == soon.starts_at
    assert row.overdue_meetings == 1
    assert row.last_contact == today - timedelta(days=2)


def test_caseload_query_count_does_not_grow_with_rows(
    org_a: OrganisationWithStaff, django_assert_max_num_queries: object
) -> None:
    for n in range(30):
        case = open_case(org_a.social_worker, org_a.organisation, first_name=f"Klients{n}")
        services.appointment_plan(
            actor=org_a.social_worker, case=case,
            starts_at=timezone.now() + timedelta(days=n + 1), place="Birojs",
        )  # fmt: skip
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        rows: list[Any] = list(selectors.caseload(org_a.social_worker, selectors.CaseloadFilters()))
        assert all(row.next_meeting for row in rows)
        assert len({row.client.municipality.name for row in rows}) == 1


def test_the_caseload_reads_the_same_from_my_cases_read_as_with_its_own_queries(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    """Issue 10: the caseload page reads the user's cases once (`my_cases_read`) and gives
    their ids to the table, the lead-worker filter and the heading: the same rows and counts
    as each of them finds on its own, for a lead worker, a team member of the organisation and
    one of another organisation (without consent: none of it)."""
    from cases.models import CaseStatus, TeamMember, TeamRole

    worker, supervisor = org_a.social_worker, org_a.supervisor
    led = open_case(worker, org_a.organisation)
    closed = open_case(worker, org_a.organisation, first_name="Anna")
    closed.status = CaseStatus.CLOSED
    closed.save()
    on_team = open_case(supervisor, org_a.organisation, first_name="Zane")
    TeamMember.objects.create(case=on_team, user=worker, role=TeamRole.SOCIAL_WORKER)
    TeamMember.objects.create(case=led, user=org_b.social_worker, role=TeamRole.SOCIAL_WORKER)
    Appointment.objects.create(
        case=led, worker=worker, place="Birojs", starts_at=timezone.now() - timedelta(days=1)
    )
    for user in (worker, supervisor, org_b.social_worker):
        mine = selectors.my_cases_read(user)
        assert sorted(mine.ids()) == sorted(selectors.my_cases(user).values_list("pk", flat=True))
        for status, lead_worker in [
            ("", None), (CaseStatus.CLOSED, None), (CaseStatus.ACTIVE, None),
            ("", worker.pk), ("", supervisor.pk),
        ]:  # fmt: skip
            filters = selectors.CaseloadFilters(status=status, worker=lead_worker)
            rows = list(selectors.caseload(user, filters))
            assert list(selectors.caseload(user, filters, mine=mine)) == rows
            assert selectors.caseload_size(filters, mine) == len(rows)
        by_place = selectors.CaseloadFilters(municipality=led.client.municipality_id)
        assert selectors.caseload_size(by_place, mine) is None  # the client's: counted in SQL
        everyone = selectors.CaseloadFilters(mine_only=False)
        assert selectors.caseload_size(everyone, mine) is None
        assert selectors.caseload_summary(user, mine=mine) == selectors.caseload_summary(user)
        assert list(selectors.caseload_lead_workers(user, mine_only=True, mine=mine)) == list(
            selectors.caseload_lead_workers(user, mine_only=True)
        )
    mine = selectors.my_cases_read(worker)
    assert sorted(mine.ids()) == sorted([led.pk, closed.pk, on_team.pk])
    assert sorted(mine.ids(open_only=True)) == sorted([led.pk, on_team.pk])
    assert mine.ids(open_only=True, led_only=True) == [led.pk]
    assert mine.lead_worker_ids() == {worker.pk, supervisor.pk}
    assert selectors.caseload_summary(worker, mine=mine) == {"cases": 1, "overdue": 1}
    assert selectors.my_cases_read(org_b.social_worker).ids() == []


def test_note_confidentiality(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    for level in Confidentiality.values:
        services.note_add(
            actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
            contact_type="office", text=level, methods=[], confidentiality=level,
        )  # fmt: skip
    author_sees = {n.text for n in selectors.notes_visible_to(org_a.social_worker, case)}
    colleague_sees = {n.text for n in selectors.notes_visible_to(org_a.supervisor, case)}
    assert author_sees == {"normal", "team", "author"}
    assert colleague_sees == {"normal"}


def test_search_by_case_number_ignores_case(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    assert list(selectors.case_search(org_a.social_worker, case.number.lower())) == [case]


def test_search_finds_a_case_only_for_who_may_list_it(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    """The matches are read before the listing check: another organisation's case with the
    same name or number stays out."""
    theirs = open_case(org_b.social_worker, org_b.organisation)
    assert list(selectors.case_search(org_a.social_worker, "janis berzins")) == []
    assert list(selectors.case_search(org_a.social_worker, theirs.number)) == []
    assert list(selectors.case_search(org_b.social_worker, theirs.number)) == [theirs]


def test_search_query_count_does_not_grow_with_matches(
    org_a: OrganisationWithStaff, django_assert_max_num_queries: Any
) -> None:
    open_case(org_a.social_worker, org_a.organisation)
    with django_assert_max_num_queries(20) as one:
        list(selectors.case_search(org_a.social_worker, "janis berzins"))
    for _ in range(5):
        open_case(org_a.social_worker, org_a.organisation)
    with django_assert_max_num_queries(len(one)) as many:
        assert len(list(selectors.case_search(org_a.social_worker, "janis berzins"))) == 6
    assert len(many) == len(one)


def test_search_finds_what_the_reader_may_list_and_no_more(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    """Issue 10: the search checks each match against the listing rule on the row it reads
    (team and grant ids read first): for every kind of reader it finds exactly the cases of
    that name `cases_listed_for` lists — lead worker, supervisor, colleague, team member from
    another organisation with and without the client's consent, grant holder (unexpired and
    expired), administrator, the other organisation's worker."""
    from accounts.models import Role
    from accounts.tests.factories import member
    from cases.models import CaseAccessGrant, TeamMember, TeamRole
    from cases.tests.factories import consent_for

    ours = open_case(org_a.social_worker, org_a.organisation)
    consented = open_case(org_a.supervisor, org_a.organisation)
    theirs = open_case(org_b.social_worker, org_b.organisation)
    open_case(org_a.social_worker, org_a.organisation, first_name="Pēteris", last_name="Ozols")
    colleague = member(org_a.organisation, Role.PROBATION_OFFICER)
    on_team, consented_on_team = member(org_b.organisation), member(org_b.organisation)
    for case, user in [(ours, on_team), (consented, consented_on_team)]:
        TeamMember.objects.create(case=case, user=user, role=TeamRole.SOCIAL_WORKER)
    consent_for(consented, org_b.organisation)
    grant_holder, expired = member(org_b.organisation), member(org_b.organisation)
    now = timezone.now()
    for user, expires_at in [(grant_holder, now + timedelta(hours=1)), (expired, now)]:
        CaseAccessGrant.objects.create(case=ours, user=user, reason="x", expires_at=expires_at)
    readers = [
        org_a.social_worker, org_a.supervisor, colleague, on_team, consented_on_team,
        grant_holder, expired, org_a.admin, org_b.social_worker,
    ]  # fmt: skip
    found = {}
    for reader in readers:
        listed = selectors.cases_listed_for(reader).filter(client__last_name="Bērziņš")
        found[reader.pk] = set(selectors.case_search(reader, "berzins janis"))
        assert found[reader.pk] == set(listed), reader
    assert found[org_a.social_worker.pk] == {ours, consented}
    assert found[consented_on_team.pk] == {consented, theirs}
    assert found[grant_holder.pk] == {ours, theirs}
    assert found[on_team.pk] == found[expired.pk] == {theirs}
    assert found[org_a.admin.pk] == set()


def test_search_lists_by_surname_then_first_name(org_a: OrganisationWithStaff) -> None:
    worker, organisation = org_a.social_worker, org_a.organisation
    zane = open_case(worker, organisation, first_name="Zane", last_name="Bērziņa")
    janis = open_case(worker, organisation)
    anna = open_case(worker, organisation, first_name="Anna", last_name="Bērziņa")
    assert list(selectors.case_search(org_a.social_worker, "berzin")) == [anna, zane, janis]
    assert list(selectors.case_search(org_a.social_worker, "berzin")[:2]) == [anna, zane]


def test_case_for_decides_one_case_as_cases_visible_to_does(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    """The point lookup of `case_for` and the queryset rule agree for every kind of reader:
    lead worker, supervisor, colleague, team member from the organisation and from another
    (without and with consent, inactive), grant holder (unexpired and expired), another
    organisation, an administrator, an inactive user."""
    from accounts.tests.factories import member
    from cases.models import CaseAccessGrant, TeamMember, TeamRole
    from cases.tests.factories import consent_for

    case = open_case(org_a.social_worker, org_a.organisation)
    colleague = member(org_a.organisation)
    team_member = member(org_a.organisation)
    outsider_on_team = member(org_b.organisation)
    consented_on_team = member(org_b.organisation)
    left_team = member(org_a.organisation)
    grant_holder = member(org_a.organisation)
    expired_grant = member(org_a.organisation)
    inactive = member(org_a.organisation, is_active=False)
    for user, active in [
        (team_member, True), (outsider_on_team, True), (left_team, False), (inactive, True),
    ]:  # fmt: skip
        TeamMember.objects.create(
            case=case, user=user, role=TeamRole.SOCIAL_WORKER, is_active=active
        )
    consented_case = open_case(org_a.social_worker, org_a.organisation, first_name="Anna")
    TeamMember.objects.create(
        case=consented_case, user=consented_on_team, role=TeamRole.PROBATION_OFFICER
    )
    consent_for(consented_case, org_b.organisation)
    TeamMember.objects.create(case=case, user=consented_on_team, role=TeamRole.NARCOLOGIST)
    now = timezone.now()
    CaseAccessGrant.objects.create(
        case=case, user=grant_holder, reason="x", expires_at=now + timedelta(hours=1)
    )
    CaseAccessGrant.objects.create(
        case=case, user=expired_grant, reason="x", expires_at=now - timedelta(seconds=1)
    )
    readers = [
        org_a.social_worker, org_a.supervisor, org_a.admin, colleague, team_member,
        outsider_on_team, consented_on_team, left_team, grant_holder, expired_grant, inactive,
        org_b.social_worker, org_b.supervisor,
    ]  # fmt: skip
    seen = []
    for reader in readers:
        for one in (case, consented_case):
            expected = selectors.cases_visible_to(reader).filter(pk=one.pk).exists()
            found = selectors.case_for(reader, one.pk)
            assert (found is not None) == expected, (reader, one)
            assert found is None or found.pk == one.pk
            seen.append(expected)
    assert True in seen
    assert False in seen
    assert selectors.case_for(org_a.social_worker, case.pk + 1000) is None
    # Each kind decides as the rule says (not just "as the queryset happens to").
    assert selectors.case_for(grant_holder, case.pk) is not None
    assert selectors.case_for(expired_grant, case.pk) is None
    assert selectors.case_for(outsider_on_team, case.pk) is None
    assert selectors.case_for(consented_on_team, consented_case.pk) is not None
    assert selectors.case_for(org_b.supervisor, case.pk) is None
    assert selectors.case_for(colleague, case.pk) is None
