"""Opening hours: is a service open at a moment, when does it close or open next.

Schedules follow HSDS 3.0, i.e. iCal RRULE fields (RFC 5545): FREQ=WEEKLY or MONTHLY with
INTERVAL, BYDAY (with ordinals for monthly rules: "1MO", "-1FR"), BYMONTHDAY, BYWEEKNO,
BYYEARDAY, COUNT and UNTIL, from DTSTART, within valid_from–valid_to. Without FREQ, BYDAY alone
means weekly; with neither, a DTSTART means that one day and no DTSTART means every day.
Times are Europe/Riga wall-clock times whatever the server's zone. On Latvian public holidays
a schedule applies only if it runs on all seven days of the week (a hotline, a shelter).
A 23:59 closing time means midnight, so 19:00–23:59 followed by 00:00–08:00 is one night.

Pure functions over model instances already loaded: no queries here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .models import Schedule

RIGA = ZoneInfo("Europe/Riga")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
BYDAY_TOKEN = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
END_OF_DAY = time(23, 59)
LOOK_AHEAD_DAYS = 8
COUNT_SCAN_LIMIT_DAYS = 3660


class RuleError(ValueError):
    """A schedule field that cannot be read (the import reports it)."""


def parse_byday(text: str) -> list[tuple[int | None, int]]:
    days = []
    for token in (t.strip().upper() for t in text.split(",") if t.strip()):
        match = BYDAY_TOKEN.match(token)
        if match is None:
            raise RuleError(token)
        ordinal = int(match.group(1)) if match.group(1) else None
        if ordinal == 0 or (ordinal is not None and abs(ordinal) > 5):
            raise RuleError(token)
        days.append((ordinal, WEEKDAYS.index(match.group(2))))
    return days


def parse_numbers(text: str, low: int, high: int) -> list[int]:
    """A comma-separated list of non-zero numbers within ±[low, high]."""
    numbers = []
    for token in (t.strip() for t in text.split(",") if t.strip()):
        try:
            number = int(token)
        except ValueError as error:
            raise RuleError(token) from error
        if number == 0 or not low <= abs(number) <= high:
            raise RuleError(token)
        numbers.append(number)
    return numbers


def every_day_of_week(schedule: Schedule) -> bool:
    if schedule.freq == Schedule.Frequency.MONTHLY:
        return False
    if not schedule.byday:
        return not schedule.freq and schedule.dtstart is None and not schedule.bymonthday
    return {weekday for _ordinal, weekday in parse_byday(schedule.byday)} == set(range(7))


def _last_day_of_month(day: date) -> int:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - timedelta(days=1)).day


def _nth_weekday_matches(day: date, ordinal: int) -> bool:
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    return (_last_day_of_month(day) - day.day) // 7 + 1 == -ordinal


def _week_start(day: date, wkst: str) -> date:
    first = WEEKDAYS.index(wkst) if wkst in WEEKDAYS else 0
    return day - timedelta(days=(day.weekday() - first) % 7)


def _matches_rule(schedule: Schedule, day: date) -> bool:
    """Whether the recurrence rule (not its bounds or COUNT) selects the day."""
    freq = schedule.freq or ("WEEKLY" if schedule.byday else "")
    interval = max(schedule.interval or 1, 1)
    if not freq:
        return schedule.dtstart is None or day == schedule.dtstart
    byday = parse_byday(schedule.byday) if schedule.byday else []
    if freq == "WEEKLY":
        weekdays = {weekday for _ordinal, weekday in byday}
        if not weekdays:
            if schedule.dtstart is None:
                return False
            weekdays = {schedule.dtstart.weekday()}
        if day.weekday() not in weekdays:
            return False
        if interval > 1 and schedule.dtstart is not None:
            weeks = (
                _week_start(day, schedule.wkst) - _week_start(schedule.dtstart, schedule.wkst)
            ).days // 7
            if weeks % interval:
                return False
    elif freq == "MONTHLY":
        if interval > 1 and schedule.dtstart is not None:
            months = (day.year - schedule.dtstart.year) * 12 + day.month - schedule.dtstart.month
            if months % interval:
                return False
        if schedule.bymonthday:
            last = _last_day_of_month(day)
            wanted = {
                n if n > 0 else last + 1 + n for n in parse_numbers(schedule.bymonthday, 1, 31)
            }
            if day.day not in wanted:
                return False
        if byday:
            if not any(
                weekday == day.weekday() and (ordinal is None or _nth_weekday_matches(day, ordinal))
                for ordinal, weekday in byday
            ):
                return False
        elif not schedule.bymonthday and (
            schedule.dtstart is None or day.day != schedule.dtstart.day
        ):
            return False
    else:
        raise RuleError(freq)
    if schedule.byweekno:
        weeks_in_year = date(day.year, 12, 28).isocalendar().week
        iso_year, week, _weekday = day.isocalendar()
        wanted = {
            n if n > 0 else weeks_in_year + 1 + n for n in parse_numbers(schedule.byweekno, 1, 53)
        }
        if iso_year != day.year or week not in wanted:
            return False
    if schedule.byyearday:
        days_in_year = (date(day.year, 12, 31) - date(day.year, 1, 1)).days + 1
        wanted = {
            n if n > 0 else days_in_year + 1 + n for n in parse_numbers(schedule.byyearday, 1, 366)
        }
        if day.timetuple().tm_yday not in wanted:
            return False
    return True


def occurs_on(schedule: Schedule, day: date) -> bool:
    """Whether the schedule's hours apply on a day (holidays aside)."""
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    if schedule.dtstart and day < schedule.dtstart:
        return False
    if schedule.until and day > schedule.until:
        return False
    if not _matches_rule(schedule, day):
        return False
    if schedule.count and schedule.dtstart:
        seen, current = 0, schedule.dtstart
        while current <= day and (current - schedule.dtstart).days < COUNT_SCAN_LIMIT_DAYS:
            if _matches_rule(schedule, current):
                seen += 1
                if seen > schedule.count:
                    return False
            current += timedelta(days=1)
    return True


