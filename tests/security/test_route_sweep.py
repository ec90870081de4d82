"""Issue 6 security sweep: every URL pattern, users of two organisations in every role.

Each route must be listed in ROUTES with how to build its arguments from the *other*
organisation's objects. A route added without a rule here makes
test_every_route_has_a_rule fail, so no page ships without an access check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Membership, Role, User
from accounts.tests.factories import OrganisationFactory, member
from cases import client_services, services
from cases.models import Case
from cases.tests.factories import consent_for, open_case
from conferences.services import conference_plan
from conftest import OrganisationWithStaff
from directory import needs
from directory.models import Service, ServiceAtLocation
from directory.services import directory_import
from directory.tests.factories import service_doc, uid
from employment import services as employment_services
from employment.tests.factories import employer, profile, vacancy
from referrals.services import referral_create
from tasks.services import task_create

pytestmark = pytest.mark.django_db

SECRET_NAME = "Slepenais"  # the other organisation's client: must never appear


@dataclass
class Theirs:
    """Objects belonging to the other organisation (org_b)."""

    case: Case
    note_id: int
    appointment_id: int
    income_id: int
    team_member_id: int
    organisation_id: int
    invitation_id: int
    membership_id: int
    user_id: int
    consent_id: int
    task_id: int
    conference_id: int
    employer_id: int
    vacancy_id: int
    qualification_id: int
    experience_id: int
    follow_up_id: int
    service_id: str
    directory_organisation_id: str
    referral_id: int


@pytest.fixture
def theirs(org_b: OrganisationWithStaff) -> Theirs:
    case = open_case(org_b.social_worker, org_b.organisation, first_name=SECRET_NAME)
    note = services.note_add(
        actor=org_b.social_worker, case=case, occurred_on=timezone.localdate(),
        contact_type="office", text=f"{SECRET_NAME} piezīme", methods=[],
    )  # fmt: skip
    appointment = services.appointment_plan(
        actor=org_b.social_worker, case=case,
        starts_at=timezone.now() + timedelta(days=2), place="Liepāja",
    )  # fmt: skip
    income = client_services.income_add(
        actor=org_b.social_worker, case=case, kind="wages", amount_eur=None, period="monthly"
    )
    team_member = services.team_member_add(
        actor=org_b.social_worker, case=case, user=org_b.supervisor, role="psychologist"
    )
    invitation, _token = account_services.invitation_create(
        actor=org_b.admin, organisation=org_b.organisation,
        email="jauns@example.lv", role=Role.SOCIAL_WORKER,
    )  # fmt: skip
    return Theirs(
        case=case, note_id=note.pk, appointment_id=appointment.pk, income_id=income.pk,
        team_member_id=team_member.pk, organisation_id=org_b.organisation.pk,
        invitation_id=invitation.pk,
        membership_id=Membership.objects.get(user=org_b.social_worker).pk,
        user_id=org_b.social_worker.pk,
        consent_id=consent_for(case, OrganisationFactory.create()).pk,  # type: ignore[attr-defined]
        task_id=task_create(
            actor=org_b.social_worker, case=case, title=f"{SECRET_NAME} uzdevums",
            owner=org_b.social_worker, due_on=timezone.localdate() + timedelta(days=3),
        ).pk,
        conference_id=conference_plan(
            actor=org_b.social_worker, case=case, starts_at=timezone.now() + timedelta(days=2),
            place="Liepāja", video_link="", participants=[],
        ).pk,
        **_employment(org_b, case),
        service_id=_directory_service(),
        directory_organisation_id=uid("sweep", "org"),
        referral_id=referral_create(
            actor=org_b.social_worker, case=case,
            service=Service.objects.get(pk=uid("sweep", "service")),
            reason=f"{SECRET_NAME} vajag pusdienas",
        ).pk,
    )  # fmt: skip


def _directory_service() -> str:
    """Directory entries are shared reference data, not another organisation's objects."""
    directory_import(actor=None, data=service_doc("sweep", areas=("Saldus novads",)))
    return uid("sweep", "service")


