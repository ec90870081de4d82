"""The ranking statements of matching (H1–H3, D4), as SQL: a vacancy's candidate clients and
a client's open vacancies.

Django compiled the CASE expressions, the grouping and the subqueries on every call, which cost
as much as running them (issue 7: SQLite missed 50 ms p95 at 100,000 clients). A vacancy's
statement is built once per process from the tables' names and takes everything that varies as
parameters; a client's is put together from strings because its IN lists vary. The scoring
rules are the ones documented in matching.py; employment/tests/test_matching_reference.py
checks both against a plain Python reading of them on both databases.

Visibility stays the caller's compiled queryset (cases.selectors decides who sees which case).
Checking it for each of the thousands of candidates of a region cost more than scoring them.
A viewer who may see fewer than FEW_CASES cases (a case worker: the cases they lead, are on the
team of or hold a grant for) has those cases' clients filter the candidates before they are
scored. For a viewer who sees more (a supervisor: the whole organisation) each part keeps its
best WINDOW_PER_RESULT × page candidates by score and checks only those; when fewer than the
page are visible in a full window, that part is ranked again over the clients the viewer may
see, so the result is always exact. bench/MATCHING.md has the timings of both kinds of viewer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from accounts.models import Municipality

from .models import ProfileOccupation, ProfilePlace, RecordPolicy, Vacancy
from .points import (
    ACCEPTS_RECORD,
    EXPERIENCE,
    MENTOR,
    READINESS,
    REQUIREMENT_MET,
    REQUIREMENT_MISSING,
    SAME_MINOR_GROUP,
    SAME_MUNICIPALITY,
    SAME_OCCUPATION,
    SAME_REGION,
    SAME_UNIT_GROUP,
    SUBSIDISED,
)

WINDOW_PER_RESULT = 8  # candidates checked for visibility per result wanted, before falling back
FEW_CASES = 1000  # a viewer who sees fewer cases has them filter the candidates directly


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
        f" WHERE minor_group = %s AND municipality_id IN ({region}){{only}} GROUP BY {groups}"
    )
    # The people of the municipality; the ones with a related occupation are the first part's.
    nearby = (
        f"SELECT {groups}, 0 AS occupation_points, %s AS experience_points,"  # noqa: S608
        f" 0 AS experience_years FROM {places} WHERE municipality_id = %s AND client_id NOT IN"
        f" (SELECT client_id FROM {occupations} WHERE minor_group = %s AND municipality_id = %s)"
        "{only}"
    )
    place = (
        f"CASE WHEN municipality_id = %s THEN {SAME_MUNICIPALITY}"
        f" WHEN municipality_id IN ({region}) THEN {SAME_REGION} ELSE 0 END"
    )
    requirement = f"THEN {REQUIREMENT_MET} ELSE {REQUIREMENT_MISSING} END"
    # OFFSET 0 keeps PostgreSQL from turning the check into a hash of every client the viewer
    # may see (a supervisor: the whole organisation, 84 → 25 ms p50 at 100,000): a probe for
    # each of the window's rows instead. SQLite probes either way.
    seen = (
        "EXISTS (SELECT 1 FROM ({visible}) visible WHERE visible.client_id = ranked.client_id"
        " LIMIT 1 OFFSET 0)"
    )
    statements = {}
    for name, part in (("related", related), ("nearby", nearby)):
        scored = (
            "SELECT profile_id, client_id, occupation_points, experience_years, education_rank,"  # noqa: S608
            f" licence_categories, {place} AS place_points,"
            f" occupation_points + experience_points + {place}"
            " + CASE readiness WHEN %s THEN %s WHEN %s THEN %s WHEN %s THEN %s ELSE 0 END"
            f" + CASE WHEN %s <= 0 THEN 0 WHEN education_rank >= %s {requirement}"
            f" + CASE WHEN %s = '' THEN 0 WHEN licence_categories LIKE %s ESCAPE '\\' {requirement}"
            " AS score FROM ({part}) candidate"
        )
        # The window: the best candidates by score, each with whether the worker may see it.
        every = scored.format(part=part.format(only=""))
        statements[f"{name}_window"] = (
            f"SELECT {_COLUMNS}, CASE WHEN {seen} THEN 1 ELSE 0 END FROM"  # noqa: S608
            f" (SELECT * FROM ({every}) ranked ORDER BY score DESC, profile_id LIMIT %s) ranked"
            " ORDER BY score DESC, profile_id"
        )
        # The fallback: only the candidates the worker may see, scored and ranked. The worker
        # sees few of them, most likely few cases at all: their clients are read once (IN)
        # and the rest of the index range is passed over before it is grouped and scored.
        visible_only = scored.format(part=part.format(only=" AND client_id IN ({visible})"))
        statements[f"{name}_all"] = (
            f"SELECT {_COLUMNS} FROM ({visible_only}) ranked"  # noqa: S608
            " ORDER BY score DESC, profile_id LIMIT %s"
        )
    return statements


def _params(vacancy: Vacancy) -> dict[str, list[Any]]:
    """Each part's parameters in the order of its placeholders: the score's, then the part's."""
    occupation, here = vacancy.occupation, vacancy.municipality_id
    required = vacancy.min_experience_years
    met = REQUIREMENT_MET if required else 0
    none = REQUIREMENT_MISSING if required else 0  # no years in the vacancy's group at all
    experience = [max(required, 1), EXPERIENCE + met, required, REQUIREMENT_MISSING]
    readiness = [item for pair in READINESS.items() for item in pair]
    education, licence = vacancy.required_education_rank, vacancy.licence_category
    licence_in_column = f"%,{connection.ops.prep_for_like_query(licence)},%"
    # The place is scored twice (as a column and in the sum): computing it once in a subquery
    # was slower on PostgreSQL (supervisor p95 43 → 52 ms).
    score = [here, here, here, here, *readiness, education, education, licence, licence_in_column]
    unit, minor = occupation.unit_group, occupation.minor_group
    return {
        "related": [*score, occupation.pk, unit, unit, *experience, none, unit, minor, here],
        "nearby": [*score, none, here, minor, here],
    }


