from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
from core.forms import Form

from .selectors import need_choices

LANGUAGES = [
    ("", _("any language")),
    ("lv", _("Latvian")),
    ("ru", _("Russian")),
    ("en", _("English")),
]


class DirectorySearchForm(Form):
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
