"""The access log of lists and searches (issue 10: one plain INSERT for the shown rows)."""

from typing import Any

import pytest
from django.utils import timezone

from audit.models import AccessLog
from audit.services import access_record_cases
from conftest import OrganisationWithStaff

pytestmark = pytest.mark.django_db


def test_a_list_logs_each_shown_case_in_one_insert(
    org_a: OrganisationWithStaff, django_assert_num_queries: Any
) -> None:
    worker = org_a.social_worker
    before = timezone.now()
    with django_assert_num_queries(1):
        access_record_cases(actor=worker, case_ids=list(range(1, 51)), action="search")
    after = timezone.now()
    rows = list(AccessLog.objects.order_by("object_id"))
    assert [row.object_id for row in rows] == list(range(1, 51))
    for row in rows:
        assert (row.user_id, row.object_type, row.case_id, row.action, row.purpose) == (
            worker.pk, "case", row.object_id, "search", "",
        )  # fmt: skip
        assert before <= row.at <= after
    with django_assert_num_queries(0):
        access_record_cases(actor=worker, case_ids=[], action="list")
    assert AccessLog.objects.count() == 50
