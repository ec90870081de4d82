"""Issue 10: the synthetic data generator is deterministic and fills every part it claims."""

import hashlib
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone

from accounts.models import Membership, Organisation, User
from accounts.tests.factories import TEST_TOTP_SECRET
from assessments.models import Assessment, BarrierFinding, Need, NeedScore, ProblemFinding
from cases import page_stamps
from cases.models import Appointment, Case, CaseNote
from conftest import client_for
from core.text import fold
from directory.models import Service
from employment.models import (
    EmployerProfile,
    EmploymentProfile,
    MinimumWage,
    ProfileOccupation,
    ProfilePlace,
    Vacancy,
    WorkExperience,
)
from employment.services import profile_reindex
from people.models import Client
from plans.models import Agreement, Goal, Obligation, Plan, Step
from plans.selectors import current_plan
from referrals.models import Referral, ReferralEvent

pytestmark = pytest.mark.django_db
RIGA = ZoneInfo("Europe/Riga")
# Seed 7: what both databases must produce (days before today for the release date).
EXPECTED_FIRST_PEOPLE = [
    ("Līga", "Liepiņš", "salaspils-novads", "street", 49),
    ("Edgars", "Egle", "tukuma-novads", "with_friends", 596),
    ("Andris", "Lācis", "livanu-novads", "own_home", 88),
]
EXPECTED_DIGEST = "692066b5c4533c2bf33b9f74399383ca2c37b87598939d4c8fd63167acc11c33"
EXPECTED_CASEWORK_DIGEST = "37804ce9fd960dd70e9153db1e2e2e0ccf1385e2c30469390ce4507cd2388386"


def _generate() -> list[tuple[str, str, str]]:
    out = StringIO()
    call_command("generate_data", clients=60, notes_per_client=3, seed=7, stdout=out)
    assert "Generated 60 clients, 60 cases, 180 notes" in out.getvalue()
    assert "assessments" in out.getvalue()
    assert "vacancies" in out.getvalue()
    return list(Client.objects.order_by("pk").values_list("first_name", "last_name", "search_name"))


def _remove_generated() -> None:
    for model in (
        ProfileOccupation, ProfilePlace, WorkExperience, EmploymentProfile,
        ReferralEvent, Referral, Obligation, Agreement, Step, Goal, Plan, NeedScore,
        ProblemFinding, BarrierFinding, Assessment, Vacancy, EmployerProfile, CaseNote,
        Appointment, Case, Client,
    ):  # fmt: skip
        model.objects.all().delete()
    Membership.objects.filter(user__email__startswith="worker7-").delete()
    User.objects.filter(email__startswith="worker7-").delete()
    Organisation.objects.filter(name__endswith="(sintētisks 7)").delete()


def test_generate_data_is_deterministic_and_proportionate() -> None:
    first = _generate()
    casework = _casework()
    assert Appointment.objects.filter(status="planned").count() == 60
    assert Case.objects.filter(status="closed", closed_on__isnull=False).exists()
    for first_name, last_name, search_name in first:
        assert search_name.startswith(fold(f"{first_name} {last_name}"))  # searchable
    # The planner has statistics of what was loaded (ANALYZE).
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'cases_casenote'")
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases_casenote'")
        assert cursor.fetchone()[0] > 0
    # Loaded without the case-page stamps' triggers, which are there again afterwards.
    triggered = {table for _name, table in page_stamps._existing_triggers(connection)}
    assert triggered == set(page_stamps.watched_tables())
    _remove_generated()
    assert _generate() == first
    assert _casework() == casework


def _casework() -> tuple[object, ...]:
    """The generated casework, without ids and dates relative to the run."""
    return (
        list(
            NeedScore.objects.order_by("assessment__case__client__pk", "need").values_list(
                "assessment__case__client__last_name", "need", "level"
            )
        ),
        list(ProblemFinding.objects.order_by("pk").values_list("problem")),
        list(BarrierFinding.objects.order_by("pk").values_list("barrier")),
        list(Plan.objects.order_by("pk").values_list("status", "version")),
        list(Goal.objects.order_by("pk").values_list("need", "description", "status")),
        list(Step.objects.order_by("pk").values_list("description", "actor", "status")),
        list(Agreement.objects.order_by("pk").values_list("status", "benefit_rate__valid_from")),
        list(Obligation.objects.order_by("pk").values_list("position", "responsible", "status")),
        list(Referral.objects.order_by("pk").values_list("service__name", "status", "reason")),
        list(ReferralEvent.objects.order_by("pk").values_list("from_status", "to_status")),
        list(
            Vacancy.objects.order_by("pk").values_list(
                "employer__name",
                "occupation__code",
                "hours_per_week",
                "wage_eur",
                "required_education",
                "accepts_record",
            )
        ),
        list(
            EmploymentProfile.objects.order_by("pk").values_list(
                "client__last_name", "readiness", "licence_categories"
            )
        ),
        list(WorkExperience.objects.order_by("pk").values_list("occupation__code", "years")),
    )


