from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.selectors import memberships_of_user
from accounts.services import user_set_language
from audit.reads import shows_no_case_data
from core.middleware import SUPPORTED


@shows_no_case_data("the user's organisations and roles")
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"memberships": memberships_of_user(request.user)},
    )


@shows_no_case_data("sets the interface language")
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's language switcher: remembers the choice in a cookie and, when signed in,
    in the user's profile, then returns to the page the user was on."""
    language = request.POST.get("language", "")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in SUPPORTED:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 60 * 60,
            samesite="Lax",
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
        if isinstance(request.user, User):
            user_set_language(actor=request.user, language=language)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A translated page in the design system instead of Django's English debug text."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a translated page in the site's layout, not Django's bare one. A request too
    large to read (DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields or files) answers 413 and says
    how to get the typed text back (issue 28, finding 14)."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return render(request, "413.html", status=413)
    if isinstance(exception, DisallowedHost):  # the request's host cannot be used to render
        return defaults.bad_request(request, exception)
    return render(request, "400.html", status=400)
