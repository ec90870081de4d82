from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import BoundedDateField, Form

from .models import Assessment, Barrier, Level, Need, Problem
from .services import NeedInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssessmentForm(Form):
    """B1–B3 on one page: a level and comment per need, then the two checklists."""

    assessed_on = BoundedDateField(
        label=_("Date of assessment"),
        widget=DATE,
        error_messages={"required": _("Enter the date of assessment.")},
    )
    strengths = forms.CharField(
        label=_("The client's strengths"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    resources = forms.CharField(
        label=_("Existing and available resources"),
        help_text=_("People, institutions, skills, money and things the client can rely on."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, previous: Assessment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for need, label in Need.choices:
            self.fields[f"level_{need}"] = forms.TypedChoiceField(
                label=label,
                choices=Level.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": format_lazy(_("Choose a level for “{}”."), label),
                },
            )
            self.fields[f"comment_{need}"] = forms.CharField(
                label=format_lazy("{}: {}", _("Comment"), label), required=False, max_length=500
            )
        for prefix, choices in (("problem", Problem.choices), ("barrier", Barrier.choices)):
            for code, label in choices:
                self.fields[f"{prefix}_{code}"] = forms.BooleanField(label=label, required=False)
                self.fields[f"{prefix}_{code}_comment"] = forms.CharField(
                    label=format_lazy("{}: {}", _("Comment"), label),
                    required=False,
                    max_length=500,
                )
        if previous is not None and not self.is_bound:
            self._start_from(previous)

    def _start_from(self, previous: Assessment) -> None:
        """A re-assessment starts from the previous version's answers."""
        self.initial.update(strengths=previous.strengths, resources=previous.resources)
        for score in previous.scores.all():
            self.initial[f"level_{score.need}"] = score.level
            self.initial[f"comment_{score.need}"] = score.comment
        for finding in previous.problems.all():
            self.initial[f"problem_{finding.problem}"] = True
            self.initial[f"problem_{finding.problem}_comment"] = finding.comment
        for barrier in previous.barriers.all():
            self.initial[f"barrier_{barrier.barrier}"] = True
            self.initial[f"barrier_{barrier.barrier}_comment"] = barrier.comment

    def need_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"level_{need}"], self[f"comment_{need}"]) for need in Need.values]

    def problem_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"problem_{c}"], self[f"problem_{c}_comment"]) for c in Problem.values]

    def barrier_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"barrier_{c}"], self[f"barrier_{c}_comment"]) for c in Barrier.values]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "assessed_on": data["assessed_on"],
            "needs": {
                need: NeedInput(level=data[f"level_{need}"], comment=data[f"comment_{need}"])
                for need in Need.values
            },
            "problems": {
                code: data[f"problem_{code}_comment"]
                for code in Problem.values
                if data[f"problem_{code}"]
            },
            "barriers": {
                code: data[f"barrier_{code}_comment"]
                for code in Barrier.values
                if data[f"barrier_{code}"]
            },
            "strengths": data["strengths"],
            "resources": data["resources"],
        }
