"""What a user of another organisation may see of a client, by active consent."""

from __future__ import annotations

from collections.abc import Iterable

from .models import CATEGORY_FIELDS, Consent, LegalBasis


def categories_shared(
    client_id: int, organisation_ids: Iterable[int], case_id: int | None = None
) -> set[str]:
    """The categories covered by any active consent of the client for these organisations
    and, for a case, by any legal basis recorded on the case for them (issue 19: one rule,
    consent or a recorded legal basis, counted alike)."""
    ids = list(organisation_ids)
    if not ids:
        return set()
    rows = list(
        Consent.objects.active()
        .filter(client_id=client_id, organisation_id__in=ids)
        .values(*CATEGORY_FIELDS.values())
    )
    if case_id is not None:
        rows += list(
            LegalBasis.objects.active()
            .filter(case_id=case_id, organisation_id__in=ids)
            .values(*CATEGORY_FIELDS.values())
        )
    shared: set[str] = set()
    for row in rows:
        shared |= {category for category, field in CATEGORY_FIELDS.items() if row[field]}
    return shared


def legal_bases_of(case_id: int) -> list[LegalBasis]:
    return list(
        LegalBasis.objects.filter(case_id=case_id).select_related(
            "organisation", "recorded_by", "withdrawn_by"
        )
    )


def consents_of(client_id: int) -> list[Consent]:
    return list(
        Consent.objects.filter(client_id=client_id).select_related("organisation", "recorded_by")
    )