def test_generate_data_makes_the_same_rows_on_every_database() -> None:
    """PostgreSQL loads with COPY, SQLite with bulk_create: the same seed gives the same people,
    cases, notes and meetings on both (the suite runs on both databases)."""
    _generate()
    today = timezone.localdate()
    people = [
        (first, last, municipality, situation, (today - (released or today)).days)
        for first, last, municipality, situation, released in Client.objects.order_by(
            "pk"
        ).values_list(
            "first_name", "last_name", "municipality__code", "living_situation", "release_date"
        )
    ]
    cases = list(
        Case.objects.order_by("pk").values_list("client__last_name", "status", "closure_reason")
    )
    notes = list(
        CaseNote.objects.order_by("pk").values_list("text", "contact_type", "methods")[:30]
    )
    planned = sorted(
        (a.starts_at.astimezone(RIGA).date() - today).days
        for a in Appointment.objects.filter(status="planned")
    )
    digest = hashlib.sha256(repr((people, cases, notes, planned)).encode()).hexdigest()
    assert people[:3] == EXPECTED_FIRST_PEOPLE
    assert digest == EXPECTED_DIGEST
    casework = hashlib.sha256(repr(_casework()).encode()).hexdigest()
    assert casework == EXPECTED_CASEWORK_DIGEST


def test_generated_casework_keeps_the_domain_rules() -> None:
    """Proportions like the demo, and what the services would enforce: a plan on a case of its
    assessment, agreements only on agreed plans of the same case, obligations from the template,
    referrals to active directory services, wages at least the minimum for the hours."""
    _generate()
    open_cases = Case.objects.exclude(status="closed").count()
    assert Assessment.objects.count() >= open_cases * 0.7
    assert Plan.objects.count() >= Assessment.objects.count() * 0.8
    assert NeedScore.objects.count() == Assessment.objects.count() * len(Need.values)
    assert set(NeedScore.objects.values_list("level", flat=True)) <= {0, 1, 2, 3}
    assert not Plan.objects.exclude(assessment__case=F("case")).exists()
    assert not Plan.objects.filter(status="agreed", agreed_on__isnull=True).exists()
    assert Agreement.objects.exists()
    assert not Agreement.objects.exclude(plan__case=F("case")).exists()
    assert not Agreement.objects.exclude(plan__status="agreed").exists()
    assert not Agreement.objects.filter(signed_on__lt=F("plan__agreed_on")).exists()
    for agreement in Agreement.objects.prefetch_related("obligations"):
        items = agreement.template.items.count()
        assert items
        assert agreement.obligations.count() == items
        assert {o.responsible for o in agreement.obligations.all()} == {
            agreement.case.client.full_name
        }
    assert not Goal.objects.filter(plan__isnull=True).exists()
    assert Step.objects.exists()
    referrals = Referral.objects.count()
    assert open_cases <= referrals <= 3 * open_cases
    assert not Referral.objects.exclude(service__status=Service.Status.ACTIVE).exists()
    assert not Referral.objects.filter(case__status="closed").exists()
    for referral in Referral.objects.prefetch_related("events"):
        assert [e.to_status for e in referral.events.order_by("pk")][-1] == referral.status
    assert EmployerProfile.objects.count() == 1  # 60 clients: at least one employer
    assert Vacancy.objects.count() == 2 * EmployerProfile.objects.count()
    for vacancy in Vacancy.objects.select_related("employer"):
        assert vacancy.employer.kind == Organisation.Kind.EMPLOYER
        wage = MinimumWage.objects.in_force(vacancy.opened_on)
        assert wage is not None
        assert vacancy.wage_eur >= wage.for_hours(vacancy.hours_per_week)
    # The derived matching rows are what employment's own reindex makes of the profile.
    profiles = list(EmploymentProfile.objects.order_by("pk"))
    assert profiles
    assert not EmploymentProfile.objects.filter(client__cases__status="closed").exists()

    def index() -> list[tuple[object, ...]]:
        return [
            *ProfileOccupation.objects.order_by("profile", "occupation").values_list(
                "profile", "occupation", "unit_group", "minor_group", "years", "client",
                "municipality", "readiness", "licence_categories", "education_rank",
            ),
            *ProfilePlace.objects.order_by("profile").values_list(
                "profile", "client", "municipality", "readiness", "licence_categories",
                "education_rank",
            ),
        ]  # fmt: skip

    generated = index()
    for profile in profiles:
        profile_reindex(profile)
    assert index() == generated


def test_the_app_reads_the_generated_casework() -> None:
    """A generated case's pages show its plan and its referrals; its employment pages open."""
    _generate()
    plan = (
        Plan.objects.filter(
            status="agreed", goals__isnull=False, case__client__employment_profile__isnull=False
        )
        .order_by("pk")
        .first()
    )
    assert plan is not None
    assert current_plan(plan.case) == plan
    worker = plan.case.lead_worker
    TOTP.activate(worker, TEST_TOTP_SECRET)  # staff sign in with a second factor
    browser = client_for(worker)
    assert browser.get(f"/cases/{plan.case.pk}/").status_code == 200
    page = browser.get(f"/cases/{plan.case.pk}/plan/", follow=True)  # to the current version
    assert page.status_code == 200
    goal = plan.goals.order_by("pk").first()
    assert goal is not None
    assert goal.description in page.content.decode()
    referral = plan.case.referrals.select_related("service").order_by("pk").first()
    assert referral is not None
    page = browser.get(f"/cases/{plan.case.pk}/referrals/")
    assert page.status_code == 200
    assert referral.service.name in page.content.decode()
    # The client's work profile and the vacancies matched to it.
    assert browser.get(f"/cases/{plan.case.pk}/employment/").status_code == 200
    assert browser.get(f"/cases/{plan.case.pk}/employment/vacancies/").status_code == 200
