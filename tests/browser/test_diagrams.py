"""Issue 8 in a real browser, in Latvian: Jānis's ecomaps side by side, his genogram, network
map, culturagram and family map, and adding to them through the forms; axe on every page
(E1, E2, E4)."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from diagrams import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_janis_diagrams(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    assert demo.seed() == 5
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/")
    page.click("main a >> text=Diagrammas")
    page.axe.check()  # type: ignore[attr-defined]
    assert "Ekokarte" in page.locator("main").inner_text()

    page = visit(f"/cases/{case.pk}/diagrams/ecomaps/compare/")
    assert page.locator("main svg[role=img]").count() == 2
    assert "Kas mainījās" in page.content()
    screenshot("ecomaps-compared")

    page = visit(f"/cases/{case.pk}/diagrams/ecomaps/")
    page.click("main table a >> nth=0")
    page.axe.check()  # type: ignore[attr-defined]
    page.select_option("#id_kind", "employment_agency")
    page.fill("#id_label", "NVA")
    page.check("label:has-text('vāja')")
    page.check("label:has-text('uz klientu')")
    submit("main button >> text=Pievienot savienojumu")
    assert "Savienojums pievienots." in page.content()
    assert page.locator("svg g.strength-tenuous.flow-to_client").count() >= 1
    screenshot("ecomap")

    page = visit(f"/cases/{case.pk}/diagrams/genogram/")
    assert page.locator("svg#genogram g.person").count() == 11
    screenshot("genogram")
    # on paper: no site header, and the whole genogram within the page's width (not cut off
    # where its scrolling pane ends)
    page.emulate_media(media="print")
    assert not page.locator(".tilts-header").first.is_visible()
    picture = page.locator("svg#genogram").bounding_box()
    main = page.locator("main").bounding_box()
    assert picture is not None
    assert main is not None
    assert picture["x"] >= main["x"] - 1
    assert picture["x"] + picture["width"] <= main["x"] + main["width"] + 1
    page.emulate_media(media="screen")
    page.click("main a >> text=Pievienot personu")
    page.axe.check()  # type: ignore[attr-defined]
    page.fill("#id_name", "Brālēns")
    page.check("label:has-text('vīrietis')")
    page.fill("#id_birth_year", "1990")
    page.fill("#id_death_year", "1985")
    submit("main button >> text=Saglabāt")
    assert "Miršanas gads nevar būt pirms dzimšanas gada." in page.content()
    assert page.input_value("#id_name") == "Brālēns"
    page.fill("#id_death_year", "")
    submit("main button >> text=Saglabāt")
    assert "Genogramma atjaunināta." in page.content()
    assert page.locator("svg#genogram g.person").count() == 12

    page = visit(f"/cases/{case.pk}/diagrams/network/")
    assert page.locator("svg#network-map g.member").count() == 7
    assert "Tīkla lielums" in page.locator("main").inner_text()
    screenshot("network-map")
    page = visit(f"/cases/{case.pk}/diagrams/culturagram/")
    assert "Pārcelšanās iemesli" in page.locator("main").inner_text()
    screenshot("culturagram")

    page = visit(f"/cases/{case.pk}/diagrams/")
    page.click("main a >> text=Ģimenes karte")
    page.axe.check()  # type: ignore[attr-defined]
    page.click("main table a >> nth=0")
    page.axe.check()  # type: ignore[attr-defined]
    assert page.locator("svg#family-map[role=img] g.member").count() == 5
    assert page.locator("svg#family-map rect.family-boundary.boundary-rigid").count() == 1
    assert (
        page.locator("svg#family-map g.relation.relation-coalition polyline.bracket").count() == 1
    )
    assert "Apakšsistēmas un to robežas" in page.locator("main").inner_text()
    screenshot("family-map")
    page.click("main a >> text=Pievienot attiecības")
    page.axe.check()  # type: ignore[attr-defined]
    page.select_option("#id_first", label="Māsa Inese")
    page.check("label:text-is('piederība')")
    page.select_option("#id_second", label="Māsa Inese")
    submit("main button >> text=Pievienot")
    assert "Loceklim nevar būt attiecības ar sevi." in page.content()
    assert page.locator("#id_first option:checked").inner_text() == "Māsa Inese"
    page.select_option("#id_second", label="Dēls")
    submit("main button >> text=Pievienot")
    assert "Attiecības pievienotas ģimenes kartei." in page.content()
    assert page.locator("svg#family-map g.relation.relation-affiliation").count() == 2

    # printing (issue 8: "printable"): the picture and its tables, none of the editing
    page.emulate_media(media="print")
    assert page.locator("svg#family-map").is_visible()
    assert page.locator("main table").first.is_visible()
    assert page.locator("main form:visible").count() == 0
    assert page.locator("main .govuk-button:visible").count() == 0
    assert page.locator("main th:has-text('Darbības'):visible").count() == 0
    screenshot("family-map-print")
    page.emulate_media(media="screen")
