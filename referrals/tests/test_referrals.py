"""Closed-loop referrals (issue 5): legal transitions only, who/when/why recorded, the
client's area, the receiving organisation answering when it uses Tilts, overdue flag."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff
from core.errors import DomainError
from directory.models import DirectoryOrganisation, Service
from directory.services import directory_import
from directory.tests.factories import service_doc, uid
from referrals.models import Referral
from referrals.services import referral_create, referral_transition

pytestmark = pytest.mark.django_db
S = Referral.Status


@pytest.fixture
def soup(db: None) -> Service:
    directory_import(actor=None, data=service_doc("ref", areas=("Saldus novads",)))
    return Service.objects.get(pk=uid("ref", "service"))


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation, first_name="Andris")


def test_a_referral_is_sent_and_its_history_kept(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    referral = referral_create(
        actor=org_a.social_worker, case=case, service=soup, reason="Siltas pusdienas."
    )
    assert referral.status == S.REQUESTED
    assert referral.sent_at is not None
    steps = [(e.from_status, e.to_status, e.actor_id) for e in referral.events.all()]
    assert steps == [
        ("", S.DRAFT, org_a.social_worker.pk),
        (S.DRAFT, S.REQUESTED, org_a.social_worker.pk),
    ]


def test_the_referring_worker_records_the_answer_of_an_organisation_without_tilts(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    worker = org_a.social_worker
    referral = referral_create(actor=worker, case=case, service=soup, reason="Pusdienas.")
    referral_transition(actor=worker, referral=referral, to_status=S.ACCEPTED, reason="")
    with pytest.raises(DomainError) as caught:
        referral_transition(actor=worker, referral=referral, to_status=S.COMPLETED, reason="")
    assert "outcome" in caught.value.message_dict
    done = referral_transition(
        actor=worker,
        referral=referral,
        to_status=S.COMPLETED,
        reason="",
        outcome="Saņēma pusdienas 10 darba dienas.",
    )
    assert done.status == S.COMPLETED
    assert done.outcome.startswith("Saņēma")
    last = done.events.last()
    assert last is not None
    assert last.on_behalf_of_receiver


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], S.COMPLETED),
        ([S.REJECTED], S.ACCEPTED),
        ([S.CANCELLED], S.REQUESTED),
        ([S.ACCEPTED, S.COMPLETED], S.IN_PROGRESS),
    ],
)
def test_only_legal_transitions(
    org_a: OrganisationWithStaff, case: Case, soup: Service, path: list[str], illegal: str
) -> None:
    worker = org_a.social_worker
    referral = referral_create(actor=worker, case=case, service=soup, reason="Pusdienas.")
    for step in path:
        referral_transition(
            actor=worker, referral=referral, to_status=step, reason="Iemesls", outcome="Palīdzēja"
        )
    before = referral.events.count()
    with pytest.raises(DomainError) as caught:
        referral_transition(
            actor=worker, referral=referral, to_status=illegal, reason="x", outcome="y"
        )
    assert "cannot become" in str(caught.value.messages)
    assert referral.events.count() == before


def test_declining_and_withdrawing_need_a_reason(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    worker = org_a.social_worker
    referral = referral_create(actor=worker, case=case, service=soup, reason="Pusdienas.")
    for status in (S.REJECTED, S.CANCELLED):
        with pytest.raises(DomainError) as caught:
            referral_transition(actor=worker, referral=referral, to_status=status, reason=" ")
        assert "reason" in caught.value.message_dict


def test_a_service_outside_the_clients_area_is_refused(
    org_a: OrganisationWithStaff, soup: Service
) -> None:
    liepaja_client = open_case(
        org_a.social_worker, org_a.organisation, first_name="Guntis", municipality_code="liepaja"
    )
    with pytest.raises(DomainError) as caught:
        referral_create(
            actor=org_a.social_worker, case=liepaja_client, service=soup, reason="Pusdienas."
        )
    assert "Liepāja" in caught.value.message_dict["service"][0]
    assert not Referral.objects.exists()


def test_a_reason_is_needed(org_a: OrganisationWithStaff, case: Case, soup: Service) -> None:
    with pytest.raises(DomainError):
        referral_create(actor=org_a.social_worker, case=case, service=soup, reason="<b></b>")


def test_another_organisation_cannot_refer_or_move_it(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    with pytest.raises(PermissionDenied):
        referral_create(actor=org_b.social_worker, case=case, service=soup, reason="x")
    referral = referral_create(actor=org_a.social_worker, case=case, service=soup, reason="x")
    with pytest.raises(PermissionDenied):
        referral_transition(
            actor=org_b.social_worker, referral=referral, to_status=S.ACCEPTED, reason=""
        )


def test_a_receiving_organisation_that_uses_tilts_answers_itself(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    DirectoryOrganisation.objects.filter(pk=soup.organisation_id).update(
        uses_tilts_as=org_b.organisation
    )
    consent_for(case, org_b.organisation, "identity")  # a referral follows consent (issue 19)
    referral = referral_create(actor=org_a.social_worker, case=case, service=soup, reason="x")
    with pytest.raises(DomainError, match="answers this referral itself"):
        referral_transition(
            actor=org_a.social_worker, referral=referral, to_status=S.ACCEPTED, reason=""
        )
    with pytest.raises(PermissionDenied):  # the receiver neither sends nor withdraws
        referral_transition(
            actor=org_b.social_worker, referral=referral, to_status=S.CANCELLED, reason="x"
        )
    referral_transition(
        actor=org_b.social_worker, referral=referral, to_status=S.ACCEPTED, reason=""
    )
    client = Client()
    client.force_login(org_b.social_worker)
    page = client.get(reverse("referrals:incoming_referrals")).content.decode()
    assert case.number in page  # the consent shares identity with the receiver (issue 19)
    response = client.post(
        reverse("referrals:referral_step", args=[referral.pk]),
        {"to_status": S.COMPLETED, "outcome": "Pusdienas saņemtas."},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == S.COMPLETED


def test_case_page_shows_referrals_and_caseload_flags_overdue_ones(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    worker = org_a.social_worker
    referral = referral_create(actor=worker, case=case, service=soup, reason="Pusdienas.")
    Referral.objects.filter(pk=referral.pk).update(sent_at=timezone.now() - timedelta(days=8))
    client = Client()
    client.force_login(worker)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Zupas virtuve" in page
    assert reverse("referrals:case_referrals", args=[case.pk]) in page
    caseload = client.get(reverse("cases:caseload")).content.decode()
    assert case.number in caseload
    assert reverse("referrals:case_referrals", args=[case.pk]) in caseload


def test_overdue_referrals_are_those_of_led_cases_and_those_the_user_made(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Issue 10: the caseload flag's two sources (read as one id list) and nothing else."""
    from referrals.selectors import overdue_referrals

    worker, supervisor = org_a.social_worker, org_a.supervisor
    theirs = open_case(supervisor, org_a.organisation, first_name="Anna")
    led_by_me = referral_create(actor=supervisor, case=case, service=soup, reason="Pusdienas.")
    made_by_me = referral_create(actor=supervisor, case=theirs, service=soup, reason="Zupa.")
    neither = referral_create(actor=supervisor, case=theirs, service=soup, reason="Drēbes.")
    recent = referral_create(actor=worker, case=case, service=soup, reason="Vakariņas.")
    Referral.objects.filter(pk=made_by_me.pk).update(created_by=worker)
    old = timezone.now() - timedelta(days=8)
    Referral.objects.exclude(pk=recent.pk).update(sent_at=old)
    assert [r.pk for r in overdue_referrals(worker)] == sorted([led_by_me.pk, made_by_me.pk])
    assert neither.pk in [r.pk for r in overdue_referrals(supervisor)]
    # The caseload gives the cases it read (my_cases_read): the same referrals.
    from cases.selectors import my_cases_read

    for user in (worker, supervisor):
        given = overdue_referrals(user, mine=my_cases_read(user))
        assert list(given) == list(overdue_referrals(user))


