"""The case page served from the cache (cases/case_page.py, core/fragments.py; issue 10): never
to another reader, never after a change, never past what the clock changes, always logged,
and with forms that work."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import member
from audit.models import AccessLog
from cases import page_stamps, services
from cases.models import Appointment, Case, CaseNote, TeamRole
from cases.tests.factories import consent_for, open_case
from conftest import OrganisationWithStaff, client_for
from consent.models import Category, Consent
from consent.services import consent_withdraw
from people.models import Client as Person

pytestmark = pytest.mark.django_db


def _page(client: Client, case: Case) -> str:
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _queries(client: Client, case: Case) -> int:
    with CaptureQueriesContext(connection) as captured:
        _page(client, case)
    return len(captured.captured_queries)


def _note(case: Case, author: User, text: str, confidentiality: str = "normal") -> CaseNote:
    return services.note_add(
        actor=author, case=case, occurred_on=timezone.localdate(), contact_type="office",
        text=text, methods=[], confidentiality=confidentiality,
    )  # fmt: skip


def _without_tokens(html: str) -> str:
    """The page without what differs on every request: CSRF tokens, one-time submit tokens
    (issue 28, finding 8) and CSP nonces."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'name="submit_token" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def test_the_second_reading_comes_from_the_cache_and_is_logged_alike(
    org_a: OrganisationWithStaff,
) -> None:
    worker = org_a.social_worker
    case = open_case(worker, org_a.organisation)
    note = _note(case, worker, "Runājām par darbu kokapstrādē.")
    client = client_for(worker)
    rendered = _queries(client, case)
    first = _page(client, case)
    served = _queries(client, case)
    assert served < rendered
    assert _without_tokens(_page(client, case)) == _without_tokens(first)
    assert "Runājām par darbu kokapstrādē." in first
    logged = list(
        AccessLog.objects.filter(user=worker, case_id=case.pk).values_list(
            "object_type", "object_id"
        )
    )
    # Four readings, each logging the case and the note it shows.
    assert logged.count(("case", case.pk)) == 4
    assert logged.count(("note", note.pk)) == 4


def test_another_reader_never_gets_what_was_cached_for_the_first(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    _note(case, lead, "Tikai komandai: ārstēšanās plāns.", confidentiality="team")
    _note(case, lead, "Tikai man: pārdomas.", confidentiality="author")
    assert "Tikai man: pārdomas." in _page(client_for(lead), case)
    # A supervisor of the same organisation: not the author's own note, and the supervisor's
    # data-subject request link.
    supervisor_page = _page(client_for(org_a.supervisor), case)
    assert "Tikai man: pārdomas." not in supervisor_page
    assert reverse("privacy:data_request", args=[case.pk]) in supervisor_page
    # A team member from another organisation with consent for identity only: no notes at all.
    outsider = org_b.social_worker
    services.team_member_add(actor=lead, case=case, user=outsider, role=TeamRole.NGO_WORKER)
    consent_for(case, org_b.organisation, Category.IDENTITY)
    outsider_page = _page(client_for(outsider), case)
    assert "ārstēšanās plāns" not in outsider_page
    assert "Tikai man" not in outsider_page


def test_a_colleague_s_note_shows_at_once(org_a: OrganisationWithStaff) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    supervisor = client_for(org_a.supervisor)
    assert "Dokumenti iesniegti." not in _page(supervisor, case)
    _note(case, lead, "Dokumenti iesniegti.")
    assert "Dokumenti iesniegti." in _page(supervisor, case)


def test_a_change_by_another_way_of_writing_shows_at_once(org_a: OrganisationWithStaff) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    client = client_for(lead)
    assert "Kociņš" not in _page(client, case)
    Person.objects.filter(pk=case.client_id).update(last_name="Kociņš")  # no save(), no signal
    assert "Kociņš" in _page(client, case)
    User.objects.filter(pk=lead.pk).update(first_name="Elīza")  # a name every page may show
    assert "Elīza" in _page(client, case)


def test_withdrawn_consent_takes_the_plan_away_at_once(
    org_a: OrganisationWithStaff, org_b: OrganisationWithStaff
) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    _note(case, lead, "Plāns: darba meklēšana.")
    outsider = org_b.social_worker
    services.team_member_add(actor=lead, case=case, user=outsider, role=TeamRole.NGO_WORKER)
    consent_for(case, org_b.organisation)
    client = client_for(outsider)
    assert "Plāns: darba meklēšana." in _page(client, case)
    assert "Plāns: darba meklēšana." in _page(client, case)  # now from the cache
    consent = Consent.objects.get(client=case.client, organisation=org_b.organisation)
    consent_withdraw(actor=lead, case=case, consent=consent)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert "Plāns: darba meklēšana." not in response.content.decode()


def test_an_erased_person_is_not_served_from_the_cache(org_a: OrganisationWithStaff) -> None:
    from privacy.services import client_anonymise

    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    _note(case, lead, "Ģimenes konflikts ar brāli.")
    services.case_set_status(
        actor=lead, case=case, status="closed", closure_reason="goals_achieved"
    )
    supervisor = client_for(org_a.supervisor)
    assert "Ģimenes konflikts ar brāli." in _page(supervisor, case)
    client_anonymise(actor=org_a.supervisor, client=case.client, ground="retention")
    page = _page(supervisor, case)
    assert "Ģimenes konflikts ar brāli." not in page
    assert "Bērziņš" not in page


def test_forms_on_a_cached_page_carry_the_browser_s_own_token(
    org_a: OrganisationWithStaff,
) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(lead)
    _page(browser, case)
    served = _page(browser, case)  # from the cache
    token = _form_token(served, reverse("cases:statement_add", args=[case.pk]))
    posted = browser.post(
        reverse("cases:statement_add", args=[case.pk]),
        {"kind": "wish", "text": "Gribu strādāt par pavāru.", "csrfmiddlewaretoken": token},
    )
    assert posted.status_code == 302
    assert "Gribu strādāt par pavāru." in _page(browser, case)


def _form_token(html: str, action: str) -> str:
    """The CSRF token in the form posting to `action` (in the cached part of the page)."""
    form = re.search(rf'action="{re.escape(action)}".*?</form>', html, re.S)
    assert form is not None
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0))
    assert token is not None
    return token.group(1)


