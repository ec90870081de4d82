"""Synthetic demo cases: the handbook's Jānis (A2) and 30 more across Kurzeme. Every person
here is invented; no personal codes are generated (a random valid code could be someone's)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.demo import email_of
from accounts.models import Organisation, User
from consent.models import Category, Consent
from consent.services import consent_record
from people.models import (
    ClientStatement,
    EducationLevel,
    HealthRecord,
    IdentityDocument,
    IncomeSource,
    LivingSituation,
    SupervisionStatus,
)

from . import services
from .methods import Method
from .models import Appointment, Case, CaseEvent, CaseNote, CaseStatus, ContactType, TeamRole

FIRST_NAMES_LV = [
    "Andris",
    "Edgars",
    "Guntis",
    "Kaspars",
    "Raimonds",
    "Uldis",
    "Valdis",
    "Aivars",
    "Jānis",
    "Ivars",
    "Mārtiņš",
    "Normunds",
    "Artūrs",
    "Dainis",
]
LAST_NAMES_LV = [
    "Kalniņš",
    "Ozoliņš",
    "Liepa",
    "Krūmiņš",
    "Vītols",
    "Zariņš",
    "Putniņš",
    "Sproģis",
    "Ābeltiņš",
    "Grīnvalds",
    "Lācis",
    "Ķikāns",
    "Brieža",
    "Šteins",
]
FIRST_NAMES_RU = ["Алексей", "Дмитрий", "Сергей", "Игорь", "Владимир", "Николай", "Олег"]
LAST_NAMES_RU = ["Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков"]
PRISONS = ["Liepājas cietums", "Jelgavas cietums", "Olaines cietums", "Daugavgrīvas cietums",
           "Rīgas Centrālcietums", "Valmieras cietums"]  # fmt: skip

# Which demo social worker leads cases in which organisation (accounts.demo).
WORKERS = {
    "Saldus novada sociālais dienests": "inga.socdarbiniece",
    "Liepājas sociālais dienests": "olga.socrabotnik",
    "Kuldīgas novada sociālais dienests": "dace.socdarbiniece",
    "Ventspils sociālais dienests": "liga.socdarbiniece",
    "Talsu novada sociālais dienests": "anita.socdarbiniece",
    "Tukuma novada sociālais dienests": "zane.socdarbiniece",
    "Dienvidkurzemes novada sociālais dienests": "ilze.socdarbiniece",
    "Ventspils novada sociālais dienests": "aija.socdarbiniece",
}


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _backdate(case: Case, opened_on: date) -> None:
    """Demo history: move the case's opening date into the past."""
    case.opened_on = opened_on
    case.save(update_fields=["opened_on"])


