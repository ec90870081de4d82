from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from accounts.models import Municipality, User
from consent.fields import ConcernsFields
from core.concurrency import VersionedForm
from core.forms import BoundedDateField, BoundedDateTimeField, Form
from people.models import (
    ClientLanguage,
    ClientStatement,
    EducationLevel,
    Gender,
    IdentityDocument,
    IncomeSource,
    LivingSituation,
    SupervisionStatus,
)

from .methods import grouped_choices
from .models import (
    Appointment,
    CaseStatus,
    ClosureReason,
    Confidentiality,
    ContactType,
    TeamRole,
)
from .services import ClientDetails

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _required(message: StrOrPromise) -> dict[str, StrOrPromise]:
    return {"required": message}


class IntakeForm(Form):
    """A1: the person, their release and situation. Opens a case with the worker as lead."""

    first_name = forms.CharField(
        label=_("First name"), max_length=100, error_messages=_required(_("Enter the first name."))
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, error_messages=_required(_("Enter the last name."))
    )
    personal_code = forms.CharField(
        label=_("Personal code (optional)"),
        required=False,
        max_length=14,
        help_text=_("11 digits, like 010180-12345."),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.MALE)
    languages = forms.MultipleChoiceField(
        label=_("Languages the person speaks"),
        choices=ClientLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for documents"),
        choices=[("lv", _("Latvian")), ("ru", _("Russian")), ("en", _("English"))],
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    address = forms.CharField(label=_("Address or where to reach"), required=False, max_length=250)
    municipality = forms.ModelChoiceField(
        label=_("Municipality of residence"),
        queryset=Municipality.objects.none(),
        error_messages=_required(_("Select the municipality.")),
    )
    living_situation = forms.ChoiceField(
        label=_("Where the person lives now"),
        choices=LivingSituation.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select where the person lives now.")),
    )
    family_situation = forms.CharField(
        label=_("Family situation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    education_level = forms.ChoiceField(
        label=_("Education"), choices=EducationLevel.choices, initial=EducationLevel.UNKNOWN
    )
    professions = forms.CharField(label=_("Professions or specialties"), required=False)
    work_history = forms.CharField(
        label=_("Work history"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    release_date = BoundedDateField(label=_("Release date"), required=False, widget=DATE)
    place_of_imprisonment = forms.CharField(label=_("Place of imprisonment"), required=False)
    imprisonment_months = forms.IntegerField(
        label=_("Length of imprisonment (months)"), required=False, min_value=0, max_value=600
    )
    supervision_status = forms.ChoiceField(
        label=_("Supervision"), choices=SupervisionStatus.choices, initial=SupervisionStatus.NONE
    )
    status = forms.ChoiceField(
        label=_("Case status"),
        choices=[
            (CaseStatus.ACTIVE, CaseStatus.ACTIVE.label),
            (CaseStatus.PRE_RELEASE, CaseStatus.PRE_RELEASE.label),
        ],
        initial=CaseStatus.ACTIVE,
    )

    def details(self) -> ClientDetails:
        """The cleaned answers as the services take them."""
        data = self.cleaned_data
        return ClientDetails(
            **{name: data[name] for name in ClientDetails.__dataclass_fields__ if name in data},
            municipality_id=data["municipality"].pk,
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — narrows the type
        field.queryset = Municipality.objects.current()


class NoteForm(ConcernsFields, VersionedForm):
    occurred_on = BoundedDateField(
        label=_("Date of contact"), widget=DATE, error_messages=_required(_("Enter the date."))
    )
    contact_type = forms.ChoiceField(
        label=_("Type of contact"),
        choices=ContactType.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select the type of contact.")),
    )
    methods = forms.MultipleChoiceField(
        label=_("Methods used"),
        choices=grouped_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    participants = forms.CharField(label=_("Participants"), required=False, max_length=250)
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=_required(_("Write the note.")),
    )
    confidentiality = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Confidentiality.choices,
        widget=forms.RadioSelect,
        initial=Confidentiality.NORMAL,
    )


class AppointmentForm(Form):
    starts_at = BoundedDateTimeField(
        label=_("Date and time"),
        widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": _("Enter the date and time of the meeting."),
            "invalid": _("Enter a date and time, like 2026-12-01 10:00."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), initial=60, min_value=5, max_value=480
    )
    place = forms.CharField(
        label=_("Place"), max_length=200, error_messages=_required(_("Enter the place."))
    )
    with_whom = forms.CharField(label=_("With whom"), required=False, max_length=200)


class OutcomeForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (Appointment.Status.HELD, Appointment.Status.HELD.label),
            (Appointment.Status.MISSED, Appointment.Status.MISSED.label),
            (Appointment.Status.CANCELLED, Appointment.Status.CANCELLED.label),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose whether the meeting was held, missed or cancelled.")),
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatementForm(ConcernsFields):
    kind = forms.ChoiceField(
        label=_("What the client expressed"),
        choices=ClientStatement.Kind.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose wish, goal or decision.")),
    )
    text = forms.CharField(
        label=_("In the client's own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required(_("Write what the client said.")),
    )


class StatusForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=CaseStatus.choices)
    closure_reason = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=[("", "—"), *ClosureReason.choices],
        required=False,
    )


class CaseloadFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all open")), *CaseStatus.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("all"),
    )
    worker = forms.ModelChoiceField(
        label=_("Lead worker"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("all"),
    )
    scope = forms.ChoiceField(
        label=_("Cases"),
        choices=[("mine", _("my cases")), ("organisation", _("my organisation's cases"))],
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("next_meeting", _("next meeting")),
            ("last_contact", _("last contact")),
            ("name", _("name")),
            ("opened", _("opened")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, colleagues: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        worker = self.fields["worker"]
        assert isinstance(municipality, forms.ModelChoiceField)  # noqa: S101 — narrows the type
        assert isinstance(worker, forms.ModelChoiceField)  # noqa: S101
        municipality.queryset = Municipality.objects.current()
        worker.queryset = colleagues


class PersonForm(VersionedForm, IntakeForm):
    """The intake's questions about the person, for rectifying them later."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["status"]


class DocumentsForm(VersionedForm):
    """One status per identity document the person needs (A1, G2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in IdentityDocument.Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=IdentityDocument.Status.choices,
                initial=IdentityDocument.Status.UNKNOWN,
            )


class IncomeForm(Form):
    kind = forms.ChoiceField(
        label=_("Source of income"),
        choices=IncomeSource.Kind.choices,
        error_messages=_required(_("Choose the source of income.")),
    )
    amount_eur = forms.DecimalField(
        label=_("Amount in euros"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Enter the amount as a number, like 150 or 150,50."),
            "min_value": _("The amount cannot be negative."),
            "max_decimal_places": _("Enter at most two digits after the comma."),
        },
    )
    period = forms.ChoiceField(
        label=_("How often"),
        choices=IncomeSource.Period.choices,
        widget=forms.RadioSelect,
        initial=IncomeSource.Period.MONTHLY,
    )


class HealthForm(VersionedForm):
    general_health = forms.CharField(
        label=_("General health"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tuberculosis = forms.BooleanField(label=_("Tuberculosis"), required=False)
    hepatitis_c = forms.BooleanField(label=_("Hepatitis C"), required=False)
    other_chronic_illness = forms.CharField(
        label=_("Other chronic illness"), required=False, max_length=250
    )
    alcohol_dependency = forms.BooleanField(label=_("Alcohol dependency"), required=False)
    medication_dependency = forms.BooleanField(label=_("Medication dependency"), required=False)
    drug_dependency = forms.BooleanField(label=_("Drug dependency"), required=False)
    dependency_notes = forms.CharField(
        label=_("Dependencies and treatment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TeamMemberForm(Form):
    email = forms.EmailField(
        label=_("Colleague's e-mail address in Tilts"),
        help_text=_("They may work in another organisation, for example the probation service."),
        error_messages={
            "required": _("Enter the colleague's e-mail address."),
            "invalid": _("Enter an e-mail address, like name@example.lv."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role on the team"),
        choices=TeamRole.choices,
        error_messages=_required(_("Choose the person's role on the team.")),
    )


class LeadWorkerForm(VersionedForm):
    lead_worker = forms.ModelChoiceField(
        label=_("Lead worker"),
        queryset=User.objects.none(),
        error_messages={"required": _("Choose the new lead worker.")},
    )

    def __init__(self, *args: Any, case_workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lead_worker"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — narrows the type
        field.queryset = case_workers
