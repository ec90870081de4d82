"""The client's consents for a case: list, record, withdraw."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.reads import shows_case
from cases.models import Case
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from core.errors import DomainError

from . import services
from .forms import ConsentForm, LegalBasisForm
from .models import Consent, LegalBasis
from .selectors import consents_of, legal_bases_of

# The legal basis form shares the page with the consent form: its own field names and ids.
BASIS = "basis"


def _case_whose_consent_i_manage(request: HttpRequest, case_id: int) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("consent.manage_consent", case):
        raise PermissionDenied
    return case


@shows_case()
@login_required
def consents(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_whose_consent_i_manage(request, case_id)
    form = ConsentForm(
        request.POST or None,
        exclude_organisation=case.organisation_id,
        initial={"given_on": timezone.localdate(), "categories": ["identity"]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Consent recorded. It applies at once."))
            return redirect("consent:consents", case_id=case.pk)
    return _page(request, case, form=form, status=400 if request.method == "POST" else 200)


def _page(
    request: HttpRequest,
    case: Case,
    *,
    form: ConsentForm | None = None,
    basis_form: LegalBasisForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_record_basis = request.user.has_perm("consent.manage_legal_basis", case)
    context = {
        "case": case,
        "form": form
        or ConsentForm(
            exclude_organisation=case.organisation_id,
            initial={"given_on": timezone.localdate(), "categories": ["identity"]},
        ),
        "consents": consents_of(case.client_id),
        "legal_bases": legal_bases_of(case.pk),
        "may_record_basis": may_record_basis,
        "basis_form": (
            basis_form or LegalBasisForm(exclude_organisation=case.organisation_id, prefix=BASIS)
        )
        if may_record_basis
        else None,
    }
    return render(request, "consent/consents.html", context, status=status)


@shows_case()
@login_required
@require_POST
def legal_basis_record(request: HttpRequest, case_id: int) -> HttpResponse:
    """A supervisor records that another organisation receives categories of the case on a
    legal basis, with its citation (issue 19)."""
    case = _case_whose_consent_i_manage(request, case_id)
    if not request.user.has_perm("consent.manage_legal_basis", case):
        raise PermissionDenied
    form = LegalBasisForm(request.POST, exclude_organisation=case.organisation_id, prefix=BASIS)
    if form.is_valid():
        try:
            services.legal_basis_record(actor=acting_user(request), case=case, **form.cleaned_data)
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Legal basis recorded. It applies at once."))
            return redirect("consent:consents", case_id=case.pk)
    return _page(request, case, basis_form=form, status=400)


@shows_case()
@login_required
@require_POST
def legal_basis_withdraw(request: HttpRequest, case_id: int, basis_id: int) -> HttpResponse:
    case = _case_whose_consent_i_manage(request, case_id)
    basis = LegalBasis.objects.filter(pk=basis_id, case_id=case.pk).first()
    if basis is None:
        raise Http404
    services.legal_basis_withdraw(actor=acting_user(request), case=case, basis=basis)
    messages.success(request, _("Legal basis withdrawn. Access on it ended at once."))
    return redirect("consent:consents", case_id=case.pk)


@shows_case()
@login_required
@require_POST
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    case = _case_whose_consent_i_manage(request, case_id)
    consent = Consent.objects.filter(pk=consent_id, client_id=case.client_id).first()
    if consent is None:
        raise Http404
    services.consent_withdraw(actor=acting_user(request), case=case, consent=consent)
    messages.success(request, _("Consent withdrawn. Access ended at once."))
    return redirect("consent:consents", case_id=case.pk)
