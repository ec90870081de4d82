"""Search (issue 5): need, municipality and neighbours, language, open now, free of charge,
diacritic-insensitive words; every need in every Kurzeme municipality; query count."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Municipality
from directory import demo, needs, selectors
from directory.hours import RIGA
from directory.selectors import SearchFilters, search

KURZEME = [place.code for place in demo.PLACES]
TUESDAY_10 = datetime(2026, 11, 24, 10, 0, tzinfo=RIGA)
TUESDAY_3AM = datetime(2026, 11, 24, 3, 0, tzinfo=RIGA)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kurzeme() -> None:
    demo.seed()


def town(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def test_kurzeme_has_eight_municipalities_and_the_demo_covers_them_all(kurzeme: None) -> None:
    assert sorted(KURZEME) == sorted(
        Municipality.objects.current().filter(region__code="kurzeme").values_list("code", flat=True)
    )


def test_every_need_in_every_kurzeme_municipality(kurzeme: None) -> None:
    missing = [
        (need, code)
        for code in KURZEME
        for need in needs.leaf_codes()
        if not search(SearchFilters(need=need, municipality=town(code)), at=TUESDAY_10)
    ]
    assert not missing


def test_the_issue_lists_needs_that_all_exist() -> None:
    wanted = {
        "night-shelter",
        "shelter",
        "warm-meals",
        "clothing",
        "hygiene",
        "laundry",
        "identity-documents",
        "benefits",
        "housing-queue",
        "employment-agency",
        "vocational-training",
        "general-education",
        "addiction-treatment",
        "psychological-help",
        "trust-hotline",
        "family-doctor",
        "chronic-illness",
        "support-groups",
        "social-skills",
        "behaviour-correction",
        "leisure-sport",
        "religious-support",
        "legal-aid",
        "food-packages",
        "transport-tickets",
    }
    assert wanted <= set(needs.leaf_codes())
    from directory.models import Need

    assert all(n.name and n.name_ru and n.name_en for n in Need.objects.all())


def test_neighbouring_municipalities_come_after_the_chosen_one(kurzeme: None) -> None:
    talsi = town("talsu-novads")
    local = search(SearchFilters(need="family-doctor", municipality=talsi), at=TUESDAY_10)
    assert [r.service.organisation.name for r in local] == ["Talsu ģimenes ārstu prakse"]
    wider = search(
        SearchFilters(need="family-doctor", municipality=talsi, include_neighbours=True),
        at=TUESDAY_10,
    )
    assert len(wider) == len(KURZEME)
    assert wider[0].local
    assert wider[0].service.organisation.name == "Talsu ģimenes ārstu prakse"
    assert not any(r.local for r in wider[1:])
    assert {n.code for n in selectors.neighbours_of(talsi)} == set(KURZEME) - {"talsu-novads"}


def test_a_regional_service_serves_the_municipalities_in_its_area(kurzeme: None) -> None:
    results = search(
        SearchFilters(need="addiction-treatment", municipality=town("dienvidkurzemes-novads")),
        at=TUESDAY_10,
    )
    assert [r.service.organisation.name for r in results] == [
        "Liepājas narkoloģiskās palīdzības kabinets"
    ]


def test_a_group_of_needs_finds_the_needs_in_it(kurzeme: None) -> None:
    found = search(SearchFilters(need="health", municipality=town("saldus-novads")), at=TUESDAY_10)
    codes = {need.code for r in found for need in r.service.needs.all()}
    assert codes == {
        "family-doctor",
        "chronic-illness",
        "addiction-treatment",
        "psychological-help",
        "trust-hotline",
    }


def test_words_match_without_diacritics_and_in_russian(kurzeme: None) -> None:
    liepaja = town("liepaja")
    assert search(SearchFilters(text="zupas virtuve", municipality=liepaja), at=TUESDAY_10)
    assert search(SearchFilters(text="ZUPAS VIRTUVE liepaja"), at=TUESDAY_10)
    night = search(SearchFilters(text="ночлежка", municipality=liepaja), at=TUESDAY_10)
    assert [r.service.name for r in night] == ["Naktspatversme"]
    assert search(SearchFilters(text="kuldigas patversme"), at=TUESDAY_10)


def test_language_and_free_of_charge(kurzeme: None) -> None:
    kuldiga = town("kuldigas-novads")
    russian = search(SearchFilters(municipality=kuldiga, language="ru"), at=TUESDAY_10)
    assert russian
    assert all("ru" in {lang.code for lang in r.service.languages.all()} for r in russian)
    free = search(SearchFilters(municipality=kuldiga, free_only=True), at=TUESDAY_10)
    assert free
    assert all(r.service.free_of_charge for r in free)
    assert "Reģistrācija pie ģimenes ārsta" not in {r.service.name for r in free}


def test_open_now(kurzeme: None) -> None:
    saldus = town("saldus-novads")
    night = search(SearchFilters(municipality=saldus, open_now=True), at=TUESDAY_3AM)
    assert {r.service.name for r in night} == {
        "Patversme",
        "Naktspatversme",
        "Duša un higiēnas preces",
        "Veļas mazgāšana",
        "Uzticības tālrunis",
    }
    morning = search(SearchFilters(municipality=saldus, open_now=True), at=TUESDAY_10)
    assert "Pabalsti un garantētais minimālais ienākums" in {r.service.name for r in morning}


def test_the_number_of_queries_does_not_grow_with_the_results(kurzeme: None) -> None:
    liepaja = town("liepaja")
    with CaptureQueriesContext(connection) as one:
        few = search(
            SearchFilters(need="trust-hotline", municipality=liepaja, include_neighbours=True),
            at=TUESDAY_10,
        )
    with CaptureQueriesContext(connection) as many:
        lots = search(
            SearchFilters(need="basic", municipality=liepaja, include_neighbours=True),
            at=TUESDAY_10,
        )
    assert len(few) == 1
    assert len(lots) > 30
    assert len(one.captured_queries) == len(many.captured_queries)