def _sees_few(cursor: Any, visible: str, visible_params: Any) -> bool:
    """Whether the viewer may see fewer than FEW_CASES cases: then those few filter the
    candidates directly; a supervisor's whole organisation is checked in the window instead."""
    cursor.execute(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM ({visible}) visible LIMIT {FEW_CASES}) few",  # noqa: S608
        visible_params,
    )
    return int(cursor.fetchone()[0]) < FEW_CASES


def best_visible(vacancy: Vacancy, cases: QuerySet[Any], limit: int) -> list[Scored]:
    """The best `limit` candidates of the vacancy whose client has one of `cases`, best first
    (score, then profile id). One small count, then one statement per part (two candidate
    parts); a part's window that holds fewer than `limit` visible candidates adds its exact
    fallback."""
    try:
        visible, visible_params = cases.order_by().values("client_id").query.sql_with_params()
    except EmptyResultSet:  # the user may see no case at all
        return []
    statements = _statements()
    window = limit * WINDOW_PER_RESULT
    found: list[Scored] = []
    with connection.cursor() as cursor:
        few = _sees_few(cursor, visible, visible_params)
        for name, params in _params(vacancy).items():
            exact = statements[f"{name}_all"].replace("{visible}", visible)
            if few:
                cursor.execute(exact, [*params, *visible_params, limit])
                found += [Scored(*row) for row in cursor.fetchall()]
                continue
            sql = statements[f"{name}_window"].replace("{visible}", visible)
            cursor.execute(sql, [*visible_params, *params, window])
            rows = cursor.fetchall()
            seen = [Scored(*row[:-1]) for row in rows if row[-1]]
            if len(seen) < limit and len(rows) == window:
                cursor.execute(exact, [*params, *visible_params, limit])
                seen = [Scored(*row) for row in cursor.fetchall()]
            found += seen[:limit]
    return sorted(found, key=lambda row: (-row.score, row.profile_id))[:limit]


# --- For a client: open vacancies --------------------------------------------------------------


@dataclass
class RankedVacancy:
    """One open vacancy as its ranking returns it: the score and its parts, for the reasons."""

    pk: int
    score: int
    occupation_points: int
    place_points: int
    experience_years: int
    education_met: bool
    licence_met: bool
    experience_met: bool


def _in(column: str, values: Collection[Any]) -> tuple[str, list[Any]]:
    """`column IN (…)` with one placeholder per value, or a condition never true."""
    if not values:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


@dataclass
class VacancyQuestion:
    """What is fixed for the request: the client's occupations (theirs, the same unit group's,
    the same minor group's), years by group, where they live, education and licences."""

    occupation_ids: set[int]
    same_unit: set[int]
    same_minor: set[int]
    years_by_occupations: list[tuple[set[int], int]]
    municipality_id: int
    region: list[int]
    education_rank: int
    licences: list[str]