def _seed_janis(today: date) -> Case:
    """A2: eight years in prison, no permanent home, with his retired mother in a one-room flat,
    alcohol and medication problems, only a one-off social benefit, poor health, lost work
    skills, and he does not want to talk about work yet: he wants to rest."""
    worker = User.objects.get(email=email_of("inga.socdarbiniece"))
    organisation = Organisation.objects.get(name="Saldus novada sociālais dienests")
    case = services.case_open(
        actor=worker,
        organisation=organisation,
        details=services.ClientDetails(
            first_name="Jānis",
            last_name="Bērziņš",
            municipality_id=organisation.municipality_id,
            living_situation=LivingSituation.WITH_RELATIVES,
            languages=["lv", "ru"],
            address="Pie mātes, vienistabas dzīvoklis Saldū",
            family_situation="Neprecējies. Dzīvo pie pensionāres mātes vienistabas dzīvoklī; "
            "pašvaldībai nav brīva dzīvokļa.",
            education_level=EducationLevel.BASIC,
            professions="mūrnieks",
            work_history="Pirms ieslodzījuma strādāja būvniecībā; darba iemaņas zaudētas.",
            release_date=today - timedelta(days=12),
            place_of_imprisonment="Jelgavas cietums",
            imprisonment_months=96,
            supervision_status=SupervisionStatus.PROBATION,
        ),
    )
    _backdate(case, today - timedelta(days=10))
    client = case.client
    HealthRecord.objects.create(
        client=client,
        general_health="Slikta veselība; ilgstoši nav bijis pie ģimenes ārsta.",
        alcohol_dependency=True,
        medication_dependency=True,
        dependency_notes="Atzīst problēmas ar alkoholu un medikamentiem.",
    )
    for kind, status in [
        (IdentityDocument.Kind.PASSPORT_OR_ID, IdentityDocument.Status.EXPIRED),
        (IdentityDocument.Kind.TAX_REGISTRATION, IdentityDocument.Status.MISSING),
        (IdentityDocument.Kind.BANK_ACCOUNT, IdentityDocument.Status.MISSING),
        (IdentityDocument.Kind.DECLARED_RESIDENCE, IdentityDocument.Status.HELD),
    ]:
        IdentityDocument.objects.create(client=client, kind=kind, status=status)
    IncomeSource.objects.create(
        client=client,
        kind=IncomeSource.Kind.ONE_OFF_BENEFIT,
        amount_eur=109,
        period=IncomeSource.Period.ONE_OFF,
    )
    services.statement_record(
        actor=worker, case=case, kind=ClientStatement.Kind.WISH,
        text="Gribu atpūsties. Par darbu pagaidām negribu runāt.",
        recorded_on=today - timedelta(days=10),
    )  # fmt: skip
    services.statement_record(
        actor=worker, case=case, kind=ClientStatement.Kind.DECISION,
        text="Piekrītu aiziet pie narkologa un ģimenes ārsta.",
        recorded_on=today - timedelta(days=3),
    )  # fmt: skip
    services.note_add(
        actor=worker, case=case, occurred_on=today - timedelta(days=10),
        contact_type=ContactType.OFFICE,
        methods=[Method.INTERVIEW, Method.ECOMAP, Method.ENCOURAGEMENT],
        participants="Jānis, sociālā darbiniece",
        text="Pirmā tikšanās. Jānis ieradās pats. Sarunā noskaidrotas vajadzības: pajumte, "
        "iztikas līdzekļi, dokumenti, veselība. Vienojāmies par nākamo tikšanos pēc nedēļas.",
    )  # fmt: skip
    services.note_add(
        actor=worker, case=case, occurred_on=today - timedelta(days=3),
        contact_type=ContactType.HOME_VISIT, methods=[Method.OBSERVATION, Method.CONSULTATION],
        participants="Jānis, māte, sociālā darbiniece",
        text="Mājas vizīte pie mātes. Telpas šauras; māte atbalsta dēlu, bet ir nogurusi.",
    )  # fmt: skip
    probation = User.objects.get(email=email_of("maris.probacija"))
    services.team_member_add(
        actor=worker, case=case, user=probation, role=TeamRole.PROBATION_OFFICER
    )
    # Jānis agreed in writing that the probation service sees his identity, plan and record
    # (not his health): the probation officer on the team sees exactly that.
    consent_record(
        actor=worker, case=case,
        organisation=probation.memberships.get().organisation,
        purpose="Sadarbība probācijas uzraudzības un resocializācijas plāna izpildē",
        categories=[Category.IDENTITY, Category.CASE_PLAN, Category.CONVICTION],
        given_on=today - timedelta(days=10), expires_on=None, form=Consent.Form.SIGNED_PAPER,
    )  # fmt: skip
    services.appointment_plan(
        actor=worker, case=case, starts_at=_at(today + timedelta(days=4), 10),
        place="Saldus sociālais dienests, 12. kabinets", with_whom="Jānis",
    )  # fmt: skip
    return case


