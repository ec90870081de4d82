from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Service

from .models import HelpKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HelpInKindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of help"),
        choices=[("", _("choose the kind of help")), *HelpKind.choices],
        error_messages={"required": _("Choose the kind of help from the list.")},
    )
    given_on = forms.DateField(
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


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this entry cancelled?"), required=False, max_length=500
    )
