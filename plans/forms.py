from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from assessments.models import Need
from cases.models import CaseNote
from consent.fields import ConcernsFields
from core.concurrency import VersionedForm
from core.forms import BoundedDateField, Form

from .models import (
    BenefitType,
    EvidenceKind,
    Goal,
    GoalStatus,
    ObligationStatus,
    SigningMethod,
    StepActor,
    StepStatus,
)
from .services import GoalInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: Any, required: bool = True, message: Any = None) -> BoundedDateField:
    return BoundedDateField(
        label=label,
        required=required,
        widget=DATE,
        error_messages={
            "required": message or _("Enter the date."),
            "invalid": _("Enter a real date."),
        },
    )


class GoalForm(ConcernsFields, VersionedForm):
    description = forms.CharField(
        label=_("Goal"),
        max_length=300,
        error_messages={"required": _("Write the goal.")},
    )
    need = forms.ChoiceField(
        label=_("Assessed need"),
        choices=[("", _("— none —")), *Need.choices],
        required=False,
    )
    client_priority = forms.BooleanField(label=_("The client's own priority"), required=False)
    outcome = forms.CharField(
        label=_("Measurable outcome"),
        help_text=_("How you and the client will know the goal is reached."),
        max_length=300,
        required=False,
    )
    target_date = _date(_("Target date"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, initial="active")

    def goal_input(self) -> GoalInput:
        return GoalInput(**self.cleaned_data)

    @staticmethod
    def initial_from(goal: Goal) -> dict[str, Any]:
        return {
            "description": goal.description,
            "need": goal.need,
            "client_priority": goal.client_priority,
            "outcome": goal.outcome,
            "target_date": goal.target_date,
            "status": goal.status,
            "concerns_health": goal.concerns_health,
            "concerns_conviction": goal.concerns_conviction,
        }


class StepForm(ConcernsFields):
    description = forms.CharField(
        label=_("Action"), max_length=300, error_messages={"required": _("Write the action.")}
    )
    actor_kind = forms.ChoiceField(
        label=_("Who does it"),
        choices=StepActor.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who does it.")},
    )
    institution = forms.CharField(
        label=_("Institution (if an institution does it)"), max_length=200, required=False
    )
    due_on = _date(_("Due date"), required=False)


class StepStatusForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)


class AgreeForm(VersionedForm):
    agreed_on = _date(_("Agreed with the client on"))
    record_label = _("the plan's goals and actions")


class ReviewForm(Form):
    reviewed_on = _date(_("Date of review"))
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_assessment_on = _date(
        _("Next assessment"), message=_("Propose the date of the next assessment.")
    )

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"status_{goal.pk}"] = forms.ChoiceField(
                label=format_lazy("{}: {}", _("Status"), goal.description),
                choices=GoalStatus.choices,
                initial=goal.status,
            )
            self.fields[f"outcome_{goal.pk}"] = forms.CharField(
                label=format_lazy("{}: {}", _("Outcome"), goal.description),
                required=False,
                max_length=500,
            )

    def goal_rows(self) -> list[tuple[Goal, forms.BoundField, forms.BoundField]]:
        return [(g, self[f"status_{g.pk}"], self[f"outcome_{g.pk}"]) for g in self.goals]

    def outcomes(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {g.pk: (data[f"status_{g.pk}"], data[f"outcome_{g.pk}"]) for g in self.goals}


class AgreementForm(Form):
    benefit = forms.ModelChoiceField(
        label=_("Benefit the agreement is attached to"),
        queryset=BenefitType.objects.none(),
        required=False,
        empty_label=_("— no benefit —"),
        help_text=_("A probation unit makes the agreement without a benefit."),
    )
    responsible = forms.CharField(
        label=_("Responsible person for the obligations"),
        help_text=_("Usually the client. Each obligation can be changed later."),
        max_length=200,
        required=False,
    )

    def __init__(self, *args: Any, with_benefit: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["benefit"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — declared above
        if with_benefit:
            field.queryset = BenefitType.objects.order_by("code")
        else:
            del self.fields["benefit"]


class SignForm(Form):
    signed_on = _date(_("Date of signing"))
    method = forms.ChoiceField(
        label=_("How it was signed"),
        choices=SigningMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the agreement was signed.")},
    )


class ObligationForm(ConcernsFields, VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=ObligationStatus.choices)
    reason = forms.CharField(
        label=_("Reason (if not fulfilled or waived)"), max_length=500, required=False
    )
    due_on = _date(_("Due date"))
    responsible = forms.CharField(
        label=_("Responsible person"),
        max_length=200,
        error_messages={"required": _("Name the person responsible.")},
    )
    evidence_kind = forms.ChoiceField(
        label=_("Evidence of fulfilment"),
        choices=[("", _("— none yet —")), *EvidenceKind.choices],
        required=False,
    )
    evidence_text = forms.CharField(
        label=_("Evidence described"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_note = forms.ModelChoiceField(
        label=_("Note in the case file"),
        queryset=CaseNote.objects.none(),
        required=False,
        empty_label=_("— choose a note —"),
    )
    evidence_file = forms.FileField(label=_("Document"), required=False)

    def __init__(self, *args: Any, notes: QuerySet[CaseNote], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["evidence_note"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — declared above
        field.queryset = notes
        field.label_from_instance = lambda note: (  # type: ignore[method-assign,assignment]
            f"{note.occurred_on:%d.%m.%Y} · {note.get_contact_type_display()}"
        )
