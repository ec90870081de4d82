"""The ranking query behind "clients for a vacancy" (H1–H3, D4), as SQL written once.

Django compiled the CASE expressions, the grouping and the subqueries on every call, which cost
as much as running them (issue 7: SQLite missed 50 ms p95 at 100,000 clients). The statement is
built once per process from the tables' names and takes everything that varies as parameters;
the scoring rules are the ones documented in matching.py, and
employment/tests/test_matching_reference.py checks them against a plain Python computation on
both databases.

Visibility stays the caller's compiled queryset (cases.selectors decides who sees which case).
Checking it for each of the thousands of candidates of a region cost more than scoring them, so
each part first keeps its best WINDOW candidates by score and checks only those; when fewer than
the page are visible among a full window (a worker who sees few of the region's clients), that
part is ranked again over every candidate the worker may see, so the result is always exact.
bench/MATCHING.md has the timings of both viewers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from accounts.models import Municipality

from .models import ProfileOccupation, ProfilePlace, Vacancy
from .points import (
    EXPERIENCE,
    READINESS,
    REQUIREMENT_MET,
    REQUIREMENT_MISSING,
    SAME_MINOR_GROUP,
    SAME_MUNICIPALITY,
    SAME_OCCUPATION,
    SAME_REGION,
    SAME_UNIT_GROUP,
)

WINDOW_PER_RESULT = 8  # candidates checked for visibility per result wanted, before falling back


@dataclass
class Scored:
    """One candidate as the ranking returns it: the score and the columns its reasons are
    told from."""

    profile_id: int
    client_id: int
    score: int
    occupation_points: int
    experience_years: int
    place_points: int
    education_rank: int
    licence_categories: str


_COLUMNS = (
    "profile_id, client_id, score, occupation_points, experience_years, place_points,"
    " education_rank, licence_categories"
)


@cache
def _statements() -> dict[str, str]:
    """The SQL of each part, scored and ranked, with `{visible}` where the caller's visibility
    query goes. The placeholders' order is the order of the lists `_params` makes."""
    quote = connection.ops.quote_name
    occupations, places = (quote(m._meta.db_table) for m in (ProfileOccupation, ProfilePlace))
    municipalities = quote(Municipality._meta.db_table)
    region = (
        f"SELECT r.id FROM {municipalities} r WHERE r.region_id ="  # noqa: S608 — table names
        f" (SELECT m.region_id FROM {municipalities} m WHERE m.id = %s)"
    )
    # Experience points in the vacancy's unit group: met with years, met without (nothing
    # required), missing. They never fall as the years grow, so MAX over occupations is the best.
    experience = "CASE WHEN years >= %s THEN %s WHEN years >= %s THEN 0 ELSE %s END"
    groups = "profile_id, client_id, municipality_id, readiness, licence_categories, education_rank"
    related = (
        f"SELECT {groups}, MAX(CASE WHEN occupation_id = %s THEN {SAME_OCCUPATION}"  # noqa: S608
        f" WHEN unit_group = %s THEN {SAME_UNIT_GROUP} ELSE {SAME_MINOR_GROUP} END)"
        f" AS occupation_points, MAX(CASE WHEN unit_group = %s THEN {experience} ELSE %s END)"
        " AS experience_points, MAX(CASE WHEN unit_group = %s THEN years ELSE 0 END)"
        f" AS experience_years FROM {occupations}"
        f" WHERE minor_group = %s AND municipality_id IN ({region}) GROUP BY {groups}"
    )
    # The people of the municipality; the ones with a related occupation are the first part's.
    nearby = (
        f"SELECT {groups}, 0 AS occupation_points, %s AS experience_points,"  # noqa: S608
        f" 0 AS experience_years FROM {places} WHERE municipality_id = %s AND client_id NOT IN"
        f" (SELECT client_id FROM {occupations} WHERE minor_group = %s AND municipality_id = %s)"
    )
    place = (
        f"CASE WHEN municipality_id = %s THEN {SAME_MUNICIPALITY}"
        f" WHEN municipality_id IN ({region}) THEN {SAME_REGION} ELSE 0 END"
    )
    requirement = f"THEN {REQUIREMENT_MET} ELSE {REQUIREMENT_MISSING} END"
    seen = "EXISTS (SELECT 1 FROM ({visible}) visible WHERE visible.client_id = ranked.client_id)"
    statements = {}
    for name, part in (("related", related), ("nearby", nearby)):
        scored = (
            "SELECT profile_id, client_id, occupation_points, experience_years, education_rank,"  # noqa: S608
            f" licence_categories, {place} AS place_points,"
            f" occupation_points + experience_points + {place}"
            " + CASE readiness WHEN %s THEN %s WHEN %s THEN %s WHEN %s THEN %s ELSE 0 END"
            f" + CASE WHEN %s <= 0 THEN 0 WHEN education_rank >= %s {requirement}"
            f" + CASE WHEN %s = '' THEN 0 WHEN licence_categories LIKE %s ESCAPE '\\' {requirement}"
            f" AS score FROM ({part}) candidate"
        )
        # The window: the best candidates by score, each with whether the worker may see it.
        statements[f"{name}_window"] = (
            f"SELECT {_COLUMNS}, CASE WHEN {seen} THEN 1 ELSE 0 END FROM"  # noqa: S608
            f" (SELECT * FROM ({scored}) ranked ORDER BY score DESC, profile_id LIMIT %s) ranked"
            " ORDER BY score DESC, profile_id"
        )
        # The fallback: every candidate the worker may see, ranked. The worker sees few of the
        # candidates, most likely few cases at all: their clients are read once (IN), not
        # looked up for each candidate (EXISTS).
        statements[f"{name}_all"] = (
            f"SELECT {_COLUMNS} FROM ({scored}) ranked WHERE client_id IN ({{visible}})"  # noqa: S608
            " ORDER BY score DESC, profile_id LIMIT %s"
        )
    return statements


