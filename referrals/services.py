"""Writes for help given in kind (D1).

Every function: keyword-only, `actor` first, one transaction, the permission checked here,
full_clean, a CaseEvent with ids and codes only; invalid input raises a DomainError with a
translated message naming the field, and nothing is stored.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case, CaseEvent
from cases.services import record_event
from core.errors import DomainError, validate
from core.text import plain_text
from directory.models import Service

from .models import HelpInKind, HelpKind

# One entry is one handing-over (or one stay): more than this is a typing mistake.
MAX_QUANTITY = 100


def _require(actor: User, case: Case) -> None:
    if not actor.has_perm("cases.work_on_case", case):
        raise PermissionDenied


@transaction.atomic
def help_in_kind_record(
    *,
    actor: User,
    case: Case,
    kind: str,
    given_on: date,
    quantity: int,
    service: Service | None = None,
    provider_name: str = "",
    note: str = "",
) -> HelpInKind:
    """Record help given in kind to the case's client: what, when, how much and by whom."""
    _require(actor, case)
    provider_name = plain_text(provider_name or "")
    note = plain_text(note or "")
    errors: dict[str, list[str]] = {}
    if kind not in HelpKind.values:
        errors["kind"] = [_("Choose the kind of help from the list.")]
    if given_on > timezone.localdate():
        errors["given_on"] = [_("The date cannot be in the future.")]
    if quantity < 1:
        errors["quantity"] = [_("Enter a quantity of at least 1.")]
    elif quantity > MAX_QUANTITY:
        errors["quantity"] = [
            _("Enter at most %(max)s in one entry; record larger amounts as several entries.")
            % {"max": MAX_QUANTITY}
        ]
    if service is None and not provider_name:
        errors["provider"] = [
            _("Choose the provider from the directory or type its name if it is not there.")
        ]
    elif service is not None and provider_name:
        errors["provider_name"] = [
            _("Either choose the provider from the directory or type its name, not both.")
        ]
    if errors:
        raise DomainError(errors)
    item = HelpInKind(
        case=case, kind=kind, given_on=given_on, quantity=quantity, service=service,
        provider_name=provider_name, note=note, recorded_by=actor,
    )  # fmt: skip
    validate(item)
    item.save()
    record_event(
        case, actor, CaseEvent.Kind.HELP_IN_KIND_GIVEN,
        help_in_kind_id=item.pk, help_kind=kind, quantity=quantity,
    )  # fmt: skip
    return item


@transaction.atomic
def help_in_kind_cancel(*, actor: User, item: HelpInKind, reason: str) -> HelpInKind:
    """Cancel an entry recorded by mistake; it stays in the history with the reason."""
    item = HelpInKind.objects.select_for_update().select_related("case").get(pk=item.pk)
    _require(actor, item.case)
    reason = plain_text(reason or "")
    if item.cancelled_at is not None:
        raise DomainError({"reason": [_("This entry has already been cancelled.")]})
    if not reason:
        raise DomainError({"reason": [_("Say why the entry is cancelled.")]})
    item.cancelled_at = timezone.now()
    item.cancelled_by = actor
    item.cancel_reason = reason
    validate(item)
    item.save()
    return item
