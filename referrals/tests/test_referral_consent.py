"""A referral is a disclosure and follows the client's consent (issue 19; issue 28, finding 7).

The receiving organisation sees the minimum needed to decide: who referred, the service, what
the client needs minus the categories the consent withholds, and how to answer; the client's
name and case number only with a consent sharing identity. Only members with a case-working
role there see and answer incoming referrals."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import member
from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from consent.models import Consent
from core.errors import DomainError
from directory.models import DirectoryOrganisation, Service
from directory.services import directory_import
from directory.tests.factories import service_doc, uid
from referrals.models import Referral
from referrals.services import referral_create, referral_transition

pytestmark = pytest.mark.django_db
S = Referral.Status
NEED = "Vajag siltas pusdienas darba dienās"
HEALTH_NEED = "Vajag pierakstu pie narkologa, atkarība no alkohola"


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation, first_name="Andris")


@pytest.fixture
def soup(org_b: OrganisationWithStaff) -> Service:
    """A service of org B's directory entry: org B uses Tilts and answers itself."""
    directory_import(actor=None, data=service_doc("cons", areas=("Saldus novads",)))
    service = Service.objects.get(pk=uid("cons", "service"))
    DirectoryOrganisation.objects.filter(pk=service.organisation_id).update(
        uses_tilts_as=org_b.organisation
    )
    return Service.objects.select_related("organisation").get(pk=service.pk)


