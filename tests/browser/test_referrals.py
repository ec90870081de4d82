"""Issue 5, D1 in a real browser, in Latvian: record nights in the night shelter for a client,
first with a date in the future (refused, typed input kept), then correctly; the totals and the
case page's panel show them. axe checks every page."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from conftest import OrganisationWithStaff
from directory import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_help_in_kind_and_see_the_totals(
    org_a: OrganisationWithStaff,
    sign_in: Callable[[Any], Page],
    visit: Callable[[str], Page],
    submit: Callable[[str], Page],
    screenshot: Callable[[str], object],
) -> None:
    from cases.tests.factories import open_case

    demo.seed()
    case = open_case(org_a.social_worker, org_a.organisation, first_name="Edgars")
    sign_in(org_a.social_worker)
    page = visit(f"/cases/{case.pk}/")
    submit("main a >> text=Palīdzība natūrā: ierakstīt, kas izsniegts")
    assert "Palīdzība natūrā vēl nav ierakstīta." in page.locator("main").inner_text()
    page.select_option("#id_kind", "shelter_night")
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.fill("#id_given_on", tomorrow.isoformat())
    page.fill("#id_quantity", "12")
    shelters = page.locator("#id_provider optgroup[label=naktspatversme] option")
    assert shelters.count() >= 1
    shelter = shelters.first.inner_text()
    page.select_option("#id_provider", label=shelter)
    page.fill("#id_note", "Pirmās naktis pēc atbrīvošanas")
    submit("main button >> text=Ierakstīt sniegto palīdzību")
    assert "Datums nevar būt nākotnē." in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#id_quantity").input_value() == "12"
    assert page.locator("#id_note").input_value() == "Pirmās naktis pēc atbrīvošanas"
    assert page.locator("#id_provider option:checked").inner_text() == shelter
    screenshot("refused")
    page.fill("#id_given_on", timezone.localdate().isoformat())
    submit("main button >> text=Ierakstīt sniegto palīdzību")
    assert "Palīdzība natūrā ierakstīta." in page.content()
    totals = page.locator("main table").inner_text()
    assert "naktspatversme" in totals
    assert "12 naktis" in totals
    screenshot("recorded")
    page = visit(f"/cases/{case.pk}/")
    assert "naktspatversme: šogad 12 naktis" in page.locator("#help-in-kind-totals").inner_text()
