"""Reference data for the whole of Latvia (I3) and dated municipalities."""

from datetime import date

import pytest
from django.utils import translation

from accounts.data.municipalities import KURZEME_CODES
from accounts.models import Municipality, PlanningRegion

pytestmark = pytest.mark.django_db


def test_all_five_planning_regions_are_seeded() -> None:
    assert set(PlanningRegion.objects.values_list("code", flat=True)) == {
        "kurzeme",
        "latgale",
        "riga",
        "vidzeme",
        "zemgale",
    }


def test_current_map_has_42_local_governments_after_the_varaklani_merger() -> None:
    on_2026 = Municipality.objects.current(date(2026, 11, 25))
    assert on_2026.count() == 42
    assert on_2026.filter(kind=Municipality.Kind.STATE_CITY).count() == 7
    assert not on_2026.filter(code="varaklanu-novads").exists()


def test_varaklani_municipality_existed_before_july_2025() -> None:
    assert Municipality.objects.current(date(2024, 1, 1)).filter(code="varaklanu-novads").exists()
    assert Municipality.objects.current(date(2024, 1, 1)).count() == 43


def test_kurzeme_has_its_eight_local_governments() -> None:
    kurzeme = Municipality.objects.filter(region__code="kurzeme")
    assert set(kurzeme.values_list("name", flat=True)) == {
        "Liepāja",
        "Ventspils",
        "Dienvidkurzemes novads",
        "Kuldīgas novads",
        "Saldus novads",
        "Talsu novads",
        "Tukuma novads",
        "Ventspils novads",
    }
    assert len(KURZEME_CODES) == 8


def test_names_follow_the_active_language() -> None:
    liepaja = Municipality.objects.get(code="liepaja")
    with translation.override("ru"):
        assert str(liepaja) == "Лиепая"
    with translation.override("lv"):
        assert str(liepaja) == "Liepāja"
    south = Municipality.objects.get(code="dienvidkurzemes-novads")
    with translation.override("en"):
        assert str(south) == "South Kurzeme Municipality"
