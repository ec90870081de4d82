"""Consent-based sharing (A4, F3) and break-the-glass access (issue 6)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import member
from cases import services
from cases.models import CaseEvent, TeamRole
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from consent.models import Consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_case(org_a: OrganisationWithStaff, org_b: OrganisationWithStaff) -> object:
    """Org A's case with org B's social worker on the team as probation officer."""
    case = open_case(
        org_a.social_worker, org_a.organisation,
        place_of_imprisonment="Jelgavas cietums", release_date=timezone.localdate(),
    )  # fmt: skip
    services.note_add(
        actor=org_a.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text="Plāna piezīme", methods=["interview"],
    )  # fmt: skip
    services.team_member_add(
        actor=org_a.social_worker, case=case, user=org_b.social_worker,
        role=TeamRole.PROBATION_OFFICER,
    )  # fmt: skip
    return case


def test_without_consent_another_organisation_sees_nothing(
    org_b: OrganisationWithStaff, shared_case: object
) -> None:
    response = client_for(org_b.social_worker).get(reverse("cases:detail", args=[shared_case.pk]))  # type: ignore[attr-defined]
    assert response.status_code == 404
    assert "Bērziņš" not in response.content.decode()


def test_identity_only_consent_shows_the_person_and_nothing_else(
    org_b: OrganisationWithStaff, shared_case: object
) -> None:
    consent_for(shared_case, org_b.organisation, "identity")  # type: ignore[arg-type]
    client = client_for(org_b.social_worker)
    case_id = shared_case.pk  # type: ignore[attr-defined]
    page = client.get(reverse("cases:detail", args=[case_id])).content.decode()
    assert "Jānis Bērziņš" in page
    assert "Plāna piezīme" not in page
    assert "Jelgavas cietums" not in page
    assert "nesedz lietas plānu" in page
    assert client.get(reverse("cases:note_add", args=[case_id])).status_code == 403
    assert client.get(reverse("cases:health_edit", args=[case_id])).status_code == 403


def test_full_consent_shows_the_plan_and_withdrawal_ends_access_at_once(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, shared_case: object
) -> None:
    consent = consent_for(shared_case, org_b.organisation)  # type: ignore[arg-type]
    case_id = shared_case.pk  # type: ignore[attr-defined]
    theirs = client_for(org_b.social_worker)
    page = theirs.get(reverse("cases:detail", args=[case_id])).content.decode()
    assert "Plāna piezīme" in page
    assert "Jelgavas cietums" in page
    withdraw = reverse("consent:consent_withdraw", args=[case_id, consent.pk])  # type: ignore[attr-defined]
    assert theirs.post(withdraw).status_code == 403  # only the case's organisation withdraws
    assert client_for(org_a.social_worker).post(withdraw).status_code == 302
    assert theirs.get(reverse("cases:detail", args=[case_id])).status_code == 404
    kinds = set(CaseEvent.objects.filter(case_id=case_id).values_list("kind", flat=True))
    assert {CaseEvent.Kind.CONSENT_RECORDED, CaseEvent.Kind.CONSENT_WITHDRAWN} <= kinds


def test_an_expired_consent_shares_nothing(
    org_b: OrganisationWithStaff, shared_case: object
) -> None:
    consent = consent_for(shared_case, org_b.organisation)  # type: ignore[arg-type]
    Consent.objects.filter(pk=consent.pk).update(  # type: ignore[attr-defined]
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    url = reverse("cases:detail", args=[shared_case.pk])  # type: ignore[attr-defined]
    assert client_for(org_b.social_worker).get(url).status_code == 404


def test_bad_consent_input_is_refused_with_the_input_kept(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, shared_case: object
) -> None:
    url = reverse("consent:consents", args=[shared_case.pk])  # type: ignore[attr-defined]
    today = timezone.localdate()
    response = client_for(org_a.social_worker).post(
        url,
        {
            "organisation": org_b.organisation.pk, "purpose": "Kopīgs darbs",
            "categories": ["identity", "health"], "given_on": today.isoformat(),
            "expires_on": (today - timedelta(days=3)).isoformat(), "form": "signed_paper",
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "nevar beigties, pirms" in page
    assert 'value="Kopīgs darbs"' in page
    assert 'value="health" checked' in page
    assert not Consent.objects.exists()


def test_a_colleague_breaks_the_glass_with_a_reason_and_the_supervisor_sees_it(
    org_a: OrganisationWithStaff, shared_case: object
) -> None:
    colleague = member(org_a.organisation, Role.SOCIAL_WORKER)
    case_id = shared_case.pk  # type: ignore[attr-defined]
    client = client_for(colleague)
    locked = client.get(reverse("cases:detail", args=[case_id]))
    assert locked.status_code == 403
    assert "Bērziņš" not in locked.content.decode()
    assert "ārpus jūsu lietām" in locked.content.decode()
    short = client.post(reverse("cases:case_access", args=[case_id]), {"reason": "jā"})
    assert short.status_code == 400
    reason = "Aizvieto kolēģi atvaļinājuma laikā"
    assert (
        client.post(reverse("cases:case_access", args=[case_id]), {"reason": reason}).status_code
        == 302
    )
    assert "Jānis Bērziņš" in client.get(reverse("cases:detail", args=[case_id])).content.decode()
    oversight = client_for(org_a.supervisor).get(reverse("cases:oversight")).content.decode()
    assert reason in oversight
    from inbox.models import Notification

    flagged = Notification.objects.get(user=org_a.supervisor)  # the supervisor is told at once
    assert flagged.kind == Notification.Kind.CASE_OPENED_OUTSIDE_CASELOAD
    reads = client_for(org_a.supervisor).get(reverse("cases:case_reads", args=[case_id]))
    assert str(colleague) in reads.content.decode()
    assert client.get(reverse("cases:oversight")).status_code == 403


def test_the_glass_cannot_be_broken_from_another_organisation(
    org_b: OrganisationWithStaff, shared_case: object
) -> None:
    url = reverse("cases:case_access", args=[shared_case.pk])  # type: ignore[attr-defined]
    client = client_for(org_b.supervisor)
    assert client.post(url, {"reason": "Gribu redzēt šo lietu"}).status_code == 404


def test_my_caseload_lists_another_organisations_case_only_under_consent(
    org_b: OrganisationWithStaff, shared_case: object
) -> None:
    from cases import selectors

    mine = selectors.CaseloadFilters()
    assert list(selectors.caseload(org_b.social_worker, mine)) == []
    consent_for(shared_case, org_b.organisation, "identity")  # type: ignore[arg-type]
    assert list(selectors.caseload(org_b.social_worker, mine)) == [shared_case]
