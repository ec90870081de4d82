r"""Issue 28, findings 5 and 8 with requests really at the same moment: two threads, each with
its own database connection, released together by a barrier.

Run on PostgreSQL (not collected by default; the file name does not start with test_):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tilts_x \
        pytest core/tests/concurrent_requests_pg.py

The in-memory SQLite database of the test settings is one shared-cache connection per thread,
which answers "database table is locked" to a second writer instead of waiting (a file database
in WAL mode with IMMEDIATE transactions, as tilts/settings/base.py configures, waits).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.urls import reverse

from cases.models import CaseNote
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from core.tests.html_forms import form_posting_to
from people.models import Client as Person


def _at_once(*calls: Callable[[], Any]) -> list[int]:
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = [0] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait()
            statuses[index] = calls[index]().status_code
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_a_double_click_sending_two_posts_at_once_saves_one_note(
    transactional_db: None, org_a: OrganisationWithStaff
) -> None:
    """Issue 28, finding 8: both POSTs of the same form at the same moment: one note, and both
    answers send the user to it."""
    case = open_case(org_a.social_worker, org_a.organisation)
    url = reverse("cases:note_add", args=[case.pk])
    clients = [client_for(org_a.social_worker) for _ in range(2)]
    page = clients[0].get(url).content.decode()
    data = form_posting_to(page, "", page=url).post_data(contact_type="office", text="Tikāmies.")

    def post(client: Client) -> Callable[[], Any]:
        return lambda: client.post(url, data)

    assert _at_once(post(clients[0]), post(clients[1])) == [302, 302]
    assert CaseNote.objects.filter(case=case).count() == 1


def test_two_saves_of_the_same_version_at_once_one_wins_and_one_is_refused(
    transactional_db: None, org_a: OrganisationWithStaff
) -> None:
    """Issue 28, finding 5: two people save the person page at the same moment from the same
    version: the comparison and the write are one locked step, so exactly one is saved and the
    other is refused (409) — never both, losing the first."""
    case = open_case(org_a.social_worker, org_a.organisation, phone="20000000")
    url = reverse("cases:person_edit", args=[case.pk])
    first, second = client_for(org_a.social_worker), client_for(org_a.social_worker)
    form = form_posting_to(first.get(url).content.decode(), "", page=url)
    one = form.post_data(phone="21111111", submit_token="a" * 32)
    other = form.post_data(address="Liepāja", submit_token="b" * 32)
    statuses = _at_once(lambda: first.post(url, one), lambda: second.post(url, other))
    assert sorted(statuses) == [302, 409]
    person = Person.objects.get(pk=case.client_id)
    saved = (person.phone, person.address)
    assert saved in {("21111111", ""), ("20000000", "Liepāja")}