def _their_plan_objects(t: Theirs) -> dict[str, int]:
    """Issue 4: their assessment, agreed plan, agreement and obligation (made once per test)."""
    cached: dict[str, int] | None = getattr(t, "_plans", None)
    if cached is None:
        from assessments.tests.factories import assess
        from plans.tests.factories import agreement_for

        assessment = assess(t.case, t.case.lead_worker)
        agreement = agreement_for(t.case, t.case.lead_worker)
        goal = agreement.plan.goals.get()
        cached = {
            "case_id": t.case.pk, "assessment_id": assessment.pk, "plan_id": agreement.plan_id,
            "goal_id": goal.pk, "step_id": goal.steps.get().pk, "agreement_id": agreement.pk,
            "obligation_id": agreement.obligations.values_list("pk", flat=True)[0],
        }  # fmt: skip
        t._plans = cached  # type: ignore[attr-defined]
    return cached


def _plan_args(*names: str) -> Callable[[Theirs], dict[str, Any]]:
    return lambda t: {"case_id": t.case.pk} | {n: _their_plan_objects(t)[n] for n in names}


def _employment(org_b: OrganisationWithStaff, case: Case) -> dict[str, int]:
    """The other organisation's client fits its own employer's vacancy and works there: the
    shared register's pages must still never name them to org A."""
    worker = org_b.social_worker
    profile(case, "7112 01", years=5)
    firm = employer(worker, "SIA „Cita būve”", "liepaja")
    job = vacancy(worker, firm, "7112 01")
    placement = employment_services.placement_record(
        actor=worker, case=case, vacancy=job, started_on=job.opened_on
    )
    return {
        "employer_id": firm.pk,
        "vacancy_id": job.pk,
        "qualification_id": employment_services.qualification_add(
            actor=worker, case=case, title=f"{SECRET_NAME} diploms", kind="other"
        ).pk,
        "experience_id": employment_services.experience_add(
            actor=worker, case=case, occupation_code="7112 01", years=2
        ).pk,
        "follow_up_id": placement.follow_ups.get(months=1).pk,
    }


Args = Callable[[Theirs], dict[str, Any]]
NO_ARGS: Args = lambda t: {}  # noqa: E731
CASE: Args = lambda t: {"case_id": t.case.pk}  # noqa: E731
EMPLOYER: Args = lambda t: {"organisation_id": t.employer_id}  # noqa: E731
VACANCY: Args = lambda t: {"vacancy_id": t.vacancy_id}  # noqa: E731


@dataclass(frozen=True)
class Rule:
    """public: no sign-in needed. args: kwargs built from the other organisation's objects
    (None = a page of one's own: lists, forms). post: the route changes state. shared: args
    name shared data every case worker may read by design — the employer register, the
    directory — and the page must still never show the other organisation's client.
    api: a JSON route that answers 401 instead of sending to the sign-in page."""

    args: Args | None = None
    post: bool = False
    public: bool = False
    shared: bool = False
    api: bool = False


def _service_at_location(target: Theirs) -> str:
    return str(ServiceAtLocation.objects.filter(service_id=target.service_id).first().pk)  # type: ignore[union-attr]


