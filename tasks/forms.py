from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import BoundedDateField, Form

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TaskForm(Form):
    title = forms.CharField(
        label=_("What has to be done"), max_length=250,
        error_messages={"required": _("Write what has to be done.")},
    )  # fmt: skip
    owner = forms.ModelChoiceField(
        label=_("Who does it"), queryset=User.objects.none(),
        error_messages={"required": _("Choose who will do it.")},
    )  # fmt: skip
    due_on = BoundedDateField(
        label=_("Deadline"), widget=DATE,
        error_messages={"required": _("Enter the deadline."),
                        "invalid": _("Enter a date, like 2026-12-01.")},
    )  # fmt: skip

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — narrows the type
        field.queryset = people
