"""Issue 28, findings 5 and 8 in a real browser, in Latvian, axe on every page: a stale save of
the person page is refused with the other person's change beside the field; a double click on
"save" saves one note."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from cases import client_services
from cases.models import CaseNote
from cases.services import ClientDetails
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from people.models import Client as Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_stale_person_form_shows_the_other_change_and_keeps_the_input(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation, phone="20000000")
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/person/")
    # Meanwhile a colleague saves a new phone number.
    person = Person.objects.get(pk=case.client_id)
    details = {
        name: getattr(person, name)
        for name in ClientDetails.__dataclass_fields__
        if name not in ("municipality_id", "personal_code")
    }
    details["phone"] = "29999999"
    client_services.client_update(
        actor=org_a.social_worker,
        case=case,
        details=ClientDetails(**details, municipality_id=person.municipality_id),
    )
    page.fill("#id_address", "Liepāja, Jūras iela 1")
    submit("button >> text=Saglabāt datus")
    main = page.locator("main").inner_text()
    assert "Kāds cits mainīja šo ierakstu pēc tam, kad jūs to atvērāt: Tālrunis" in main
    assert "Pa to laiku cits saglabāja: 29999999" in main
    assert page.input_value("#id_address") == "Liepāja, Jūras iela 1"
    assert page.input_value("#id_phone") == "29999999"
    submit("button >> text=Saglabāt datus")
    assert "Personas dati saglabāti." in page.content()
    person.refresh_from_db()
    assert (person.phone, person.address) == ("29999999", "Liepāja, Jūras iela 1")


def test_a_double_click_on_save_saves_one_note(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    page: Page,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    sign_in(org_a.social_worker)
    visit(f"/cases/{case.pk}/notes/new/")
    page.check("input[name=contact_type][value=office]")
    page.fill("#id_text", "Runājām par darbu.")
    with page.expect_navigation():
        page.dblclick("button >> text=Saglabāt piezīmi")
    page.axe.check()  # type: ignore[attr-defined]
    assert "Piezīme saglabāta." in page.content()
    assert CaseNote.objects.filter(case=case).count() == 1
