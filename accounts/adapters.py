"""django-allauth and django-axes glue: sign-in by e-mail, and no self-registration."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.http import HttpRequest


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created only by accepting an organisation administrator's invitation."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Setting up the first authenticator right after signing in needs no second password
        prompt (the middleware sends every member there); changing or removing one does."""
        user = getattr(self.request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user).exists():
                return False
        return bool(super().is_reauthentication_required(app=app, **kwargs))

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """allauth's limit on wrong passwords (ACCOUNT_RATE_LIMITS["login_failed"]); a refused
        attempt is written in the sign-in log (issue 28, finding 3)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from audit.models import SignInEvent
            from audit.receivers import user_named_in
            from audit.services import sign_in_record

            sign_in_record(user=user_named_in(credentials), outcome=SignInEvent.Outcome.LOCKED_OUT)
            raise


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The login name axes locks on: allauth passes the e-mail as `email` (or `login`)."""
    data = credentials or {}
    for key in ("email", "login", "username"):
        if data.get(key):
            return str(data[key]).strip().lower()
    form = request.POST if request is not None else {}
    return str(form.get("login", "")).strip().lower()
