"""Referrals moved from the directory app into this one (issue 5 refactor): the migration
copies every referral and its history with ids and timestamps kept, then drops the old tables;
new referrals get ids after the copied ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from referrals.models import Referral
from referrals.services import referral_create
from referrals.tests.factories import soup_kitchen

BEFORE = [("directory", "0004_referral_plan_links"), ("referrals", "0001_initial")]
AFTER = [
    ("directory", "0005_referral_moved_to_referrals"),
    ("referrals", "0002_referral_from_directory"),
]


@pytest.mark.django_db(transaction=True)
def test_referrals_and_their_history_are_copied_with_ids_and_times(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation, first_name="Andris")
    soup = soup_kitchen()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldReferral = old.get_model("directory", "Referral")  # noqa: N806
    OldEvent = old.get_model("directory", "ReferralEvent")  # noqa: N806
    sent = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    made = OldReferral.objects.create(
        id=41, case_id=case.pk, service_id=soup.pk, status="requested", reason="Pusdienas",
        created_by_id=worker.pk, sent_at=sent,
    )  # fmt: skip
    OldReferral.objects.filter(pk=made.pk).update(created_at=sent, updated_at=sent)
    OldEvent.objects.create(referral_id=41, to_status="draft", actor_id=worker.pk)
    OldEvent.objects.create(
        referral_id=41, from_status="draft", to_status="requested", actor_id=worker.pk
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    # Then the later migrations, so the current models match the tables (issue 19 added
    # columns after this move).
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    moved = Referral.objects.get(pk=41)
    assert (moved.case_id, moved.service_id, moved.status, moved.reason) == (
        case.pk, soup.pk, "requested", "Pusdienas",
    )  # fmt: skip
    assert moved.created_at == sent
    assert moved.sent_at == sent
    assert [(e.from_status, e.to_status) for e in moved.events.all()] == [
        ("", "draft"), ("draft", "requested"),
    ]  # fmt: skip
    assert "directory_referral" not in connection.introspection.table_names()
    fresh = referral_create(actor=worker, case=case, service=soup, reason="Vakariņas")
    assert fresh.pk > 41