def best_vacancies(question: VacancyQuestion, *, today: date, limit: int) -> list[RankedVacancy]:
    """The best `limit` open vacancies for the client: the related occupations in the planning
    region and any in the client's municipality, never one refusing people with a record. The
    statement is put together from strings (its IN lists vary with the client), never by the
    ORM, and read through the (occupation, municipality) and (municipality, closed_on) indexes."""
    table = connection.ops.quote_name(Vacancy._meta.db_table)
    q = question
    related = q.occupation_ids | q.same_unit | q.same_minor
    parts: list[tuple[str, list[Any]]] = [
        _in("occupation_id", q.occupation_ids), _in("occupation_id", q.same_unit),
        _in("occupation_id", q.same_minor), _in("municipality_id", q.region),
        _in("licence_category", q.licences), _in("occupation_id", related),
    ]  # fmt: skip
    (mine, mine_p), (unit, unit_p), (minor, minor_p), (region, region_p) = parts[:4]
    (licence, licence_p), (related_sql, related_p) = parts[4:]
    years_sql, years_p = "", []
    for occupations, n in q.years_by_occupations:
        condition, condition_p = _in("occupation_id", occupations)
        years_sql += f" WHEN {condition} THEN %s"
        years_p += [*condition_p, n]
    inner = (
        f"SELECT id, opened_on, min_experience_years, required_education_rank,"  # noqa: S608
        " licence_category, accepts_record, mentor_available, subsidised,"
        f" CASE WHEN {mine} THEN {SAME_OCCUPATION} WHEN {unit} THEN {SAME_UNIT_GROUP}"
        f" WHEN {minor} THEN {SAME_MINOR_GROUP} ELSE 0 END AS occupation_points,"
        f" CASE WHEN municipality_id = %s THEN {SAME_MUNICIPALITY}"
        f" WHEN {region} THEN {SAME_REGION} ELSE 0 END AS place_points,"
        f" CASE{years_sql or ' WHEN 1 = 0 THEN 0'} ELSE 0 END AS experience_years,"
        " CASE WHEN required_education_rank = 0 OR required_education_rank <= %s"
        " THEN 1 ELSE 0 END AS education_met,"
        f" CASE WHEN licence_category = '' OR {licence} THEN 1 ELSE 0 END AS licence_met"
        f" FROM {table} WHERE opened_on <= %s AND (closed_on IS NULL OR closed_on > %s)"
        f" AND accepts_record <> %s AND (({related_sql} AND {region})"
        " OR municipality_id = %s)"
    )
    inner_p = [
        *mine_p, *unit_p, *minor_p, q.municipality_id, *region_p, *years_p, q.education_rank,
        *licence_p, today, today, RecordPolicy.NO, *related_p, *region_p, q.municipality_id,
    ]  # fmt: skip
    met = f"THEN {REQUIREMENT_MET} ELSE 0 END"
    missing = f"THEN {REQUIREMENT_MISSING}"
    sql = (
        "SELECT id, occupation_points + place_points"  # noqa: S608 — built from constants
        f" + CASE WHEN experience_years > 0 AND experience_met = 1 THEN {EXPERIENCE} ELSE 0 END"
        f" + CASE WHEN education_met = 0 {missing} WHEN required_education_rank > 0 {met}"
        f" + CASE WHEN experience_met = 0 {missing} WHEN min_experience_years > 0 {met}"
        f" + CASE WHEN licence_met = 0 {missing} WHEN licence_category <> '' {met}"
        f" + CASE WHEN accepts_record = %s THEN {ACCEPTS_RECORD} ELSE 0 END"
        f" + CASE WHEN mentor_available THEN {MENTOR} ELSE 0 END"
        f" + CASE WHEN subsidised THEN {SUBSIDISED} ELSE 0 END AS score,"
        " occupation_points, place_points, experience_years, education_met, licence_met,"
        " experience_met FROM (SELECT candidate.*, CASE WHEN min_experience_years <="
        f" experience_years THEN 1 ELSE 0 END AS experience_met FROM ({inner}) candidate) scored"
        " ORDER BY score DESC, opened_on DESC, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [RecordPolicy.YES, *inner_p, limit])
        return [
            RankedVacancy(
                pk=pk,
                score=score,
                occupation_points=occupation,
                place_points=place,
                experience_years=years,
                education_met=bool(education),
                licence_met=bool(licence_ok),
                experience_met=bool(experience),
            )
            for pk, score, occupation, place, years, education, licence_ok, experience in (
                cursor.fetchall()
            )
        ]
