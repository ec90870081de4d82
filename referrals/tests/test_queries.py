"""The help-in-kind and referral pages read in a fixed number of queries, however many entries
the case has (no query per row)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from referrals.models import HelpKind
from referrals.services import help_in_kind_record, referral_create
from referrals.tests.factories import soup_kitchen

pytestmark = pytest.mark.django_db


def _queries(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200
    return len(captured.captured_queries)


def _add(case: Case, worker: User, count: int) -> None:
    soup = soup_kitchen()
    for day in range(count):
        help_in_kind_record(
            actor=worker, case=case, kind=HelpKind.WARM_MEAL,
            given_on=timezone.localdate() - timedelta(days=day), quantity=1, service=soup,
        )  # fmt: skip
        referral_create(actor=worker, case=case, service=soup, reason="Pusdienas")


def test_pages_do_not_query_per_entry(org_a: OrganisationWithStaff) -> None:
    worker = org_a.social_worker
    one = open_case(worker, org_a.organisation, first_name="Andris")
    many = open_case(worker, org_a.organisation, first_name="Guntis")
    _add(one, worker, 1)
    _add(many, worker, 10)
    client = client_for(worker, "en")
    for name in ("referrals:help_in_kind", "referrals:case_referrals", "cases:detail"):
        _queries(client, reverse(name, args=[one.pk]))  # warm the per-process caches
        cache.clear()  # the case page is then rendered, not served from the cache
        few = _queries(client, reverse(name, args=[one.pk]))
        lots = _queries(client, reverse(name, args=[many.pk]))
        assert lots == few, name
        # Served again (the case page from the cache): still as many for both.
        assert _queries(client, reverse(name, args=[many.pk])) == _queries(
            client, reverse(name, args=[one.pk])
        ), name
