"""Help in kind (D1): recorded per case with date, quantity and provider; bad input refused
with nothing stored; a timeline entry with ids and codes only; cancelling keeps the history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases.models import Case, CaseEvent
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from core.errors import DomainError
from directory.models import Service
from referrals import selectors
from referrals.models import HelpInKind, HelpKind
from referrals.services import help_in_kind_cancel, help_in_kind_record
from referrals.tests.factories import soup_kitchen

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation, first_name="Andris")


@pytest.fixture
def soup(db: None) -> Service:
    return soup_kitchen()


def test_help_given_is_recorded_with_a_timeline_entry_of_codes_only(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """D1: what, when, how much and who gave it; the timeline holds no free text."""
    item = help_in_kind_record(
        actor=org_a.social_worker, case=case, kind=HelpKind.WARM_MEAL,
        given_on=timezone.localdate(), quantity=5, service=soup, note="<b>Pusdienas</b> 5 dienas",
    )  # fmt: skip
    assert item.note == "Pusdienas 5 dienas"
    assert item.amount == "5 meals"
    assert item.provider == "Zupas virtuve — Biedrība „Siltā virtuve”"
    event = CaseEvent.objects.get(case=case, kind=CaseEvent.Kind.HELP_IN_KIND_GIVEN)
    assert event.data == {"help_in_kind_id": item.pk, "help_kind": "warm_meal", "quantity": 5}
    assert item.history.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"given_on": date.today() + timedelta(days=2)}, "given_on"),  # noqa: DTZ011
        ({"quantity": 0}, "quantity"),
        ({"quantity": 101}, "quantity"),
        ({"kind": "yacht"}, "kind"),
        ({"provider_name": ""}, "provider"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(
    org_a: OrganisationWithStaff, case: Case, changes: dict[str, object], field: str
) -> None:
    """D1: date not in the future, a sane quantity, a known kind, a provider chosen or typed."""
    values: dict[str, object] = {
        "kind": HelpKind.SHELTER_NIGHT, "given_on": timezone.localdate() - timedelta(days=1),
        "quantity": 3, "provider_name": "Saldus patversme",
    }  # fmt: skip
    values.update(changes)
    with pytest.raises(DomainError) as caught:
        help_in_kind_record(actor=org_a.social_worker, case=case, **values)  # type: ignore[arg-type]
    assert field in caught.value.message_dict
    assert not HelpInKind.objects.exists()
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.HELP_IN_KIND_GIVEN).exists()


def test_a_provider_is_chosen_or_typed_not_both(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    with pytest.raises(DomainError) as caught:
        help_in_kind_record(
            actor=org_a.social_worker, case=case, kind=HelpKind.WARM_MEAL,
            given_on=timezone.localdate(), quantity=1, service=soup, provider_name="Cits",
        )  # fmt: skip
    assert "provider_name" in caught.value.message_dict


def test_another_organisation_may_not_record_or_cancel(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case
) -> None:
    with pytest.raises(PermissionDenied):
        help_in_kind_record(
            actor=org_b.social_worker, case=case, kind=HelpKind.LAUNDRY,
            given_on=timezone.localdate(), quantity=1, provider_name="Veļas mazgātava",
        )  # fmt: skip
    item = help_in_kind_record(
        actor=org_a.social_worker, case=case, kind=HelpKind.LAUNDRY,
        given_on=timezone.localdate(), quantity=1, provider_name="Veļas mazgātava",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        help_in_kind_cancel(actor=org_b.social_worker, item=item, reason="Kļūda")


def test_cancelling_keeps_the_entry_and_leaves_it_out_of_the_totals(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    worker = org_a.social_worker
    today = timezone.localdate()
    for quantity in (7, 5):
        help_in_kind_record(
            actor=worker, case=case, kind=HelpKind.SHELTER_NIGHT, given_on=today,
            quantity=quantity, provider_name="Saldus naktspatversme",
        )  # fmt: skip
    mistaken = help_in_kind_record(
        actor=worker, case=case, kind=HelpKind.SHELTER_NIGHT, given_on=today, quantity=3,
        provider_name="Saldus naktspatversme",
    )  # fmt: skip
    with pytest.raises(DomainError):
        help_in_kind_cancel(actor=worker, item=mistaken, reason="  ")
    help_in_kind_cancel(actor=worker, item=mistaken, reason="Ierakstīts divreiz")
    mistaken.refresh_from_db()
    assert mistaken.cancelled_by == worker
    assert mistaken.history.count() == 2
    with pytest.raises(DomainError):
        help_in_kind_cancel(actor=worker, item=mistaken, reason="Vēlreiz")
    [total] = selectors.totals_of(case)
    assert (total.label, total.this_year, total.all_time) == (
        "night shelter", "12 nights", "12 nights",
    )  # fmt: skip


def test_totals_count_this_year_apart_from_earlier_years(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    today = date(2026, 3, 10)
    for given_on in (date(2025, 12, 20), date(2026, 1, 5)):
        HelpInKind.objects.create(
            case=case, kind=HelpKind.FOOD_PACKAGE, given_on=given_on, quantity=1,
            provider_name="Pārtikas banka", recorded_by=org_a.social_worker,
        )  # fmt: skip
    [total] = selectors.totals_of(case, today=today)
    assert (total.this_year, total.all_time) == ("1 package", "2 packages")


def test_the_provider_chooser_offers_services_of_the_clients_municipality_by_kind(
    case: Case, soup: Service
) -> None:
    """D1/F4: a warm-meals service in Saldus is offered for warm meals; one in Liepāja is not."""
    soup_kitchen("far", areas=("Liepāja",))
    groups = selectors.providers_for(case)
    assert [(label, [s.pk for s in found]) for label, found in groups] == [("warm meal", [soup.pk])]
