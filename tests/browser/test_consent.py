"""Issue 6 in a real browser, in Latvian: consent, break the glass, who read the case (axe)."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from accounts.models import Role
from accounts.tests.factories import member
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_records_consent_and_a_colleague_breaks_the_glass(
    org_a: OrganisationWithStaff,
    org_b: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/consents/")
    page.select_option("#id_organisation", label=org_b.organisation.name)
    page.fill("#id_purpose", "Kopīgs darbs pie atbrīvošanas plāna")
    page.check("label:has-text('lietas plāns, piezīmes un tikšanās')")
    page.check("label:has-text('parakstīta papīra formā')")
    submit("button >> text=Reģistrēt piekrišanu")
    assert "Piekrišana reģistrēta." in page.content()
    card = page.locator(".govuk-summary-card").first
    assert (
        "identitāte un kontaktinformācija, lietas plāns, piezīmes un tikšanās" in card.inner_text()
    )
    screenshot("consent")
    submit("button >> text=Iziet")

    colleague = member(org_a.organisation, Role.SOCIAL_WORKER)
    sign_in(colleague)
    page = visit(f"/cases/{case.pk}/")
    assert page.locator("h1").inner_text() == "Šī lieta ir ārpus jūsu lietām"
    page.fill("#id_reason", "Aizvieto kolēģi slimības laikā")
    submit("button >> text=Atvērt lietu")
    assert page.locator("h1").inner_text().startswith("Jānis Bērziņš")
    submit("button >> text=Iziet")

    sign_in(org_a.supervisor)
    page = visit("/cases/oversight/")
    assert "Aizvieto kolēģi slimības laikā" in page.locator("main").inner_text()
    page = visit(f"/cases/{case.pk}/reads/")
    assert str(colleague) in page.locator("main").inner_text()
    screenshot("reads")
    page = visit(f"/cases/{case.pk}/data-request/")
    assert page.locator("h1").inner_text() == "Datu subjekta pieprasījums"


def test_a_supervisor_records_a_legal_basis_beside_the_consents(
    org_a: OrganisationWithStaff,
    org_b: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
) -> None:
    """Issue 19: the legal basis form on the consents page, in Latvian (axe on each page)."""
    case = open_case(org_a.social_worker, org_a.organisation)
    sign_in(org_a.supervisor)
    page = visit(f"/cases/{case.pk}/consents/")
    page.select_option("#id_basis-organisation", label=org_b.organisation.name)
    page.check("#legal-bases ~ form label:has-text('sodāmība')")
    page.fill("#id_basis-citation", "Probācijas dienesta likums, 5. panta pirmā daļa")
    submit("button >> text=Ierakstīt tiesisko pamatu")
    assert "Tiesiskais pamats ierakstīts." in page.content()
    assert "Probācijas dienesta likums, 5. panta pirmā daļa" in page.locator("main").inner_text()
