"""Sign-ins of an organisation's members, for its supervisors and administrators (issue 6)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import Membership, Role
from accounts.permissions import organisation_ids_of
from audit.reads import shows_no_case_data

from .models import SignInEvent


@shows_no_case_data("sign-ins of the members: no case is named")
@login_required
def sign_ins(request: HttpRequest) -> HttpResponse:
    overseen = organisation_ids_of(request.user, Role.SUPERVISOR, Role.ORGANISATION_ADMIN)
    if not overseen:
        raise PermissionDenied
    members = Membership.objects.filter(organisation_id__in=overseen).values("user_id")
    events = SignInEvent.objects.filter(user_id__in=members).select_related("user")[:300]
    return render(request, "audit/sign_ins.html", {"events": events})
