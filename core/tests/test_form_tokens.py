"""Issue 28, findings 5 and 8: every form that writes carries a one-time submit token, and every
form that edits a record two people may edit carries its version token.

The routes come from the security sweep's list (tests/security/test_route_sweep.py), which
already fails for a route without a rule; here every state-changing route must also say whether
it edits a record (EDITS: then its form must carry a version) or not (NOT_EDITS, with why), so a
new edit form cannot forget its version. Every page of the sweep is then read by the objects'
own worker and every POST form on it must carry a submit token.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import OrganisationWithStaff, client_for
from core.submit_once import SUBMIT_FIELD
from core.tests.html_forms import forms_of
from diagrams import services as diagram_services
from plans import services as plan_services
from tests.security.test_route_sweep import ROUTES, Theirs, _their_plan_objects, theirs

pytestmark = pytest.mark.django_db

__all__ = ["theirs"]  # the sweep's fixture, used here


@dataclass(frozen=True)
class Edit:
    """Where the edit form is shown (a page route and its arguments) and the route it posts
    to; `as_admin`: the organisation's administrator edits it."""

    page: str
    args: Callable[[Theirs], dict[str, Any]]
    action_args: Callable[[Theirs], dict[str, Any]] | None = None
    as_admin: bool = False


def _case(t: Theirs) -> dict[str, Any]:
    return {"case_id": t.case.pk}


def _plan(*names: str) -> Callable[[Theirs], dict[str, Any]]:
    return lambda t: {"case_id": t.case.pk} | {n: _their_plan_objects(t)[n] for n in names}


def _draft(t: Theirs) -> dict[str, Any]:
    """A draft version of their plan (the agree form is shown on drafts only)."""
    draft = getattr(t, "_draft", None)
    if draft is None:
        _their_plan_objects(t)
        draft = plan_services.plan_revise(actor=t.case.lead_worker, case=t.case).pk
        t._draft = draft  # type: ignore[attr-defined]
    return {"case_id": t.case.pk, "plan_id": draft}


def _diagram(kind: str) -> Callable[[Theirs], dict[str, Any]]:
    def build(t: Theirs) -> dict[str, Any]:
        worker = t.case.lead_worker
        if kind == "connection":
            snapshot = diagram_services.ecomap_create(
                actor=worker, case=t.case, drawn_on=t.case.opened_on
            )
            connection = diagram_services.connection_add(
                actor=worker, snapshot=snapshot, kind="work", strength="tenuous"
            )
            return {"case_id": t.case.pk, "connection_id": connection.pk}
        if kind == "person":
            person = diagram_services.person_add(
                actor=worker, case=t.case, name="Māte", sex="female", birth_year=1970
            )
            return {"case_id": t.case.pk, "person_id": person.pk}
        member = diagram_services.member_add(
            actor=worker, case=t.case, name="Kaimiņš", area="neighbours", concrete_support=2,
            emotional_support=1, information_support=1, criticism=1, direction=1, closeness=2,
            frequency=3, years_known=3,
        )  # fmt: skip
        return {"case_id": t.case.pk, "member_id": member.pk}

    return build


EDITS: dict[str, Edit] = {
    "cases:person_edit": Edit("cases:person_edit", _case),
    "cases:documents_edit": Edit("cases:documents_edit", _case),
    "cases:health_edit": Edit("cases:health_edit", _case),
    "cases:note_edit": Edit("cases:note_edit", lambda t: {"note_id": t.note_id}),
    "cases:lead_change": Edit("cases:lead_change", _case),
    "cases:status_change": Edit("cases:detail", _case, _case),
    "cases:appointment_record": Edit(
        "cases:detail", _case, lambda t: {"appointment_id": t.appointment_id}
    ),
    "cases:cadence_edit": Edit(
        "cases:cadence_edit", lambda t: {"organisation_id": t.organisation_id}, as_admin=True
    ),
    "plans:goal_edit": Edit("plans:goal_edit", _plan("plan_id", "goal_id")),
    "plans:step_status": Edit("plans:detail", _plan("plan_id"), _plan("step_id")),
    "plans:agree": Edit("plans:detail", _draft, _draft),
    "plans:obligation_edit": Edit("plans:obligation_edit", _plan("obligation_id")),
    "conferences:record": Edit("conferences:detail", lambda t: {"conference_id": t.conference_id}),
    "diagrams:connection_edit": Edit("diagrams:connection_edit", _diagram("connection")),
    "diagrams:person_edit": Edit("diagrams:person_edit", _diagram("person")),
    "diagrams:member_edit": Edit("diagrams:member_edit", _diagram("member")),
    "diagrams:culturagram": Edit("diagrams:culturagram", _case),
    "employment:profile_edit": Edit("employment:profile", _case, _case),
    "employment:limitations_edit": Edit("employment:profile", _case, _case),
    "employment:employer_edit": Edit(
        "employment:employer_edit", lambda t: {"organisation_id": t.employer_id}
    ),
    "employment:follow_up": Edit(
        "employment:placements", _case, lambda t: {"follow_up_id": t.follow_up_id}
    ),
    "employment:vacancy_edit": Edit(
        "employment:vacancy_edit", lambda t: {"vacancy_id": t.vacancy_id}
    ),
}

