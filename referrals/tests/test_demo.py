"""seed_demo gives Jānis (A2) help in kind from Saldus's directory entries (D1), once."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from cases.models import Case
from referrals import selectors
from referrals.models import HelpInKind, HelpKind

pytestmark = pytest.mark.django_db


@override_settings(DEMO_DATA_ALLOWED=True)
def test_janis_has_help_in_kind_from_the_directory() -> None:
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    janis = Case.objects.get(client__first_name="Jānis", client__last_name="Bērziņš")
    given = HelpInKind.objects.filter(case=janis)
    assert given.count() == 5
    shelter = given.get(kind=HelpKind.SHELTER_NIGHT)
    assert shelter.service is not None
    assert "night shelter" in [t.label for t in selectors.totals_of(janis)]
