"""Writes for assessments: a (re-)assessment is always a new dated version (B1–B4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case
from core.errors import DomainError
from core.events import publish

from .models import (
    Assessment,
    Barrier,
    BarrierFinding,
    Level,
    Need,
    NeedScore,
    Problem,
    ProblemFinding,
)


@dataclass(frozen=True)
class NeedInput:
    level: int
    comment: str = ""


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    case: Case,
    assessed_on: date,
    needs: dict[str, NeedInput],
    problems: dict[str, str] | None = None,
    barriers: dict[str, str] | None = None,
    strengths: str = "",
    resources: str = "",
) -> Assessment:
    """Record an assessment of all eight needs as the case's next version."""
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("The date of assessment cannot be in the future.")]
    last = (
        Assessment.objects.select_for_update()
        .filter(case=case)
        .aggregate(version=Max("version"), on=Max("assessed_on"))
    )
    if last["on"] and assessed_on < last["on"]:
        errors["assessed_on"] = [
            _("A re-assessment cannot be dated before the previous one (%(date)s).")
            % {"date": date_format(last["on"], "SHORT_DATE_FORMAT")}
        ]
    for need in Need.values:
        given = needs.get(need)
        if given is None or given.level not in Level.values:
            errors[f"level_{need}"] = [
                _("Choose a level for “%(need)s”.") % {"need": Need(need).label}
            ]
    unknown = set(problems or {}) - set(Problem.values) | set(barriers or {}) - set(Barrier.values)
    if unknown:
        errors["problems"] = [_("Choose problems and barriers from the lists.")]
    if errors:
        raise DomainError(errors)
    assessment = Assessment.objects.create(
        case=case,
        version=(last["version"] or 0) + 1,
        assessed_on=assessed_on,
        assessed_by=actor,
        strengths=strengths.strip(),
        resources=resources.strip(),
    )
    NeedScore.objects.bulk_create(
        NeedScore(
            assessment=assessment,
            need=need,
            level=needs[need].level,
            comment=needs[need].comment.strip()[:500],
        )
        for need in Need.values
    )
    ProblemFinding.objects.bulk_create(
        ProblemFinding(assessment=assessment, problem=code, comment=comment.strip()[:500])
        for code, comment in (problems or {}).items()
    )
    BarrierFinding.objects.bulk_create(
        BarrierFinding(assessment=assessment, barrier=code, comment=comment.strip()[:500])
        for code, comment in (barriers or {}).items()
    )
    publish(
        "assessment_recorded",
        actor_id=actor.pk,
        case_id=case.pk,
        assessment_id=assessment.pk,
        version=assessment.version,
    )
    return assessment