ROUTES: dict[str, Rule] = {
    "core:home": Rule(),
    "core:set_language": Rule(public=True, post=True),
    "accounts:organisation_list": Rule(),
    "accounts:organisation_detail": Rule(lambda t: {"organisation_id": t.organisation_id}),
    "accounts:invitation_create": Rule(lambda t: {"organisation_id": t.organisation_id}, post=True),
    "accounts:invitation_revoke": Rule(lambda t: {"invitation_id": t.invitation_id}, post=True),
    "accounts:invitation_accept": Rule(public=True, post=True),
    "accounts:membership_set_active": Rule(lambda t: {"membership_id": t.membership_id}, post=True),
    "accounts:user_list": Rule(),
    "accounts:user_detail": Rule(lambda t: {"user_id": t.user_id}),
    "cases:caseload": Rule(),
    "cases:search": Rule(),
    "cases:open": Rule(post=True),
    "cases:calendar": Rule(),
    "cases:detail": Rule(CASE),
    "cases:note_add": Rule(CASE, post=True),
    "cases:appointment_plan": Rule(CASE, post=True),
    "cases:statement_add": Rule(CASE, post=True),
    "cases:status_change": Rule(CASE, post=True),
    "cases:lead_change": Rule(CASE, post=True),
    "cases:note_edit": Rule(lambda t: {"note_id": t.note_id}, post=True),
    "cases:person_edit": Rule(CASE, post=True),
    "cases:documents_edit": Rule(CASE, post=True),
    "cases:income_add": Rule(CASE, post=True),
    "cases:income_remove": Rule(
        lambda t: {"case_id": t.case.pk, "income_id": t.income_id}, post=True
    ),
    "cases:health_edit": Rule(CASE, post=True),
    "cases:team": Rule(CASE, post=True),
    "cases:team_remove": Rule(
        lambda t: {"case_id": t.case.pk, "member_id": t.team_member_id}, post=True
    ),
    "cases:case_access": Rule(CASE, post=True),
    "cases:case_reads": Rule(CASE),
    "cases:oversight": Rule(),
    "consent:consents": Rule(CASE, post=True),
    "consent:consent_withdraw": Rule(
        lambda t: {"case_id": t.case.pk, "consent_id": t.consent_id}, post=True
    ),
    "consent:legal_basis_record": Rule(CASE, post=True),
    "consent:legal_basis_withdraw": Rule(
        lambda t: {"case_id": t.case.pk, "basis_id": 1}, post=True
    ),
    "privacy:data_request": Rule(CASE),
    "privacy:data_export": Rule(CASE),
    "privacy:data_pdf": Rule(CASE),
    "privacy:anonymise": Rule(CASE, post=True),
    "inbox:inbox": Rule(),
    "audit:sign_ins": Rule(),
    "tasks:case_tasks": Rule(CASE, post=True),
    "tasks:task_status": Rule(lambda t: {"task_id": t.task_id}, post=True),
    "conferences:case_conferences": Rule(CASE, post=True),
    "conferences:detail": Rule(lambda t: {"conference_id": t.conference_id}),
    "conferences:record": Rule(lambda t: {"conference_id": t.conference_id}, post=True),
    "conferences:action_add": Rule(lambda t: {"conference_id": t.conference_id}, post=True),
    "conferences:sign_off": Rule(lambda t: {"conference_id": t.conference_id}, post=True),
    "conferences:supervision": Rule(),
    "conferences:record_pdf": Rule(lambda t: {"conference_id": t.conference_id}),
    "assessments:list": Rule(CASE),
    "assessments:new": Rule(CASE, post=True),
    "assessments:detail": Rule(_plan_args("assessment_id")),
    "plans:overview": Rule(CASE),
    "plans:revise": Rule(CASE, post=True),
    "plans:detail": Rule(_plan_args("plan_id")),
    "plans:agree": Rule(_plan_args("plan_id"), post=True),
    "plans:goal_new": Rule(_plan_args("plan_id"), post=True),
    "plans:goal_edit": Rule(_plan_args("plan_id", "goal_id"), post=True),
    "plans:step_new": Rule(_plan_args("plan_id", "goal_id"), post=True),
    "plans:step_status": Rule(_plan_args("step_id"), post=True),
    "plans:review_new": Rule(_plan_args("plan_id"), post=True),
    "plans:plan_pdf": Rule(_plan_args("plan_id")),
    "plans:agreement_new": Rule(_plan_args("plan_id"), post=True),
    "plans:agreement": Rule(_plan_args("agreement_id")),
    "plans:agreement_sign": Rule(_plan_args("agreement_id"), post=True),
    "plans:agreement_pdf": Rule(_plan_args("agreement_id")),
    "plans:obligation_edit": Rule(_plan_args("obligation_id"), post=True),
    "plans:obligation_evidence": Rule(_plan_args("obligation_id")),
    # issue 8: every diagram route is under the case; objects of another case are looked up
    # within the (invisible) case, so any id answers 404.
    "diagrams:overview": Rule(CASE),
    "diagrams:case_pdf": Rule(CASE),
    "diagrams:ecomaps": Rule(CASE, post=True),
    "diagrams:ecomap_compare": Rule(CASE),
    "diagrams:ecomap": Rule(lambda t: {"case_id": t.case.pk, "snapshot_id": 1}, post=True),
    "diagrams:connection_edit": Rule(
        lambda t: {"case_id": t.case.pk, "connection_id": 1}, post=True
    ),
    "diagrams:connection_remove": Rule(
        lambda t: {"case_id": t.case.pk, "connection_id": 1}, post=True
    ),
    "diagrams:genogram": Rule(CASE),
    "diagrams:person_add": Rule(CASE, post=True),
    "diagrams:person_edit": Rule(lambda t: {"case_id": t.case.pk, "person_id": 1}, post=True),
    "diagrams:person_remove": Rule(lambda t: {"case_id": t.case.pk, "person_id": 1}, post=True),
    "diagrams:relation_add": Rule(CASE, post=True),
    "diagrams:relation_remove": Rule(lambda t: {"case_id": t.case.pk, "relation_id": 1}, post=True),
    "diagrams:network": Rule(CASE, post=True),
    "diagrams:member_edit": Rule(lambda t: {"case_id": t.case.pk, "member_id": 1}, post=True),
    "diagrams:member_remove": Rule(lambda t: {"case_id": t.case.pk, "member_id": 1}, post=True),
    "diagrams:culturagram": Rule(CASE, post=True),
    "diagrams:family_maps": Rule(CASE, post=True),
    "diagrams:family_map": Rule(lambda t: {"case_id": t.case.pk, "map_id": 1}),
    "diagrams:family_member_add": Rule(lambda t: {"case_id": t.case.pk, "map_id": 1}, post=True),
    "diagrams:family_member_remove": Rule(
        lambda t: {"case_id": t.case.pk, "map_id": 1, "member_id": 1}, post=True
    ),
    "diagrams:family_subsystem_add": Rule(lambda t: {"case_id": t.case.pk, "map_id": 1}, post=True),
    "diagrams:family_subsystem_remove": Rule(
        lambda t: {"case_id": t.case.pk, "map_id": 1, "subsystem_id": 1}, post=True
    ),
    "diagrams:family_relation_add": Rule(lambda t: {"case_id": t.case.pk, "map_id": 1}, post=True),
    "diagrams:family_relation_remove": Rule(
        lambda t: {"case_id": t.case.pk, "map_id": 1, "relation_id": 1}, post=True
    ),
    "employment:profile": Rule(CASE),
    "employment:profile_edit": Rule(CASE, post=True),
    "employment:qualification_add": Rule(CASE, post=True),
    "employment:qualification_remove": Rule(
        lambda t: {"case_id": t.case.pk, "item_id": t.qualification_id}, post=True
    ),
    "employment:experience_add": Rule(CASE, post=True),
    "employment:experience_remove": Rule(
        lambda t: {"case_id": t.case.pk, "item_id": t.experience_id}, post=True
    ),
    "employment:limitations_edit": Rule(CASE, post=True),
    "employment:matches": Rule(CASE),
    "employment:match_step_add": Rule(
        lambda t: {"case_id": t.case.pk, "vacancy_id": t.vacancy_id}, post=True
    ),
    "employment:placements": Rule(CASE, post=True),
    "employment:follow_up": Rule(lambda t: {"follow_up_id": t.follow_up_id}, post=True),
    "employment:follow_ups": Rule(),
    "employment:employers": Rule(),
    "employment:employer_create": Rule(post=True),
    "employment:employer": Rule(EMPLOYER, shared=True),
    "employment:employer_edit": Rule(EMPLOYER, post=True, shared=True),
    "employment:feedback_add": Rule(EMPLOYER, post=True, shared=True),
    "employment:vacancy_create": Rule(EMPLOYER, post=True, shared=True),
    "employment:vacancies": Rule(),
    "employment:vacancy": Rule(VACANCY, shared=True),
    "employment:vacancy_edit": Rule(VACANCY, post=True, shared=True),
    "employment:vacancy_close": Rule(VACANCY, post=True, shared=True),
    "directory:search": Rule(),
    "referrals:case_referrals": Rule(CASE, post=True),
    "referrals:incoming_referrals": Rule(),
    "referrals:help_in_kind": Rule(CASE, post=True),
    "referrals:help_in_kind_cancel": Rule(
        lambda t: {"case_id": t.case.pk, "item_id": 1}, post=True
    ),
    "referrals:referral_step": Rule(lambda t: {"referral_id": t.referral_id}, post=True),
    "directory:service_detail": Rule(lambda t: {"service_id": t.service_id}, shared=True),
    "directory:api_services": Rule(api=True),
    "directory:api_service": Rule(lambda t: {"service_id": t.service_id}, shared=True, api=True),
    "directory:api_organizations": Rule(api=True),
    "directory:api_organization": Rule(
        lambda t: {"organisation_id": t.directory_organisation_id}, shared=True, api=True
    ),
    "directory:api_taxonomies": Rule(api=True),
    "directory:api_taxonomy_terms": Rule(api=True),
    "directory:api_details": Rule(public=True),
    "directory:api_openapi": Rule(public=True),
    "directory:api_service_at_locations": Rule(api=True),
    "directory:api_service_at_location": Rule(
        lambda t: {"service_at_location_id": _service_at_location(t)}, shared=True, api=True
    ),
    "directory:api_taxonomy": Rule(
        lambda t: {"taxonomy_id": str(needs.TAXONOMY_ID)}, shared=True, api=True
    ),
    "directory:api_taxonomy_term": Rule(
        lambda t: {"taxonomy_term_id": str(needs.need_id("legal-aid"))}, shared=True, api=True
    ),
    "directory:api_not_found": Rule(lambda t: {"rest": "no/such/path"}, api=True),
    "cases:cadence_edit": Rule(lambda t: {"organisation_id": t.organisation_id}, post=True),
    "cases:appointment_record": Rule(lambda t: {"appointment_id": t.appointment_id}, post=True),
    # allauth's second factor: the sign-in stage is public, the rest are the user's own.
    "mfa_authenticate": Rule(public=True, post=True),
    "mfa_index": Rule(),
    "mfa_reauthenticate": Rule(post=True),
    "mfa_activate_totp": Rule(post=True),
    "mfa_deactivate_totp": Rule(post=True),
    "mfa_view_recovery_codes": Rule(),
    "mfa_generate_recovery_codes": Rule(post=True),
    "mfa_download_recovery_codes": Rule(),
    # allauth: sign-in and password reset are public by nature; the rest need a session.
    "account_login": Rule(public=True, post=True),
    "admin_login": Rule(public=True),  # sends to account_login (issue 28, finding 0)
    "account_logout": Rule(public=True, post=True),  # signing out is harmless
    "account_reauthenticate": Rule(post=True),
    "account_change_password": Rule(post=True),
    "account_reset_password": Rule(public=True, post=True),
    "account_reset_password_done": Rule(public=True),
    "account_reset_password_from_key": Rule(public=True, post=True),
    "account_reset_password_from_key_done": Rule(public=True),
}


