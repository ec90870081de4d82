"""Reads of assessments and the need-over-time chart (B4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format

from cases.models import Case
from consent import disclosure

from .models import Assessment, Level, Need, NeedScore


def assessments_of(case: Case) -> QuerySet[Assessment]:
    """Every version, oldest first, with scores, problems and barriers: four queries."""
    return (
        Assessment.objects.filter(case=case)
        .select_related("assessed_by")
        .prefetch_related(
            Prefetch("scores", queryset=NeedScore.objects.order_by("pk")),
            "problems",
            "barriers",
        )
        .order_by("version")
    )


def assessment_of(case: Case, assessment_id: int) -> Assessment | None:
    return assessments_of(case).filter(pk=assessment_id).first()


def for_reader(case: Case, assessments: Iterable[Assessment], reader: Any) -> list[Assessment]:
    """The assessments without the scores, problems and barriers of a category the client's
    consent does not share with the reader's organisation (the health problem, dependencies,
    care and rehabilitation; issue 19), and their free text replaced when it concerns one;
    `assessment.withheld` says how many items were left out."""
    withheld = disclosure.withheld_categories(reader, case)
    shown = []
    for assessment in assessments:
        count = sum(
            disclosure.restrict_prefetched(assessment, name, withheld)
            for name in ("scores", "problems", "barriers")
        )
        for name in ("strengths", "resources"):
            text = getattr(assessment, name)
            if text and any(disclosure.text_concerns(c, text) for c in withheld):
                setattr(assessment, name, str(disclosure.WITHHELD_TEXT))
        assessment.withheld = disclosure.placeholder(count)  # type: ignore[attr-defined]
        shown.append(assessment)
    return shown


def hides_something(case: Case, assessment: Assessment, reader: Any) -> bool:
    """Whether `for_reader` leaves something of the assessment out for this reader (it reads
    the assessment again: the given one is not changed)."""
    if not disclosure.withheld_categories(reader, case):
        return False
    shown = for_reader(case, [assessment_of(case, assessment.pk) or assessment], reader)[0]
    withheld = str(disclosure.WITHHELD_TEXT)
    return bool(getattr(shown, "withheld", "")) or withheld in (shown.strengths, shown.resources)


def latest_assessment(case: Case) -> Assessment | None:
    return assessments_of(case).order_by("-version").first()


# The chart's geometry, in SVG user units.
WIDTH = 320
HEIGHT = 120
LEFT = 28
RIGHT = 12
TOP = 10
BOTTOM = 24


@dataclass
class ChartPoint:
    x: float
    y: float
    level: int
    on: date


@dataclass
class NeedSeries:
    need: str
    label: str
    points: list[ChartPoint] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def latest(self) -> int | None:
        return self.points[-1].level if self.points else None

    @property
    def description(self) -> str:
        return "; ".join(
            f"{date_format(p.on, 'SHORT_DATE_FORMAT')}: {p.level}" for p in self.points
        )


@dataclass
class Chart:
    dates: list[date]
    series: list[NeedSeries]
    width: int = WIDTH
    height: int = HEIGHT
    grid: list[tuple[int, float]] = field(default_factory=list)
    x_labels: list[tuple[float, date]] = field(default_factory=list)


def _y(level: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - level / Level.SEVERE)


def need_chart(assessments: list[Assessment]) -> Chart:
    """Each need's level in every assessment, as coordinates for a small SVG line chart per
    need, plus the same numbers for the data table beside it."""
    dates = [a.assessed_on for a in assessments]
    span = WIDTH - LEFT - RIGHT
    count = len(assessments)

    def x(index: int) -> float:
        return LEFT + (span / 2 if count == 1 else span * index / (count - 1))

    series = {need: NeedSeries(need=need, label=str(label)) for need, label in Need.choices}
    for index, assessment in enumerate(assessments):
        for score in assessment.scores.all():
            series[score.need].points.append(
                ChartPoint(x=x(index), y=_y(score.level), level=score.level, on=dates[index])
            )
    return Chart(
        dates=dates,
        series=list(series.values()),
        grid=[(level, _y(level)) for level in Level.values],
        x_labels=[(x(index), on) for index, on in enumerate(dates)],
    )
