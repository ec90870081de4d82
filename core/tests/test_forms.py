"""Issue 28, findings 1 and 14: every form of the project bounds its dates and refuses
characters that are not text, through the one base in core/forms.py."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, timedelta

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation

from core.forms import (
    CASE_DATES,
    EARLIEST_DATE,
    PAST_DATES,
    YEARS_AHEAD,
    BoundedDateField,
    BoundedDateTimeField,
    CheckedInputMixin,
    Form,
)


def _in_project(path: str) -> bool:
    """Under BASE_DIR, but not a library of the virtualenv kept there (./dev makes .venv in the
    checkout, so the libraries' apps are under BASE_DIR too)."""
    return path.startswith(str(settings.BASE_DIR)) and "site-packages" not in path


def _project_modules() -> None:
    """Import every module of the project's apps (forms are declared in forms.py and in a few
    views modules), so that every form class exists."""
    for config in apps.get_app_configs():
        if not _in_project(str(config.path)):
            continue
        package = importlib.import_module(config.name)
        for module in pkgutil.walk_packages(package.__path__, f"{config.name}."):
            if ".tests" in module.name or ".migrations" in module.name:
                continue
            if ".management." in module.name:
                continue
            importlib.import_module(module.name)


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    sub: type
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def project_form_classes() -> list[type[forms.BaseForm]]:
    _project_modules()
    names = {c.name for c in apps.get_app_configs()}
    return sorted(
        (
            cls
            for cls in _subclasses(forms.BaseForm)
            if cls.__module__.split(".")[0] in names
            and cls.__module__ != "core.forms"
            and _in_project(str(getattr(importlib.import_module(cls.__module__), "__file__", "")))
        ),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def test_the_walk_finds_the_forms() -> None:
    names = {f"{c.__module__}.{c.__name__}" for c in project_form_classes()}
    assert {
        "cases.forms.AppointmentForm",
        "cases.forms.NoteForm",
        "diagrams.forms.FamilyMapForm",
        "assessments.forms.AssessmentForm",
        "cases.cadence_settings.CadenceForm",
    } <= names


def test_every_date_field_of_every_form_is_bounded() -> None:
    """Issue 28, finding 1: a DateField or DateTimeField without bounds fails here, declared
    or generated from a model."""
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in project_form_classes()
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
        and not isinstance(field, BoundedDateField | BoundedDateTimeField)
    ]
    assert not unbounded, f"Date fields without bounds (use core.forms): {unbounded}"


def test_every_form_checks_its_input() -> None:
    """Issue 28, finding 14: every form refuses lone surrogates and NUL (core.forms base)."""
    unchecked = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in project_form_classes()
        if not issubclass(cls, CheckedInputMixin)
    ]
    assert not unchecked, f"Forms not derived from core.forms: {unchecked}"


class _Sample(Form):
    day = BoundedDateField()
    moment = BoundedDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    text = forms.CharField(max_length=50)
    choice = forms.ChoiceField(choices=[("a", "A")])


def test_dates_are_bounded_from_1900_to_twenty_years_ahead() -> None:
    """Issue 28, finding 1."""
    latest = CASE_DATES.latest()
    assert timezone.localdate() + timedelta(days=365 * YEARS_AHEAD) <= latest
    for day, valid in (
        (EARLIEST_DATE, True),
        (EARLIEST_DATE - timedelta(days=1), False),
        (latest, True),
        (latest + timedelta(days=1), False),
        (date(1, 1, 1), False),
        (date(9999, 12, 31), False),
    ):
        form = _Sample(
            {"day": day.isoformat(), "moment": f"{day.isoformat()}T10:00", "text": "x",
             "choice": "a"}
        )  # fmt: skip
        assert form.is_valid() is valid, day
    with translation.override("en"):
        form = _Sample({"day": "0001-01-01", "moment": "9999-12-31T10:00", "text": "x"})
        assert not form.is_valid()
        assert str(form.errors["day"][0]).startswith("Enter a date between")
        assert str(form.errors["moment"][0]).startswith("Enter a date between")


def test_the_latest_date_of_29_february_is_28_february_in_a_common_year() -> None:
    assert CASE_DATES.latest(date(2028, 2, 29)) == date(2048, 2, 29)
    assert CASE_DATES.latest(date(2080, 2, 29)) == date(2100, 2, 28)


@pytest.mark.parametrize("bad", ["\ud800", "a\udfffb", "nul\x00here"])
def test_lone_surrogates_and_nul_are_refused_on_their_field_and_the_rest_is_kept(
    bad: str,
) -> None:
    """Issue 28, finding 14: lone surrogates were accepted and stored."""
    with translation.override("en"):
        form = _Sample({"day": "2026-01-01", "text": f"Saldus {bad}", "choice": bad})
        assert not form.is_valid()
        assert "not valid text" in form.errors["text"][0]
        assert "not valid text" in form.errors["choice"][-1]
        assert "day" not in form.errors
        shown = str(form["text"])
        assert "Saldus" in shown
        assert "\ufffd" in shown
        shown.encode("utf-8")  # the page can be sent


def test_past_dates_end_today_and_a_qualification_cannot_be_issued_tomorrow() -> None:
    """Issue 28, finding 1: bounds per kind of date (core.forms.PAST_DATES)."""
    from employment.forms import QualificationForm

    assert PAST_DATES.latest() == timezone.localdate()
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = QualificationForm(
        {"title": "Mūrnieks", "kind": "vocational_diploma", "issued_on": tomorrow}
    )
    assert "issued_on" in form.errors