def _route_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}"


def _app_routes() -> list[str]:
    # Django's admin has its own staff check (tested below), every other route needs a rule.
    return [
        name for name in _route_names(get_resolver().url_patterns) if not name.startswith("admin:")
    ]


def test_every_route_has_a_rule() -> None:
    missing = sorted(set(_app_routes()) - set(ROUTES))
    assert not missing, f"Routes without a rule in the security sweep: {missing}"


def _staff_of(org: OrganisationWithStaff) -> list[User]:
    """Org A's staff in every role a case worker or administrator can hold."""
    extra = [member(org.organisation, role) for role in (Role.PROBATION_OFFICER, Role.NGO_WORKER)]
    return [org.social_worker, org.supervisor, org.admin, *extra]


def _url(name: str, rule: Rule, target: Theirs) -> str:
    return reverse(name, kwargs=rule.args(target)) if rule.args else reverse(name)


def test_signed_out_visitors_are_sent_to_sign_in(theirs: Theirs) -> None:
    client = Client()
    for name, rule in ROUTES.items():
        if rule.public:
            continue
        url = _url(name, rule, theirs)
        for method in ("get", "post") if rule.post else ("get",):
            response = getattr(client, method)(url)
            if rule.api:
                assert response.status_code in (401, 405), (name, method, response.status_code)
                continue
            assert response.status_code in (302, 405), (name, method, response.status_code)
            if response.status_code == 302:
                assert "/account/login/" in response["Location"], (name, method)


