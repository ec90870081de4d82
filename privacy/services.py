"""Erasure by anonymisation (GDPR Art. 17) and the retention rule that applies it.

A person is anonymised only when every case of theirs is closed: while a case is open the data
is needed for the task it was collected for. Names, codes, contacts and every free text go;
the structure (cases, dates, codes of methods and statuses) stays for statistics. The history
tables (simple-history) are emptied for the same rows, or the old values would survive there.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Appointment, Case, CaseNote, CaseStatus
from consent.models import Consent
from core.errors import DomainError
from core.events import publish
from people.models import Client, ClientStatement, HealthRecord, IdentityDocument, IncomeSource

from .models import Anonymisation

CLEARED_CLIENT_FIELDS: dict[str, Any] = {
    "first_name": "—", "personal_code": None, "birth_date": None, "phone": "", "email": "",
    "address": "", "family_situation": "", "professions": "", "work_history": "",
    "place_of_imprisonment": "", "languages": [],
}  # fmt: skip


def _purge_history(model: Any, ids: list[int]) -> None:
    model.history.model.objects.filter(id__in=ids).delete()


@transaction.atomic
def client_anonymise(
    *, actor: User | None, client: Client, ground: str, reason: str = ""
) -> Anonymisation:
    cases = list(Case.objects.filter(client=client))
    if actor is not None and not any(
        actor.has_perm("privacy.handle_data_subject_request", case) for case in cases
    ):
        raise PermissionDenied
    if any(case.status != CaseStatus.CLOSED for case in cases):
        raise DomainError(
            _("Close every case of this person first: an open case still needs the data.")
        )
    for field, value in CLEARED_CLIENT_FIELDS.items():
        setattr(client, field, value)
    client.last_name = _("anonymised %(number)s") % {"number": client.pk}
    client.save()
    _purge_history(Client, [client.pk])
    for model in (ClientStatement, IdentityDocument, IncomeSource, HealthRecord, Consent):
        rows = model.objects.filter(client=client)
        ids = list(rows.values_list("pk", flat=True))
        rows.delete()
        _purge_history(model, ids)
    notes = CaseNote.objects.filter(case__in=cases)
    notes.update(text="", participants="")
    _purge_history(CaseNote, list(notes.values_list("pk", flat=True)))
    meetings = Appointment.objects.filter(case__in=cases)
    meetings.update(place="", with_whom="", outcome="")
    _purge_history(Appointment, list(meetings.values_list("pk", flat=True)))
    record = Anonymisation.objects.create(
        client_id=client.pk, ground=ground, reason=reason.strip(), by=actor
    )
    publish(
        "client_anonymised", actor_id=actor.pk if actor else None, client_id=client.pk,
        ground=ground,
    )  # fmt: skip
    return record


def _closed_before(years: int, today: date | None) -> QuerySet[Client]:
    """People whose every case closed more than `years` years ago."""
    cutoff = (today or timezone.localdate()) - timedelta(days=round(365.25 * years))
    return (
        Client.objects.exclude(cases__status__in=[s for s in CaseStatus.values if s != "closed"])
        .annotate(last_closed=Max("cases__closed_on"))
        .filter(last_closed__lt=cutoff)
    )


def retention_due(today: date | None = None) -> QuerySet[Client]:
    """People whose every case closed more than TILTS_RETENTION_YEARS ago, not yet anonymised."""
    done = Anonymisation.objects.values("client_id")
    return _closed_before(int(settings.TILTS_RETENTION_YEARS), today).exclude(pk__in=done)


def health_retention_due(today: date | None = None) -> QuerySet[HealthRecord]:
    """Health sections (special-category data) kept shorter: TILTS_HEALTH_RETENTION_YEARS
    after the person's last case closed."""
    people = _closed_before(int(settings.TILTS_HEALTH_RETENTION_YEARS), today)
    return HealthRecord.objects.filter(client__in=people.values("pk"))


@transaction.atomic
def health_records_delete(records: list[HealthRecord]) -> int:
    ids = [record.pk for record in records]
    HealthRecord.objects.filter(pk__in=ids).delete()
    _purge_history(HealthRecord, ids)
    return len(ids)
