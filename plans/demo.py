"""Demo: Jānis's assessment (A2), cooperation plan and participation agreement (C1–C4)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from assessments.models import Need
from assessments.services import NeedInput, assessment_record
from cases.models import Case
from plans import services
from plans.models import BenefitType

LEVELS = {
    Need.SHELTER: (3, "Nav pastāvīgas dzīvesvietas; dzīvo pie mātes vienistabas dzīvoklī."),
    Need.FOOD: (1, "Ēd pie mātes."),
    Need.SUBSISTENCE: (3, "Vienīgais ienākums — vienreizējs sociālais pabalsts."),
    Need.PAID_WORK: (3, "Darba iemaņas zudušas; par darbu pagaidām nevēlas runāt."),
    Need.EDUCATION: (1, "Pamatizglītība; mūrnieks."),
    Need.UPBRINGING: (1, ""),
    Need.CARE: (3, "Problēmas ar alkoholu un medikamentiem; slikta veselība."),
    Need.RELATIONSHIPS: (2, "Māte atbalsta, bet ir nogurusi."),
}


@transaction.atomic
def seed(today: date | None = None) -> bool:
    """Jānis's assessment, agreed plan and signed agreement; skipped if he has a plan."""
    today = today or timezone.localdate()
    case = Case.objects.filter(client__first_name="Jānis", client__last_name="Bērziņš").first()
    if case is None or case.plans.exists():
        return False
    worker = case.lead_worker
    assessment_record(
        actor=worker, case=case, assessed_on=today - timedelta(days=3),
        needs={need: NeedInput(level=level, comment=comment)
               for need, (level, comment) in LEVELS.items()},
        problems={"no_home": "", "dependency": "Alkohols, medikamenti",
                  "health": "Ilgi nav bijis pie ģimenes ārsta", "labour_market": ""},
        barriers={"motivation": "“Vēlas atpūsties”", "fear_of_change": ""},
        strengths="Mūrnieka profesija; māte atbalsta; pats ieradās sociālajā dienestā.",
        resources="Mātes dzīvoklis uz laiku; probācijas dienests; vienreizējais pabalsts.",
    )  # fmt: skip
    plan = services.plan_revise(actor=worker, case=case)
    goals = [
        ("shelter", False, "Pastāvīga dzīvesvieta", "Reģistrēts pašvaldības dzīvokļu rindā", 30,
         [("Iesniegt iesniegumu dzīvokļu rindai", "client", "", 7)]),
        ("subsistence", False, "Iztikas līdzekļi", "Piešķirts GMI pabalsts", 14,
         [("Sagatavot GMI pabalsta dokumentus", "worker", "", 3)]),
        ("care", False, "Ārstēt atkarību", "Apmeklējis narkologu un ģimenes ārstu", 30,
         [("Pierakstīt pie narkologa", "institution", "Saldus narkoloģiskais kabinets", 5),
          ("Reģistrēties pie ģimenes ārsta", "client", "", 10)]),
        ("", True, "Atpūsties un atgūt spēkus", "Pats saka, ka jūtas gatavs runāt par darbu", 60,
         []),
    ]  # fmt: skip
    for need, priority, text, outcome, days, steps in goals:
        goal = services.goal_add(
            actor=worker, plan=plan,
            data=services.GoalInput(description=text, need=need, client_priority=priority,
                                    outcome=outcome, target_date=today + timedelta(days=days)),
        )  # fmt: skip
        for step_text, who, institution, due in steps:
            services.step_add(
                actor=worker, goal=goal, description=step_text, actor_kind=who,
                institution=institution, due_on=today + timedelta(days=due),
            )  # fmt: skip
    services.plan_agree(actor=worker, plan=plan, agreed_on=today)
    services.default_template()
    agreement = services.agreement_create(
        actor=worker, plan=plan, benefit=BenefitType.objects.get(code="gmi")
    )
    services.agreement_sign(actor=worker, agreement=agreement, signed_on=today, method="paper")
    return True
