"""Business writes to the person's record from within a case: rectification of details,
documents held, income sources, the health section and the case team.

Every change keeps history (simple-history on each model) and appears on the timeline, so
nothing is ever edited silently.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError, validate
from core.text import plain_text
from people.models import Client, HealthRecord, IdentityDocument, IncomeSource
from people.personal_code import birth_date, normalise

from .models import Case, CaseEvent, CaseStatus, TeamMember
from .services import ClientDetails, _require, record_event

TEXT_FIELDS = ("first_name", "last_name", "phone", "address", "family_situation", "professions")


def _personal_code(raw: str, client: Client) -> str | None:
    if not raw.strip():
        return None
    try:
        code = normalise(raw)
    except ValidationError as error:
        raise DomainError({"personal_code": error.messages}) from error
    if Client.objects.filter(personal_code=code).exclude(pk=client.pk).exists():
        raise DomainError(
            {"personal_code": [_("A client with this personal code is already recorded.")]}
        )
    return code


@transaction.atomic
def client_update(*, actor: User, case: Case, details: ClientDetails) -> Client:
    """Rectify the person's details (GDPR Art. 16). The earlier values stay in the history."""
    _require(actor, "cases.work_on_case", case)
    client = Client.objects.select_for_update().get(pk=case.client_id)
    code = _personal_code(details.personal_code, client)
    if (
        details.release_date
        and details.release_date > timezone.localdate()
        and case.status != CaseStatus.PRE_RELEASE
    ):
        raise DomainError(
            {
                "release_date": [
                    _(
                        "The release date is in the future. Choose the status "
                        "“pre-release” or correct the date."
                    )
                ]
            }
        )
    values = asdict(details)
    for field in TEXT_FIELDS:
        values[field] = values[field].strip()
    values["work_history"] = plain_text(values["work_history"])
    values["family_situation"] = plain_text(values["family_situation"])
    values["languages"] = values["languages"] or []
    values.pop("personal_code")
    before = {field: getattr(client, field) for field in values}
    before["personal_code"] = client.personal_code
    for field, value in values.items():
        setattr(client, field, value)
    client.personal_code = code
    client.birth_date = birth_date(code) if code else None
    validate(client, exclude=["search_name"])
    changed = sorted(field for field, old in before.items() if getattr(client, field) != old)
    if changed:
        client.save()
        record_event(case, actor, CaseEvent.Kind.CLIENT_UPDATED, fields=changed)
    return client


@transaction.atomic
def documents_set(*, actor: User, case: Case, statuses: dict[str, str]) -> list[IdentityDocument]:
    """Set the status of each identity document (passport/ID, tax and benefit registration …)."""
    _require(actor, "cases.work_on_case", case)
    unknown = set(statuses) - set(IdentityDocument.Kind.values)
    bad_status = {s for s in statuses.values() if s not in IdentityDocument.Status.values}
    if unknown or bad_status:
        raise DomainError(_("Choose a status from the list for each document."))
    saved = []
    changed = []
    existing = {d.kind: d for d in case.client.documents.all()}
    for kind, status in statuses.items():
        document = existing.get(kind)
        if document is None:
            document = IdentityDocument(client=case.client, kind=kind, status=status)
        elif document.status == status:
            saved.append(document)
            continue
        document.status = status
        document.save()
        changed.append(kind)
        saved.append(document)
    if changed:
        record_event(case, actor, CaseEvent.Kind.DOCUMENTS_UPDATED, kinds=sorted(changed))
    return saved


@transaction.atomic
def income_add(
    *, actor: User, case: Case, kind: str, amount_eur: Decimal | None, period: str
) -> IncomeSource:
    _require(actor, "cases.work_on_case", case)
    if amount_eur is not None and amount_eur < 0:
        raise DomainError({"amount_eur": [_("The amount cannot be negative.")]})
    income = IncomeSource(client=case.client, kind=kind, amount_eur=amount_eur, period=period)
    validate(income)
    income.save()
    record_event(case, actor, CaseEvent.Kind.INCOME_UPDATED, income_id=income.pk, kind=kind)
    return income


@transaction.atomic
def income_remove(*, actor: User, case: Case, income: IncomeSource) -> None:
    _require(actor, "cases.work_on_case", case)
    if income.client_id != case.client_id:
        raise DomainError(_("This income belongs to another person."))
    kind = income.kind
    income.delete()  # the historical record keeps what it was
    record_event(case, actor, CaseEvent.Kind.INCOME_UPDATED, kind=kind, removed=True)


HEALTH_FIELDS = (
    "general_health", "tuberculosis", "hepatitis_c", "other_chronic_illness",
    "alcohol_dependency", "medication_dependency", "drug_dependency", "dependency_notes",
)  # fmt: skip


@transaction.atomic
def health_update(*, actor: User, case: Case, **values: object) -> HealthRecord:
    """The health and dependency section: only those allowed to see it may change it."""
    _require(actor, "cases.view_health", case)
    unknown = set(values) - set(HEALTH_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field."))
    record, _created = HealthRecord.objects.get_or_create(client=case.client)
    for field, value in values.items():
        setattr(record, field, plain_text(value) if isinstance(value, str) else value)
    validate(record)
    record.save()
    # The timeline says that the section changed, never what it says.
    record_event(case, actor, CaseEvent.Kind.HEALTH_UPDATED)
    return record


@transaction.atomic
def team_member_remove(*, actor: User, case: Case, member: TeamMember) -> TeamMember:
    """Take someone off the team. The row stays (inactive) so the history shows who was on it."""
    _require(actor, "cases.manage_case", case)
    if member.case_id != case.pk:
        raise DomainError(_("This person is not on this case's team."))
    member.is_active = False
    member.save()
    record_event(case, actor, CaseEvent.Kind.TEAM_MEMBER_REMOVED, user_id=member.user_id)
    return member
