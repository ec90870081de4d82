"""Plan and agreement pages: 404 outside the user's view, bad input kept with status 400,
PDFs with the text in the client's language, reminders, constant query counts (C1–C4)."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AccessLog
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from plans import services
from plans.defaults import NINE_OBLIGATIONS
from plans.models import Obligation, PlanStatus
from plans.selectors import reminders_for
from plans.tasks import send_reminder_digest
from plans.tests.factories import agreed_plan, agreement_for

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_plan_and_agreement_pages_of_another_organisation_are_not_found(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation, first_name="Olegs")
    agreement = agreement_for(case, org_a.social_worker)
    obligation = agreement.obligations.first()
    assert obligation is not None
    client = client_for(org_b.social_worker)
    for url in [
        reverse("plans:overview", args=[case.pk]),
        reverse("plans:detail", args=[case.pk, agreement.plan_id]),
        reverse("plans:plan_pdf", args=[case.pk, agreement.plan_id]),
        reverse("plans:agreement", args=[case.pk, agreement.pk]),
        reverse("plans:agreement_pdf", args=[case.pk, agreement.pk]),
        reverse("plans:obligation_edit", args=[case.pk, obligation.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Olegs" not in response.content.decode()
    response = client.post(
        reverse("plans:agreement_sign", args=[case.pk, agreement.pk]),
        {"signed_on": timezone.localdate().isoformat(), "method": "paper"},
    )
    assert response.status_code == 404


def test_goal_without_outcome_is_refused_and_the_input_kept(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    plan = services.plan_revise(actor=org_a.social_worker, case=case)
    response = client_for(org_a.social_worker).post(
        reverse("plans:goal_new", args=[case.pk, plan.pk]),
        {
            "description": "Pastāvīga dzīvesvieta",
            "need": "shelter",
            "target_date": (timezone.localdate() - timedelta(days=3)).isoformat(),
            "status": "active",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert "Uzrakstiet izmērāmu rezultātu" in page
    assert "Termiņš nevar būt agrāks par plāna sākšanas datumu" in page
    assert 'value="Pastāvīga dzīvesvieta"' in page
    assert not plan.goals.exists()


def test_agreeing_a_plan_with_a_goal_without_target_date_is_refused(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    plan = services.plan_revise(actor=org_a.social_worker, case=case)
    services.goal_add(
        actor=org_a.social_worker,
        plan=plan,
        data=services.GoalInput(description="Darbs", need="paid_work", outcome="Reģistrēts NVA"),
    )
    response = client_for(org_a.social_worker).post(
        reverse("plans:agree", args=[case.pk, plan.pk]),
        {"agreed_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "termiņu" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_posting_a_goal_to_an_agreed_plan_is_refused(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    plan = agreed_plan(case, org_a.social_worker)
    response = client_for(org_a.social_worker).post(
        reverse("plans:goal_new", args=[case.pk, plan.pk]),
        {"description": "Jauns", "need": "food", "outcome": "Paēdis", "status": "active"},
    )
    assert response.status_code == 400
    assert "vairs nevar mainīt" in response.content.decode()
    assert plan.goals.count() == 1


def test_not_fulfilled_without_reason_is_refused_and_kept(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    obligation = agreement_for(case, org_a.social_worker).obligations.first()
    assert obligation is not None
    response = client_for(org_a.social_worker).post(
        reverse("plans:obligation_edit", args=[case.pk, obligation.pk]),
        {
            "status": "not_fulfilled",
            "due_on": obligation.due_on.isoformat(),
            "responsible": "Jānis un māte",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Uzrakstiet iemeslu." in page
    assert 'value="Jānis un māte"' in page
    assert Obligation.objects.get(pk=obligation.pk).status == "pending"


def test_signing_twice_is_refused(org_a: OrganisationWithStaff) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    client = client_for(org_a.social_worker)
    url = reverse("plans:agreement_sign", args=[case.pk, agreement.pk])
    data = {"signed_on": timezone.localdate().isoformat(), "method": "paper"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "method": "in_person"})
    assert again.status_code == 400
    assert "jau tika parakstīts" in again.content.decode()


def test_agreement_pdf_has_the_nine_obligations_in_the_clients_language(
    org_a: OrganisationWithStaff,
) -> None:
    """C4: printed for signing, with signature lines; Latvian and Cyrillic text survive."""
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    client = client_for(org_a.social_worker, language="en")
    response = client.get(reverse("plans:agreement_pdf", args=[case.pk, agreement.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Līdzdarbības līgums" in text
    for item in NINE_OBLIGATIONS:
        assert " ".join(item["lv"].split()[:4]) in text
    assert "Paraksts" in text
    assert "Jānis Bērziņš" in text
    assert "150.00 EUR" in text
    assert AccessLog.objects.filter(object_type="agreement", object_id=agreement.pk).exists()

    russian = open_case(
        org_a.social_worker, org_a.organisation, first_name="Олег", last_name="Смирнов",
        preferred_language="ru",
    )  # fmt: skip
    agreement = agreement_for(russian, org_a.social_worker)
    response = client.get(reverse("plans:agreement_pdf", args=[russian.pk, agreement.pk]))
    text = " ".join(pdf_text(response.content).split())
    assert "Договор об участии" in text
    assert "Посетить нарколога" in text
    plan_pdf = client.get(reverse("plans:plan_pdf", args=[russian.pk, agreement.plan_id]))
    assert "План сотрудничества" in pdf_text(plan_pdf.content)


def test_plan_and_agreement_pages_have_constant_query_counts(
    org_a: OrganisationWithStaff,
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    plan = agreement.plan
    client = client_for(org_a.social_worker)
    plan_url = reverse("plans:detail", args=[case.pk, plan.pk])
    agreement_url = reverse("plans:agreement", args=[case.pk, agreement.pk])
    client.get(plan_url)
    with CaptureQueriesContext(connection) as plan_before:
        assert client.get(plan_url).status_code == 200
    with CaptureQueriesContext(connection) as agreement_before:
        assert client.get(agreement_url).status_code == 200
    goal = plan.goals.get()
    for n in range(3):
        goal.steps.create(description=f"Solis {n}", actor="worker")
    agreement.obligations.create(due_on=timezone.localdate(), responsible="X", custom_text="Y")
    with CaptureQueriesContext(connection) as plan_after:
        client.get(plan_url)
    with CaptureQueriesContext(connection) as agreement_after:
        client.get(agreement_url)
    assert len(plan_after) == len(plan_before)
    assert len(agreement_after) == len(agreement_before)


def test_reminders_are_soonest_first_obligations_before_plan_actions_on_a_day(
    org_a: OrganisationWithStaff,
) -> None:
    """Issue 10 (reminders read as values): obligations and plan actions soonest first, an
    obligation before a plan action due the same day, at most `limit` of them, each with its
    case's id, number and client's name."""
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    today = timezone.localdate()
    agreement.obligations.update(due_on=today + timedelta(days=30))  # beyond the 7 days
    later, overdue = agreement.obligations.order_by("pk")[:2]
    yesterday = today - timedelta(days=1)
    for obligation, due_on in ((later, today + timedelta(days=3)), (overdue, yesterday)):
        obligation.due_on = due_on
        obligation.save()
    reminders = reminders_for(org_a.social_worker)
    assert [(r.kind, r.due_on, r.overdue) for r in reminders] == [
        ("obligation", yesterday, True),
        ("obligation", today + timedelta(days=3), False),
        ("step", today + timedelta(days=3), False),  # the plan action of agreed_plan
    ]
    assert reminders[1].text == later.text_in("lv")
    assert reminders[2].text == "Iesniegt iesniegumu dzīvokļu rindai"
    assert {(r.case_id, r.case_number, r.client_name) for r in reminders} == {
        (case.pk, case.number, "Jānis Bērziņš")
    }
    assert [r.kind for r in reminders_for(org_a.social_worker, limit=2)] == ["obligation"] * 2


def test_reminders_on_the_caseload_and_in_the_daily_digest(
    org_a: OrganisationWithStaff,
) -> None:
    """Obligations and plan actions due within 7 days or overdue: on the worker's caseload
    (query count independent of how many) and in the e-mail digest (case numbers, no names)."""
    case = open_case(org_a.social_worker, org_a.organisation)
    agreement = agreement_for(case, org_a.social_worker)
    first = agreement.obligations.first()
    assert first is not None
    first.due_on = timezone.localdate() - timedelta(days=2)
    first.save()
    client = client_for(org_a.social_worker)
    url = reverse("cases:caseload")
    page = client.get(url).content.decode()
    assert 'id="reminders"' in page
    assert "nokavēts" in page
    assert "Reģistrēties Nodarbinātības valsts aģentūrā" in page
    assert "Iesniegt iesniegumu dzīvokļu rindai" in page  # plan action due in 3 days
    other = open_case(org_a.social_worker, org_a.organisation, first_name="Andris")
    agreement_for(other, org_a.social_worker).obligations.update(
        due_on=timezone.localdate() + timedelta(days=1)
    )
    with CaptureQueriesContext(connection) as queries:
        reminders = reminders_for(org_a.social_worker)
    assert len(queries) == 2  # obligations and plan actions, whatever the number of cases
    assert {r.case_id for r in reminders} == {case.pk, other.pk}
    # The caseload gives the cases it read (my_cases_read): the same reminders.
    from cases.selectors import my_cases_read

    mine = my_cases_read(org_a.social_worker)
    assert reminders_for(org_a.social_worker, mine=mine) == reminders
    # Read as values, an obligation's text is still its template item's in the language.
    from django.utils import translation

    with translation.override("ru"):
        texts = {r.text for r in reminders_for(org_a.social_worker) if r.kind == "obligation"}
    assert texts == {o.text_in("ru") for o in other.agreements.get().obligations.all()} | {
        first.text_in("ru")
    }
    assert texts.isdisjoint(r.text for r in reminders)  # not the Latvian ones

    result = send_reminder_digest.enqueue()
    assert result.return_value == 1
    message = mail.outbox[-1]
    assert message.to == [org_a.social_worker.email]
    assert case.number in message.body
    assert "Bērziņš" not in message.body
