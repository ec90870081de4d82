from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from accounts.models import Municipality, Organisation
from core.concurrency import VersionedForm
from core.forms import CASE_DATES, PAST_DATES, BoundedDateField, DateRange, Form

from .models import (
    EndReason,
    Experience,
    Incentive,
    LicenceCategory,
    Occupation,
    Openness,
    Qualification,
    RecordPolicy,
    RequiredEducation,
    Sector,
    Vacancy,
    WorkReadiness,
)
from .services import EmployerDetails, VacancyDetails

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OCCUPATION_HINT = _("The code from the occupation classification, like 7112 01 (bricklayer).")


def _required(message: StrOrPromise) -> dict[str, StrOrPromise]:
    return {"required": message}


def _date(
    label: StrOrPromise, required: bool = True, date_range: DateRange = CASE_DATES
) -> BoundedDateField:
    return BoundedDateField(
        label=label, widget=DATE, required=required, date_range=date_range,
        error_messages={"required": _("Enter the date."),
                        "invalid": _("Enter a date, like 2026-03-01.")},
    )  # fmt: skip


def _set_queryset(form: forms.Form, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
    field.queryset = queryset


class OccupationChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Occupation) -> str:
        return f"{obj.title} ({obj.code})"


class ProfileForm(VersionedForm):
    readiness = forms.ChoiceField(
        label=_("Does the client want to work?"), choices=WorkReadiness.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose whether the client wants to work.")),
    )  # fmt: skip
    readiness_note = forms.CharField(
        label=_("In the client's words (optional)"), max_length=250, required=False,
        help_text=_("For example: “I want to rest first.”"),
    )  # fmt: skip
    professions = OccupationChoiceField(
        label=_("Professions"), queryset=Occupation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    other_professions = forms.CharField(
        label=_("Other professions (codes, separated by commas)"), required=False, max_length=200,
        help_text=OCCUPATION_HINT,
    )  # fmt: skip
    skills = forms.CharField(
        label=_("Skills (one per line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    licences = forms.MultipleChoiceField(
        label=_("Driving licence categories"), choices=LicenceCategory.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, occupations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "professions", occupations)


class QualificationForm(Form):
    title = forms.CharField(
        label=_("Qualification"), max_length=200,
        error_messages=_required(_("Enter the qualification.")),
    )  # fmt: skip
    kind = forms.ChoiceField(label=_("Document"), choices=Qualification.Kind.choices)
    occupation_code = forms.CharField(
        label=_("Occupation code (optional)"), required=False, max_length=40,
        help_text=OCCUPATION_HINT,
    )  # fmt: skip
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=60)
    issued_by = forms.CharField(label=_("Issued by"), required=False, max_length=200)
    issued_on = _date(_("Issued on (optional)"), required=False, date_range=PAST_DATES)
    obtained_in_prison = forms.BooleanField(label=_("Obtained in prison"), required=False)


class ExperienceForm(Form):
    occupation_code = forms.CharField(
        label=_("Occupation code"), max_length=40, help_text=OCCUPATION_HINT,
        error_messages=_required(_("Enter the occupation code.")),
    )  # fmt: skip
    years = forms.IntegerField(
        label=_("Years"), min_value=0, max_value=60,
        error_messages={"required": _("Enter the number of years."),
                        "invalid": _("Enter a whole number of years.")},
    )  # fmt: skip
    last_worked_year = forms.IntegerField(
        label=_("Last worked (year, optional)"), required=False, min_value=1950, max_value=2100,
        error_messages={"invalid": _("Enter a year, like 2017.")},
    )  # fmt: skip
    employer_name = forms.CharField(label=_("Employer (optional)"), required=False, max_length=200)
    in_prison = forms.BooleanField(label=_("Worked while in prison"), required=False)


class LimitationsForm(VersionedForm):
    text = forms.CharField(
        label=_("Work limitations for health reasons"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only people who may see the health section see this."),
    )  # fmt: skip


class EmployerForm(VersionedForm):
    name = forms.CharField(
        label=_("Name of the employer"), max_length=200,
        error_messages=_required(_("Enter the name of the employer.")),
    )  # fmt: skip
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(),
        error_messages=_required(_("Select the municipality.")),
    )  # fmt: skip
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=150)
    contact_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    contact_email = forms.EmailField(
        label=_("E-mail address"), required=False,
        error_messages={"invalid": _("Enter an e-mail address, like name@example.lv.")},
    )  # fmt: skip
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), choices=Sector.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    openness = forms.ChoiceField(
        label=_("Hiring people with a record"), choices=Openness.choices, widget=forms.RadioSelect,
        initial=Openness.UNKNOWN,
    )  # fmt: skip
    mentor_name = forms.CharField(
        label=_("Colleague who trains and supports (mentor)"), required=False, max_length=150,
        help_text=_("A named colleague makes it work (H3)."),
    )  # fmt: skip
    incentives_used = forms.MultipleChoiceField(
        label=_("Incentives used"), choices=Incentive.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    incentives_wanted = forms.MultipleChoiceField(
        label=_("Incentives wanted"), choices=Incentive.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "municipality", Municipality.objects.current())

    def details(self) -> EmployerDetails:
        data = self.cleaned_data
        return EmployerDetails(
            **{name: data[name] for name in EmployerDetails.__dataclass_fields__}
        )


class FeedbackForm(Form):
    experience = forms.ChoiceField(
        label=_("The employer's experience"), choices=Experience.choices, widget=forms.RadioSelect,
        error_messages=_required(_("Choose how the employer's experience was.")),
    )  # fmt: skip
    text = forms.CharField(
        label=_("What the employer said"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    recorded_on = _date(_("Date"))


class VacancyForm(VersionedForm):
    occupation = forms.CharField(
        label=_("Occupation code"), max_length=60, help_text=OCCUPATION_HINT,
        error_messages=_required(_("Enter the occupation code.")),
    )  # fmt: skip
    title = forms.CharField(label=_("Job title (optional)"), required=False, max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("Place of work"), queryset=Municipality.objects.none(),
        error_messages=_required(_("Select the municipality.")),
    )  # fmt: skip
    hours_per_week = forms.IntegerField(
        label=_("Hours a week"), min_value=1, max_value=60, initial=40,
        error_messages={"required": _("Enter the hours a week."),
                        "invalid": _("Enter a whole number of hours.")},
    )  # fmt: skip
    wage_eur = forms.DecimalField(
        label=_("Gross monthly wage (EUR)"), min_value=0, max_digits=8, decimal_places=2,
        error_messages={"required": _("Enter the wage."),
                        "invalid": _("Enter an amount in euros, like 900.")},
    )  # fmt: skip
    required_education = forms.ChoiceField(
        label=_("Education required"), choices=RequiredEducation.choices, required=False
    )
    min_experience_years = forms.IntegerField(
        label=_("Years of experience required"), min_value=0, max_value=40, initial=0,
        error_messages={"invalid": _("Enter a whole number of years.")},
    )  # fmt: skip
    licence_category = forms.ChoiceField(
        label=_("Driving licence required"),
        choices=[("", _("none")), *LicenceCategory.choices], required=False,
    )  # fmt: skip
    accepts_record = forms.ChoiceField(
        label=_("Accepts people with a record"), choices=RecordPolicy.choices,
        widget=forms.RadioSelect, initial=RecordPolicy.ASK,
    )  # fmt: skip
    mentor_available = forms.BooleanField(
        label=_("A mentor colleague is available"), required=False
    )
    subsidised = forms.BooleanField(label=_("Subsidised job"), required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    opened_on = _date(_("Open from"))
    closed_on = _date(_("Closes on (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "municipality", Municipality.objects.current())

    def details(self) -> VacancyDetails:
        data = dict(self.cleaned_data)
        data["occupation_code"] = data.pop("occupation")
        data["municipality_id"] = data.pop("municipality").pk
        data["min_experience_years"] = data.get("min_experience_years") or 0
        return VacancyDetails(**data)

    @staticmethod
    def initial_from(vacancy: Vacancy) -> dict[str, Any]:
        names = [n for n in VacancyForm.base_fields if n not in ("occupation", "municipality")]
        initial = {name: getattr(vacancy, name) for name in names}
        initial["occupation"] = vacancy.occupation.code
        initial["municipality"] = vacancy.municipality_id
        return initial


class CloseForm(Form):
    closed_on = _date(_("Closed on"))


class VacancyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Vacancy) -> str:
        return f"{obj.display_title} — {obj.employer.name}, {obj.municipality}"


class PlacementForm(Form):
    vacancy = VacancyChoiceField(
        label=_("Vacancy"), queryset=Vacancy.objects.none(), required=False,
        empty_label=_("— not through a vacancy —"),
    )  # fmt: skip
    employer = forms.ModelChoiceField(
        label=_("Employer (when not through a vacancy)"), queryset=Organisation.objects.none(),
        required=False, empty_label=_("— choose the employer —"),
    )  # fmt: skip
    occupation_code = forms.CharField(
        label=_("Occupation code (optional)"), required=False, max_length=40,
        help_text=OCCUPATION_HINT,
    )  # fmt: skip
    started_on = _date(_("Started work on"))
    mentor_name = forms.CharField(label=_("Mentor at work"), required=False, max_length=150)
    subsidised = forms.BooleanField(label=_("Subsidised job"), required=False)

    def __init__(self, *args: Any, vacancies: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "vacancy", vacancies)
        _set_queryset(self, "employer", employers)


class FollowUpForm(VersionedForm):
    done_on = _date(_("Date of the follow-up"))
    still_employed = forms.TypedChoiceField(
        label=_("Still employed?"), choices=[("yes", _("yes")), ("no", _("no"))],
        widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        error_messages=_required(_("Say whether the client still works there.")),
    )  # fmt: skip
    reason = forms.ChoiceField(
        label=_("If not, why"), choices=[("", _("—")), *EndReason.choices], required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class VacancyFilterForm(Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), required=False,
        empty_label=_("all"),
    )  # fmt: skip
    occupation = forms.ModelChoiceField(
        label=_("Occupation"), queryset=Occupation.objects.none(), required=False,
        empty_label=_("all"),
    )  # fmt: skip
    include_closed = forms.BooleanField(label=_("Show closed vacancies too"), required=False)

    def __init__(self, *args: Any, occupations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "municipality", Municipality.objects.current())
        _set_queryset(self, "occupation", occupations)


class MatchStepForm(Form):
    """Add a proposal of matching to the cooperation plan: its kind, and the directory service
    chosen to provide it (none: the worker arranges it)."""

    kind = forms.CharField(max_length=20, widget=forms.HiddenInput)
    service = forms.UUIDField(
        label=_("Who provides it"), required=False,
        error_messages={"invalid": _("Choose a service from the list.")},
    )  # fmt: skip
