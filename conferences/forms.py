from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.concurrency import VersionedForm
from core.forms import BoundedDateTimeField, Form
from tasks.forms import TaskForm

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConferenceForm(Form):
    starts_at = BoundedDateTimeField(
        label=_("Date and time"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={"required": _("Enter the date and time."),
                        "invalid": _("Enter a date and time, like 2026-12-01 10:00.")},
    )  # fmt: skip
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link (optional)"), required=False,
        error_messages={"invalid": _("Enter a full web address, like https://…")},
    )  # fmt: skip
    participants = forms.ModelMultipleChoiceField(
        label=_("Who takes part"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    client_invited = forms.BooleanField(label=_("The client takes part"), required=False)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participants"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
        field.queryset = people


class RecordForm(VersionedForm):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    attended = forms.ModelMultipleChoiceField(
        label=_("Who attended"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
        field.queryset = people


class ActionForm(TaskForm):
    """An action: the same questions as a task."""
