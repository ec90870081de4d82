"""`manage.py seed_demo`: synthetic Kurzeme organisations and a user for every role (issue 2)."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.demo import DEMO_EMAIL_DOMAIN
from accounts.models import Membership, Organisation, Role, User

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_user_for_every_role_and_is_idempotent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("seed_demo")
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert {m.role for m in Membership.objects.all()} == set(Role)
    assert (
        User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN).count()
        == output.count(DEMO_EMAIL_DOMAIN) // 2
    )
    kurzeme = Organisation.objects.filter(municipality__region__code="kurzeme")
    assert set(kurzeme.values_list("municipality__code", flat=True)) >= {
        "liepaja", "ventspils", "dienvidkurzemes-novads", "kuldigas-novads",
        "saldus-novads", "talsu-novads", "tukuma-novads", "ventspils-novads",
    }  # fmt: skip
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(Organisation.Kind)


@override_settings(DEMO_DATA_ALLOWED=False)
def test_seed_demo_refuses_outside_development() -> None:
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


@override_settings(DEMO_DATA_ALLOWED=True)
def test_the_probation_officer_sees_janis_by_consent_but_not_his_health() -> None:
    """A2 + A4: the demo's team member from the probation service works under consent."""
    from cases.models import Case

    call_command("seed_demo", verbosity=0)
    janis = Case.objects.get(client__first_name="Jānis", client__last_name="Bērziņš")
    officer = User.objects.get(email=f"maris.probacija@{DEMO_EMAIL_DOMAIN}")
    assert officer.has_perm("cases.view_case", janis)
    assert officer.has_perm("cases.view_case_plan", janis)
    assert not officer.has_perm("cases.view_health", janis)


def test_the_demo_timeline_carries_the_dates_of_what_it_records() -> None:
    """A2: Jānis's timeline starts on the day his case opened and each note sits on its day of
    contact, not on the moment the demo was loaded."""
    from django.utils import timezone

    from cases.models import Case, CaseEvent, CaseNote

    call_command("seed_demo", verbosity=0)
    janis = Case.objects.get(client__first_name="Jānis", client__last_name="Bērziņš")
    opened = janis.events.get(kind=CaseEvent.Kind.CREATED)
    assert timezone.localtime(opened.occurred_at).date() == janis.opened_on
    for event in janis.events.filter(kind=CaseEvent.Kind.NOTE_ADDED):
        note = CaseNote.objects.get(pk=event.data["note_id"])
        assert timezone.localtime(event.occurred_at).date() == note.occurred_on
    assert not CaseEvent.objects.filter(occurred_at__gt=timezone.now()).exists()
    newest_first = list(janis.events.values_list("kind", flat=True))
    assert newest_first[-1] == CaseEvent.Kind.CREATED
