"""Sign-ins, failures and sign-outs go to audit.SignInEvent."""

from __future__ import annotations

from typing import Any

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
    login = str(
        credentials.get("email") or credentials.get("login") or credentials.get("username") or ""
    )
    user = get_user_model().objects.filter(email__iexact=login).first() if login else None
    SignInEvent.objects.create(user=user, outcome=SignInEvent.Outcome.FAILED)