# State-changing routes that edit no record two people may edit, and why.
CREATES = "creates a new object (the submit token makes a double click create one)"
ONE_WAY = "a one-way step refused when already taken (removing, withdrawing, signing, closing)"
CREATE_ROUTES = (
    "cases:open",
    "cases:note_add",
    "cases:appointment_plan",
    "cases:statement_add",
    "cases:income_add",
    "cases:team",
    "cases:case_access",
    "consent:consents",
    "consent:legal_basis_record",
    "tasks:case_tasks",
    "conferences:case_conferences",
    "conferences:action_add",
    "assessments:new",
    "plans:revise",
    "plans:goal_new",
    "plans:step_new",
    "plans:review_new",
    "plans:agreement_new",
    "diagrams:ecomaps",
    "diagrams:ecomap",
    "diagrams:person_add",
    "diagrams:relation_add",
    "diagrams:network",
    "diagrams:family_maps",
    "diagrams:family_member_add",
    "diagrams:family_subsystem_add",
    "diagrams:family_relation_add",
    "employment:qualification_add",
    "employment:experience_add",
    "employment:match_step_add",
    "employment:placements",
    "employment:employer_create",
    "employment:feedback_add",
    "employment:vacancy_create",
    "referrals:case_referrals",
    "referrals:help_in_kind",
    "accounts:invitation_create",
)
ONE_WAY_ROUTES = (
    "cases:income_remove",
    "cases:team_remove",
    "consent:consent_withdraw",
    "consent:legal_basis_withdraw",
    "privacy:anonymise",
    "plans:agreement_sign",
    "conferences:sign_off",
    "diagrams:connection_remove",
    "diagrams:person_remove",
    "diagrams:member_remove",
    "diagrams:relation_remove",
    "diagrams:family_member_remove",
    "diagrams:family_subsystem_remove",
    "diagrams:family_relation_remove",
    "employment:qualification_remove",
    "employment:experience_remove",
    "employment:vacancy_close",
    "accounts:invitation_revoke",
    "accounts:membership_set_active",
)
NOT_EDITS: dict[str, str] = {
    **dict.fromkeys(CREATE_ROUTES, CREATES),
    **dict.fromkeys(ONE_WAY_ROUTES, ONE_WAY),
    "tasks:task_status": "a task's status is its owner's: a state machine, not a form edit",
    "referrals:referral_step": "a referral's next step: refused when not allowed from its state",
    "referrals:help_in_kind_cancel": ONE_WAY,
    "cases:search": "reads only (POST keeps names out of URLs)",
    "core:set_language": "the user's own language choice",
}
# Sign-in, second factor and password pages (allauth) are the user's own, not case records.
ACCOUNT_PAGES = ("account_", "mfa_", "accounts:invitation_accept")


def _post_routes() -> set[str]:
    return {
        name for name, rule in ROUTES.items() if rule.post and not name.startswith(ACCOUNT_PAGES)
    }


