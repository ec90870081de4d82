"""Issue 9 in a real browser, in Latvian: a case conference with a probation officer, its
action on the officer's task list, the supervisor's view; axe on every page."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from cases import services
from cases.models import TeamRole
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_conference_from_invitation_to_signed_record(
    org_a: OrganisationWithStaff,
    org_b: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker,
        role=TeamRole.PROBATION_OFFICER,
    )  # fmt: skip
    consent_for(case, org_b.organisation)
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/conferences/")
    when = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT11:00")
    page.fill("#id_starts_at", when)
    page.fill("#id_place", "Saldus sociālais dienests, zāle")
    page.check(f"label:has-text('{org_b.social_worker}')")
    submit("main button >> text=Plānot un aicināt")
    assert "Apspriede ieplānota." in page.content()
    page.fill("#id_minutes", "Apspriests atbrīvošanas plāns un darba meklēšana.")
    submit("main button >> text=Saglabāt protokolu")
    page.fill("#id_title", "Sagatavot probācijas raksturojumu")
    page.select_option("#id_owner", label=str(org_b.social_worker))
    page.fill("#id_due_on", (timezone.localdate() + timedelta(days=7)).isoformat())
    submit("main button >> text=Pievienot darbību")
    assert "Sagatavot probācijas raksturojumu" in page.locator("table").inner_text()
    submit("main button >> text=Apstiprināt protokolu")
    assert "Protokols apstiprināts." in page.content()
    screenshot("signed-off")
    submit("button >> text=Iziet")

    sign_in(org_b.social_worker)
    page = visit("/inbox/")
    assert "Jūs esat aicināts uz gadījuma apspriedi" in page.locator("main").inner_text()
    page = visit("/cases/")
    assert "Sagatavot probācijas raksturojumu" in page.locator("main").inner_text()
    page = visit(f"/cases/{case.pk}/tasks/")
    submit("button >> text=Iziet")

    sign_in(org_a.supervisor)
    page = visit("/supervision/")
    assert "Sagatavot probācijas raksturojumu" in page.locator("main").inner_text()
    screenshot("supervision")
