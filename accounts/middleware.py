"""Every member of an organisation signs in with a second factor (issue 6).

Until a user has activated an authenticator app, every page except sign-in, sign-out and the
second-factor pages sends them to set one up. The check is remembered in the session, so
it costs one query per session, not per request.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .permissions import organisation_ids_of

EXEMPT_PREFIXES = ("/account/", "/language/", "/static/")
SESSION_KEY = "tilts_second_factor_set_up"


def needs_second_factor_setup(request: HttpRequest) -> bool:
    user = request.user
    if not settings.TILTS_REQUIRE_MFA or not user.is_authenticated:
        return False
    if request.session.get(SESSION_KEY) or request.path.startswith(EXEMPT_PREFIXES):
        return False
    if not organisation_ids_of(user):
        return False  # no role anywhere: sees no organisation or case data
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        request.session[SESSION_KEY] = True
        return False
    return True


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if needs_second_factor_setup(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
