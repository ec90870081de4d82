"""The case page's stamps (cases/page_stamps.py, issue 10): the database renews them on every
write to what the page shows, by any way of writing, and on nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import Municipality, Organisation, User
from audit.services import access_record_within_case
from cases import page_stamps, services
from cases.models import Case, CaseNote, FollowUpCadence
from cases.selectors import page_stamps_of
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from people.models import Client, IdentityDocument
from referrals.selectors import services_for_referral
from referrals.services import referral_create

pytestmark = pytest.mark.django_db


def _triggers() -> set[str]:
    return {name for name, _table in page_stamps._existing_triggers(connection)}


def test_every_declared_table_has_its_triggers_after_migrate() -> None:
    tables = {table for name, table in page_stamps._existing_triggers(connection)}
    assert tables == set(page_stamps.watched_tables())
    # SQLite: one trigger per table and event; PostgreSQL: one per table (two with an exception)
    assert len(_triggers()) >= len(page_stamps.watched_tables())


def test_install_again_makes_the_same_triggers_and_mends_a_lost_one() -> None:
    before = _triggers()
    victim = sorted(before)[0]
    table = dict(page_stamps._existing_triggers(connection))[victim]
    with connection.cursor() as cursor:  # as SQLite does when a migration rebuilds a table
        on = f' ON "{table}"' if connection.vendor == "postgresql" else ""
        cursor.execute(f'DROP TRIGGER "{victim}"{on}')
    assert victim not in _triggers()
    page_stamps.install()
    assert _triggers() == before


def _note(case: Case, worker: User, text: str = "Tikāmies birojā.") -> CaseNote:
    return services.note_add(
        actor=worker, case=case, occurred_on=timezone.localdate(), contact_type="office",
        text=text, methods=[],
    )  # fmt: skip


def test_writes_of_every_kind_renew_only_their_case(org_a: OrganisationWithStaff) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    other = open_case(worker, org_a.organisation, first_name="Pēteris")
    other_stamp = page_stamps_of(other.pk)[0]
    writes = {
        "a note through the service": lambda: _note(case, worker),
        "QuerySet.update()": lambda: CaseNote.objects.filter(case=case).update(text="Labots."),
        "a bulk insert": lambda: IdentityDocument.objects.bulk_create(
            [IdentityDocument(client=case.client, kind="passport_or_id", status="missing")]
        ),
        "a delete": lambda: CaseNote.objects.filter(case=case).delete(),
        "the client's row, by update()": lambda: Client.objects.filter(pk=case.client_id).update(
            phone="+371 20000000"
        ),
        "the case row": lambda: Case.objects.filter(pk=case.pk).update(status="paused"),
    }
    for what, write in writes.items():
        before = page_stamps_of(case.pk)[0]
        write()
        assert page_stamps_of(case.pk)[0] not in ("", before), what
    assert page_stamps_of(other.pk)[0] == other_stamp


def test_a_client_with_two_cases_renews_both(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    first = open_case(org_a.social_worker, org_a.organisation)
    second = Case.objects.create(
        number="T-2", client=first.client, organisation=org_b.organisation,
        lead_worker=org_b.social_worker, opened_on=timezone.localdate(),
    )  # fmt: skip
    stamps = page_stamps_of(first.pk)[0], page_stamps_of(second.pk)[0]
    IdentityDocument.objects.create(client=first.client, kind="passport_or_id", status="missing")
    assert page_stamps_of(first.pk)[0] != stamps[0]
    assert page_stamps_of(second.pk)[0] != stamps[1]


def test_names_renew_the_shared_stamp_and_signing_in_does_not(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)

    def shared() -> str:
        return page_stamps_of(case.pk)[1]

    before = shared()
    User.objects.filter(pk=worker.pk).update(last_login=timezone.now())  # what a sign-in writes
    assert shared() == before
    User.objects.filter(pk=worker.pk).update(last_name="Kalniņa")
    assert shared() != before
    before = shared()
    Municipality.objects.filter(code="saldus-novads").update(name_en="Saldus municipality")
    assert shared() != before


def test_what_the_page_does_not_show_renews_nothing(org_a: OrganisationWithStaff) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    stamps = page_stamps_of(case.pk)
    access_record_within_case(actor=worker, case_id=case.pk, objects=[("case", case.pk)])
    case.client.history.all().count()  # a read
    assert page_stamps_of(case.pk) == stamps


def _one_row(table: str, column: str) -> tuple[int, int | None] | None:
    with connection.cursor() as cursor:
        quoted = connection.ops.quote_name
        cursor.execute(
            f"SELECT {quoted('id')}, {quoted(column) if column else 'NULL'} "  # noqa: S608
            f"FROM {quoted(table)} ORDER BY 1 LIMIT 1"
        )
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1])


def test_every_declared_table_renews_its_stamp_on_an_update() -> None:
    """Each table of the declarations, on the demo data (every table has rows there): an UPDATE
    of one row by plain SQL renews the stamps of exactly the cases that row belongs to."""
    call_command("seed_demo", verbosity=0)
    # The declared tables the demo leaves empty.
    FollowUpCadence.objects.create(
        organisation=Organisation.objects.earliest("pk"), steps=[[None, 14]]
    )
    janis = Case.objects.filter(notes__isnull=False).first()
    assert janis is not None
    referral_create(
        actor=janis.lead_worker, case=janis, reason="Patversme",
        service=services_for_referral(janis).earliest("pk"),
    )  # fmt: skip
    watched = page_stamps.watched_tables()
    assert {"cases_casenote", "people_client", "referrals_referral", "accounts_user"} <= set(
        watched
    )
    for table, declared in watched.items():
        row = _one_row(table, declared.column)
        assert row is not None, f"the demo has no row in {table}"
        row_id, key = row
        if declared.scope == "shared":
            expected, client_id = [page_stamps.SHARED], 0
        elif declared.scope == "case":
            assert key is not None
            expected, client_id = [key], Case.objects.get(pk=key).client_id
        else:
            assert key is not None
            client_id = key
            expected = list(Case.objects.filter(client_id=key).values_list("pk", flat=True))
        untouched = Case.objects.exclude(pk__in=expected).exclude(client_id=client_id).first()
        assert untouched is not None
        before = {pk: page_stamps_of(pk)[0] for pk in [*expected, untouched.pk]}
        shared_before = page_stamps_of(untouched.pk)[1]
        quoted = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quoted(table)} SET {quoted('id')} = {quoted('id')} WHERE id = %s",  # noqa: S608
                [row_id],
            )
        for pk in expected:
            now = page_stamps_of(pk)[0] if pk != page_stamps.SHARED else page_stamps_of(pk)[1]
            assert now != before[pk], table
        assert page_stamps_of(untouched.pk)[0] == before[untouched.pk], table
        if declared.scope != "shared":
            assert page_stamps_of(untouched.pk)[1] == shared_before, table


def test_an_old_appointment_moved_renews_the_case(org_a: OrganisationWithStaff) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    appointment = services.appointment_plan(
        actor=worker, case=case, starts_at=timezone.now() + timedelta(days=2),
        duration_minutes=60, place="Birojs", with_whom="",
    )  # fmt: skip
    before = page_stamps_of(case.pk)[0]
    appointment.place = "Mājas vizīte"
    appointment.save()
    assert page_stamps_of(case.pk)[0] != before
