"""One-time tokens for create forms: a double click creates one note, not two (issue 28,
finding 8).

Every create form carries a hidden `submit_token`, a new random one each time the form is
rendered (`{% submit_token %}` from core/templatetags/submit_once.py). The first POST that
carries a token claims it: a row in core.SubmittedForm, committed before the view runs, whose
primary key is the token, so of two POSTs at the same moment exactly one can claim it (the
database's unique index decides, on SQLite and PostgreSQL alike). When the view answers with a
redirect (the object was created), the row keeps where it sent the user. Any other answer (the
form had errors, the request failed) gives the token up again, so correcting the form and
sending it once more works.

A later POST of a claimed token does not reach the view: once the first has finished it is sent
where the first one went; while the first is still being saved it waits for it (up to
WAIT_SECONDS, then answers 409 asking the user to look again in a moment).

A POST without a token (API clients, tests) goes to the view as before: the token protects
against repeated submits, it is not an access control.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SubmittedForm

SUBMIT_FIELD = "submit_token"
KEEP = timedelta(days=1)
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.1
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
REDIRECTS = {301, 302, 303, 307, 308}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _user_id(request: HttpRequest) -> int:
    return int(request.user.pk or 0)


def _path(request: HttpRequest) -> str:
    return request.path[:500]  # the column's length (a path that long matches no route)


def _claim(token: str, request: HttpRequest) -> bool:
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(
                token=token, user_id=_user_id(request), path=_path(request)
            )
    except IntegrityError:
        return False
    return True


def _already_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "core/already_submitted.html", status=409)


class SubmitOnceMiddleware:
    """Put after the authentication and second-factor middleware: only signed-in users' POSTs
    that carry a token are concerned."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = self._token(request)
        if token is None:
            return self.get_response(request)
        deadline = time.monotonic() + WAIT_SECONDS
        while not _claim(token, request):
            earlier = SubmittedForm.objects.filter(token=token).first()
            if earlier is None and time.monotonic() <= deadline:
                continue  # the first POST gave the token up (its form had errors): claim it
            if earlier is None or (earlier.user_id, earlier.path) != (
                _user_id(request),
                _path(request),
            ):
                return _already_sent(request)
            if earlier.result_url:
                messages.info(request, _("This form had already been sent: it was saved once."))
                return redirect(earlier.result_url)
            if time.monotonic() > deadline:
                return _already_sent(request)
            time.sleep(POLL_SECONDS)
        return self._first_submit(request, token)

    def _first_submit(self, request: HttpRequest, token: str) -> HttpResponse:
        response = self.get_response(request)
        claimed = SubmittedForm.objects.filter(token=token)
        location = response.headers.get("Location", "")
        if response.status_code in REDIRECTS and location:
            claimed.update(result_url=location[:2000])
            # The user's tokens of earlier days are of no use any more.
            SubmittedForm.objects.filter(
                user_id=_user_id(request), created_at__lt=timezone.now() - KEEP
            ).delete()
        else:
            claimed.delete()
        return response

    @staticmethod
    def _token(request: HttpRequest) -> str | None:
        if request.method != "POST" or not request.user.is_authenticated:
            return None
        token = request.POST.get(SUBMIT_FIELD, "")
        return token if _TOKEN.match(token) else None
