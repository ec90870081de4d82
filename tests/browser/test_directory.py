"""Issue 5 in a real browser, in Latvian: find a soup kitchen near Saldus with a word typed
without diacritics, open it, read hours, phone and how to get there; axe on every page."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from conftest import OrganisationWithStaff
from directory import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_a_service_and_read_how_to_get_there(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    demo.seed()
    sign_in(org_a.social_worker)
    page = visit("/directory/")
    assert page.locator("#id_municipality").input_value() == "saldus-novads"
    page.fill("#id_q", "zupas virtuve")
    page.select_option("#id_need", "warm-meals")
    submit("main button >> text=Meklēt")
    results = page.locator("main").inner_text()
    assert "Zupas virtuve" in results
    assert "Biedrība „Siltā virtuve”, Saldus" in results
    screenshot("results")
    submit("main h3 a >> text=Zupas virtuve")
    detail = page.locator("main").inner_text()
    assert "Kā nokļūt" in detail
    assert "No autoostas 7 minūtes kājām" in detail
    assert "12:00–14:30" in detail
    assert "+371 638" in detail
    assert any(word in detail for word in ("atvērts tagad", "slēgts"))
    page = visit("/directory/?need=legal-aid&municipality=saldus-novads")
    submit("main h3 a >> text=Valsts nodrošinātā juridiskā palīdzība")
    assert "darba laiks nav zināms" in page.locator("main").inner_text()
    screenshot("hours-unknown")


def test_refer_a_client_and_record_the_answer(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
) -> None:
    from cases.tests.factories import open_case

    demo.seed()
    case = open_case(org_a.social_worker, org_a.organisation, first_name="Edgars")
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/")
    submit("main a >> text=Nosūtījumi: nosūtīt uz pakalpojumu, ierakstīt atbildes")
    page.select_option("#id_service", label="Zupas virtuve — Biedrība „Siltā virtuve”, Saldus")
    submit("main button >> text=Nosūtīt")  # without saying what the client needs
    assert "Uzrakstiet, kas klientam vajadzīgs" in page.locator("main").inner_text()
    page.fill("#id_reason", "Pusdienas katru darba dienu līdz pirmajai algai.")
    submit("main button >> text=Nosūtīt")
    assert "Nosūtījums nosūtīts." in page.content()
    assert "nosūtīts, gaida atbildi" in page.locator("main").inner_text()
    page.select_option("main select[name=to_status]", "accepted")
    submit("main button >> text=Atjaunināt nosūtījumu")
    assert "pieņemts" in page.locator("main").inner_text()
    page = visit(f"/cases/{case.pk}/")
    assert "Zupas virtuve" in page.locator("#referrals ~ ul").inner_text()
