"""Recording and withdrawing consent. Both take effect at once: access checks read the rows."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from cases.models import Case, CaseEvent
from cases.services import record_event
from core.errors import DomainError, validate

from .models import CATEGORY_FIELDS, Consent, LegalBasis


@transaction.atomic
def consent_record(
    *,
    actor: User,
    case: Case,
    organisation: Organisation,
    purpose: str,
    categories: list[str],
    given_on: date,
    expires_on: date | None,
    form: str,
) -> Consent:
    if not actor.has_perm("consent.manage_consent", case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if organisation.pk == case.organisation_id:
        errors["organisation"] = [_("Your own organisation needs no consent: choose another.")]
    if not categories or set(categories) - set(CATEGORY_FIELDS):
        errors["categories"] = [_("Choose what the client agrees to share.")]
    if given_on > timezone.localdate():
        errors["given_on"] = [_("Consent cannot be given in the future.")]
    if expires_on is not None and expires_on < given_on:
        errors["expires_on"] = [_("The consent cannot expire before it was given.")]
    if not purpose.strip():
        errors["purpose"] = [_("Write what the data will be used for.")]
    if errors:
        raise DomainError(errors)
    consent = Consent(
        client_id=case.client_id, organisation=organisation, purpose=purpose.strip(),
        given_on=given_on, expires_on=expires_on, form=form, recorded_by=actor,
        **{field: category in categories for category, field in CATEGORY_FIELDS.items()},
    )  # fmt: skip
    validate(consent)
    consent.save()
    record_event(
        case, actor, CaseEvent.Kind.CONSENT_RECORDED,
        consent_id=consent.pk, organisation_id=organisation.pk,
    )  # fmt: skip
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, case: Case, consent: Consent) -> Consent:
    if not actor.has_perm("consent.manage_consent", case):
        raise PermissionDenied
    if consent.client_id != case.client_id:
        raise DomainError(_("This consent belongs to another person."))
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save()
        record_event(case, actor, CaseEvent.Kind.CONSENT_WITHDRAWN, consent_id=consent.pk)
    return consent


@transaction.atomic
def legal_basis_record(
    *,
    actor: User,
    case: Case,
    organisation: Organisation,
    categories: list[str],
    citation: str,
) -> LegalBasis:
    """A supervisor of the case's organisation records that `organisation` receives these
    categories of the case on a legal basis (issue 19); counted like a consent at once."""
    if not actor.has_perm("consent.manage_legal_basis", case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if organisation.pk == case.organisation_id:
        errors["organisation"] = [_("Your own organisation needs no legal basis: choose another.")]
    if not categories or set(categories) - set(CATEGORY_FIELDS):
        errors["categories"] = [_("Choose what the organisation receives.")]
    if not citation.strip():
        errors["citation"] = [_("Cite the law and its article, for example the Probation Law.")]
    if errors:
        raise DomainError(errors)
    basis = LegalBasis(
        case=case, organisation=organisation, citation=citation.strip(), recorded_by=actor,
        **{field: category in categories for category, field in CATEGORY_FIELDS.items()},
    )  # fmt: skip
    validate(basis)
    basis.save()
    record_event(
        case, actor, CaseEvent.Kind.LEGAL_BASIS_RECORDED,
        legal_basis_id=basis.pk, organisation_id=organisation.pk,
    )  # fmt: skip
    return basis


@transaction.atomic
def legal_basis_withdraw(*, actor: User, case: Case, basis: LegalBasis) -> LegalBasis:
    if not actor.has_perm("consent.manage_legal_basis", case):
        raise PermissionDenied
    if basis.case_id != case.pk:
        raise DomainError(_("This legal basis belongs to another case."))
    if basis.withdrawn_at is None:
        basis.withdrawn_at = timezone.now()
        basis.withdrawn_by = actor
        basis.save()
        record_event(case, actor, CaseEvent.Kind.LEGAL_BASIS_WITHDRAWN, legal_basis_id=basis.pk)
    return basis
