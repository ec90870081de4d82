"""Issue 19: the consent canary sweep. Distinct canary texts are planted in a case's withheld
categories (consent/tests/canaries.py: a health note, statement, ecomap node, network member,
goal, step, obligation, referral reason, help-in-kind item, culturagram health belief,
conference minutes and decision, genogram person and family map member, subsystem and note; a
conviction note, goal and the place of imprisonment). Every URL pattern of the route sweep
(tests/security/test_route_sweep.py builds the arguments) is then read by members of other
organisations on the case team with (a) no consent, (b) a consent without health, (c) a
consent without the criminal record, (d) a consent without either and the criminal record on a
recorded legal basis — and by (b) and (c) as receivers of referrals. No
response (PDFs decoded with pypdf) may contain a canary of a category withheld from its reader.
Canary text, not status codes."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from pypdf import PdfReader

from accounts.models import Organisation, Role, User
from accounts.tests.factories import OrganisationFactory, member
from assessments.models import ProblemFinding
from cases import services as case_services
from cases.tests.factories import consent_for
from conferences.models import CaseConference
from consent.models import Category
from consent.services import legal_basis_record
from consent.tests import canaries
from diagrams.models import EcomapConnection, FamilyMap, GenogramPerson, NetworkMember
from directory.models import DirectoryOrganisation
from plans.models import Goal, Obligation
from referrals.models import HelpInKind, Referral
from referrals.services import referral_create
from referrals.tests.factories import soup_kitchen

from .test_route_sweep import (  # noqa: F401 — `theirs`: the fixture
    ROUTES,
    Theirs,
    _their_plan_objects,
    _url,
    theirs,
)

pytestmark = pytest.mark.django_db

# Routes whose GET ends the session or needs what a sweep cannot give.
SKIP = {"account_logout", "account_reset_password_from_key", "accounts:invitation_accept"}


def _planted_ids(target: Theirs) -> dict[str, Callable[[Theirs], dict[str, Any]]]:
    """Routes whose placeholder ids are pointed at the planted items."""
    case = target.case
    connection = EcomapConnection.objects.get(label=canaries.HEALTH["ecomap"][:60])
    member_id = NetworkMember.objects.get(name=canaries.HEALTH["network"]).pk
    item_id = HelpInKind.objects.get(note=canaries.HEALTH["help_in_kind"]).pk
    referral_id = Referral.objects.get(reason=canaries.HEALTH["referral"]).pk
    goal = Goal.objects.get(description=canaries.HEALTH["goal"])
    obligation = Obligation.objects.get(custom_text=canaries.HEALTH["obligation"])
    c = case.pk
    plan = {"case_id": c, "plan_id": goal.plan_id}
    assessment_id = ProblemFinding.objects.get(comment=canaries.HEALTH["assessment"]).assessment_id
    conference = {
        "conference_id": CaseConference.objects.get(
            minutes__contains=canaries.HEALTH["conference_minutes"]
        ).pk
    }
    person_id = GenogramPerson.objects.get(name=canaries.HEALTH["genogram_person"]).pk
    family_map = {
        "case_id": c,
        "map_id": FamilyMap.objects.get(note=canaries.HEALTH["family_map_note"]).pk,
    }
    return {
        "conferences:detail": lambda t: conference,
        "conferences:record_pdf": lambda t: conference,
        "diagrams:person_edit": lambda t: {"case_id": c, "person_id": person_id},
        "diagrams:family_map": lambda t: family_map,
        "diagrams:family_member_add": lambda t: family_map,
        "diagrams:family_subsystem_add": lambda t: family_map,
        "diagrams:family_relation_add": lambda t: family_map,
        "assessments:detail": lambda t: {"case_id": c, "assessment_id": assessment_id},
        "plans:detail": lambda t: plan,
        "plans:plan_pdf": lambda t: plan,
        "plans:goal_edit": lambda t: plan | {"goal_id": goal.pk},
        "plans:step_new": lambda t: plan | {"goal_id": goal.pk},
        "plans:agreement": lambda t: {"case_id": c, "agreement_id": obligation.agreement_id},
        "plans:agreement_pdf": lambda t: {"case_id": c, "agreement_id": obligation.agreement_id},
        "plans:obligation_edit": lambda t: {"case_id": c, "obligation_id": obligation.pk},
        "diagrams:ecomap": lambda t: {"case_id": c, "snapshot_id": connection.snapshot_id},
        "diagrams:connection_edit": lambda t: {"case_id": c, "connection_id": connection.pk},
        "diagrams:connection_remove": lambda t: {"case_id": c, "connection_id": connection.pk},
        "diagrams:member_edit": lambda t: {"case_id": c, "member_id": member_id},
        "diagrams:member_remove": lambda t: {"case_id": c, "member_id": member_id},
        "referrals:help_in_kind_cancel": lambda t: {"case_id": c, "item_id": item_id},
        "referrals:referral_step": lambda t: {"referral_id": referral_id},
    }


def _reader(case: Any, name: str, *categories: str) -> tuple[User, Organisation]:
    organisation = OrganisationFactory.create(name=name)
    user = member(organisation, Role.PROBATION_OFFICER)
    case_services.team_member_add(
        actor=case.lead_worker, case=case, user=user, role="probation_officer"
    )
    if categories:
        consent_for(case, organisation, *categories)
    return user, organisation


def _receives(case: Any, organisation: Organisation, key: str, **marks: Any) -> None:
    """A referral of the case to a service of `organisation`, which uses Tilts."""
    service = soup_kitchen(key, areas=("Saldus novads",))
    DirectoryOrganisation.objects.filter(pk=service.organisation_id).update(
        uses_tilts_as=organisation
    )
    service.refresh_from_db()
    referral_create(actor=case.lead_worker, case=case, service=service, **marks)


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF"):
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


def test_no_response_carries_a_withheld_categorys_canary(theirs: Theirs) -> None:  # noqa: F811
    case = theirs.case
    _their_plan_objects(theirs)  # the sweep's own plan objects first, then the canaries
    canaries.plant(case, case.lead_worker)
    none, _org = _reader(case, "Bez piekrišanas (tests)")
    no_health, org_b = _reader(case, "Bez veselības (tests)", "identity", "case_plan", "conviction")
    no_record, org_c = _reader(case, "Bez sodāmības (tests)", "identity", "case_plan", "health")
    _receives(case, org_b, "canb", reason=canaries.HEALTH["referral"] + " B", concerns_health=True)
    _receives(
        case, org_c, "canc", reason=canaries.CONVICTION["note"] + " C", concerns_conviction=True
    )
    # (d) consent without health or the criminal record, the record on a legal basis.
    by_law, org_d = _reader(case, "Probācija ar likumu (tests)", "identity", "case_plan")
    legal_basis_record(
        actor=member(case.organisation, Role.SUPERVISOR), case=case, organisation=org_d,
        categories=[Category.CONVICTION], citation="Probācijas dienesta likums, 5. pants",
    )  # fmt: skip
    readers = {
        "no consent": (none, {Category.HEALTH, Category.CONVICTION}),
        "legal basis for the criminal record": (by_law, {Category.HEALTH}),
        "no health": (no_health, {Category.HEALTH}),
        "no criminal record": (no_record, {Category.CONVICTION}),
    }
    overrides = _planted_ids(theirs)
    hits: list[tuple[str, str, str]] = []
    swept = 0
    for kind, (user, withheld) in readers.items():
        client = Client()
        client.force_login(user)
        secrets = [
            (category, text)
            for category in withheld
            for text in canaries.CANARIES[category].values()
        ]
        for name, rule in ROUTES.items():
            if name in SKIP:
                continue
            args = overrides.get(name, rule.args)
            try:
                url = (
                    _url(name, rule, theirs)
                    if args is rule.args
                    else reverse(name, kwargs=args(theirs) if args else {})
                )
            except NoReverseMatch:
                continue
            response = client.get(url, follow=True)
            swept += 1
            body = _text(response)
            hits += [(kind, name, text) for _category, text in secrets if text in body]
    assert swept > 4 * 100
    assert not hits, f"Canaries of withheld categories in responses: {hits}"


def test_the_canaries_are_there_for_the_organisation_holding_the_case(
    theirs: Theirs,  # noqa: F811
) -> None:
    """The sweep could pass by showing nothing: the case's own worker sees every canary on
    the pages the sweep reads."""
    case = theirs.case
    _their_plan_objects(theirs)
    canaries.plant(case, case.lead_worker)
    client = Client()
    client.force_login(case.lead_worker)
    overrides = _planted_ids(theirs)
    pages = [
        "cases:detail", "plans:detail", "plans:agreement", "diagrams:ecomap", "diagrams:network",
        "diagrams:culturagram", "referrals:case_referrals", "referrals:help_in_kind",
        "assessments:detail", "tasks:case_tasks", "conferences:detail", "diagrams:genogram",
        "diagrams:family_map",
    ]  # fmt: skip
    seen = ""
    for name in pages:
        args = overrides.get(name, ROUTES[name].args)
        assert args is not None
        response = client.get(reverse(name, kwargs=args(theirs)))
        assert response.status_code == 200, name
        seen += _text(response)
    missing = [
        text for group in canaries.CANARIES.values() for text in group.values() if text not in seen
    ]
    assert not missing
