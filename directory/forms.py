from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from plans.models import Obligation, Step

from .models import Referral, Service
from .selectors import need_choices

LANGUAGES = [
    ("", _("any language")),
    ("lv", _("Latvian")),
    ("ru", _("Russian")),
    ("en", _("English")),
]


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    need = forms.ChoiceField(label=_("Need"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("all of Latvia"),
    )
    neighbours = forms.BooleanField(label=_("also neighbouring municipalities"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, required=False)
    open_now = forms.BooleanField(label=_("open now"), required=False)
    free = forms.BooleanField(label=_("free of charge"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.need_groups = need_choices()
        need = self.fields["need"]
        assert isinstance(need, forms.ChoiceField)  # noqa: S101 — declared above
        need.choices = [("", _("any need"))] + [
            (code, label) for _group, options in self.need_groups for code, label in options
        ]
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)  # noqa: S101
        municipality.queryset = Municipality.objects.current().select_related("region")


class ServiceChoiceField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.name} — {obj.organisation.name}"


class StepChoiceField(forms.ModelChoiceField[Step]):
    def label_from_instance(self, obj: Step) -> str:
        return f"{obj.goal.description}: {obj.description}"


class ObligationChoiceField(forms.ModelChoiceField[Obligation]):
    def label_from_instance(self, obj: Obligation) -> str:
        return f"{obj.text_in()} ({date_format(obj.due_on, 'SHORT_DATE_FORMAT')})"


class ReferralForm(forms.Form):
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


class ReferralStepForm(forms.Form):
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
