"""Synthetic help in kind for Jānis (A2, D1): nights in the Saldus night shelter after release,
warm meals at the soup kitchen, a hygiene kit and winter clothing. Needs the directory demo."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from accounts.demo import email_of
from accounts.models import User
from cases.models import Case
from directory.models import Service

from . import selectors, services
from .models import HelpInKind, HelpKind


def seed(today: date | None = None) -> int:
    """A few entries for Jānis; skipped when he has some already or the demo case is missing."""
    case = Case.objects.filter(client__first_name="Jānis", client__last_name="Bērziņš").first()
    if case is None or HelpInKind.objects.filter(case=case).exists():
        return 0
    today = today or timezone.localdate()
    actor = User.objects.get(email=email_of("inga.socdarbiniece"))
    providers = dict(selectors.providers_for(case))

    def first_of(kind: str) -> Service | None:
        found = providers.get(str(HelpKind(kind).label))
        return found[0] if found else None

    entries = [
        (HelpKind.SHELTER_NIGHT, 20, 7, "Pirmās naktis pēc atbrīvošanas, līdz pārcēlās pie mātes."),
        (HelpKind.WARM_MEAL, 14, 10, ""),
        (HelpKind.HYGIENE_KIT, 20, 1, ""),
        (HelpKind.CLOTHING, 12, 3, "Ziemas jaka, zābaki, cimdi."),
        (HelpKind.TRANSPORT_TICKET, 5, 2, "Uz Liepāju pie ārsta un atpakaļ."),
    ]
    for kind, days_ago, quantity, note in entries:
        service = first_of(kind)
        services.help_in_kind_record(
            actor=actor, case=case, kind=kind, given_on=today - timedelta(days=days_ago),
            quantity=quantity, service=service,
            provider_name="" if service is not None else "Saldus sociālais dienests",
            note=note,
        )  # fmt: skip
    return len(entries)