def test_referral_page_creates_and_refuses_with_the_input_kept(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    client = Client()
    client.force_login(org_a.social_worker)
    url = reverse("referrals:case_referrals", args=[case.pk])
    refused = client.post(url, {"service": str(soup.pk), "reason": ""})
    assert refused.status_code == 400
    assert str(soup.pk) in refused.content.decode()
    sent = client.post(url, {"service": str(soup.pk), "reason": "Pusdienas katru dienu."})
    assert sent.status_code == 302
    assert Referral.objects.get().status == S.REQUESTED


def test_each_step_is_a_timeline_entry_shown_translated(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """D1–D8, issue 5: making a referral and each change of state appear on the case timeline,
    with ids and codes only in the entry and the state shown in the reader's language."""
    from cases.models import CaseEvent
    from conftest import client_for

    worker = org_a.social_worker
    referral = referral_create(actor=worker, case=case, service=soup, reason="Pusdienas.")
    referral_transition(actor=worker, referral=referral, to_status=S.ACCEPTED, reason="")
    referral_transition(
        actor=worker, referral=referral, to_status=S.COMPLETED, reason="", outcome="Paēdināts."
    )
    entries = [
        (e.kind, e.data)
        for e in CaseEvent.objects.filter(case=case, kind__startswith="referral").order_by("pk")
    ]
    assert entries == [
        (
            CaseEvent.Kind.REFERRAL_MADE,
            {"referral_id": referral.pk, "service_id": str(soup.pk), "status": "requested"},
        ),
        (CaseEvent.Kind.REFERRAL_UPDATED, {"referral_id": referral.pk, "status": "accepted"}),
        (CaseEvent.Kind.REFERRAL_UPDATED, {"referral_id": referral.pk, "status": "completed"}),
    ]
    page = client_for(worker, "lv").get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Nosūtīts uz pakalpojumu: nosūtīts, gaida atbildi" in page
    assert "Nosūtījums atjaunināts: palīdzība sniegta" in page


def test_a_refused_move_comes_back_with_the_error_at_the_field_and_the_typed_text(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Issue 5 (bad input): declining without a reason, or completing without an outcome,
    re-renders the page with status 400, the error at the field and what was typed kept."""
    from conftest import client_for

    worker = org_a.social_worker
    referral = referral_create(actor=worker, case=case, service=soup, reason="Pusdienas.")
    client = client_for(worker, "en")
    url = reverse("referrals:referral_step", args=[referral.pk])
    refused = client.post(
        url, {"to_status": S.REJECTED, "reason": "", "outcome": "Vietu nav līdz maijam"}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "govuk-error-summary" in page
    assert f'<a href="#reason-{referral.pk}">Say why.</a>' in page
    assert f'id="reason-{referral.pk}-error"' in page
    assert "Vietu nav līdz maijam</textarea>" in page
    assert '<option value="rejected" selected>' in page
    referral.refresh_from_db()
    assert referral.status == S.REQUESTED
    illegal = client.post(url, {"to_status": S.COMPLETED, "reason": "Tā vajag"})
    assert illegal.status_code == 400
    assert 'value="Tā vajag"' in illegal.content.decode()
    assert "cannot become" in illegal.content.decode()
    # The receiving organisation's own page does the same.
    DirectoryOrganisation.objects.filter(pk=soup.organisation_id).update(
        uses_tilts_as=org_b.organisation
    )
    receiver = client_for(org_b.social_worker, "en")
    answered = receiver.post(url, {"to_status": S.ACCEPTED})
    assert answered.status_code == 302
    refused = receiver.post(url, {"to_status": S.COMPLETED, "reason": "Ēda", "outcome": " "})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert f'<a href="#outcome-{referral.pk}">Describe the help given.</a>' in page
    assert 'value="Ēda"' in page
    assert "Incoming referrals" in page


def test_reading_referrals_is_logged(
    org_a: OrganisationWithStaff, case: Case, soup: Service
) -> None:
    """Referral pages show case data (what the client needs): each read is an AccessLog row."""
    from audit.models import AccessLog
    from conftest import client_for

    referral = referral_create(actor=org_a.social_worker, case=case, service=soup, reason="x")
    client_for(org_a.social_worker).get(reverse("referrals:case_referrals", args=[case.pk]))
    assert AccessLog.objects.filter(
        user=org_a.social_worker, case_id=case.pk, object_type="referral", object_id=referral.pk
    ).exists()
