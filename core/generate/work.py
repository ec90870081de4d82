"""The casework behind generated cases (issue 10): assessments, cooperation plans with goals and
steps, signed participation agreements with their obligations, referrals to directory services,
employers and their vacancies, clients' employment profiles with the derived matching rows.
Same rules as the services that record them by hand (plans from an assessment, agreements only
on agreed plans, obligations from the default template, wages at least the minimum in force),
written in bulk through `Rows` without history rows.

Proportions as in the demo: most open cases have an assessment and an agreed plan, most agreed
plans a signed agreement, open cases 1–3 referrals; one employer per 50 clients, two vacancies
each.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple
from uuid import UUID

from django.db.models import Model

from accounts.models import Organisation
from assessments.models import (
    Assessment,
    Barrier,
    BarrierFinding,
    Need,
    NeedScore,
    Problem,
    ProblemFinding,
)
from directory.models import Service, ServiceArea
from employment.models import (
    EDUCATION_RANK,
    EmployerProfile,
    EmploymentProfile,
    MinimumWage,
    Occupation,
    ProfileOccupation,
    ProfilePlace,
    RecordPolicy,
    RequiredEducation,
    Sector,
    Vacancy,
    WorkExperience,
    WorkReadiness,
)
from people.models import Client
from plans.models import Agreement, BenefitRate, Goal, Obligation, ObligationTemplate, Plan, Step
from referrals.models import Referral, ReferralEvent

from .rows import Rows, reserve_ids

OPEN = ("active", "paused")
MODELS: tuple[type[Model], ...] = (
    Assessment, NeedScore, ProblemFinding, BarrierFinding, Plan, Goal, Step, Agreement,
    Obligation, Referral, ReferralEvent, Organisation, EmployerProfile, Vacancy,
    EmploymentProfile, WorkExperience, ProfileOccupation, ProfilePlace,
)  # fmt: skip
GOALS = {
    Need.SHELTER: ("Pastāvīga dzīvesvieta", "Reģistrēts pašvaldības dzīvokļu rindā"),
    Need.FOOD: ("Regulārs uzturs", "Saņem zupas virtuves talonus"),
    Need.SUBSISTENCE: ("Iztikas līdzekļi", "Piešķirts GMI pabalsts"),
    Need.PAID_WORK: ("Atrast darbu", "Noslēgts darba līgums"),
    Need.EDUCATION: ("Iegūt kvalifikāciju", "Pabeigti profesionālās pilnveides kursi"),
    Need.UPBRINGING: ("Atjaunot saikni ar bērniem", "Regulāras tikšanās ar bērniem"),
    Need.CARE: ("Ārstēt atkarību", "Apmeklējis narkologu un ģimenes ārstu"),
    Need.RELATIONSHIPS: ("Atbalsts ģimenē", "Ģimenes saruna ar psihologu"),
}
STEPS = [
    ("Iesniegt iesniegumu", "client", ""),
    ("Sagatavot dokumentus", "worker", ""),
    ("Pierakstīt pie speciālista", "institution", "Ģimenes ārsta prakse"),
    ("Reģistrēties NVA", "client", ""),
]
REASONS = [
    "Vajadzīga nakts patversme līdz dzīvesvietas atrašanai.",
    "Vajadzīgs atbalsts atkarības ārstēšanā.",
    "Vajadzīga palīdzība ar pārtiku un apģērbu.",
    "Vajadzīga konsultācija par parādiem.",
]
# Each referral status with the way it got there, from the worker sending it.
REFERRAL_PATHS = {
    "requested": ["requested"],
    "accepted": ["requested", "accepted"],
    "in_progress": ["requested", "accepted", "in_progress"],
    "completed": ["requested", "accepted", "completed"],
}
FIRMS = ["Kurzemes koks", "Baltijas būve", "Daugavas metāls", "Zemgales maize", "Latgales lini",
         "Vidzemes ceļi", "Jūras zivis", "Ozolu serviss", "Gaujas loģistika"]  # fmt: skip


class GeneratedCase(NamedTuple):
    pk: int
    client: int
    worker: int
    opened: date
    status: str
    client_name: str
    municipality: int


def _rows(model: type[Model], fields: tuple[str, ...], now: datetime) -> Rows:
    return Rows(model, fields, now, rebuild_indexes=True)


def generate(
    cases: list[GeneratedCase],
    workers: list[tuple[int, int]],
    municipalities: list[int],
    clients: int,
    seed: int,
    rng: random.Random,
    today: date,
    now: datetime,
) -> dict[str, int]:
    """Everything after the case file; returns the number of rows per table."""
    counts: dict[str, int] = defaultdict(int)
    open_cases = [c for c in cases if c.status in OPEN]
    assessed = _assessments(open_cases, rng, today, now, counts)
    _plans(assessed, rng, today, now, counts)
    _referrals(open_cases, rng, today, now, counts)
    _employers(clients, workers, municipalities, seed, rng, today, now, counts)
    _work_profiles(open_cases, rng, today, now, counts)
    return dict(counts)


def _day(start: date, rng: random.Random, low: int, high: int, today: date) -> date:
    return min(today, start + timedelta(days=rng.randint(low, high)))


def _assessments(
    cases: list[GeneratedCase],
    rng: random.Random,
    today: date,
    now: datetime,
    counts: dict[str, int],
) -> list[tuple[GeneratedCase, int, date, list[str]]]:
    """9 in 10 open cases assessed once: eight needs scored 0–3, problems and barriers.
    Returns (case, assessment id, assessed on, needs scored 2 or 3)."""
    chosen = [c for c in cases if rng.random() < 0.9]
    first = reserve_ids(Assessment, len(chosen))
    needs, problems, barriers = list(Need.values), list(Problem.values), list(Barrier.values)
    result = []
    with (
        _rows(Assessment, ("id", "case_id", "version", "assessed_on", "assessed_by_id",
                           "strengths"), now) as assessment_rows,
        _rows(NeedScore, ("assessment_id", "need", "level"), now) as score_rows,
        _rows(ProblemFinding, ("assessment_id", "problem"), now) as problem_rows,
        _rows(BarrierFinding, ("assessment_id", "barrier"), now) as barrier_rows,
    ):  # fmt: skip
        for i, case in enumerate(chosen):
            pk = first + i
            on = _day(case.opened, rng, 3, 30, today)
            assessment_rows.add((pk, case.pk, 1, on, case.worker, "Pats ieradās dienestā."))
            urgent = []
            for need in needs:
                level = rng.choice((0, 1, 1, 2, 2, 3))
                score_rows.add((pk, need, level))
                if level >= 2:
                    urgent.append(need)
            for problem in rng.sample(problems, rng.randint(1, 3)):
                problem_rows.add((pk, problem))
                counts["problem findings"] += 1
            for barrier in rng.sample(barriers, rng.randint(0, 2)):
                barrier_rows.add((pk, barrier))
                counts["barrier findings"] += 1
            result.append((case, pk, on, urgent))
    counts["assessments"] = len(chosen)
    counts["need scores"] = len(chosen) * len(needs)
    return result


def _plans(
    assessed: list[tuple[GeneratedCase, int, date, list[str]]],
    rng: random.Random,
    today: date,
    now: datetime,
    counts: dict[str, int],
) -> None:
    """Nearly every assessment leads to a plan (1 in 6 still a draft) with a goal per urgent need
    (at most four) and 1–2 steps each; 5 in 6 agreed plans have a signed agreement whose
    obligations come from the default template, due after signing."""
    chosen = [a for a in assessed if rng.random() < 0.95]
    first_plan = reserve_ids(Plan, len(chosen))
    goals_per_plan = [min(4, max(1, len(urgent))) for _c, _a, _on, urgent in chosen]
    first_goal = reserve_ids(Goal, sum(goals_per_plan))
    template = ObligationTemplate.objects.filter(is_default=True, valid_from__lte=today).first()
    items = list(template.items.order_by("position")) if template else []
    rates = list(BenefitRate.objects.filter(benefit__code="gmi").order_by("valid_from"))
    agreements: list[tuple[GeneratedCase, int, date]] = []
    goal_id = first_goal
    with (
        _rows(Plan, ("id", "case_id", "version", "status", "assessment_id", "created_by_id",
                     "agreed_on", "agreed_by_id"), now) as plan_rows,
        _rows(Goal, ("id", "plan_id", "need", "description", "outcome", "target_date",
                     "status"), now) as goal_rows,
        _rows(Step, ("goal_id", "description", "actor", "institution", "due_on", "status"),
              now) as step_rows,
    ):  # fmt: skip
        for i, (case, assessment, assessed_on, urgent) in enumerate(chosen):
            pk = first_plan + i
            agreed = rng.random() < 5 / 6
            on = _day(assessed_on, rng, 0, 14, today)
            plan_rows.add((
                pk, case.pk, 1, "agreed" if agreed else "draft", assessment, case.worker,
                on if agreed else None, case.worker if agreed else None,
            ))  # fmt: skip
            for need in (urgent or [Need.PAID_WORK])[:4]:
                text, outcome = GOALS[Need(need)]
                target = on + timedelta(days=rng.choice((30, 60, 90)))
                goal_rows.add((goal_id, pk, need, text, outcome, target, "active"))
                for step, actor, institution in rng.sample(STEPS, rng.randint(1, 2)):
                    due = on + timedelta(days=rng.randint(3, 30))
                    status = "completed" if due < today and rng.random() < 0.6 else "not_started"
                    step_rows.add((goal_id, step, actor, institution, due, status))
                    counts["steps"] += 1
                goal_id += 1
            if agreed and template is not None and rng.random() < 5 / 6:
                agreements.append((case, pk, on))
    counts["plans"] = len(chosen)
    counts["goals"] = goal_id - first_goal
    if template is None:
        return
    first_agreement = reserve_ids(Agreement, len(agreements))
    with (
        _rows(Agreement, ("id", "case_id", "plan_id", "template_id", "benefit_rate_id",
                          "status", "created_by_id", "signed_on", "signed_by_worker_id",
                          "signing_method"), now) as agreement_rows,
        _rows(Obligation, ("agreement_id", "template_item_id", "position", "due_on",
                           "responsible", "status", "evidence_kind", "evidence_text"),
              now) as obligation_rows,
    ):  # fmt: skip
        for i, (case, plan, signed) in enumerate(agreements):
            pk = first_agreement + i
            rate = next((r.pk for r in reversed(rates) if r.is_valid_on(signed)), None)
            agreement_rows.add((
                pk, case.pk, plan, template.pk, rate, "signed", case.worker, signed,
                case.worker, "paper",
            ))  # fmt: skip
            for item in items:
                due = signed + timedelta(days=item.due_in_days)
                done = due < today and rng.random() < 0.7
                obligation_rows.add((
                    pk, item.pk, item.position, due, case.client_name,
                    "fulfilled" if done else "pending", "text" if done else "",
                    "Klients uzrādīja apliecinājumu." if done else "",
                ))  # fmt: skip
    counts["agreements"] = len(agreements)
    counts["obligations"] = len(agreements) * len(items)


def _referrals(
    cases: list[GeneratedCase],
    rng: random.Random,
    today: date,
    now: datetime,
    counts: dict[str, int],
) -> None:
    """1–3 referrals per open case to active directory services for the client's municipality
    (any active service where the directory covers none), each with its status changes."""
    services = list(
        Service.objects.filter(status=Service.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not services:
        return
    local: dict[int, list[UUID]] = defaultdict(list)
    for service, municipality in (
        ServiceArea.objects.filter(service__status=Service.Status.ACTIVE)
        .order_by("service_id", "municipality_id")
        .values_list("service_id", "municipality_id")
    ):
        local[municipality].append(service)
    per_case = [rng.randint(1, 3) for _case in cases]
    first = reserve_ids(Referral, sum(per_case))
    pk = first
    with (
        _rows(Referral, ("id", "case_id", "service_id", "status", "reason", "created_by_id",
                         "sent_at", "answered_at"), now) as referral_rows,
        _rows(ReferralEvent, ("referral_id", "from_status", "to_status", "actor_id"),
              now) as event_rows,
    ):  # fmt: skip
        for case, count in zip(cases, per_case, strict=True):
            choices = local.get(case.municipality) or services
            for _n in range(count):
                status = rng.choice(list(REFERRAL_PATHS))
                sent = now - timedelta(days=rng.randint(1, max(1, (today - case.opened).days + 1)))
                answered = sent + timedelta(days=2) if status != "requested" else None
                referral_rows.add((
                    pk, case.pk, rng.choice(choices), status, rng.choice(REASONS), case.worker,
                    sent, answered,
                ))  # fmt: skip
                before = ""
                for step in REFERRAL_PATHS[status]:
                    event_rows.add((pk, before, step, case.worker))
                    before = step
                    counts["referral events"] += 1
                pk += 1
    counts["referrals"] = pk - first


def _employers(
    clients: int,
    workers: list[tuple[int, int]],
    municipalities: list[int],
    seed: int,
    rng: random.Random,
    today: date,
    now: datetime,
    counts: dict[str, int],
) -> None:
    """One employer per 50 clients (at least one), two vacancies each in the employer's
    municipality, paid at least the minimum wage in force on the opening day for its hours."""
    count = max(1, clients // 50)
    occupations = list(
        Occupation.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    wages = list(MinimumWage.objects.order_by("valid_from"))
    if not occupations or not wages:
        return
    first = reserve_ids(Organisation, count)
    sectors, educations = list(Sector.values), list(RequiredEducation.values)
    records = list(RecordPolicy.values)
    with (
        _rows(Organisation, ("id", "name", "kind", "municipality_id"), now) as organisation_rows,
        _rows(EmployerProfile, ("organisation_id", "contact_name", "sectors", "updated_by_id"),
              now) as profile_rows,
        _rows(Vacancy, ("employer_id", "occupation_id", "municipality_id", "hours_per_week",
                        "wage_eur", "required_education", "required_education_rank",
                        "accepts_record", "mentor_available", "opened_on", "created_by_id"),
              now) as vacancy_rows,
    ):  # fmt: skip
        for i in range(count):
            pk, municipality = first + i, rng.choice(municipalities)
            worker = workers[i % len(workers)][0]
            name = f"{rng.choice(FIRMS)} {i} SIA (sintētisks {seed})"
            organisation_rows.add((pk, name, Organisation.Kind.EMPLOYER.value, municipality))
            profile_rows.add((pk, "Personāla daļa", rng.sample(sectors, rng.randint(1, 2)), worker))
            for _n in range(2):
                opened = max(wages[0].valid_from, today - timedelta(days=rng.randint(0, 120)))
                wage = next(w for w in reversed(wages) if w.valid_from <= opened)
                hours = rng.choice((40, 40, 30, 20))
                pay = wage.for_hours(hours) * Decimal(rng.choice(("1.00", "1.10", "1.25", "1.50")))
                education = rng.choice(educations)
                vacancy_rows.add((
                    pk, rng.choice(occupations), municipality, hours, pay.quantize(Decimal("0.01")),
                    education, EDUCATION_RANK.get(education, 0), rng.choice(records),
                    rng.random() < 0.3, opened, worker,
                ))  # fmt: skip
    counts["employers"] = count
    counts["vacancies"] = 2 * count


def _work_profiles(
    cases: list[GeneratedCase],
    rng: random.Random,
    today: date,
    now: datetime,
    counts: dict[str, int],
) -> None:
    """Employment profiles for 6 in 10 clients of open cases, with 1–2 jobs of work experience,
    and the derived rows matching reads (ProfileOccupation, ProfilePlace) as
    employment.services.profile_reindex builds them: the most years per occupation, the
    profile's readiness and licences, the client's municipality and education rank."""
    chosen = [c for c in cases if rng.random() < 0.6]
    codes = dict(Occupation.objects.filter(is_active=True).order_by("pk").values_list("pk", "code"))
    if not codes:
        return
    occupations = list(codes)
    first = reserve_ids(EmploymentProfile, len(chosen))
    rank = EDUCATION_RANK.get(Client().education_level, -1)  # generated clients: the default
    readiness = list(WorkReadiness.values)
    with (
        _rows(EmploymentProfile, ("id", "client_id", "readiness", "licence_categories"),
              now) as profile_rows,
        _rows(WorkExperience, ("profile_id", "occupation_id", "years", "last_worked_year"),
              now) as experience_rows,
        _rows(ProfileOccupation, ("profile_id", "occupation_id", "unit_group", "minor_group",
                                  "years", "client_id", "municipality_id", "readiness",
                                  "licence_categories", "education_rank"), now) as index_rows,
        _rows(ProfilePlace, ("profile_id", "client_id", "municipality_id", "readiness",
                             "licence_categories", "education_rank"), now) as place_rows,
    ):  # fmt: skip
        for i, case in enumerate(chosen):
            pk, ready = first + i, rng.choice(readiness)
            licences = rng.choice(("", "", "B", "B,C"))
            profile_rows.add((pk, case.client, ready, licences))
            years: dict[int, int] = {}
            for occupation in rng.sample(occupations, rng.randint(1, 2)):
                n = rng.randint(0, 15)
                experience_rows.add((pk, occupation, n, today.year - rng.randint(1, 10)))
                years[occupation] = n
                counts["work experience"] += 1
            scored = (case.client, case.municipality, ready, licences, rank)
            for occupation, n in years.items():
                code = codes[occupation]
                index_rows.add((pk, occupation, code[:4], code[:3], n, *scored))
                counts["profile occupations"] += 1
            place_rows.add((pk, *scored))
    counts["employment profiles"] = len(chosen)
