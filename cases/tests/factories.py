"""Synthetic cases for tests, opened through the service like a worker would."""

from __future__ import annotations

from accounts.models import Municipality, Organisation, User
from cases import services
from cases.models import Case
from people.models import LivingSituation


def open_case(
    worker: User,
    organisation: Organisation,
    first_name: str = "Jānis",
    last_name: str = "Bērziņš",
    municipality_code: str = "saldus-novads",
    **details: object,
) -> Case:
    municipality = Municipality.objects.get(code=municipality_code)
    opened_on = details.pop("opened_on", None)
    return services.case_open(
        actor=worker,
        organisation=organisation,
        details=services.ClientDetails(
            first_name=first_name,
            last_name=last_name,
            municipality_id=municipality.pk,
            living_situation=LivingSituation.WITH_RELATIVES,
            **details,  # type: ignore[arg-type]
        ),
        opened_on=opened_on,  # type: ignore[arg-type]
    )


def consent_for(case: Case, organisation: Organisation, *categories: str) -> object:
    """Record the client's consent to share `categories` (default: all) with `organisation`."""
    from datetime import timedelta

    from django.utils import timezone

    from consent.models import Category
    from consent.services import consent_record

    return consent_record(
        actor=case.lead_worker,
        case=case,
        organisation=organisation,
        purpose="Sadarbība resocializācijā",
        categories=list(categories or Category.values),
        given_on=timezone.localdate() - timedelta(days=1),
        expires_on=None,
        form="signed_paper",
    )