def _like_pattern(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%,{escaped},%"


def _params(vacancy: Vacancy) -> dict[str, list[Any]]:
    """Each part's parameters in the order of its placeholders: the score's, then the part's."""
    occupation, here = vacancy.occupation, vacancy.municipality_id
    required = vacancy.min_experience_years
    met = REQUIREMENT_MET if required else 0
    none = REQUIREMENT_MISSING if required else 0  # no years in the vacancy's group at all
    experience = [max(required, 1), EXPERIENCE + met, required, REQUIREMENT_MISSING]
    readiness = [item for pair in READINESS.items() for item in pair]
    education, licence = vacancy.required_education_rank, vacancy.licence_category
    score = [here, here, here, here, *readiness, education, education, licence,
             _like_pattern(licence)]  # fmt: skip
    unit, minor = occupation.unit_group, occupation.minor_group
    return {
        "related": [*score, occupation.pk, unit, unit, *experience, none, unit, minor, here],
        "nearby": [*score, none, here, minor, here],
    }


def best_visible(vacancy: Vacancy, cases: QuerySet[Any], limit: int) -> list[Scored]:
    """The best `limit` candidates of the vacancy whose client has one of `cases`, best first
    (score, then profile id). Two statements, a third or fourth only for a part where the
    window held fewer than `limit` visible candidates."""
    try:
        visible, visible_params = cases.order_by().values("client_id").query.sql_with_params()
    except EmptyResultSet:  # the user may see no case at all
        return []
    statements = _statements()
    window = limit * WINDOW_PER_RESULT
    found: list[Scored] = []
    with connection.cursor() as cursor:
        for name, params in _params(vacancy).items():
            sql = statements[f"{name}_window"].replace("{visible}", visible)
            cursor.execute(sql, [*visible_params, *params, window])
            rows = cursor.fetchall()
            seen = [Scored(*row[:-1]) for row in rows if row[-1]]
            if len(seen) < limit and len(rows) == window:
                sql = statements[f"{name}_all"].replace("{visible}", visible)
                cursor.execute(sql, [*params, *visible_params, limit])
                seen = [Scored(*row) for row in cursor.fetchall()]
            found += seen[:limit]
    return sorted(found, key=lambda row: (-row.score, row.profile_id))[:limit]
