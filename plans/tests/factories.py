"""Plans and agreements for tests, made through the services like a worker would."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case
from plans import services
from plans.models import Agreement, Plan


def agreed_plan(case: Case, worker: User) -> Plan:
    plan = services.plan_revise(actor=worker, case=case)
    goal = services.goal_add(
        actor=worker,
        plan=plan,
        data=services.GoalInput(
            description="Pastāvīga dzīvesvieta",
            need="shelter",
            outcome="Reģistrēts dzīvokļu rindā",
            target_date=timezone.localdate() + timedelta(days=60),
        ),
    )
    services.step_add(
        actor=worker,
        goal=goal,
        description="Iesniegt iesniegumu dzīvokļu rindai",
        actor_kind="client",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    return services.plan_agree(actor=worker, plan=plan)


def agreement_for(case: Case, worker: User, with_benefit: bool = True) -> Agreement:
    from plans.models import BenefitType

    plan = agreed_plan(case, worker)
    services.default_template()  # flushed databases get the configuration back
    benefit = BenefitType.objects.get(code="gmi") if with_benefit else None
    return services.agreement_create(actor=worker, plan=plan, benefit=benefit)