def test_a_meeting_whose_time_passes_asks_for_its_outcome(org_a: OrganisationWithStaff) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    services.appointment_plan(
        actor=lead, case=case, starts_at=timezone.now() + timedelta(days=1), place="Birojs"
    )
    Appointment.objects.filter(case=case).update(starts_at=timezone.now() + timedelta(seconds=2))
    client = client_for(lead, "en")
    assert "outcome missing" not in _page(client, case)
    assert "outcome missing" not in _page(client, case)  # from the cache
    time.sleep(2.2)
    assert "outcome missing" in _page(client, case)


def test_each_language_is_its_own_entry(org_a: OrganisationWithStaff) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    assert "Add a note" in _page(client_for(lead, "en"), case)
    assert "Pievienot piezīmi" in _page(client_for(lead, "lv"), case)


@override_settings(TILTS_FRAGMENT_CACHE_SECONDS=0)
def test_with_no_cache_time_every_reading_renders(org_a: OrganisationWithStaff) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    client = client_for(lead)
    _page(client, case)
    assert _queries(client, case) == _queries(client, case)
    assert _queries(client, case) > 8


# Read to decide who may see what, on every request: not content, so not stamped.
AUTHORISATION_TABLES = {
    "django_session", "accounts_user", "accounts_membership", "accounts_organisation",
    "consent_consent", "consent_legalbasis", "cases_caseaccessgrant", "cases_teammember",
    "cases_pagestamp", "audit_accesslog", "mfa_authenticator",
}  # fmt: skip


def test_every_table_the_case_page_reads_is_stamped() -> None:
    """A panel or field added to the case page reading a table nobody declared in
    cases/page_stamps.py would be served stale: each reader kind on the demo's richest case."""
    call_command("seed_demo", verbosity=0)
    case = max(Case.objects.all(), key=lambda c: c.notes.count() + c.events.count())
    readers = [
        case.lead_worker,
        User.objects.filter(memberships__role=Role.SUPERVISOR).first(),
        *User.objects.filter(case_teams__case=case),
    ]
    declared = set(page_stamps.watched_tables())
    for reader in readers:
        assert reader is not None
        client = client_for(reader)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("cases:detail", args=[case.pk]))
        if response.status_code != 200:
            continue
        read = {
            table
            for query in captured.captured_queries
            for table in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"])
        }
        assert read - declared - AUTHORISATION_TABLES == set(), reader


def test_a_new_colleague_in_the_organisation_gets_a_page_of_their_own(
    org_a: OrganisationWithStaff,
) -> None:
    lead = org_a.social_worker
    case = open_case(lead, org_a.organisation)
    _note(case, lead, "Tikai man: atgādinājums.", confidentiality="author")
    assert "Tikai man: atgādinājums." in _page(client_for(lead), case)
    newcomer = member(org_a.organisation, Role.SUPERVISOR)
    assert "Tikai man: atgādinājums." not in _page(client_for(newcomer), case)
