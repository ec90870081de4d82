"""Organisation and user pages. Thin: access via rules and selectors, writes via services."""

from __future__ import annotations

from typing import Any, cast

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.reads import shows_no_case_data
from core.errors import DomainError

from . import selectors, services
from .forms import AcceptInvitationForm, InvitationForm
from .middleware import has_second_factor
from .models import Invitation, Membership, Organisation, User


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@shows_no_case_data("organisations and their members")
@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_visible_to(request.user)
    return render(request, "accounts/organisation_list.html", {"organisations": organisations})


def _visible_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    """404, not 403, for organisations outside the user's view: existence is not disclosed."""
    return get_object_or_404(selectors.organisations_visible_to(request.user), pk=organisation_id)


@shows_no_case_data("an organisation, its members and invitations")
@login_required
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _visible_organisation(request, organisation_id)
    form = None
    if request.user.has_perm("accounts.manage_organisation_members", organisation):
        form = InvitationForm(
            may_grant_system_admin=request.user.has_perm("accounts.create_organisation")
        )
    return _organisation_page(request, organisation, form)


def _organisation_page(
    request: HttpRequest,
    organisation: Organisation,
    form: InvitationForm | None,
    status: int = 200,
) -> HttpResponse:
    may_manage = request.user.has_perm("accounts.manage_organisation_members", organisation)
    context = {
        "organisation": organisation,
        "memberships": selectors.memberships_of_organisation(organisation),
        "invitations": (
            selectors.pending_invitations_of_organisation(organisation) if may_manage else []
        ),
        "may_manage": may_manage,
        "may_set_cadence": request.user.has_perm("cases.set_follow_up_cadence", organisation),
        "form": form,
    }
    return render(request, "accounts/organisation_detail.html", context, status=status)


@shows_no_case_data("invites a member")
@login_required
@require_POST
def invitation_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _visible_organisation(request, organisation_id)
    if not request.user.has_perm("accounts.manage_organisation_members", organisation):
        raise PermissionDenied
    form = InvitationForm(
        request.POST,
        may_grant_system_admin=request.user.has_perm("accounts.create_organisation"),
    )
    if form.is_valid():
        try:
            invitation, token = services.invitation_create(
                actor=_user(request),
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            accept_url = request.build_absolute_uri(
                reverse("accounts:invitation_accept", args=[token])
            )
            services.invitation_send(invitation=invitation, token=token, accept_url=accept_url)
            messages.success(request, _("Invitation sent."))
            return redirect("accounts:organisation_detail", organisation_id=organisation.pk)
    return _organisation_page(request, organisation, form, status=400)


@shows_no_case_data("revokes an invitation")
@login_required
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.filter(
            organisation__in=selectors.organisations_visible_to(request.user)
        ),
        pk=invitation_id,
    )
    try:
        services.invitation_revoke(actor=_user(request), invitation=invitation)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitation withdrawn."))
    return redirect("accounts:organisation_detail", organisation_id=invitation.organisation_id)


@shows_no_case_data("turns a membership on or off")
@login_required
@require_POST
def membership_set_active(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.filter(
            organisation__in=selectors.organisations_visible_to(request.user)
        ),
        pk=membership_id,
    )
    is_active = request.POST.get("is_active") == "1"
    try:
        services.membership_set_active(
            actor=_user(request), membership=membership, is_active=is_active
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Role restored.") if is_active else _("Role suspended."))
    return redirect("accounts:organisation_detail", organisation_id=membership.organisation_id)


@shows_no_case_data("the users of the organisations one administers")
@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    users = selectors.users_visible_to(request.user).prefetch_related("memberships__organisation")
    return render(request, "accounts/user_list.html", {"users": users})


@shows_no_case_data("a user account and its memberships")
@login_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    person = get_object_or_404(selectors.users_visible_to(request.user), pk=user_id)
    visible = selectors.organisations_visible_to(request.user)
    memberships = person.memberships.filter(organisation__in=visible).select_related("organisation")
    return render(
        request, "accounts/user_detail.html", {"person": person, "memberships": memberships}
    )


@shows_no_case_data("accepting an invitation: the new member's own account")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_by_token(token)
    problem = services.invitation_problem(invitation)
    if problem:
        return render(request, "accounts/invitation_problem.html", {"problem": problem}, status=410)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except DomainError as error:
            form.add_error("password", error)
        else:
            if has_second_factor(user):
                # An existing account joined: it signs in as always, password and code (issue
                # 28, finding 0), not with the password typed here alone.
                messages.success(
                    request,
                    _("You have joined %(organisation)s. Sign in to continue.")
                    % {"organisation": invitation.organisation.name},  # type: ignore[union-attr]
                )
                return redirect("account_login")
            login(request, user, backend="accounts.auth_backends.AuthenticationBackend")
            # The password was just set: that counts as a fresh sign-in for allauth, which asks
            # for recent authentication before the second factor is set up.
            record_authentication(
                request, user, method="password", email=user.email, reauthenticated=True
            )
            messages.success(request, _("Welcome to Tilts."))
            return redirect("core:home")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


class ActivateSecondFactorView(ActivateTOTPView):
    """allauth's authenticator setup; its first valid code is this session's second-factor
    step (accounts.middleware), as the code on the sign-in's second step would be."""

    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        authenticator = Authenticator.objects.get(
            user_id=self.request.user.pk, type=Authenticator.Type.TOTP
        )
        record_authentication(
            self.request, self.request.user, "mfa", id=authenticator.pk, type=authenticator.type
        )
        return response


activate_second_factor = shows_no_case_data("the user's own authenticator setup")(
    ActivateSecondFactorView.as_view()
)


@shows_no_case_data("sends to the app's sign-in")
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site signs in through the app's sign-in, with its second step (issue 28,
    finding 0): Django's admin sign-in form would accept the password alone."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.user.is_authenticated:
        if not request.user.is_staff:
            raise PermissionDenied  # signed in, but the admin site is not theirs
        return HttpResponseRedirect(next_url or "/admin/")
    target = reverse("account_login")
    return HttpResponseRedirect(f"{target}?{urlencode({'next': next_url or '/admin/'})}")
