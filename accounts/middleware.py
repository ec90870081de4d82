"""Every member of an organisation signs in with a second factor (issue 6), and a session
counts as signed in only after its own second-factor step (issue 28, finding 0).

A session is fully signed in when allauth recorded a second-factor step in it for this user:
the code on the sign-in's second step (allauth's mfa stage), or the first code of an
authenticator set up in this session (accounts.views.activate_second_factor). Whatever else
called Django's `login()` — the admin site's sign-in, an invitation accepted with an existing
account's password — gives a session without that record: if the account has an authenticator,
the session is signed out and sent to the sign-in, which asks for the code.

Until a user has activated an authenticator app, every page except sign-in, sign-out and the
second-factor pages sends them to set one up. That is required of every member of an
organisation and of every staff account (the admin site shows every record).

The check reads only the session once it passed: no query per request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .permissions import organisation_ids_of

EXEMPT_PREFIXES = ("/account/", "/language/", "/static/")


def passed_second_factor(request: HttpRequest, user: Any) -> bool:
    """Whether this session gave a second factor for this user (allauth's record of the
    authentication steps taken in the session, kept for the signed-in user only)."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def record_second_factor(session: Any, user: Any) -> None:
    """Write in `session` that it gave a code for `user`, as allauth's second step does: for
    tools that build a signed-in session themselves (the test client's force_login, the load
    test). Saves the session."""
    request = HttpRequest()
    request.session = session
    record_authentication(request, user, "mfa", type=Authenticator.Type.TOTP.value)
    session.save()


def has_second_factor(user: Any) -> bool:
    return bool(
        Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists()
    )


def second_factor_required(user: Any) -> bool:
    if not settings.TILTS_REQUIRE_MFA:
        return False
    return bool(user.is_staff or user.is_superuser or organisation_ids_of(user))


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or passed_second_factor(request, user):
            return self.get_response(request)
        if request.path.startswith("/static/"):
            return self.get_response(request)
        if has_second_factor(user):
            # Signed in without the code (admin site, invitation …): not signed in at all.
            next_url = request.get_full_path()
            logout(request)
            messages.info(request, _("Sign in with your password and authenticator code."))
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        if second_factor_required(user) and not request.path.startswith(EXEMPT_PREFIXES):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
