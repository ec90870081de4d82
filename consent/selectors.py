"""What a user of another organisation may see of a client, by active consent."""

from __future__ import annotations

from collections.abc import Iterable

from .models import CATEGORY_FIELDS, Consent


def categories_shared(client_id: int, organisation_ids: Iterable[int]) -> set[str]:
    """The categories covered by any active consent of the client for these organisations."""
    ids = list(organisation_ids)
    if not ids:
        return set()
    rows = Consent.objects.active().filter(client_id=client_id, organisation_id__in=ids)
    shared: set[str] = set()
    for row in rows.values(*CATEGORY_FIELDS.values()):
        shared |= {category for category, field in CATEGORY_FIELDS.items() if row[field]}
    return shared


def consents_of(client_id: int) -> list[Consent]:
    return list(
        Consent.objects.filter(client_id=client_id).select_related("organisation", "recorded_by")
    )
