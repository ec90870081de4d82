"""Health and criminal-record details do not leak sideways through other categories (issue 19,
finding b; issue 28, finding 6): an officer of another organisation on the case team, whose
consent shares identity, the plan, notes and meetings and the criminal record but not health,
sees no narcologist in the ecomap, help in kind or the client's words, and no "health beliefs"
on the culturagram or in the case file PDF; a placeholder says something was left out."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Role, User
from accounts.tests.factories import OrganisationFactory, member
from cases import services as case_services
from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from consent.models import Category, Consent
from diagrams import services as diagram_services
from referrals.services import help_in_kind_record

pytestmark = pytest.mark.django_db

NODE = "Narkologs"
STATEMENT = "Piekrītu aiziet pie narkologa katru nedēļu"
HELP_NOTE = "Uz Liepāju pie ārsta un atpakaļ."
BELIEFS = "Uzskata, ka ārstēties vajag tikai ar zālītēm no tirgus"
NOT_SHARED = "Not shared with your organisation"


@pytest.fixture
def case(org_a: OrganisationWithStaff) -> Case:
    return open_case(org_a.social_worker, org_a.organisation, first_name="Andris")


@pytest.fixture
def officer(case: Case, org_a: OrganisationWithStaff) -> User:
    """A probation officer of another organisation on the team; the consent leaves out health."""
    probation = OrganisationFactory.create(name="Valsts probācijas dienests (tests)")
    user = member(probation, Role.PROBATION_OFFICER)
    case_services.team_member_add(
        actor=org_a.social_worker, case=case, user=user, role="probation_officer"
    )
    consent_for(case, probation, "identity", "case_plan", "conviction")
    return user


def _health_everywhere(case: Case, worker: User) -> None:
    today = timezone.localdate()
    snapshot = diagram_services.ecomap_create(actor=worker, case=case, drawn_on=today)
    diagram_services.connection_add(actor=worker, snapshot=snapshot, kind="other", label=NODE)
    diagram_services.connection_add(actor=worker, snapshot=snapshot, kind="work", label="Darbs")
    case_services.statement_record(actor=worker, case=case, kind="decision", text=STATEMENT)
    help_in_kind_record(
        actor=worker, case=case, kind="transport_ticket", given_on=today, quantity=2,
        provider_name="Saldus sociālais dienests", note=HELP_NOTE,
    )  # fmt: skip
    diagram_services.culturagram_save(
        actor=worker, case=case, health_beliefs=BELIEFS, language="latviešu un krievu"
    )


def _page(user: User, url: str) -> str:
    response = client_for(user, "en").get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _pdf_text(user: User, url: str) -> str:
    response = client_for(user, "en").get(url)
    assert response.status_code == 200
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_health_words_and_kinds_are_recognised() -> None:
    from consent.disclosure import text_concerns

    for text in (NODE, STATEMENT, HELP_NOTE, "Нужен нарколог", "family doctor", "Rehabilitācija"):
        assert text_concerns(Category.HEALTH, text), text
    for text in ("Karstas pusdienas", "Darbs būvniecībā", "independent living"):
        assert not text_concerns(Category.HEALTH, text), text


def test_health_does_not_leak_through_the_ecomap_help_in_kind_and_statements(
    org_a: OrganisationWithStaff, case: Case, officer: User
) -> None:
    """Finding (b): the ecomap node "Narkologs", the help-in-kind list and the client's
    statement "Piekrītu aiziet pie narkologa…" reach the officer without health consent."""
    _health_everywhere(case, org_a.social_worker)
    snapshot = case.ecomaps.get()
    pages = {
        "case": _page(officer, reverse("cases:detail", args=[case.pk])),
        "ecomap": _page(officer, reverse("diagrams:ecomap", args=[case.pk, snapshot.pk])),
        "ecomaps": _page(officer, reverse("diagrams:ecomaps", args=[case.pk])),
        "help": _page(officer, reverse("referrals:help_in_kind", args=[case.pk])),
    }
    for name, page in pages.items():
        for secret in (NODE, STATEMENT, HELP_NOTE):
            assert secret not in page, (name, secret)
    assert "Darbs" in pages["ecomap"]  # the rest of the ecomap is shown
    assert "1 item not shared with your organisation" in pages["ecomap"]
    assert "1 item not shared with your organisation" in pages["case"]  # the statement
    assert "1 item not shared with your organisation" in pages["help"]
    # The organisation holding the case sees everything.
    own = _page(org_a.social_worker, reverse("cases:detail", args=[case.pk]))
    assert STATEMENT in own
    assert NODE in _page(
        org_a.social_worker, reverse("diagrams:ecomap", args=[case.pk, snapshot.pk])
    )


def test_the_culturagrams_health_beliefs_are_health(
    org_a: OrganisationWithStaff, case: Case, officer: User
) -> None:
    """Issue 28, finding 6: "health beliefs" on the culturagram page and in the case PDF."""
    _health_everywhere(case, org_a.social_worker)
    page = _page(officer, reverse("diagrams:culturagram", args=[case.pk]))
    assert BELIEFS not in page
    assert NOT_SHARED in page
    assert "latviešu un krievu" in page
    text = _pdf_text(officer, reverse("diagrams:case_pdf", args=[case.pk]))
    assert "ārstēties" not in text
    assert "latviešu" in text
    assert BELIEFS in _page(org_a.social_worker, reverse("diagrams:culturagram", args=[case.pk]))


def test_saving_the_culturagram_keeps_the_health_area_the_reader_does_not_see(
    org_a: OrganisationWithStaff, case: Case, officer: User
) -> None:
    _health_everywhere(case, org_a.social_worker)
    response = client_for(officer, "en").post(
        reverse("diagrams:culturagram", args=[case.pk]), {"language": "latviešu"}
    )
    assert response.status_code == 302
    case.culturagram.refresh_from_db()
    assert case.culturagram.health_beliefs == BELIEFS
    assert case.culturagram.language == "latviešu"


def test_items_marked_by_the_worker_are_withheld_by_category(
    org_a: OrganisationWithStaff, case: Case, officer: User
) -> None:
    """Issue 19: the worker's "concerns health" / "criminal record" boxes; the same for the
    conviction category: a reader whose consent leaves out the criminal record."""
    from consent.disclosure import withheld_categories

    worker = org_a.social_worker
    today = timezone.localdate()
    health_note = "Sarunāja vizīti pie speciālista otrdien"
    conviction_note = "Izziņa par iepriekšējo lietu saņemta"
    for text, health in ((health_note, True), (conviction_note, False)):
        client_for(worker).post(
            reverse("cases:note_add", args=[case.pk]),
            {"occurred_on": today.isoformat(), "contact_type": "office", "text": text,
             "confidentiality": "normal",
             "concerns_health" if health else "concerns_conviction": "on"},
        )  # fmt: skip
    assert case.notes.filter(concerns_health=True).count() == 1
    assert case.notes.filter(concerns_conviction=True).count() == 1
    url = reverse("cases:detail", args=[case.pk])
    page = _page(officer, url)
    assert health_note not in page
    assert conviction_note in page  # this consent shares the criminal record
    other = OrganisationFactory.create(name="NVO Atbalsts (tests)")
    mentor = member(other, Role.NGO_WORKER)
    case_services.team_member_add(actor=worker, case=case, user=mentor, role="ngo_worker")
    consent_for(case, other, "identity", "case_plan", "health")
    page = _page(mentor, url)
    assert health_note in page
    assert conviction_note not in page
    assert withheld_categories(mentor, case) == {Category.CONVICTION}


def test_the_cached_case_page_follows_a_change_of_consent(
    org_a: OrganisationWithStaff, case: Case, officer: User
) -> None:
    """The case page is cached per reader: the key covers the categories withheld from them."""
    _health_everywhere(case, org_a.social_worker)
    url = reverse("cases:detail", args=[case.pk])
    assert STATEMENT not in _page(officer, url)
    consent_for(case, Consent.objects.get(client=case.client).organisation)  # every category
    assert STATEMENT in _page(officer, url)
    Consent.objects.filter(client=case.client, shares_health=True).update(
        withdrawn_at=timezone.now() - timedelta(seconds=1)
    )
    assert STATEMENT not in _page(officer, url)


def test_the_consent_form_explains_what_the_other_organisation_will_see(
    org_a: OrganisationWithStaff, case: Case
) -> None:
    """Issue 19: the consent form tells the worker, in lv/ru/en, what each category shows."""
    for language, heading, withheld in (
        ("en", "What the other organisation will see", "Not shared with your organisation"),
        ("lv", "Ko redzēs otra organizācija", "Nav kopīgots ar jūsu organizāciju"),
        ("ru", "Что увидит другая организация", "Не передано вашей организации"),
    ):
        page = _page_in(org_a.social_worker, reverse("consent:consents", args=[case.pk]), language)
        assert heading in page, language
        assert withheld in page, language


def _page_in(user: User, url: str, language: str) -> str:
    response = client_for(user, language).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_assessment_with_health_answers_is_read_without_them_and_not_redone(
    org_a: OrganisationWithStaff, case: Case, officer: User
) -> None:
    """Issue 19 (the assessment's health need): the health problem and dependencies are left
    out for the officer, who may read the assessment but not start a re-assessment from it."""
    from assessments import services as assessment_services
    from assessments.models import Need, Problem

    assessment = assessment_services.assessment_record(
        actor=org_a.social_worker, case=case, assessed_on=timezone.localdate(),
        needs={need: assessment_services.NeedInput(level=0) for need in Need.values},
        problems={Problem.DEPENDENCY: "Alkohols, ārstējas Liepājā"},
        strengths="Strādīgs", resources="Māte",
    )  # fmt: skip
    page = _page(officer, reverse("assessments:detail", args=[case.pk, assessment.pk]))
    assert "Alkohols, ārstējas" not in page
    # the dependency problem and the score of "care and rehabilitation"
    assert "2 items not shared with your organisation" in page
    assert "Strādīgs" in page
    new = client_for(officer).get(reverse("assessments:new", args=[case.pk]))
    assert new.status_code == 403
    own = _page(org_a.social_worker, reverse("assessments:detail", args=[case.pk, assessment.pk]))
    assert "Alkohols, ārstējas" in own
