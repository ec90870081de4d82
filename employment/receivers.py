"""Keeps the derived occupation index of matching in step with the person's record: when a
client's details are corrected (the cases app announces it), their municipality and education
are copied."""

from __future__ import annotations

from typing import Any

from core.events import DomainEvent, domain_event


def _client_updated(sender: Any, event: DomainEvent, **kwargs: Any) -> None:
    fields = set(event.payload.get("fields", []))
    copied = {"municipality", "municipality_id", "education_level"}
    if event.name != "case_client_updated" or not fields & copied:
        return
    from cases.models import Case

    from .models import EmploymentProfile
    from .services import profile_reindex

    client_id = Case.objects.filter(pk=event.payload["case_id"]).values("client_id")
    for profile in EmploymentProfile.objects.filter(client_id__in=client_id):
        profile_reindex(profile)


domain_event.connect(_client_updated, dispatch_uid="employment_client_updated")
