"""Reactions to allauth's authentication signals."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver
from django.http import HttpRequest


@receiver(authenticator_added)
def count_activation_as_fresh_authentication(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    """Typing a valid code to turn the app on proves presence: the recovery codes shown next
    need no further password prompt."""
    record_authentication(request, user, method="mfa", type="totp", reauthenticated=True)
