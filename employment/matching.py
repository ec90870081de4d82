"""Matching clients and vacancies (H1–H3, D4), scored in SQL.

A few small queries collect what is fixed for the request (the client's occupations and
experience, or the vacancy's occupation group, the municipalities of the region); then one
statement scores every candidate row with CASE expressions over index ranges, sorts and keeps
the page with the parts of each score, for the reasons shown (so reasons and score cannot
disagree). The statements are written as SQL in candidates.py, not compiled by the ORM on each
call. The number of queries does not depend on how many rows match. The client's occupations
come from ProfileOccupation, a derived index the services rebuild whenever the profile changes.

Points: same occupation 40, same unit group (first four digits) 25, same minor group (first
three) 10; experience in the group that meets the requirement 15; same municipality 20, same
planning region 10; a requirement met 5 each, missing −10 each; the employer accepts people with
a record 5, a mentor colleague 5 (H3), a subsidised job 3; the client ready to work now 10,
later 3. Vacancies that refuse people with a record are never proposed.

Matching stays within the planning region: released persons rarely can move for a job (40% have
housing problems, I2), and a worker wants the people and jobs within reach. Within the region a
candidate shares the occupation's minor group (first three digits) or the municipality.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Municipality
from people.models import Client

from . import candidates
from .models import (
    EDUCATION_RANK,
    EmploymentProfile,
    Occupation,
    ProfileOccupation,
    RecordPolicy,
    RequiredEducation,
    Vacancy,
    WorkReadiness,
)
from .points import (
    SAME_MINOR_GROUP,
    SAME_MUNICIPALITY,
    SAME_OCCUPATION,
    SAME_REGION,
    SAME_UNIT_GROUP,
)

PAGE = 25


def _region_municipalities(municipality_id: int) -> list[int]:
    region = Municipality.objects.filter(pk=municipality_id).values("region_id")
    return list(Municipality.objects.filter(region_id__in=region).values_list("pk", flat=True))


# --- Reasons and suggestions (built from the annotations, no queries) -------------------------


# What is missing proposes a plan step (issue 7, C1, D4, H2), each kind filed under a need of the
# directory (directory/needs.py) so the page can offer services for it:
# - education: adult basic or secondary education is "general-education";
# - experience: work practice and subsidised jobs with a mentor are arranged through the State
#   Employment Agency (its active labour-market measures), so "employment-agency";
# - licence: driving schools teach a vocational qualification, so "vocational-training";
# - requalification: a course for the vacancy's occupation, "vocational-training".
PROPOSAL_NEEDS = {
    "education": "general-education",
    "experience": "employment-agency",
    "licence": "vocational-training",
    "requalification": "vocational-training",
}


@dataclass(frozen=True)
class Proposal:
    """A plan step proposed for something missing: its kind (a key of PROPOSAL_NEEDS), the
    translated text and the directory need whose services may provide it."""

    kind: str
    text: str
    need: str

    def __str__(self) -> str:
        return self.text


def proposal_for(kind: str, vacancy: Vacancy) -> Proposal | None:
    """The proposal of this kind for the vacancy, or None when the vacancy asks nothing the
    kind would provide (no education level, experience or licence required)."""
    if kind == "education" and vacancy.required_education:
        text = _("Adult education to complete the required level of education")
    elif kind == "experience" and vacancy.min_experience_years:
        text = _("Work practice or a subsidised job with a mentor to gain experience")
    elif kind == "licence" and vacancy.licence_category:
        text = _("Driving course for category %(category)s") % {
            "category": vacancy.licence_category
        }
    elif kind == "requalification":
        text = _("Requalification course: %(title)s") % {"title": vacancy.occupation.title}
    else:
        return None
    return Proposal(kind=kind, text=text, need=PROPOSAL_NEEDS[kind])


@dataclass
class Match:
    score: int
    occupation: str  # "same", "unit_group", "minor_group" or ""
    place: str  # "municipality", "region" or ""
    experience_years: int
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    suggestions: list[Proposal] = field(default_factory=list)

    def propose(self, kind: str, vacancy: Vacancy) -> None:
        proposal = proposal_for(kind, vacancy)
        if proposal is not None:
            self.suggestions.append(proposal)


def _education_label(value: str) -> str:
    return str(RequiredEducation(value).label) if value in RequiredEducation.values else value


def _explain(row: Any, vacancy: Vacancy, readiness: str | None, score: int) -> Match:
    occupation = {
        SAME_OCCUPATION: "same", SAME_UNIT_GROUP: "unit_group", SAME_MINOR_GROUP: "minor_group",
    }.get(row.occupation_points, "")  # fmt: skip
    place = {SAME_MUNICIPALITY: "municipality", SAME_REGION: "region"}.get(row.place_points, "")
    match = Match(
        score=score, occupation=occupation, place=place, experience_years=row.experience_years
    )
    reasons, missing = match.reasons, match.missing
    title = vacancy.occupation.title
    if occupation == "same":
        reasons.append(_("Same occupation: %(title)s") % {"title": title})
    elif occupation == "unit_group":
        reasons.append(_("Related occupation (same occupation group)"))
    elif occupation == "minor_group":
        reasons.append(_("Similar field of work"))
    if row.experience_years:
        reasons.append(
            ngettext(
                "%(years)s year of experience in this group of occupations",
                "%(years)s years of experience in this group of occupations",
                row.experience_years,
            )
            % {"years": row.experience_years}
        )
    if place == "municipality":
        reasons.append(_("Same municipality"))
    elif place == "region":
        reasons.append(_("Same planning region"))
    if not row.education_met:
        missing.append(
            _("Education: %(level)s required")
            % {"level": _education_label(vacancy.required_education)}
        )
        match.propose("education", vacancy)
    elif vacancy.required_education:
        reasons.append(_("Education requirement met"))
    if not row.experience_met:
        missing.append(
            ngettext(
                "Experience: %(required)s year required, has %(years)s",
                "Experience: %(required)s years required, has %(years)s",
                vacancy.min_experience_years,
            )
            % {"required": vacancy.min_experience_years, "years": row.experience_years}
        )
        match.propose("experience", vacancy)
    elif vacancy.min_experience_years:
        reasons.append(_("Experience requirement met"))
    if not row.licence_met:
        missing.append(
            _("Driving licence category %(category)s") % {"category": vacancy.licence_category}
        )
        match.propose("licence", vacancy)
    elif vacancy.licence_category:
        reasons.append(
            _("Has driving licence category %(category)s") % {"category": vacancy.licence_category}
        )
    if occupation != "same":
        match.propose("requalification", vacancy)
    if vacancy.accepts_record == RecordPolicy.YES:
        reasons.append(_("The employer accepts people with a record"))
    if vacancy.mentor_available:
        reasons.append(_("A mentor colleague is available"))
    if vacancy.subsidised:
        reasons.append(_("Subsidised job"))
    if readiness == WorkReadiness.LATER:
        reasons.append(_("Wants to work later"))
    elif readiness == WorkReadiness.NOT_NOW:
        missing.append(_("Does not want to work now"))
    return match


# --- For a client: ranked open vacancies ------------------------------------------------------


@dataclass
class ClientFacts:
    occupation_ids: set[int]
    units: set[str]
    years_by_group: dict[str, int]
    municipality_id: int
    education_rank: int
    licences: list[str]


def client_facts(client: Client, profile: EmploymentProfile | None) -> ClientFacts:
    """The client's occupations and years of experience by unit group (one query)."""
    occupation_ids: set[int] = set()
    units: set[str] = set()
    years: dict[str, int] = defaultdict(int)
    if profile is not None:
        for occupation_id, group, n in ProfileOccupation.objects.filter(
            profile=profile
        ).values_list("occupation_id", "unit_group", "years"):
            occupation_ids.add(occupation_id)
            units.add(group)
            years[group] = max(years[group], n)
    return ClientFacts(
        occupation_ids=occupation_ids,
        units=units, years_by_group={g: n for g, n in years.items() if n},
        municipality_id=client.municipality_id,
        education_rank=EDUCATION_RANK.get(client.education_level, -1),
        licences=profile.licences if profile else [],
    )  # fmt: skip


