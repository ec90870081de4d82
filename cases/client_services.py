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
from core.concurrency import check_version, field_values
from core.errors import DomainError, validate
from core.text import plain_text
from people.models import Client, HealthRecord, IdentityDocument, IncomeSource
from people.personal_code import birth_date, normalise

from .models import Case, CaseEvent, CaseStatus, TeamMember
from .services import ClientDetails, _require, record_event

TEXT_FIELDS = ("first_name", "last_name", "phone", "address", "family_situation", "professions")
# What the person page edits, by its form's field names (the version token covers these).
PERSON_FIELDS = tuple(
    "municipality" if name == "municipality_id" else name
    for name in ClientDetails.__dataclass_fields__
)


def person_values(client: Client) -> dict[str, object]:
    """The person's details as the person page edits them: their version (core.concurrency)."""
    return field_values(client, PERSON_FIELDS)


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
def client_update(
    *, actor: User, case: Case, details: ClientDetails, expected_version: str | None = None
) -> Client:
    """Rectify the person's details (GDPR Art. 16). The earlier values stay in the history.

    `expected_version`: the token of the details the form showed; StaleEditError when someone else
    changed them since (issue 28, finding 5)."""
    _require(actor, "cases.work_on_case", case)
    client = Client.objects.select_for_update().get(pk=case.client_id)
    check_version(expected_version, person_values(client))
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


def documents_values(client: Client, *, lock: bool = False) -> dict[str, object]:
    """Each document's status by kind, as the documents page edits them (its version)."""
    rows = IdentityDocument.objects.filter(client=client)
    if lock:
        rows = rows.select_for_update()
    held = {document.kind: document.status for document in rows}
    unknown = str(IdentityDocument.Status.UNKNOWN)
    return {kind: held.get(kind, unknown) for kind in IdentityDocument.Kind.values}


@transaction.atomic
def documents_set(
    *,
    actor: User,
    case: Case,
    statuses: dict[str, str],
    expected_version: str | None = None,
) -> list[IdentityDocument]:
    """Set the status of each identity document (passport/ID, tax and benefit registration …)."""
    _require(actor, "cases.work_on_case", case)
    # The person's row is the lock of the set of documents (a new document has no row yet).
    Client.objects.select_for_update().filter(pk=case.client_id).first()
    check_version(expected_version, documents_values(case.client, lock=True))
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


def health_values(record: HealthRecord | None) -> dict[str, object]:
    """The health section as its form edits it (its version); no record yet: the defaults."""
    return field_values(record or HealthRecord(), HEALTH_FIELDS)


@transaction.atomic
def health_update(
    *, actor: User, case: Case, expected_version: str | None = None, **values: object
) -> HealthRecord:
    """The health and dependency section: only those allowed to see it may change it."""
    _require(actor, "cases.view_health", case)
    unknown = set(values) - set(HEALTH_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field."))
    Client.objects.select_for_update().filter(pk=case.client_id).first()
    current = HealthRecord.objects.select_for_update().filter(client=case.client).first()
    check_version(expected_version, health_values(current))
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