def has_hours(schedules: Iterable[Schedule]) -> bool:
    return any(s.opens_at is not None and s.closes_at is not None for s in schedules)


def intervals_on(
    schedules: Iterable[Schedule], day: date, holidays: frozenset[date] | set[date]
) -> list[tuple[datetime, datetime]]:
    found = []
    for schedule in schedules:
        if schedule.opens_at is None or schedule.closes_at is None:
            continue
        if day in holidays and not every_day_of_week(schedule):
            continue
        if not occurs_on(schedule, day):
            continue
        start = datetime.combine(day, schedule.opens_at, tzinfo=RIGA)
        if schedule.closes_at >= END_OF_DAY:
            end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=RIGA)
        else:
            end = datetime.combine(day, schedule.closes_at, tzinfo=RIGA)
        found.append((start, end))
    return found


def _merged(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class HoursStatus:
    known: bool
    open: bool = False
    closes_at: datetime | None = None  # None while open: open round the clock this week
    opens_at: datetime | None = None  # None while closed: no opening in the next week
    holiday: bool = False

    @property
    def closes_at_text(self) -> str:
        return _clock(self.closes_at)

    @property
    def opens_at_text(self) -> str:
        return _clock(self.opens_at)


def _clock(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(RIGA)
    return local.strftime("%H:%M")


def status_at(
    schedules: Iterable[Schedule], at: datetime, holidays: frozenset[date] | set[date]
) -> HoursStatus:
    schedules = list(schedules)
    if not has_hours(schedules):
        return HoursStatus(known=False)
    now = at.astimezone(RIGA)
    today = now.date()
    intervals = []
    for offset in range(-1, LOOK_AHEAD_DAYS):
        intervals += intervals_on(schedules, today + timedelta(days=offset), holidays)
    merged = _merged(intervals)
    horizon = datetime.combine(today + timedelta(days=LOOK_AHEAD_DAYS - 1), time(0), tzinfo=RIGA)
    for start, end in merged:
        if start <= now < end:
            return HoursStatus(known=True, open=True, closes_at=None if end >= horizon else end)
    upcoming = [start for start, _end in merged if start > now]
    return HoursStatus(
        known=True,
        open=False,
        opens_at=min(upcoming) if upcoming else None,
        holiday=today in holidays,
    )


def weekly_table(schedules: Iterable[Schedule]) -> list[tuple[int, list[tuple[time, time]]]]:
    """Regular weekly hours by weekday (0 = Monday) for the detail page: weekly rules only."""
    table: list[tuple[int, list[tuple[time, time]]]] = [(day, []) for day in range(7)]
    for schedule in schedules:
        if schedule.opens_at is None or schedule.closes_at is None:
            continue
        if schedule.freq == Schedule.Frequency.MONTHLY:
            continue
        if schedule.byday:
            weekdays = {weekday for _ordinal, weekday in parse_byday(schedule.byday)}
        elif schedule.dtstart is None:
            weekdays = set(range(7))
        else:
            weekdays = {schedule.dtstart.weekday()}
        for weekday in weekdays:
            table[weekday][1].append((schedule.opens_at, schedule.closes_at))
    for _day, hours in table:
        hours.sort()
    return table
