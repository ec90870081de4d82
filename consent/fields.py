"""The worker's "concerns health" / "concerns the criminal record" boxes, for the forms of items
another organisation may read (issue 19; consent/disclosure.py decides from them)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form


class ConcernsFields(Form):
    concerns_health = forms.BooleanField(
        label=_("Concerns health or dependency"),
        help_text=_(
            "Another organisation sees it only if the client's consent shares health with it."
        ),
        required=False,
    )
    concerns_conviction = forms.BooleanField(
        label=_("Concerns the criminal record"),
        help_text=_(
            "Another organisation sees it only if the client's consent shares the conviction "
            "and release record with it."
        ),
        required=False,
    )