def test_another_organisations_objects_are_never_reached(
    org_a: OrganisationWithStaff, theirs: Theirs
) -> None:
    for user in _staff_of(org_a):
        client = Client()
        client.force_login(user)
        for name, rule in ROUTES.items():
            if rule.args is None:
                continue
            url = _url(name, rule, theirs)
            for method in ("get", "post") if rule.post else ("get",):
                response = getattr(client, method)(url)
                allowed = (200, 302, 400, 403, 405) if rule.shared else (403, 404, 405)
                assert response.status_code in allowed, (name, method, user.email)
                assert SECRET_NAME not in response.content.decode(), (name, method)


def test_own_pages_never_show_another_organisations_client(
    org_a: OrganisationWithStaff, theirs: Theirs
) -> None:
    open_case(org_a.social_worker, org_a.organisation, first_name="Mūsējais")
    for user in _staff_of(org_a):
        client = Client()
        client.force_login(user)
        for name, rule in ROUTES.items():
            if (
                (rule.args is not None and not rule.shared)
                or rule.public
                or name == "account_logout"
            ):
                continue
            response = client.get(_url(name, rule, theirs))
            assert response.status_code in (200, 302, 403, 404, 405), (name, user.email)
            assert SECRET_NAME not in response.content.decode(), (name, user.email)
        for query in ("slepenais", theirs.case.number, theirs.case.number[-4:]):
            page = client.post(reverse("cases:search"), {"q": query}).content.decode()
            assert SECRET_NAME not in page  # the query itself is echoed in lower case
            assert f"/cases/{theirs.case.pk}/" not in page


