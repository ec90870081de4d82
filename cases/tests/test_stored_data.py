"""Issue 28, finding 1: no page can be broken by stored data. A property test (hypothesis)
stores the values a case page renders directly through the ORM — names, notes, statements,
meetings at the ends of the allowed date range, places with line breaks and odd Unicode, long
texts, amounts; and the probe's 9999-12-31 meeting stored before dates were bounded — and
every page of the case must still answer 200."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Appointment, Case, CaseNote, ContactType
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from core.forms import CASE_DATES, EARLIEST_DATE
from people.models import ClientStatement, IncomeSource

pytestmark = pytest.mark.django_db

RIGA = ZoneInfo("Europe/Riga")
ODD = [
    "Ābele\r\nATTENDEE:x", "\u202eRTL override", "e\u0301\u0301\u0301", "👩🏽‍⚕️🏳️‍🌈", "{{ case }}",
    "{% now 'Y' %}", "%s %(name)s", "<script>alert(1)</script>", "\u200b\ufeff", "Ǆǅǆ ß ẞ",
    "\t\x0b\x0c", "\U0010fffd", "Бе́рзиньш", "日本語の場所", "\\N{x}",
]  # fmt: skip

# Text that can be stored anywhere: every character but NUL and lone surrogates (which no
# form accepts any more, core/forms.py, and PostgreSQL cannot store).
storable = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")


def texts(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(storable, min_size=min_size, max_size=max_size),
        st.sampled_from(ODD),
        st.builds(lambda c: c * max_size, st.sampled_from(["Ā", "ж", "🙂", "x", " "])).map(
            lambda s: s[:max_size]
        ),
    )


def _latest() -> date:
    return CASE_DATES.latest()


days = st.one_of(
    st.sampled_from([EARLIEST_DATE, _latest(), timezone.localdate()]),
    st.dates(min_value=EARLIEST_DATE, max_value=_latest()),
)
moments = st.one_of(
    st.builds(
        lambda day, at: datetime.combine(day, at, tzinfo=RIGA),
        days,
        st.one_of(st.sampled_from([time(0, 0), time(23, 59)]), st.times()),
    ),
    # The probe's meeting, stored before dates were bounded: still never a broken page.
    st.just(datetime(9999, 12, 31, 10, 0, tzinfo=RIGA)),
)
amounts = st.one_of(
    st.none(),
    st.sampled_from([Decimal("0"), Decimal("9999999.99"), Decimal("0.01")]),
    st.decimals(min_value=0, max_value=Decimal("9999999.99"), places=2),
)


def _pages(case: Case, note: CaseNote) -> list[str]:
    return [
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:note_add", args=[case.pk]),
        reverse("cases:note_edit", args=[note.pk]),
        reverse("cases:appointment_plan", args=[case.pk]),
        reverse("cases:person_edit", args=[case.pk]),
        reverse("cases:income_add", args=[case.pk]),
        reverse("cases:documents_edit", args=[case.pk]),
        reverse("cases:team", args=[case.pk]),
        reverse("cases:calendar"),
        reverse("cases:caseload"),
        reverse("plans:overview", args=[case.pk]),
        reverse("tasks:case_tasks", args=[case.pk]),
        reverse("consent:consents", args=[case.pk]),
    ]


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first_name=texts(100, min_size=1),
    last_name=texts(100, min_size=1),
    address=texts(250),
    note_text=texts(20_000, min_size=1),
    participants=texts(250),
    statement=texts(3_000, min_size=1),
    place=texts(200, min_size=1),
    with_whom=texts(200),
    starts_at=moments,
    duration=st.sampled_from([5, 60, 480]),
    occurred_on=days,
    amount=amounts,
)
def test_no_stored_value_breaks_a_case_page(
    org_a: OrganisationWithStaff,
    first_name: str,
    last_name: str,
    address: str,
    note_text: str,
    participants: str,
    statement: str,
    place: str,
    with_whom: str,
    starts_at: datetime,
    duration: int,
    occurred_on: date,
    amount: Decimal | None,
) -> None:
    """Issue 28, finding 1: a stored meeting on 9999-12-31 made every case page 500."""
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    person = case.client
    person.first_name, person.last_name, person.address = first_name, last_name, address
    person.save()
    note = CaseNote.objects.create(
        case=case, author=worker, occurred_on=occurred_on, contact_type=ContactType.OFFICE,
        text=note_text, participants=participants, methods=[],
    )  # fmt: skip
    ClientStatement.objects.create(
        client=person,
        kind=ClientStatement.Kind.WISH,
        text=statement,
        recorded_by=worker,
        recorded_on=occurred_on,
    )
    Appointment.objects.create(
        case=case, worker=worker, starts_at=starts_at.astimezone(UTC), place=place,
        with_whom=with_whom, duration_minutes=duration,
    )  # fmt: skip
    IncomeSource.objects.create(client=person, kind=IncomeSource.Kind.WAGES, amount_eur=amount)
    cache.clear()  # rendered afresh, not the case page kept before these rows were stored
    web = client_for(worker)
    failures: dict[str, Any] = {}
    for url in _pages(case, note):
        response = web.get(url)
        if response.status_code != 200:
            failures[url] = response.status_code
    assert not failures
