"""django-allauth and django-axes glue: sign-in by e-mail, and no self-registration."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created only by accepting an organisation administrator's invitation."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The login name axes locks on: allauth passes the e-mail as `email` (or `login`)."""
    data = credentials or {}
    for key in ("email", "login", "username"):
        if data.get(key):
            return str(data[key]).strip().lower()
    form = request.POST if request is not None else {}
    return str(form.get("login", "")).strip().lower()
