"""Issue 10: the synthetic data generator is deterministic and fills every part it claims."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Membership, Organisation, User
from cases.models import Appointment, Case, CaseNote
from core.text import fold
from people.models import Client

pytestmark = pytest.mark.django_db


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
