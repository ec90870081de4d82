from __future__ import annotations

from typing import Any, cast

from allauth.account.forms import LoginForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedInputMixin, Form

from .models import Role
from .services import ROLES_AN_ORGANISATION_ADMIN_MAY_GRANT


class InvitationForm(Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Enter the e-mail address of the person to invite."),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.lv."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[],
        error_messages={"required": _("Select the role this person will have.")},
    )

    def __init__(self, *args: Any, may_grant_system_admin: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = list(Role) if may_grant_system_admin else ROLES_AN_ORGANISATION_ADMIN_MAY_GRANT
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [(r.value, r.label) for r in roles]


class AcceptInvitationForm(Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Enter your first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Enter your last name.")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"), choices=settings.LANGUAGES, initial="lv"
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Avoid common words and only numbers."),
        error_messages={"required": _("Enter a password.")},
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter the password again.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords do not match."))
        return data


class TiltsLoginForm(CheckedInputMixin, LoginForm):
    """allauth's login form without the password field's help link: the page offers
    "Forgot your password?" once, beside the button."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
