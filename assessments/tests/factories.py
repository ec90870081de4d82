"""Assessments for tests, recorded through the service like a worker would."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from accounts.models import User
from assessments.models import Assessment, Need
from assessments.services import NeedInput, assessment_record
from cases.models import Case

JANIS_LEVELS: dict[str, int] = {
    Need.SHELTER: 3,
    Need.FOOD: 1,
    Need.SUBSISTENCE: 3,
    Need.PAID_WORK: 3,
    Need.EDUCATION: 1,
    Need.UPBRINGING: 1,
    Need.CARE: 3,
    Need.RELATIONSHIPS: 2,
}


def assess(
    case: Case, worker: User, levels: dict[str, int] | None = None, on: date | None = None
) -> Assessment:
    chosen = levels or JANIS_LEVELS
    return assessment_record(
        actor=worker,
        case=case,
        assessed_on=on or timezone.localdate(),
        needs={need: NeedInput(level=chosen.get(need, 0)) for need in Need.values},
        problems={"no_home": "Dzīvo pie mātes", "dependency": ""},
        barriers={"motivation": "Vēlas atpūsties"},
        strengths="Māte atbalsta",
    )