@dataclass
class VacancyMatch:
    vacancy: Vacancy
    match: Match


def vacancies_for_client(
    client: Client, profile: EmploymentProfile | None, *, today: date, limit: int = PAGE
) -> list[VacancyMatch]:
    """Candidates: open vacancies in the client's planning region in a related occupation (the
    same minor group), and any vacancy in the client's municipality."""
    facts = client_facts(client, profile)
    units = set(facts.units)
    related = list(
        Occupation.objects.filter(minor_group__in={unit[:3] for unit in units}).values_list(
            "pk", "unit_group"
        )
    )
    same_unit = {pk for pk, unit in related if unit in units} - facts.occupation_ids
    same_minor = {pk for pk, _u in related} - facts.occupation_ids - same_unit
    by_group: dict[str, set[int]] = defaultdict(set)
    for pk, unit in related:
        by_group[unit].add(pk)
    question = candidates.VacancyQuestion(
        occupation_ids=facts.occupation_ids, same_unit=same_unit, same_minor=same_minor,
        years_by_occupations=[
            (by_group[unit], n) for unit, n in facts.years_by_group.items() if by_group.get(unit)
        ],
        municipality_id=facts.municipality_id,
        region=_region_municipalities(facts.municipality_id),
        education_rank=facts.education_rank, licences=facts.licences,
    )  # fmt: skip
    top = candidates.best_vacancies(question, today=today, limit=limit)
    rows = Vacancy.objects.select_related("employer", "occupation", "municipality").in_bulk(
        [row.pk for row in top]
    )
    readiness = profile.readiness if profile else None
    return [
        VacancyMatch(vacancy=rows[row.pk], match=_explain(row, rows[row.pk], readiness, row.score))
        for row in top
    ]


