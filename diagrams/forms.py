from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    CULTURAGRAM_AREAS,
    Culturagram,
    EcomapConnection,
    EcomapSnapshot,
    GenogramPerson,
    GenogramRelation,
    NetworkMember,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SnapshotChoiceField(forms.ModelChoiceField[EcomapSnapshot]):
    def label_from_instance(self, obj: EcomapSnapshot) -> str:
        return obj.drawn_on.isoformat()


class PersonChoiceField(forms.ModelChoiceField[GenogramPerson]):
    def label_from_instance(self, obj: GenogramPerson) -> str:
        return f"{obj.name} ({obj.birth_year})" if obj.birth_year else obj.name


class SnapshotForm(forms.Form):
    drawn_on = forms.DateField(
        label=_("Date"), widget=DATE, error_messages={"required": _("Enter the date.")}
    )
    note = forms.CharField(label=_("Note"), max_length=250, required=False)
    copy_from = SnapshotChoiceField(
        label=_("Start from"),
        queryset=EcomapSnapshot.objects.none(),
        required=False,
        empty_label=_("an empty ecomap"),
        help_text=_("Copy the systems of an earlier ecomap, then record what has changed."),
    )

    def __init__(self, *args: Any, snapshots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["copy_from"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = snapshots


class ConnectionForm(forms.ModelForm[EcomapConnection]):
    class Meta:
        model = EcomapConnection
        fields = ("kind", "label", "strength", "stressful", "flow", "note")
        widgets = {"strength": forms.RadioSelect, "flow": forms.RadioSelect}
        help_texts = {"label": _("For example the name of the service; no personal data.")}
        error_messages = {"kind": {"required": _("Select the system.")}}


class PersonForm(forms.ModelForm[GenogramPerson]):
    class Meta:
        model = GenogramPerson
        fields = (
            "name", "sex", "birth_year", "death_year", "deceased", "is_index", "illness",
            "substance_abuse", "in_household",
        )  # fmt: skip
        widgets = {"sex": forms.RadioSelect}
        error_messages = {
            "name": {"required": _("Enter a first name or a role.")},
            "sex": {"required": _("Select the sex.")},
        }


class RelationForm(forms.ModelForm[GenogramRelation]):
    class Meta:
        model = GenogramRelation
        fields = ("first", "kind", "second")
        field_classes = {"first": PersonChoiceField, "second": PersonChoiceField}
        labels = {"first": _("Person (the parent, for a child)"), "second": _("With")}
        help_texts = {"kind": _("For a child: the first person is the parent.")}
        error_messages = {
            "first": {"required": _("Select the first person.")},
            "second": {"required": _("Select the second person.")},
            "kind": {"required": _("Select the relationship.")},
        }

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = people

    def validate_unique(self) -> None:
        """Duplicates are refused by the service, with its own message."""


class MemberForm(forms.ModelForm[NetworkMember]):
    class Meta:
        model = NetworkMember
        fields = (
            "name", "area", "concrete_support", "emotional_support", "information_support",
            "criticism", "direction", "closeness", "frequency", "years_known",
        )  # fmt: skip
        error_messages = {
            "name": {"required": _("Enter a first name or a role.")},
            "area": {"required": _("Select the life area.")},
        }


class CulturagramForm(forms.ModelForm[Culturagram]):
    class Meta:
        model = Culturagram
        fields = tuple(name for name, _label in CULTURAGRAM_AREAS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name, _label in CULTURAGRAM_AREAS}
