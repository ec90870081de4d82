"""Latvian public holidays (svētku dienas) under the law "Par svētku, atceres un atzīmējamām
dienām", as dated rows. The migration stores them for 2024–2035; services are closed on them
unless their hours run every day of the week (hours.py).

When 4 May or 18 November falls on a Saturday or Sunday, the next Monday is a holiday too.
One-off holidays the Saeima declares (e.g. the day after the Song and Dance Festival) are not
computable: add them as rows.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

FIRST_YEAR, LAST_YEAR = 2024, 2035

FIXED = [
    ((1, 1), "Jaunais gads", "Новый год", "New Year's Day"),
    (
        (5, 1),
        "Darba svētki, Satversmes sapulces sasaukšanas diena",
        "Праздник труда, День созыва Учредительного собрания",
        "Labour Day, Convocation of the Constituent Assembly",
    ),
    (
        (5, 4),
        "Latvijas Republikas Neatkarības atjaunošanas diena",
        "День восстановления независимости Латвийской Республики",
        "Restoration of Independence Day",
    ),
    ((6, 23), "Līgo diena", "Лиго", "Midsummer Eve"),
    ((6, 24), "Jāņu diena", "Янов день", "Midsummer Day"),
    (
        (11, 18),
        "Latvijas Republikas Proklamēšanas diena",
        "День провозглашения Латвийской Республики",
        "Proclamation Day",
    ),
    ((12, 24), "Ziemassvētku vakars", "Сочельник", "Christmas Eve"),
    ((12, 25), "Pirmie Ziemassvētki", "Рождество", "Christmas Day"),
    ((12, 26), "Otrie Ziemassvētki", "Второй день Рождества", "Boxing Day"),
    ((12, 31), "Vecgada diena", "Канун Нового года", "New Year's Eve"),
]
MOVABLE = [
    (-2, "Lielā Piektdiena", "Страстная пятница", "Good Friday"),
    (0, "Pirmās Lieldienas", "Пасха", "Easter Sunday"),
    (1, "Otrās Lieldienas", "Второй день Пасхи", "Easter Monday"),
    (49, "Vasarsvētki", "Троица", "Whitsunday"),
]
MOVED_TO_MONDAY = {(5, 4), (11, 18)}


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 — the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def mothers_day(year: int) -> date:
    first = date(year, 5, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7)


def holidays_of(year: int) -> list[tuple[date, str, str, str]]:
    days: dict[date, tuple[str, str, str]] = {}
    for (month, day), lv, ru, en in FIXED:
        on = date(year, month, day)
        days[on] = (lv, ru, en)
        if (month, day) in MOVED_TO_MONDAY and on.weekday() >= 5:
            monday = on + timedelta(days=7 - on.weekday())
            days[monday] = (
                f"{lv} (pārcelta brīvdiena)",
                f"{ru} (перенесённый выходной)",
                f"{en} (day off moved)",
            )
    sunday = easter(year)
    for offset, lv, ru, en in MOVABLE:
        days[sunday + timedelta(days=offset)] = (lv, ru, en)
    days[mothers_day(year)] = ("Mātes diena", "День матери", "Mother's Day")
    return sorted((on, *names) for on, names in days.items())


def load(holiday_model: Any) -> None:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for on, lv, ru, en in holidays_of(year):
            holiday_model.objects.update_or_create(
                date=on, defaults={"name": lv, "name_ru": ru, "name_en": en}
            )
