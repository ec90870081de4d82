from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedForm
from core.forms import BoundedDateField, Form, ModelForm

from .models import (
    CULTURAGRAM_AREAS,
    Culturagram,
    EcomapConnection,
    EcomapSnapshot,
    FamilyMap,
    FamilyMember,
    FamilyRelationKind,
    FamilySubsystem,
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


class SnapshotForm(Form):
    drawn_on = BoundedDateField(
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


class ConnectionForm(VersionedForm, ModelForm[EcomapConnection]):
    class Meta:
        model = EcomapConnection
        fields = (
            "kind", "label", "strength", "stressful", "flow", "note", "concerns_health",
            "concerns_conviction",
        )  # fmt: skip
        widgets = {"strength": forms.RadioSelect, "flow": forms.RadioSelect}
        help_texts = {"label": _("For example the name of the service; no personal data.")}
        error_messages = {"kind": {"required": _("Select the system.")}}


class PersonForm(VersionedForm, ModelForm[GenogramPerson]):
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


class RelationForm(ModelForm[GenogramRelation]):
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


class MemberForm(VersionedForm, ModelForm[NetworkMember]):
    class Meta:
        model = NetworkMember
        fields = (
            "name", "area", "concrete_support", "emotional_support", "information_support",
            "criticism", "direction", "closeness", "frequency", "years_known",
            "concerns_health", "concerns_conviction",
        )  # fmt: skip
        error_messages = {
            "name": {"required": _("Enter a first name or a role.")},
            "area": {"required": _("Select the life area.")},
        }


class CulturagramForm(VersionedForm, ModelForm[Culturagram]):
    class Meta:
        model = Culturagram
        fields = tuple(name for name, _label in CULTURAGRAM_AREAS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name, _label in CULTURAGRAM_AREAS}


class FamilyMapForm(ModelForm[FamilyMap]):
    class Meta:
        model = FamilyMap
        fields = ("drawn_on", "outside_boundary", "note")
        widgets = {"drawn_on": DATE, "outside_boundary": forms.RadioSelect}
        help_texts = {
            "outside_boundary": _(
                "Clear: open to help from outside yet protecting the family; diffuse: anyone "
                "comes and goes; rigid: closed to the outside."
            )
        }
        error_messages = {
            "drawn_on": {"required": _("Enter the date.")},
            "outside_boundary": {"required": _("Select the boundary.")},
        }


class FamilyMemberChoiceField(forms.ModelChoiceField[FamilyMember]):
    def label_from_instance(self, obj: FamilyMember) -> str:
        return obj.display_label


class FamilyMembersField(forms.ModelMultipleChoiceField[FamilyMember]):
    def label_from_instance(self, obj: FamilyMember) -> str:
        return obj.display_label


class SubsystemChoiceField(forms.ModelChoiceField[FamilySubsystem]):
    def label_from_instance(self, obj: FamilySubsystem) -> str:
        return obj.display_label


class FamilyMemberForm(Form):
    person = PersonChoiceField(
        label=_("Person from the genogram"),
        queryset=GenogramPerson.objects.none(),
        required=False,
        empty_label=_("not in the genogram"),
    )
    label = forms.CharField(
        label=_("Or a role"),
        max_length=40,
        required=False,
        help_text=_("A role such as mother or partner: no surnames or personal codes."),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = people


class FamilySubsystemForm(ModelForm[FamilySubsystem]):
    members = FamilyMembersField(
        label=_("Members"),
        queryset=FamilyMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least two members.")},
    )

    class Meta:
        model = FamilySubsystem
        fields = ("kind", "name", "boundary", "members")
        widgets = {"kind": forms.RadioSelect, "boundary": forms.RadioSelect}
        help_texts = {
            "boundary": _(
                "Clear: members close yet themselves; diffuse: enmeshed, no privacy; rigid: "
                "disengaged, little contact."
            )
        }
        error_messages = {
            "kind": {"required": _("Select the subsystem.")},
            "boundary": {"required": _("Select the boundary.")},
        }

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = members


class FamilyRelationForm(Form):
    first = FamilyMemberChoiceField(
        label=_("Member"),
        queryset=FamilyMember.objects.none(),
        error_messages={"required": _("Select the member.")},
    )
    kind = forms.ChoiceField(
        label=_("Relation"),
        choices=FamilyRelationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the relation.")},
    )
    second = FamilyMemberChoiceField(
        label=_("With member"),
        queryset=FamilyMember.objects.none(),
        required=False,
        empty_label="–",
        help_text=_("For a coalition: the member who joins the first one."),
    )
    second_subsystem = SubsystemChoiceField(
        label=_("Or with a subsystem"),
        queryset=FamilySubsystem.objects.none(),
        required=False,
        empty_label="–",
    )
    against = FamilyMemberChoiceField(
        label=_("Against (only for a coalition)"),
        queryset=FamilyMember.objects.none(),
        required=False,
        empty_label="–",
    )

    def __init__(self, *args: Any, members: Any, subsystems: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second", "against"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = members
        field = self.fields["second_subsystem"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = subsystems