# --- For a vacancy: ranked clients the worker may see -----------------------------------------


@dataclass
class ClientMatch:
    profile: EmploymentProfile
    case_id: int
    match: Match


def clients_for_vacancy(
    vacancy: Vacancy, cases: QuerySet[Any], *, limit: int = PAGE
) -> list[ClientMatch]:
    """`cases` is the visibility decision: the open cases whose plan the worker may see, made
    by the caller through cases.selectors. Each client is shown with one of those cases.

    Candidates: clients of the vacancy's planning region in a related occupation (the same
    minor group), and anyone living in the vacancy's municipality. The related ones are scored
    from one range of the derived occupation index (ProfileOccupation carries the profile's
    readiness and licences and the client's education), grouped by profile; the others living
    in the municipality from one range of the derived place index (ProfilePlace). Each part
    keeps its best page of visible clients and the two pages are merged: the parts share no
    one, so the merged page is the best page of all candidates."""
    required = vacancy.min_experience_years
    top = candidates.best_visible(vacancy, cases, limit)
    profiles = EmploymentProfile.objects.filter(pk__in=[row.profile_id for row in top])
    by_pk = {p.pk: p for p in profiles.select_related("client", "client__municipality")}
    case_of = dict(
        cases.filter(client_id__in=[row.client_id for row in top])
        .order_by("client_id", "pk")
        .values_list("client_id", "pk")
    )
    licence, education = vacancy.licence_category, vacancy.required_education_rank
    found_matches = []
    for row in top:
        parts = SimpleNamespace(
            occupation_points=row.occupation_points,
            place_points=row.place_points,
            experience_years=row.experience_years,
            experience_met=row.experience_years >= required,
            education_met=education <= 0 or row.education_rank >= education,
            licence_met=not licence or f",{licence}," in row.licence_categories,
        )
        profile = by_pk[row.profile_id]
        found_matches.append(
            ClientMatch(
                profile=profile,
                case_id=case_of[row.client_id],
                match=_explain(parts, vacancy, profile.readiness, row.score),
            )
        )
    return found_matches
