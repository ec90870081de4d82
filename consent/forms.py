from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from core.forms import BoundedDateField, Form

from .models import Category, Consent

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsentForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation the data is shared with"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Choose the organisation.")},
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=250,
        help_text=_("For example: joint work on the release plan with the probation service."),
        error_messages={"required": _("Write what the data will be used for.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("What the client agrees to share"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what the client agrees to share.")},
    )
    given_on = BoundedDateField(
        label=_("Given on"), widget=DATE, error_messages={"required": _("Enter the date.")}
    )
    expires_on = BoundedDateField(label=_("Expires on (optional)"), widget=DATE, required=False)
    form = forms.ChoiceField(
        label=_("How it was given"), choices=Consent.Form.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the consent was given.")},
    )  # fmt: skip

    def __init__(self, *args: Any, exclude_organisation: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — narrows the type
        field.queryset = Organisation.objects.filter(is_active=True).exclude(
            pk=exclude_organisation
        )


class LegalBasisForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation that receives the data"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Choose the organisation.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("What it receives on this basis"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what the organisation receives.")},
    )
    citation = forms.CharField(
        label=_("Legal basis (law and article)"),
        max_length=300,
        help_text=_("For example: Probācijas dienesta likums, 5. panta pirmā daļa."),
        error_messages={
            "required": _("Cite the law and its article, for example the Probation Law.")
        },
    )

    def __init__(self, *args: Any, exclude_organisation: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — narrows the type
        field.queryset = Organisation.objects.filter(is_active=True).exclude(
            pk=exclude_organisation
        )
