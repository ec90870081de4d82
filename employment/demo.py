"""Synthetic employment demo: employers and vacancies in every Kurzeme municipality, Jānis's
profile (a bricklayer who wants to rest first, A2), profiles of the other demo clients, and one
placement whose first follow-up is overdue. Every name here is invented."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.demo import email_of
from accounts.models import Municipality, Organisation, User
from cases.models import Case

from . import services
from .models import (
    EmployerFeedback,
    EmploymentProfile,
    Experience,
    Incentive,
    Openness,
    Qualification,
    RecordPolicy,
    RequiredEducation,
    Sector,
    WorkReadiness,
)

# (name, municipality code, sectors, openness, mentor, incentives used, incentives wanted)
EMPLOYERS: list[tuple[str, str, list[str], str, str, list[str], list[str]]] = [
    ("SIA „Kurzemes būvnieks”", "saldus-novads", [Sector.CONSTRUCTION], Openness.YES,
     "Andris Kalējs, brigadieris", [Incentive.SUBSIDISED_JOB], [Incentive.EQUIPMENT_INSURANCE]),
    ("SIA „Liepājas metālapstrāde”", "liepaja", [Sector.MANUFACTURING], Openness.WITH_SUPPORT,
     "Viktors Sīlis, meistars", [], [Incentive.TAX_RELIEF, Incentive.TRAINING_SUPPORT]),
    ("SIA „Ventas kokapstrāde”", "ventspils-novads", [Sector.WOOD], Openness.YES,
     "Ilmārs Skuja", [Incentive.TRAINING_SUPPORT], [Incentive.SUBSIDISED_JOB]),
    ("SIA „Kuldīgas mežsaimnieks”", "kuldigas-novads", [Sector.FORESTRY], Openness.WITH_SUPPORT,
     "", [], [Incentive.EQUIPMENT_INSURANCE, Incentive.SUBSIDISED_JOB]),
    ("SIA „Talsu autoserviss”", "talsu-novads", [Sector.REPAIR], Openness.UNKNOWN, "", [],
     [Incentive.TAX_RELIEF]),
    ("SIA „Tukuma elektro”", "tukuma-novads", [Sector.ENERGY, Sector.CONSTRUCTION], Openness.YES,
     "Gatis Lapsa, elektriķis", [Incentive.SUBSIDISED_JOB], []),
    ("SIA „Dienvidkurzemes loģistika”", "dienvidkurzemes-novads", [Sector.TRANSPORT],
     Openness.WITH_SUPPORT, "", [], [Incentive.TRAINING_SUPPORT]),
    ("SIA „Ventspils ostas serviss”", "ventspils", [Sector.MANUFACTURING, Sector.TRANSPORT],
     Openness.NO, "", [], []),
]  # fmt: skip

# (employer index, occupation code, title, hours, wage, education, years, licence,
#  accepts record, mentor, subsidised, opened days ago)
VACANCIES: list[tuple[int, str, str, int, int, str, int, str, str, bool, bool, int]] = [
    (0, "7112 01", "Mūrnieks objektos Saldū", 40, 1150, "", 2, "", RecordPolicy.YES, True, False, 20),
    (0, "9313 01", "Palīgstrādnieks būvlaukumā", 40, 900, "", 0, "", RecordPolicy.YES, True, True, 12),
    (0, "7111 01", "Celtnieks", 40, 1200, RequiredEducation.BASIC, 3, "B", RecordPolicy.YES, False, False, 30),
    (1, "7212 01", "MIG/MAG metinātājs", 40, 1400, RequiredEducation.VOCATIONAL, 2, "", RecordPolicy.ASK, True, False, 15),
    (1, "7222 01", "Atslēdznieks", 40, 1100, "", 1, "", RecordPolicy.ASK, False, False, 40),
    (2, "7523 01", "Kokapstrādes strādnieks", 40, 950, "", 0, "", RecordPolicy.YES, True, True, 10),
    (2, "7522 01", "Galdnieks mēbeļu ražošanā", 40, 1150, "", 2, "", RecordPolicy.YES, True, False, 25),
    (3, "6210 01", "Mežstrādnieks", 40, 1000, "", 1, "TR1", RecordPolicy.ASK, False, True, 18),
    (3, "6210 02", "Motorzāģa operators", 30, 800, "", 2, "B", RecordPolicy.ASK, False, False, 8),
    (4, "7231 01", "Autoatslēdznieks", 40, 1050, "", 2, "B", RecordPolicy.ASK, False, False, 14),
    (5, "7411 01", "Elektriķis", 40, 1300, RequiredEducation.VOCATIONAL, 3, "B", RecordPolicy.YES, True, False, 21),
    (5, "7412 01", "Elektromontieris", 40, 1250, RequiredEducation.SECONDARY, 1, "", RecordPolicy.YES, True, True, 9),
    (6, "8332 01", "Kravas automašīnas vadītājs", 40, 1450, "", 2, "CE", RecordPolicy.ASK, False, False, 16),
    (6, "8322 01", "Piegādes autovadītājs", 40, 950, "", 0, "B", RecordPolicy.YES, False, False, 6),
    (7, "7212 01", "Metinātājs ostā", 40, 1500, RequiredEducation.VOCATIONAL, 5, "", RecordPolicy.NO, False, False, 11),
]  # fmt: skip

PROFESSION_CODES = {
    "mūrnieks": "7112 01", "metinātājs": "7212 01", "galdnieks": "7522 01",
    "autovadītājs": "8322 01", "elektriķis": "7411 01", "mežstrādnieks": "6210 01",
    "celtnieks": "7111 01",
}  # fmt: skip


def _employers(actor: User, today: date) -> list[Organisation]:
    municipalities = {m.code: m for m in Municipality.objects.all()}
    organisations = []
    for name, code, sectors, openness, mentor, used, wanted in EMPLOYERS:
        details = services.EmployerDetails(
            contact_name="Personāla daļa", contact_phone="+371 20000000", sectors=list(sectors),
            openness=openness, mentor_name=mentor, incentives_used=list(used),
            incentives_wanted=list(wanted),
        )  # fmt: skip
        existing = Organisation.objects.filter(name=name).first()
        if existing is None:
            organisations.append(
                services.employer_create(
                    actor=actor, name=name, municipality=municipalities[code], details=details
                )
            )
        else:
            organisations.append(
                services.employer_update(
                    actor=actor,
                    organisation=existing,
                    municipality=municipalities[code],
                    details=details,
                )
            )
    for row in VACANCIES:
        index, occupation, title, hours, wage, education, years, licence, record = row[:9]
        has_mentor, subsidised, days_ago = row[9:]
        employer = organisations[index]
        services.vacancy_create(
            actor=actor, employer=employer,
            details=services.VacancyDetails(
                occupation_code=occupation, title=title,
                municipality_id=employer.municipality_id, hours_per_week=hours,
                wage_eur=Decimal(wage), required_education=education,
                min_experience_years=years, licence_category=licence, accepts_record=record,
                mentor_available=has_mentor, subsidised=subsidised,
                opened_on=today - timedelta(days=days_ago),
            ),
        )  # fmt: skip
    EmployerFeedback.objects.create(
        employer=organisations[0], experience=Experience.RATHER_POSITIVE,
        text="Strādā kārtīgi, ja brigadieris viņam uzticas; pirmais mēnesis bija grūts.",
        recorded_on=today - timedelta(days=60), recorded_by=actor,
    )  # fmt: skip
    return organisations


def _janis(today: date) -> None:
    """A2: a bricklayer before prison, skills lost, poor health; wants to rest first."""
    case = Case.objects.get(client__first_name="Jānis", client__last_name="Bērziņš")
    worker = case.lead_worker
    services.profile_update(
        actor=worker, case=case, readiness=WorkReadiness.LATER,
        readiness_note="Gribu vispirms atpūsties. Par darbu pagaidām negribu runāt.",
        professions=[services.occupation_from_code("7112 01")],
        skills="mūrēšana\napmešana", licences=[],
    )  # fmt: skip
    services.experience_add(
        actor=worker, case=case, occupation_code="7112 01", years=6,
        last_worked_year=today.year - 9, employer_name="Būvniecības uzņēmums Saldū",
    )  # fmt: skip
    services.qualification_add(
        actor=worker, case=case, title="Mūrnieks (2. profesionālās kvalifikācijas līmenis)",
        kind=Qualification.Kind.VOCATIONAL_DIPLOMA, occupation_code="7112 01",
        issued_by="Saldus arodvidusskola", document_number="",
    )  # fmt: skip
    services.limitations_update(
        actor=worker,
        case=case,
        text="Pagaidām nav ieteicams darbs augstumā; vispirms ārstēt atkarību.",
    )


def _others(today: date, organisations: list[Organisation]) -> None:
    rng = random.Random(7)  # noqa: S311 — deterministic demo data, not security
    cases = (
        Case.objects.exclude(client__first_name="Jānis", client__last_name="Bērziņš")
        .exclude(client__professions="")
        .select_related("client", "lead_worker")
        .order_by("pk")
    )
    placed = False
    for case in cases:
        code = PROFESSION_CODES.get(case.client.professions)
        if code is None:
            continue
        licences = ["B"] + (["C", "CE"] if code == "8322 01" and rng.random() < 0.5 else [])
        services.profile_update(
            actor=case.lead_worker, case=case,
            readiness=rng.choice([WorkReadiness.READY_NOW] * 3 + [WorkReadiness.LATER]),
            professions=[services.occupation_from_code(code)],
            licences=licences if rng.random() < 0.6 else [],
        )  # fmt: skip
        services.experience_add(
            actor=case.lead_worker, case=case, occupation_code=code, years=rng.randint(1, 10),
            last_worked_year=today.year - rng.randint(1, 8),
        )  # fmt: skip
        if not placed and code == "7212 01" and case.status == "active":
            employer = next(o for o in organisations if "metālapstrāde" in o.name)
            services.placement_record(
                actor=case.lead_worker, case=case, employer=employer,
                occupation_code=code, started_on=today - timedelta(days=40),
                mentor_name="Viktors Sīlis",
            )  # fmt: skip
            placed = True


@transaction.atomic
def seed(today: date | None = None) -> int:
    """Employers, vacancies and profiles; skipped when Jānis already has a profile."""
    if EmploymentProfile.objects.filter(
        client__first_name="Jānis", client__last_name="Bērziņš"
    ).exists():
        return 0
    if not Case.objects.filter(client__first_name="Jānis", client__last_name="Bērziņš").exists():
        return 0
    today = today or timezone.localdate()
    actor = User.objects.get(email=email_of("inga.socdarbiniece"))
    organisations = _employers(actor, today)
    _janis(today)
    _others(today, organisations)
    return len(VACANCIES)