def _seed_others(today: date, count: int) -> None:
    rng = random.Random(2026)  # noqa: S311 — deterministic demo data, not security
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=WORKERS)}
    workers = {
        u.email: u for u in User.objects.filter(email__in=[email_of(w) for w in WORKERS.values()])
    }
    names = list(WORKERS)
    for index in range(count):
        organisation = organisations[names[index % len(names)]]
        worker = workers[email_of(WORKERS[organisation.name])]
        russian = index % 4 == 1
        first = rng.choice(FIRST_NAMES_RU if russian else FIRST_NAMES_LV)
        last = rng.choice(LAST_NAMES_RU if russian else LAST_NAMES_LV)
        released_days_ago = rng.randint(5, 400)
        pre_release = index % 10 == 7
        case = services.case_open(
            actor=worker,
            organisation=organisation,
            details=services.ClientDetails(
                first_name=first,
                last_name=last,
                municipality_id=organisation.municipality_id,
                living_situation=rng.choice(LivingSituation.values),
                languages=["ru", "lv"] if russian else ["lv"],
                preferred_language="ru" if russian else "lv",
                education_level=rng.choice(EducationLevel.values),
                professions=rng.choice(["metinātājs", "galdnieks", "autovadītājs", "elektriķis",
                                        "mežstrādnieks", "celtnieks", ""]),
                release_date=today + timedelta(days=20) if pre_release
                else today - timedelta(days=released_days_ago),
                place_of_imprisonment=rng.choice(PRISONS),
                imprisonment_months=rng.randint(6, 120),
                supervision_status=rng.choice(SupervisionStatus.values),
            ),
            status=CaseStatus.PRE_RELEASE if pre_release else CaseStatus.ACTIVE,
        )  # fmt: skip
        opened = today - timedelta(days=min(released_days_ago, 200))
        _backdate(case, opened)
        for n in range(rng.randint(0, 3)):
            services.note_add(
                actor=worker, case=case,
                occurred_on=min(today, opened + timedelta(days=7 * n + 1)),
                contact_type=rng.choice(ContactType.values),
                methods=rng.sample([Method.INTERVIEW, Method.CONSULTATION, Method.ENCOURAGEMENT,
                                    Method.OBSERVATION, Method.EVALUATION], 2),
                text="Saruna par vajadzībām un nākamajiem soļiem.",
            )  # fmt: skip
        if index % 3 == 0:
            services.appointment_plan(
                actor=worker, case=case,
                starts_at=_at(today + timedelta(days=rng.randint(1, 20)), rng.choice([9, 11, 14])),
                place="Sociālais dienests",
            )  # fmt: skip
        elif index % 3 == 1:
            # A meeting whose outcome was never recorded: shows as overdue on the caseload.
            Appointment.objects.create(
                case=case, worker=worker, place="Sociālais dienests",
                starts_at=_at(today - timedelta(days=rng.randint(1, 6)), 10),
            )  # fmt: skip


@transaction.atomic
def seed(today: date | None = None, count: int = 30) -> int:
    """Jānis and `count` more cases; skipped when the demo cases exist already."""
    if Case.objects.filter(client__first_name="Jānis", client__last_name="Bērziņš").exists():
        return 0
    today = today or timezone.localdate()
    _seed_janis(today)
    _seed_others(today, count)
    return count + 1


def date_timeline(since: datetime) -> int:
    """Demo history: the timeline entries written while seeding (after `since`) take the dates
    of what they record — the case's opening, the note's day of contact, the meeting's time —
    instead of the moment the demo was loaded. Entries without such a date go to the day after
    opening. Returns the number of entries dated."""
    events = list(CaseEvent.objects.filter(occurred_at__gte=since).select_related("case"))
    note_ids = {event.data["note_id"] for event in events if "note_id" in event.data}
    meeting_ids = {
        event.data["appointment_id"] for event in events if "appointment_id" in event.data
    }
    notes = dict(CaseNote.objects.filter(pk__in=note_ids).values_list("pk", "occurred_on"))
    meetings = dict(Appointment.objects.filter(pk__in=meeting_ids).values_list("pk", "starts_at"))
    now = timezone.now()
    for event in events:
        opened = _at(event.case.opened_on, 9)
        moment = opened + timedelta(days=1, minutes=event.pk % 60)
        if event.kind == CaseEvent.Kind.CREATED:
            moment = opened
        elif event.data.get("note_id") in notes:
            moment = _at(notes[event.data["note_id"]], 12)
        elif event.data.get("appointment_id") in meetings:
            starts_at = meetings[event.data["appointment_id"]]
            planned = event.kind == CaseEvent.Kind.APPOINTMENT_PLANNED
            moment = max(opened, starts_at - timedelta(days=7)) if planned else starts_at
        event.occurred_at = min(moment, now)
    CaseEvent.objects.bulk_update(events, ["occurred_at"])
    return len(events)
