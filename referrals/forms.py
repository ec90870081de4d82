from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from consent.fields import ConcernsFields
from core.forms import BoundedDateField, Form
from directory.models import Service
from plans.models import Obligation, Step

from .models import HelpKind, Referral

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HelpInKindForm(ConcernsFields):
    kind = forms.ChoiceField(
        label=_("Kind of help"),
        choices=[("", _("choose the kind of help")), *HelpKind.choices],
        error_messages={"required": _("Choose the kind of help from the list.")},
    )
    given_on = BoundedDateField(
        label=_("Date given"), widget=DATE,
        error_messages={"required": _("Enter the date the help was given."),
                        "invalid": _("Enter a date, like 2026-03-01.")},
    )  # fmt: skip
    quantity = forms.IntegerField(
        label=_("Quantity"),
        help_text=_("Nights for a night shelter, meals, packages, tickets or items."),
        error_messages={"required": _("Enter a quantity of at least 1."),
                        "invalid": _("Enter a whole number, like 3.")},
    )  # fmt: skip
    provider = forms.ChoiceField(label=_("Provider in the directory"), required=False)
    provider_name = forms.CharField(
        label=_("Or the provider's name, if it is not in the directory"),
        required=False,
        max_length=200,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, providers: list[tuple[str, list[Service]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.providers = {str(s.pk): s for _group, services in providers for s in services}
        self.provider_groups = [
            (group, [(str(s.pk), f"{s.name} — {s.organisation.name}") for s in services])
            for group, services in providers
        ]
        field = self.fields["provider"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 — declared above
        field.choices = [("", _("not in the directory")), *self.provider_groups]

    def chosen_service(self) -> Service | None:
        return self.providers.get(self.cleaned_data.get("provider") or "")


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Why is this entry cancelled?"), required=False, max_length=500
    )


class ServiceChoiceField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.name} — {obj.organisation.name}"


class StepChoiceField(forms.ModelChoiceField[Step]):
    def label_from_instance(self, obj: Step) -> str:
        return f"{obj.goal.description}: {obj.description}"


class ObligationChoiceField(forms.ModelChoiceField[Obligation]):
    def label_from_instance(self, obj: Obligation) -> str:
        return f"{obj.text_in()} ({date_format(obj.due_on, 'SHORT_DATE_FORMAT')})"


class ReferralForm(Form):
    service = ServiceChoiceField(
        label=_("Service"), queryset=Service.objects.none(), empty_label=_("choose a service")
    )
    reason = forms.CharField(
        label=_("What the client needs from it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    plan_step = StepChoiceField(
        label=_("For a step of the plan (optional)"),
        help_text=_("When the help is given, the step is marked completed."),
        queryset=Step.objects.none(),
        required=False,
        empty_label=_("no step"),
        error_messages={"invalid_choice": _("Choose an open step of this client's plan.")},
    )
    obligation = ObligationChoiceField(
        label=_("For an obligation of the agreement (optional)"),
        help_text=_("When the help is given, the obligation is marked fulfilled."),
        queryset=Obligation.objects.none(),
        required=False,
        empty_label=_("no obligation"),
        error_messages={
            "invalid_choice": _("Choose a pending obligation of this client's agreement.")
        },
    )
    concerns_health = forms.BooleanField(
        label=_("Concerns health or dependency"),
        help_text=_(
            "Treatment, a doctor, a narcologist, a psychologist, rehabilitation: the receiving "
            "organisation sees what the client needs only if the client's consent shares health "
            "with it. Referrals to health services count as health anyway."
        ),
        required=False,
    )
    concerns_conviction = forms.BooleanField(
        label=_("Concerns the criminal record"),
        help_text=_(
            "The receiving organisation sees what the client needs only if the client's consent "
            "shares the conviction and release record with it."
        ),
        required=False,
    )
    client_agreed_in_person = forms.BooleanField(
        label=_(
            "The client agreed in person to share with the receiving organisation their name "
            "and case number and what this referral concerns (health or the criminal record, "
            "if marked above)"
        ),
        help_text=_(
            "Needed when the client has no consent on record for the receiving organisation. "
            "It is recorded as consent given in person, by you, today."
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        services: QuerySet[Service],
        steps: QuerySet[Step],
        obligations: QuerySet[Obligation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("service", services), ("plan_step", steps), ("obligation", obligations),
        ):  # fmt: skip
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — declared above
            field.queryset = queryset


class ReferralStepForm(Form):
    to_status = forms.ChoiceField(
        label=_("New state"),
        choices=Referral.Status.choices,
        error_messages={"required": _("Choose a state."), "invalid_choice": _("Choose a state.")},
    )
    reason = forms.CharField(label=_("Why"), required=False, max_length=2000)
    outcome = forms.CharField(
        label=_("Outcome (help given)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
