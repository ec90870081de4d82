from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from allauth.account.forms import LoginForm
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit import selectors as audit_selectors
from audit.models import SignInEvent
from audit.services import sign_in_record
from core.forms import CheckedInputMixin, Form

from .models import Role, User
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


class SecondFactorAttemptsMixin:
    """The code on the sign-in's second step and on re-authentication, with an attempt limit
    kept in the sign-in log (issue 28, finding 3): after TILTS_SECOND_FACTOR_FAILURE_LIMIT
    wrong codes within TILTS_SECOND_FACTOR_LOCKOUT_MINUTES (counted since the account's last
    sign-in) no code is checked, the right one neither, until the oldest failure is that old.
    Every wrong code and every refused attempt is a row of the log. The database keeps the
    count, so every application process sees the same one (allauth's cache-based limit would
    count per process with the default cache). A stored secret that cannot be read is a wrong
    code, not an error (finding 10)."""

    user: Any
    cleaned_data: dict[str, Any]
    authenticator: Authenticator

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"])
        with transaction.atomic():
            # One attempt at a time per account: parallel guesses cannot pass the count.
            User.objects.select_for_update().filter(pk=self.user.pk).first()
            outcome = self._attempt(code)
        if outcome == "ok":
            return code
        if outcome == SignInEvent.Outcome.LOCKED_OUT:
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes. Signing in to this account is blocked for "
                    "%(minutes)d minute; then sign in again.",
                    "Too many wrong codes. Signing in to this account is blocked for "
                    "%(minutes)d minutes; then sign in again.",
                    settings.TILTS_SECOND_FACTOR_LOCKOUT_MINUTES,
                )
                % {"minutes": settings.TILTS_SECOND_FACTOR_LOCKOUT_MINUTES},
                code="locked_out",
            )
        raise get_mfa_adapter().validation_error("incorrect_code")

    def _attempt(self, code: str) -> str:
        window = timedelta(minutes=settings.TILTS_SECOND_FACTOR_LOCKOUT_MINUTES)
        limit = settings.TILTS_SECOND_FACTOR_FAILURE_LIMIT
        since = timezone.now() - window
        if audit_selectors.second_factor_failures(user=self.user, since=since) >= limit:
            sign_in_record(user=self.user, outcome=SignInEvent.Outcome.LOCKED_OUT)
            return SignInEvent.Outcome.LOCKED_OUT
        main: Authenticator | None = None
        for authenticator in Authenticator.objects.filter(user=self.user).exclude(
            type=Authenticator.Type.WEBAUTHN  # cannot check typed codes
        ):
            if main is None or authenticator.type == Authenticator.Type.TOTP:
                main = authenticator
            if _code_fits(authenticator, code):
                authenticator.user = self.user
                self.authenticator = authenticator
                return "ok"
        sign_in_record(user=self.user, outcome=SignInEvent.Outcome.CODE_FAILED)
        if main is not None:
            self._emit_authentication_failed(main)  # type: ignore[attr-defined]
        if audit_selectors.second_factor_failures(user=self.user, since=since) >= limit:
            sign_in_record(user=self.user, outcome=SignInEvent.Outcome.LOCKED_OUT)
            return SignInEvent.Outcome.LOCKED_OUT
        return SignInEvent.Outcome.CODE_FAILED


def _code_fits(authenticator: Authenticator, code: str) -> bool:
    try:
        return bool(authenticator.wrap().validate_code(code))
    except (ValueError, TypeError, KeyError):
        # A stored secret that is not base32 (binascii.Error is a ValueError) or is missing.
        return False


class SecondFactorForm(SecondFactorAttemptsMixin, CheckedInputMixin, AuthenticateForm):
    """allauth's second sign-in step (MFA_FORMS["authenticate"])."""


class SecondFactorReauthenticateForm(
    SecondFactorAttemptsMixin, CheckedInputMixin, ReauthenticateForm
):
    """allauth's re-authentication with a code (MFA_FORMS["reauthenticate"])."""
