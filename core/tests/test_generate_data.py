"""Issue 10: the synthetic data generator is deterministic and fills every part it claims."""

import hashlib
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Membership, Organisation, User
from cases.models import Appointment, Case, CaseNote
from core.text import fold
from people.models import Client

pytestmark = pytest.mark.django_db
RIGA = ZoneInfo("Europe/Riga")
# Seed 7: what both databases must produce (days before today for the release date).
EXPECTED_FIRST_PEOPLE = [
    ("Līga", "Liepiņš", "salaspils-novads", "street", 49),
    ("Edgars", "Egle", "tukuma-novads", "with_friends", 596),
    ("Andris", "Lācis", "livanu-novads", "own_home", 88),
]
EXPECTED_DIGEST = "692066b5c4533c2bf33b9f74399383ca2c37b87598939d4c8fd63167acc11c33"


def _generate() -> list[tuple[str, str, str]]:
    out = StringIO()
    call_command("generate_data", clients=60, notes_per_client=3, seed=7, stdout=out)
    assert "Generated 60 clients, 60 cases, 180 notes" in out.getvalue()
    return list(Client.objects.order_by("pk").values_list("first_name", "last_name", "search_name"))


def _remove_generated() -> None:
    for model in (CaseNote, Appointment, Case, Client):
        model.objects.all().delete()
    Membership.objects.filter(user__email__startswith="worker7-").delete()
    User.objects.filter(email__startswith="worker7-").delete()
    Organisation.objects.filter(name__endswith="(sintētisks 7)").delete()


def test_generate_data_is_deterministic_and_proportionate() -> None:
    first = _generate()
    assert Appointment.objects.filter(status="planned").count() == 60
    assert Case.objects.filter(status="closed", closed_on__isnull=False).exists()
    for first_name, last_name, search_name in first:
        assert search_name.startswith(fold(f"{first_name} {last_name}"))  # searchable
    _remove_generated()
    assert _generate() == first


def test_generate_data_makes_the_same_rows_on_every_database() -> None:
    """PostgreSQL loads with COPY, SQLite with bulk_create: the same seed gives the same people,
    cases, notes and meetings on both (the suite runs on both databases)."""
    _generate()
    today = timezone.localdate()
    people = [
        (first, last, municipality, situation, (today - (released or today)).days)
        for first, last, municipality, situation, released in Client.objects.order_by(
            "pk"
        ).values_list(
            "first_name", "last_name", "municipality__code", "living_situation", "release_date"
        )
    ]
    cases = list(
        Case.objects.order_by("pk").values_list("client__last_name", "status", "closure_reason")
    )
    notes = list(
        CaseNote.objects.order_by("pk").values_list("text", "contact_type", "methods")[:30]
    )
    planned = sorted(
        (a.starts_at.astimezone(RIGA).date() - today).days
        for a in Appointment.objects.filter(status="planned")
    )
    digest = hashlib.sha256(repr((people, cases, notes, planned)).encode()).hexdigest()
    assert people[:3] == EXPECTED_FIRST_PEOPLE
    assert digest == EXPECTED_DIGEST