def test_every_state_changing_route_says_whether_it_edits_a_record() -> None:
    """Issue 28, finding 5: a new POST route must be listed as an edit (its form then has to
    carry a version token, tested below) or as not an edit, with the reason."""
    unclassified = sorted(_post_routes() - set(EDITS) - set(NOT_EDITS))
    assert not unclassified, f"Say whether these routes edit a record: {unclassified}"
    assert not set(EDITS) & set(NOT_EDITS)


def test_every_edit_form_carries_the_records_version(
    org_b: OrganisationWithStaff, theirs: Theirs
) -> None:
    """Issue 28, finding 5: each edit form, as its page shows it, has a non-empty version
    token (and a one-time submit token), so a stale save can be told from a current one."""
    missing = []
    for name, edit in EDITS.items():
        args = edit.args(theirs)
        page_url = reverse(edit.page, kwargs=args)
        action = reverse(name, kwargs=edit.action_args(theirs) if edit.action_args else args)
        user = org_b.admin if edit.as_admin else org_b.social_worker
        response = client_for(user).get(page_url)
        assert response.status_code == 200, (name, response.status_code)
        forms = [
            form
            for form in forms_of(response.content.decode())
            if form.action == action or (not form.action and action == page_url)
        ]
        assert forms, f"{name}: no form posting to {action} on {page_url}"
        for form in forms:
            versions = [n for n in form.data if n.split("-")[-1] == "version" and form.value(n)]
            if not versions or not form.value(SUBMIT_FIELD):
                missing.append(name)
    assert not missing, f"Edit forms without a version or submit token: {missing}"


# Forms that need no one-time token: the header's language switch and sign-out, the search.
EXEMPT_ACTIONS = ("/language/", "/account/logout/", "/cases/search/")


def test_every_form_that_writes_carries_a_one_time_submit_token(
    org_b: OrganisationWithStaff, theirs: Theirs
) -> None:
    """Issue 28, finding 8: every page of the sweep, read by the objects' own worker and
    administrator: every POST form on it (create forms above all) carries a submit token."""
    checked = 0
    without = set()
    for user in (org_b.social_worker, org_b.admin):
        client = client_for(user)
        for name, rule in ROUTES.items():
            if rule.public or rule.api or name.startswith(ACCOUNT_PAGES) or name == "cases:search":
                continue
            kwargs = rule.args(theirs) if rule.args else {}
            response = client.get(reverse(name, kwargs=kwargs))
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            for form in forms_of(response.content.decode()):
                if form.action.startswith(EXEMPT_ACTIONS):
                    continue
                checked += 1
                if not form.value(SUBMIT_FIELD):
                    without.add((name, form.action))
    assert checked > 40  # the forms were found
    assert not without, f"Forms without a submit token: {sorted(without)}"


# What a form needs besides what its page fills in, to be valid.
FILL: dict[str, Callable[[Theirs], dict[str, str]]] = {
    "employment:follow_up": lambda t: {
        "done_on": timezone.localdate().isoformat(),
        "still_employed": "yes",
    },
}


def test_every_edit_refuses_a_save_from_another_version(
    org_b: OrganisationWithStaff, theirs: Theirs
) -> None:
    """Issue 28, finding 5: each edit route checks the token in its service: the form as its
    page shows it, sent with the token of another version, is refused (409 on the form's page,
    or the case/plan page's message after a small inline form), never saved."""
    stale_message = "Kāds cits mainīja šo ierakstu pēc tam, kad jūs to atvērāt"
    saved = []
    for name, edit in EDITS.items():
        args = edit.args(theirs)
        page_url = reverse(edit.page, kwargs=args)
        action = reverse(name, kwargs=edit.action_args(theirs) if edit.action_args else args)
        client = client_for(org_b.admin if edit.as_admin else org_b.social_worker)
        page = client.get(page_url).content.decode()
        form = next(
            f for f in forms_of(page) if f.action == action or (not f.action and action == page_url)
        )
        version = next(n for n in form.data if n.split("-")[-1] == "version")
        data = form.post_data(**{version: "0" * 12}, **FILL.get(name, lambda t: {})(theirs))
        response = client.post(action, data, follow=True)
        refused = response.status_code == 409 or (
            response.redirect_chain and stale_message in response.content.decode()
        )
        if not refused:
            saved.append((name, response.status_code))
    assert not saved, f"Saved (or failed otherwise) despite another version: {saved}"
