"""A recorded legal basis as an alternative to consent (issue 19, "the client's consent for
that organisation and category (or a recorded legal basis, e.g. the probation service's
statutory duty, with its citation)"): a supervisor of the case's organisation records it on
the consents page; consent/disclosure.py counts it exactly like a consent for its categories;
it shows beside the consents and can be withdrawn, ending access at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Organisation, Role, User
from accounts.tests.factories import OrganisationFactory, member
from cases import services as case_services
from cases.models import Case, CaseEvent
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from consent import disclosure
from consent.models import Category, LegalBasis
from consent.services import legal_basis_record
from consent.tests import canaries

pytestmark = pytest.mark.django_db

CITATION = "Probācijas dienesta likums, 5. panta pirmā daļa"


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation)


@pytest.fixture
def probation(case: Case) -> tuple[Organisation, User]:
    """A probation officer on the team; the client's consent shares identity and the plan only."""
    organisation = OrganisationFactory.create(name="Valsts probācijas dienests (tests)")
    officer = member(organisation, Role.PROBATION_OFFICER)
    case_services.team_member_add(
        actor=case.lead_worker, case=case, user=officer, role="probation_officer"
    )
    consent_for(case, organisation, "identity", "case_plan")
    return organisation, officer


def _seen(officer: User, case: Case) -> str:
    client = client_for(officer, "en")
    pages = [reverse("cases:detail", args=[case.pk])]
    plan = case.plans.order_by("-pk").first()
    if plan is not None:
        pages.append(reverse("plans:detail", args=[case.pk, plan.pk]))
    return "".join(client.get(url).content.decode() for url in pages)


def _record(org_a: OrganisationWithStaff, case: Case, organisation: Organisation) -> LegalBasis:
    return legal_basis_record(
        actor=org_a.supervisor, case=case, organisation=organisation,
        categories=[Category.CONVICTION], citation=CITATION,
    )  # fmt: skip


def test_a_legal_basis_for_the_criminal_record_shows_it_and_nothing_else_withheld(
    org_a: OrganisationWithStaff, case: Case, probation: tuple[Organisation, User]
) -> None:
    organisation, officer = probation
    canaries.plant(case, case.lead_worker)
    without = _seen(officer, case)
    assert not [t for t in canaries.CONVICTION.values() if t in without]
    assert disclosure.withheld_categories(officer, case) == {
        Category.HEALTH,
        Category.CONVICTION,
    }

    _record(org_a, case, organisation)
    case = Case.objects.get(pk=case.pk)  # a fresh object: no cached categories
    seen = _seen(officer, case)
    assert canaries.CONVICTION["note"] in seen
    assert canaries.CONVICTION["record"] in seen
    assert not [t for t in canaries.HEALTH.values() if t in seen]
    assert disclosure.withheld_categories(officer, case) == {Category.HEALTH}


def test_a_supervisor_records_it_on_the_consents_page_and_withdraws_it(
    org_a: OrganisationWithStaff, case: Case, probation: tuple[Organisation, User]
) -> None:
    organisation, officer = probation
    client = client_for(org_a.supervisor, "en")
    page = reverse("consent:consents", args=[case.pk])
    assert "What the other organisation will see" in client.get(page).content.decode()
    url = reverse("consent:legal_basis_record", args=[case.pk])
    refused = client.post(
        url, {"basis-organisation": organisation.pk, "basis-categories": ["conviction"]}
    )
    assert refused.status_code == 400
    assert "Cite the law and its article" in refused.content.decode()
    assert not LegalBasis.objects.exists()

    done = client.post(
        url,
        {
            "basis-organisation": organisation.pk,
            "basis-categories": ["conviction"],
            "basis-citation": CITATION,
        },
    )
    assert done.status_code == 302
    basis = LegalBasis.objects.get()
    assert basis.recorded_by == org_a.supervisor
    assert basis.shares_conviction
    assert not basis.shares_health
    listed = client.get(page).content.decode()
    assert CITATION in listed
    assert str(Category.CONVICTION.label) in listed
    assert disclosure.withheld_categories(officer, Case.objects.get(pk=case.pk)) == {
        Category.HEALTH
    }

    withdraw = reverse("consent:legal_basis_withdraw", args=[case.pk, basis.pk])
    assert client.post(withdraw).status_code == 302
    assert LegalBasis.objects.get().withdrawn_at is not None
    assert Category.CONVICTION in disclosure.withheld_categories(
        officer, Case.objects.get(pk=case.pk)
    )
    kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {CaseEvent.Kind.LEGAL_BASIS_RECORDED, CaseEvent.Kind.LEGAL_BASIS_WITHDRAWN} <= kinds


def test_only_a_supervisor_of_the_cases_organisation_records_one(
    org_a: OrganisationWithStaff, case: Case, probation: tuple[Organisation, User]
) -> None:
    organisation, officer = probation
    url = reverse("consent:legal_basis_record", args=[case.pk])
    data = {
        "basis-organisation": organisation.pk,
        "basis-categories": ["conviction"],
        "basis-citation": CITATION,
    }
    assert client_for(org_a.social_worker).post(url, data).status_code == 403
    assert client_for(officer).post(url, data).status_code in (403, 404)
    assert not LegalBasis.objects.exists()
    page = client_for(org_a.social_worker, "en").get(reverse("consent:consents", args=[case.pk]))
    assert "Record the legal basis" not in page.content.decode()


def test_a_legal_basis_alone_opens_the_case_like_a_consent(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """No consent at all: a legal basis for identity, the plan and the criminal record makes
    the officer on the team see the case (page and case list) with the conviction details and
    still no health item; withdrawn, the case is closed to them again."""
    organisation = OrganisationFactory.create(name="Probācija bez piekrišanas (tests)")
    officer = member(organisation, Role.PROBATION_OFFICER)
    case_services.team_member_add(
        actor=case.lead_worker, case=case, user=officer, role="probation_officer"
    )
    canaries.plant(case, case.lead_worker)
    detail = reverse("cases:detail", args=[case.pk])
    assert client_for(officer).get(detail).status_code == 404
    basis = legal_basis_record(
        actor=org_a.supervisor, case=case, organisation=organisation,
        categories=[Category.IDENTITY, Category.CASE_PLAN, Category.CONVICTION],
        citation=CITATION,
    )  # fmt: skip
    seen = _seen(officer, Case.objects.get(pk=case.pk))
    assert canaries.CONVICTION["note"] in seen
    assert not [t for t in canaries.HEALTH.values() if t in seen]
    from cases.selectors import case_plans_visible_to, cases_visible_to

    assert case in cases_visible_to(officer)
    assert case in case_plans_visible_to(officer)
    from consent.services import legal_basis_withdraw

    legal_basis_withdraw(actor=org_a.supervisor, case=case, basis=basis)
    assert client_for(officer).get(detail).status_code == 404
    assert case not in cases_visible_to(officer)


def test_the_data_subject_export_lists_the_legal_basis(
    org_a: OrganisationWithStaff, case: Case, probation: tuple[Organisation, User]
) -> None:
    from privacy.selectors import person_export

    _record(org_a, case, probation[0])
    rows = person_export(case.client)["legal_bases"]
    assert [(r["organisation"], r["citation"]) for r in rows] == [(probation[0].name, CITATION)]
