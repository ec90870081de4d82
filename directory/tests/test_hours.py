"""Opening hours (issue 5): RRULE semantics in Europe/Riga, public holidays, nights that pass
midnight, "open now", "closes at 17:00", "hours unknown"."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from directory import display, holidays, hours
from directory.models import PublicHoliday, Schedule

RIGA = hours.RIGA
NO_HOLIDAYS: frozenset[date] = frozenset()


def weekly(byday: str, opens: str, closes: str, **extra: Any) -> Schedule:
    return Schedule(
        freq="WEEKLY",
        byday=byday,
        opens_at=time.fromisoformat(opens),
        closes_at=time.fromisoformat(closes),
        **extra,
    )


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=RIGA)


OFFICE = [weekly("MO,TU,WE,TH", "08:30", "17:00"), weekly("FR", "08:30", "15:30")]


def test_open_now_and_when_it_closes() -> None:
    status = hours.status_at(OFFICE, at("2026-11-24T10:00"), NO_HOLIDAYS)  # a Tuesday
    assert status.open
    assert status.closes_at == at("2026-11-24T17:00")
    assert display.describe(status, at("2026-11-24T10:00")) == "open now – closes at 17:00"


def test_closed_tells_when_it_opens() -> None:
    evening = at("2026-11-24T18:00")
    status = hours.status_at(OFFICE, evening, NO_HOLIDAYS)
    assert not status.open
    assert status.opens_at == at("2026-11-25T08:30")
    assert display.describe(status, evening) == "closed – opens tomorrow at 08:30"
    friday_night = at("2026-11-27T20:00")
    assert display.describe(hours.status_at(OFFICE, friday_night, NO_HOLIDAYS), friday_night) == (
        "closed – opens Monday at 08:30"
    )


def test_no_schedule_means_hours_unknown() -> None:
    status = hours.status_at([], at("2026-11-24T10:00"), NO_HOLIDAYS)
    assert not status.known
    assert display.describe(status, at("2026-11-24T10:00")) == "hours unknown"
    only_words = [Schedule(description="Pēc vienošanās")]
    assert not hours.status_at(only_words, at("2026-11-24T10:00"), NO_HOLIDAYS).known


def test_the_zone_is_riga_whatever_the_moment_is_given_in() -> None:
    # 06:45 UTC in summer is 09:45 in Riga (UTC+3): open; in winter 08:45 (UTC+2): open.
    summer = datetime(2026, 7, 7, 6, 45, tzinfo=UTC)
    assert hours.status_at(OFFICE, summer, NO_HOLIDAYS).open
    winter_early = datetime(2026, 1, 6, 6, 15, tzinfo=UTC)  # 08:15 in Riga
    assert not hours.status_at(OFFICE, winter_early, NO_HOLIDAYS).open


def test_a_night_past_midnight_is_one_opening() -> None:
    night = [
        weekly("MO,TU,WE,TH,FR,SA,SU", "19:00", "23:59"),
        weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "08:00"),
    ]
    status = hours.status_at(night, at("2026-11-24T22:00"), NO_HOLIDAYS)
    assert status.open
    assert status.closes_at == at("2026-11-25T08:00")
    assert hours.status_at(night, at("2026-11-25T03:00"), NO_HOLIDAYS).open
    assert not hours.status_at(night, at("2026-11-25T12:00"), NO_HOLIDAYS).open


def test_round_the_clock() -> None:
    always = [weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]
    status = hours.status_at(always, at("2026-12-25T03:00"), frozenset({date(2026, 12, 25)}))
    assert status.open
    assert status.closes_at is None
    assert display.describe(status, at("2026-12-25T03:00")) == "open now, day and night"


def test_public_holidays_close_services_that_do_not_run_every_day() -> None:
    proclamation_day = date(2026, 11, 18)  # a Wednesday
    moment = at("2026-11-18T10:00")
    status = hours.status_at(OFFICE, moment, frozenset({proclamation_day}))
    assert not status.open
    assert status.holiday
    assert status.opens_at == at("2026-11-19T08:30")


def test_monthly_rules_with_ordinals() -> None:
    group = [Schedule(freq="MONTHLY", byday="1SA,-1FR", opens_at=time(11), closes_at=time(13))]
    assert hours.occurs_on(group[0], date(2026, 11, 7))  # first Saturday
    assert not hours.occurs_on(group[0], date(2026, 11, 14))
    assert hours.occurs_on(group[0], date(2026, 11, 27))  # last Friday
    by_date = Schedule(freq="MONTHLY", bymonthday="1,-1", opens_at=time(9), closes_at=time(12))
    assert hours.occurs_on(by_date, date(2026, 2, 28))
    assert hours.occurs_on(by_date, date(2026, 3, 1))
    assert not hours.occurs_on(by_date, date(2026, 3, 2))


def test_interval_count_until_and_validity() -> None:
    fortnightly = weekly("TU", "10:00", "12:00", interval=2, dtstart=date(2026, 11, 3))
    assert hours.occurs_on(fortnightly, date(2026, 11, 17))
    assert not hours.occurs_on(fortnightly, date(2026, 11, 10))
    assert not hours.occurs_on(fortnightly, date(2026, 10, 27))  # before DTSTART
    three_times = weekly("TU", "10:00", "12:00", dtstart=date(2026, 11, 3), count=3)
    assert hours.occurs_on(three_times, date(2026, 11, 17))
    assert not hours.occurs_on(three_times, date(2026, 11, 24))
    until = weekly("TU", "10:00", "12:00", until=date(2026, 11, 10))
    assert not hours.occurs_on(until, date(2026, 11, 17))
    season = weekly("TU", "10:00", "12:00", valid_from=date(2026, 12, 1))
    assert not hours.occurs_on(season, date(2026, 11, 24))
    weeks = weekly("MO", "10:00", "12:00", byweekno="48")
    assert hours.occurs_on(weeks, date(2026, 11, 23))
    assert not hours.occurs_on(weeks, date(2026, 11, 30))


@pytest.mark.parametrize("bad", ["MONDAY", "0MO", "7TU", "MO;TU"])
def test_unreadable_day_rules_are_refused(bad: str) -> None:
    with pytest.raises(hours.RuleError):
        hours.parse_byday(bad)


def test_latvian_public_holidays() -> None:
    days = {on: lv for on, lv, _ru, _en in holidays.holidays_of(2026)}
    assert days[date(2026, 4, 3)] == "Lielā Piektdiena"  # Easter 2026 is 5 April
    assert days[date(2026, 4, 6)] == "Otrās Lieldienas"
    assert date(2026, 6, 23) in days
    assert date(2026, 6, 24) in days
    assert date(2026, 11, 18) in days
    # 4 May 2025 was a Sunday: Monday 5 May was a day off too.
    assert date(2025, 5, 5) in {on for on, *_names in holidays.holidays_of(2025)}
    assert holidays.easter(2027) == date(2027, 3, 28)


@pytest.mark.django_db
def test_holidays_are_dated_rows() -> None:
    assert PublicHoliday.objects.filter(date=date(2030, 12, 24)).exists()
    assert PublicHoliday.objects.get(date=date(2026, 11, 18)).name_en == "Proclamation Day"