def _incoming(user: object) -> str:
    response = client_for(user, "en").get(reverse("referrals:incoming_referrals"))  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def test_a_referral_without_consent_needs_the_clients_agreement_in_person(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Finding (a): no referral to an organisation the client has not agreed to share with;
    the worker's confirmation is recorded as a consent given in person."""
    with pytest.raises(DomainError) as caught:
        referral_create(actor=org_a.social_worker, case=case, service=soup, reason=NEED)
    assert "client_agreed_in_person" in caught.value.message_dict
    assert not Referral.objects.exists()
    referral = referral_create(
        actor=org_a.social_worker, case=case, service=soup, reason=HEALTH_NEED,
        client_agreed_in_person=True,
    )  # fmt: skip
    consent = Consent.objects.get(client=case.client, organisation=org_b.organisation)
    assert consent.form == Consent.Form.IN_PERSON
    assert consent.shares_identity
    assert consent.shares_health
    assert not consent.shares_case_plan
    assert not consent.shares_conviction
    assert str(referral.pk) in consent.purpose


def test_the_receiver_without_identity_consent_sees_a_neutral_reference(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Finding (a): the receiver sees neither the client's name nor the case number unless the
    consent shares identity with it; it sees who referred, the service and the need."""
    consent_for(case, org_b.organisation, "case_plan")  # no identity
    referral = referral_create(actor=org_a.social_worker, case=case, service=soup, reason=NEED)
    page = _incoming(org_b.social_worker)
    assert "Andris" not in page
    assert case.number not in page
    assert f"Referral no. {referral.pk}" in page
    assert NEED in page
    assert str(org_a.social_worker) in page
    assert soup.name in page


def test_the_receiver_with_identity_consent_sees_who_the_client_is(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    consent_for(case, org_b.organisation, "identity")
    referral_create(actor=org_a.social_worker, case=case, service=soup, reason=NEED)
    page = _incoming(org_b.social_worker)
    assert case.number in page
    assert "Andris" in page
    # Not on the team: the case itself stays closed to the receiver.
    assert f'href="/cases/{case.pk}/"' not in page
    assert client_for(org_b.social_worker).get(f"/cases/{case.pk}/").status_code == 404


def test_a_health_reason_is_withheld_from_a_receiver_without_health_consent(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Issue 19: the reason minus withheld categories — by its words or the worker's box."""
    consent_for(case, org_b.organisation, "identity", "case_plan")
    referral_create(actor=org_a.social_worker, case=case, service=soup, reason=HEALTH_NEED)
    marked = "Sarunāt vizīti otrdienā"
    referral_create(
        actor=org_a.social_worker, case=case, service=soup, reason=marked, concerns_health=True
    )
    page = _incoming(org_b.social_worker)
    assert HEALTH_NEED not in page
    assert marked not in page
    assert page.count("Not shared with your organisation") >= 2


@pytest.mark.parametrize("role", [Role.ORGANISATION_ADMIN])
def test_an_administrator_without_a_case_role_neither_sees_nor_answers(
    org_a: OrganisationWithStaff,
    org_b: OrganisationWithStaff,
    case: Case,
    soup: Service,
    role: str,
) -> None:
    """Finding (c) and issue 28, finding 7: an organisation administrator of the receiving
    organisation (no case role) sees no incoming referral and cannot accept one."""
    consent_for(case, org_b.organisation)
    referral = referral_create(actor=org_a.social_worker, case=case, service=soup, reason=NEED)
    admin = org_b.admin
    page = _incoming(admin)
    assert NEED not in page
    assert case.number not in page
    response = client_for(admin).post(
        reverse("referrals:referral_step", args=[referral.pk]), {"to_status": S.ACCEPTED}
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        referral_transition(actor=admin, referral=referral, to_status=S.ACCEPTED, reason="")
    referral.refresh_from_db()
    assert referral.status == S.REQUESTED
    # A case worker of the receiving organisation does see and answer it.
    worker = member(org_b.organisation, Role.PROBATION_OFFICER)
    assert NEED in _incoming(worker)
    referral_transition(actor=worker, referral=referral, to_status=S.ACCEPTED, reason="")


def test_an_administrator_of_another_organisation_sees_nothing(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Finding (c): the sender's and third organisations' administrators see no incoming
    referral of the receiver."""
    consent_for(case, org_b.organisation)
    referral_create(actor=org_a.social_worker, case=case, service=soup, reason=NEED)
    for user in (org_a.admin, org_a.social_worker):
        page = _incoming(user)
        assert NEED not in page
        assert case.number not in page


def test_the_receivers_reads_are_in_the_access_log_and_the_data_subject_export(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Issue 19: every disclosure to the receiver is an access-log row of the case, readable in
    the client's data-subject export."""
    from audit.models import AccessLog

    consent_for(case, org_b.organisation, "identity")
    referral = referral_create(actor=org_a.social_worker, case=case, service=soup, reason=NEED)
    _incoming(org_b.social_worker)
    assert AccessLog.objects.filter(
        user=org_b.social_worker, case_id=case.pk, object_type="referral", object_id=referral.pk
    ).exists()
    export = client_for(org_a.supervisor, "en").get(reverse("privacy:data_export", args=[case.pk]))
    assert export.status_code == 200
    assert str(org_b.social_worker.email) in export.content.decode() or (
        str(org_b.social_worker) in export.content.decode()
    )


def test_the_referral_form_explains_what_the_receiver_will_see(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    consent_for(case, org_b.organisation, "identity")
    for language, words in (
        ("en", "What the receiving organisation will see"),
        ("lv", "Ko redzēs saņēmēja organizācija"),
        ("ru", "Что увидит принимающая организация"),
    ):
        page = client_for(org_a.social_worker, language).get(
            reverse("referrals:case_referrals", args=[case.pk])
        )
        text = page.content.decode()
        assert words in text, language
        assert org_b.organisation.name in text
    response = client_for(org_a.social_worker, "en").post(
        reverse("referrals:case_referrals", args=[case.pk]),
        {"service": soup.pk, "reason": NEED},
    )
    assert response.status_code == 302  # consent on record: no confirmation needed


def test_the_referral_form_asks_for_the_clients_agreement_and_keeps_what_was_typed(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Finding (a): without consent for the receiver the form says so at the checkbox and
    keeps the text; ticked, the referral goes and the agreement is a consent given in person."""
    client = client_for(org_a.social_worker, "en")
    url = reverse("referrals:case_referrals", args=[case.pk])
    refused = client.post(url, {"service": soup.pk, "reason": NEED})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "The client has no consent on record for" in page
    assert 'href="#id_client_agreed_in_person"' in page
    assert NEED in page
    assert not Referral.objects.exists()
    sent = client.post(url, {"service": soup.pk, "reason": NEED, "client_agreed_in_person": "on"})
    assert sent.status_code == 302
    consent = Consent.objects.get(client=case.client, organisation=org_b.organisation)
    assert consent.form == Consent.Form.IN_PERSON
    assert consent.categories == ["identity and contact details"]
