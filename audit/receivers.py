"""Sign-ins, failures, lockouts and sign-outs go to audit.SignInEvent. (Wrong authenticator
codes and the second factor's lockout are written by accounts.forms, which counts them.)"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import SignInEvent


@receiver(user_logged_in)
def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    SignInEvent.objects.create(user=user, outcome=SignInEvent.Outcome.SUCCEEDED)


@receiver(user_logged_out)
def signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        SignInEvent.objects.create(user=user, outcome=SignInEvent.Outcome.SIGNED_OUT)


@receiver(user_login_failed)
def sign_in_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    SignInEvent.objects.create(user=user_named_in(credentials), outcome=SignInEvent.Outcome.FAILED)


@receiver(user_locked_out)
def locked_out(sender: Any, request: Any, username: str = "", **kwargs: Any) -> None:
    """django-axes locked an account+address pair out after repeated wrong passwords."""
    SignInEvent.objects.create(
        user=user_named_in({"email": username}), outcome=SignInEvent.Outcome.LOCKED_OUT
    )


def user_named_in(credentials: dict[str, Any]) -> Any:
    """The account whose e-mail address was typed, if there is one (the address is not kept)."""
    login = str(
        credentials.get("email") or credentials.get("login") or credentials.get("username") or ""
    )
    return get_user_model().objects.filter(email__iexact=login).first() if login else None
