"""Data-subject requests for a case's person: export (Art. 15/20) and erasure (Art. 17)."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audit.reads import reads_of, shows_case
from cases.models import Case, CaseStatus
from cases.view_helpers import acting_user, form_errors_from, visible_case_or_404
from core.errors import DomainError
from core.forms import Form

from .models import Anonymisation
from .pdf import person_pdf
from .selectors import person_export
from .services import client_anonymise


class AnonymiseForm(Form):
    reason = forms.CharField(
        label=gettext_lazy("Why may the data be erased?"),
        help_text=gettext_lazy("For example: the person asked on 2 March; no legal duty to keep."),
        max_length=250,
        error_messages={"required": gettext_lazy("Write why the data may be erased.")},
    )


def _case_for_request(request: HttpRequest, case_id: int) -> Case:
    case = visible_case_or_404(request, case_id)
    if not request.user.has_perm("privacy.handle_data_subject_request", case):
        raise PermissionDenied
    return case


def _page(request: HttpRequest, case: Case, form: AnonymiseForm, status: int = 200) -> HttpResponse:
    data = person_export(case.client)
    all_closed = (
        not Case.objects.filter(client=case.client).exclude(status=CaseStatus.CLOSED).exists()
    )
    reads_of(request).add(case.pk, [("client", case.client_id)], action="export")
    context = {"case": case, "data": data, "form": form, "all_closed": all_closed}
    return render(request, "privacy/data_request.html", context, status=status)


@shows_case(action="export")
@login_required
def data_request(request: HttpRequest, case_id: int) -> HttpResponse:
    return _page(request, _case_for_request(request, case_id), AnonymiseForm())


@shows_case(action="export")
@login_required
def data_export(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for_request(request, case_id)
    reads_of(request).add(case.pk, [("client", case.client_id)], action="export")
    body = json.dumps(
        person_export(case.client), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    # The file name carries the case number, never the person's name.
    response["Content-Disposition"] = f'attachment; filename="tilts-{case.number}.json"'
    return response


@shows_case(action="export")
@login_required
@require_POST
def anonymise(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_for_request(request, case_id)
    form = AnonymiseForm(request.POST)
    if form.is_valid():
        try:
            client_anonymise(
                actor=acting_user(request), client=case.client,
                ground=Anonymisation.Ground.REQUEST, reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except DomainError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("The person's data was erased. The case keeps no names."))
            return redirect("cases:detail", case_id=case.pk)
    return _page(request, case, form, status=400)


@shows_case(action="export")
@login_required
def data_export_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    """The same export as a readable document for the person."""
    case = _case_for_request(request, case_id)
    reads_of(request).add(case.pk, [("client", case.client_id)], action="export")
    response = HttpResponse(person_pdf(case.client), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tilts-{case.number}.pdf"'
    return response