def test_a_system_administrator_sees_no_case_data(system_admin: User, theirs: Theirs) -> None:
    client = Client()
    client.force_login(system_admin)
    for name, rule in ROUTES.items():
        if name.startswith("cases:") and rule.args is not None:
            for method in ("get", "post") if rule.post else ("get",):
                response = getattr(client, method)(_url(name, rule, theirs))
                assert response.status_code in (403, 404, 405), (name, method)
                assert SECRET_NAME not in response.content.decode()


def test_the_admin_site_needs_staff(org_a: OrganisationWithStaff) -> None:
    client = Client()
    client.force_login(org_a.supervisor)
    for name in ("admin:index", "admin:accounts_user_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_state_changing_routes_enforce_csrf(org_b: OrganisationWithStaff, theirs: Theirs) -> None:
    """POST without a CSRF token by the object's own, authorised users is refused."""
    for name, rule in ROUTES.items():
        if not rule.post or name in ("account_reset_password_from_key",):
            continue
        client = Client(enforce_csrf_checks=True)
        client.force_login(org_b.admin if name.startswith("accounts:") else org_b.social_worker)
        kwargs = rule.args(theirs) if rule.args else {}
        if name == "accounts:invitation_accept":
            kwargs = {"token": "x" * 43}
        response = client.post(reverse(name, kwargs=kwargs), {})
        assert response.status_code == 403, name
