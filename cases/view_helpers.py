"""Small helpers shared by the case views."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404, HttpRequest

from accounts.models import User
from core.concurrency import StaleEditError
from core.errors import DomainError

from . import selectors
from .models import Case


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def visible_case_or_404(request: HttpRequest, case_id: int) -> Case:
    case = selectors.case_for(request.user, case_id)
    if case is None:
        raise Http404
    return case


def form_errors_from(form: Any, error: DomainError) -> None:
    """Put a service's error on the form: by field where it names one, else on the form. A
    refused stale save shows the other person's change beside the fields (core.concurrency)."""
    if isinstance(error, StaleEditError) and hasattr(form, "show_stale"):
        form.show_stale(error)
        return
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
