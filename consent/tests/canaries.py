"""Distinct canary texts planted in a case's withheld categories (issue 19). A reader of another
organisation whose consent does not share the category must never receive one in any
response: tests/security/test_consent_canary.py and consent/tests/test_disclosure.py."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases import services as case_services
from cases.models import Case
from consent.models import Category

# Each canary: a text no page shows by itself, named by where it was planted.
HEALTH = {
    "note": "KANARIJA-veseliba-piezime-7f3a",
    "statement": "KANARIJA-veseliba-vardi-2b9c",
    "ecomap": "KANARIJA-veseliba-mezgls",
    "network": "KANARIJA-veseliba-tikls",
    "goal": "KANARIJA-veseliba-merkis-51d0",
    "step": "KANARIJA-veseliba-solis-9e2e",
    "obligation": "KANARIJA-veseliba-pienakums-c4aa",
    "referral": "KANARIJA-veseliba-nosutijums-0d17",
    "help_in_kind": "KANARIJA-veseliba-palidziba-66b1",
    "culturagram": "KANARIJA-veseliba-uzskati-a3f8",
    "assessment": "KANARIJA-veseliba-atkariba-8b21",
    # No box on tasks: their words decide (a narcologist).
    "task": "KANARIJA-uzdevums-5e0c pierakstīt pie narkologa",
    # Conference minutes and decisions, genogram and family map labels: no boxes, their words
    # decide (a narcologist, a doctor, treatment, health).
    "conference_minutes": "KANARIJA-protokols-3c1e: klients sāks ārstēšanu pie narkologa",
    "conference_decision": "KANARIJA-lemums-8d42: pierakstīt pie ģimenes ārsta",
    "genogram_person": "Ārsts KANARIJA-gen-4b7e",
    "family_member": "Narkologs KANARIJA-fm-91c2",
    "family_subsystem": "KANARIJA-apaksist-5a0d veselības aprūpe",
    "family_map_note": "KANARIJA-karte-2e6f: mātes ārstēšana",
}
CONVICTION = {
    "note": "KANARIJA-sodamiba-piezime-e812",
    "record": "KANARIJA-sodamiba-vieta-4c3d",
    "goal": "KANARIJA-sodamiba-merkis-77aa",
}
CANARIES: dict[str, dict[str, str]] = {Category.HEALTH: HEALTH, Category.CONVICTION: CONVICTION}


def plant(case: Case, worker: User) -> None:
    """Every kind of item, marked as the worker would mark it, each with its canary."""
    from diagrams import services as diagram_services
    from plans import services as plan_services
    from plans.models import Obligation
    from plans.tests.factories import agreement_for
    from referrals.services import help_in_kind_record, referral_create
    from referrals.tests.factories import soup_kitchen

    today = timezone.localdate()
    for category, text in (
        (Category.HEALTH, HEALTH["note"]),
        (Category.CONVICTION, CONVICTION["note"]),
    ):
        case_services.note_add(
            actor=worker, case=case, occurred_on=today, contact_type="office", text=text,
            methods=[], concerns_health=category == Category.HEALTH,
            concerns_conviction=category == Category.CONVICTION,
        )  # fmt: skip
    case_services.statement_record(
        actor=worker, case=case, kind="decision", text=HEALTH["statement"], concerns_health=True
    )
    type(case.client).objects.filter(pk=case.client_id).update(
        place_of_imprisonment=CONVICTION["record"], release_date=today - timedelta(days=30)
    )
    snapshot = diagram_services.ecomap_create(actor=worker, case=case, drawn_on=today)
    diagram_services.connection_add(
        actor=worker, snapshot=snapshot, kind="other", label=HEALTH["ecomap"][:60],
        concerns_health=True,
    )  # fmt: skip
    diagram_services.connection_add(actor=worker, snapshot=snapshot, kind="work", label="Darbs")
    diagram_services.member_add(
        actor=worker, case=case, name=HEALTH["network"], area="formal_services",
        concrete_support=1, emotional_support=1, information_support=1, criticism=1,
        direction=1, closeness=1, frequency=1, years_known=1, concerns_health=True,
    )  # fmt: skip
    diagram_services.culturagram_save(
        actor=worker, case=case, health_beliefs=HEALTH["culturagram"], language="latviešu"
    )
    from assessments.models import Need
    from assessments.services import NeedInput, assessment_record
    from tasks.services import task_create

    assessment_record(
        actor=worker, case=case, assessed_on=today,
        needs={need: NeedInput(level=1) for need in Need.values},
        problems={"dependency": HEALTH["assessment"]},
    )  # fmt: skip
    task_create(
        actor=worker, case=case, title=HEALTH["task"], owner=worker,
        due_on=today + timedelta(days=2),
    )  # fmt: skip
    agreement = agreement_for(case, worker)
    Obligation.objects.create(
        agreement=agreement, custom_text=HEALTH["obligation"], position=99,
        due_on=today + timedelta(days=3), responsible="Klients", concerns_health=True,
    )  # fmt: skip
    plan = plan_services.plan_revise(actor=worker, case=case)
    for canary, health in ((HEALTH["goal"], True), (CONVICTION["goal"], False)):
        goal = plan_services.goal_add(
            actor=worker, plan=plan,
            data=plan_services.GoalInput(
                description=canary, need="relationships", outcome="Sasniegts",
                target_date=today + timedelta(days=30), concerns_health=health,
                concerns_conviction=not health,
            ),
        )  # fmt: skip
        if health:
            plan_services.step_add(
                actor=worker, goal=goal, description=HEALTH["step"], actor_kind="client",
                due_on=today + timedelta(days=2),
            )  # fmt: skip
    _plant_conference_and_family(case, worker)
    service = soup_kitchen("canary", areas=("Saldus novads",))
    referral_create(
        actor=worker, case=case, service=service, reason=HEALTH["referral"], concerns_health=True
    )
    help_in_kind_record(
        actor=worker, case=case, kind="other", given_on=today, quantity=1, service=service,
        note=HEALTH["help_in_kind"], concerns_health=True,
    )  # fmt: skip


def _plant_conference_and_family(case: Case, worker: User) -> None:
    """A held conference whose minutes and decisions carry a health line beside a plain one;
    a genogram person, a family map's member, subsystem and note labelled with health words."""
    from conferences.services import conference_plan, conference_record
    from diagrams import services as diagram_services

    conference = conference_plan(
        actor=worker, case=case, starts_at=timezone.now() + timedelta(hours=2),
        place="Saldus", video_link="", participants=[],
    )  # fmt: skip
    # Planned ahead, held now: the minutes are written during the meeting.
    conference_record(
        actor=worker, conference=conference, attended=[],
        minutes="Darba plāns apspriests.\n" + HEALTH["conference_minutes"],
        decisions="Tikties pēc mēneša.\n" + HEALTH["conference_decision"],
    )  # fmt: skip
    person = diagram_services.person_add(
        actor=worker, case=case, name=HEALTH["genogram_person"], sex="male", birth_year=1970
    )
    family_map = diagram_services.family_map_create(
        actor=worker, case=case, drawn_on=timezone.localdate(), outside_boundary="clear",
        note=HEALTH["family_map_note"],
    )  # fmt: skip
    family_map.case = case
    first = diagram_services.family_member_add(actor=worker, family_map=family_map, person=person)
    second = diagram_services.family_member_add(
        actor=worker, family_map=family_map, label=HEALTH["family_member"]
    )
    diagram_services.family_subsystem_add(
        actor=worker, family_map=family_map, kind="spousal", boundary="clear",
        members=[first, second], name=HEALTH["family_subsystem"],
    )  # fmt: skip
