"""Employers, vacancies and profiles for tests, made through the services like a worker would."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.models import Municipality, Organisation, User
from cases.models import Case
from employment import services
from employment.models import EmploymentProfile, Vacancy


def employer(
    actor: User, name: str = "SIA „Testa būvnieks”", municipality_code: str = "saldus-novads",
    **details: Any,
) -> Organisation:  # fmt: skip
    return services.employer_create(
        actor=actor, name=name, municipality=Municipality.objects.get(code=municipality_code),
        details=services.EmployerDetails(**details),
    )  # fmt: skip


def vacancy(
    actor: User, organisation: Organisation, occupation_code: str = "7112 01",
    municipality_code: str | None = None, opened_on: date | None = None, **details: Any,
) -> Vacancy:  # fmt: skip
    municipality_id = (
        Municipality.objects.get(code=municipality_code).pk
        if municipality_code else organisation.municipality_id
    )  # fmt: skip
    values: dict[str, Any] = {
        "hours_per_week": 40, "wage_eur": Decimal("1000"), "accepts_record": "yes",
        "opened_on": opened_on or timezone.localdate() - timedelta(days=5),
    }  # fmt: skip
    values.update(details)
    return services.vacancy_create(
        actor=actor, employer=organisation,
        details=services.VacancyDetails(
            occupation_code=occupation_code, municipality_id=municipality_id, **values
        ),
    )  # fmt: skip


def profile(
    case: Case, *codes: str, readiness: str = "ready_now", years: int = 0,
    licences: list[str] | None = None,
) -> EmploymentProfile:  # fmt: skip
    worker = case.lead_worker
    result = services.profile_update(
        actor=worker, case=case, readiness=readiness,
        professions=[services.occupation_from_code(code) for code in codes],
        licences=licences or [],
    )  # fmt: skip
    if years and codes:
        services.experience_add(actor=worker, case=case, occupation_code=codes[0], years=years)
    return result
