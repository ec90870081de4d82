"""An organisation's front-loaded follow-up plan (D9): form, service and page in one place,
because it is one small setting used by cadence.proposed_dates."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from accounts.models import Organisation, User
from accounts.selectors import organisations_visible_to
from core.errors import DomainError
from core.events import publish
from core.forms import Form

from .models import FollowUpCadence


def _days(label: StrOrPromise, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=365,
        required=required,
        error_messages={
            "required": gettext_lazy("Enter a number of days."),
            "invalid": gettext_lazy("Enter a whole number of days."),
            "min_value": gettext_lazy("Enter at least 1 day."),
            "max_value": gettext_lazy("Enter at most 365 days."),
        },
    )


class CadenceForm(Form):
    first_until = _days(gettext_lazy("First period: until day"))
    first_every = _days(gettext_lazy("First period: meet every … days"))
    second_until = _days(gettext_lazy("Second period: until day"))
    second_every = _days(gettext_lazy("Second period: meet every … days"))
    then_every = _days(gettext_lazy("After that: meet every … days"))


def _initial(steps: list[list[int | None]]) -> dict[str, int | None]:
    (first_until, first_every), (second_until, second_every), (_open, then_every) = steps[:3]
    return {
        "first_until": first_until, "first_every": first_every,
        "second_until": second_until, "second_every": second_every, "then_every": then_every,
    }  # fmt: skip


@transaction.atomic
def cadence_set(
    *, actor: User, organisation: Organisation, steps: list[list[int | None]]
) -> FollowUpCadence:
    """Front-loaded means each period ends later and meets no more often than the one before."""
    if not actor.has_perm("cases.set_follow_up_cadence", organisation):
        raise PermissionDenied
    first_until, first_every, second_until, second_every, then_every = (
        int(value or 0) for value in (*steps[0], *steps[1], steps[2][1])
    )
    if second_until <= first_until:
        raise DomainError({"second_until": [_("The second period must end after the first one.")]})
    if not first_every <= second_every <= then_every:
        raise DomainError(
            {
                "second_every": [
                    _(
                        "Meet often at first, then less often: each period's interval must be "
                        "the same or longer than the one before."
                    )
                ]
            }
        )
    cadence, _created = FollowUpCadence.objects.update_or_create(
        organisation=organisation, defaults={"steps": steps}
    )
    publish("follow_up_cadence_set", actor_id=actor.pk, organisation_id=organisation.pk)
    return cadence


@login_required
def cadence_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = organisations_visible_to(request.user).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    if not request.user.has_perm("cases.set_follow_up_cadence", organisation):
        raise PermissionDenied
    current = FollowUpCadence.objects.filter(organisation=organisation).first()
    steps = current.steps if current and current.steps else FollowUpCadence.DEFAULT_STEPS
    form = CadenceForm(request.POST or None, initial=_initial(steps))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_steps: list[list[int | None]] = [
            [data["first_until"], data["first_every"]],
            [data["second_until"], data["second_every"]],
            [None, data["then_every"]],
        ]
        try:
            cadence_set(actor=request.user, organisation=organisation, steps=new_steps)  # type: ignore[arg-type]
        except DomainError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field, errors)
        else:
            messages.success(request, _("Follow-up plan saved."))
            return redirect("accounts:organisation_detail", organisation_id=organisation.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation}
    return render(request, "cases/cadence_form.html", context, status=status)
