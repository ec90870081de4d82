"""Reads for referrals and help in kind. The case itself comes through cases.selectors
(visibility)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import organisation_ids_of
from cases.models import Case
from cases.permissions import CASE_WORK_ROLES
from cases.selectors import MyCases, case_for
from consent import disclosure
from consent.models import Category, Consent, LegalBasis
from directory.models import Service, ServiceArea, ServiceNeed
from plans.models import OPEN_STEP_STATUSES, Obligation, ObligationStatus, PlanStatus, Step

from .models import NEEDS_OF_KIND, HelpInKind, HelpKind, Referral, ReferralEvent, amount_display


def help_in_kind_of(case: Case) -> QuerySet[HelpInKind]:
    return HelpInKind.objects.filter(case=case).select_related(
        "service__organisation", "recorded_by", "cancelled_by"
    )


def help_in_kind_item(case: Case, item_id: int) -> HelpInKind | None:
    return help_in_kind_of(case).filter(pk=item_id).first()


@dataclass(frozen=True)
class Total:
    kind: str
    label: str
    this_year: str
    all_time: str


def totals_of(case: Case, today: date | None = None) -> list[Total]:
    """Per kind of help: how much this calendar year and in all (cancelled entries left out)."""
    today = today or timezone.localdate()
    # One query: both sums per kind (the year's as a filtered aggregate; issue 10).
    sums = (
        HelpInKind.objects.filter(case=case, cancelled_at__isnull=True)
        .values_list("kind")
        .annotate(
            total=Sum("quantity"),
            year=Sum("quantity", filter=Q(given_on__year=today.year), default=0),
        )
        .order_by()
    )
    all_time, this_year = {}, {}
    for kind, total, year in sums:
        all_time[kind], this_year[kind] = total, year
    return [
        Total(
            kind=kind,
            label=str(HelpKind(kind).label),
            this_year=amount_display(kind, this_year.get(kind, 0)),
            all_time=amount_display(kind, all_time[kind]),
        )
        for kind in HelpKind.values
        if kind in all_time
    ]


def providers_for(case: Case) -> list[tuple[str, list[Service]]]:
    """Directory services in the client's municipality that give each kind of help, by kind."""
    services = Service.objects.filter(status=Service.Status.ACTIVE).select_related("organisation")
    if case.client.municipality_id is not None:
        services = services.filter(
            Exists(
                ServiceArea.objects.filter(
                    service=OuterRef("pk"), municipality_id=case.client.municipality_id
                )
            )
        )
    groups: list[tuple[str, list[Service]]] = []
    for kind, needs in NEEDS_OF_KIND.items():
        if not needs:
            continue
        matching = services.filter(
            Exists(ServiceNeed.objects.filter(service=OuterRef("pk"), need__code__in=needs))
        ).order_by("name", "organisation__name")
        found = list(matching)
        if found:
            groups.append((str(HelpKind(kind).label), found))
    return groups


# --- Referrals ------------------------------------------------------------------------------


def _referrals() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "service__organisation", "case", "created_by", "plan_step", "obligation__template_item"
    ).prefetch_related(
        Prefetch("events", queryset=ReferralEvent.objects.select_related("actor")),
        Prefetch("service__service_areas", queryset=ServiceArea.objects.all()),
    )


def referrals_of(case: Case) -> QuerySet[Referral]:
    return _referrals().filter(case=case)


def referral_lines_of(case: Case) -> QuerySet[Referral]:
    """The case's referrals with only their service and its organisation: the case page's
    panel, which shows no history (fewer joins: planning `referrals_of` took 6 ms; issue 10)."""
    return Referral.objects.filter(case=case).select_related("service__organisation")


def receiving_organisation_ids(user: Any) -> set[int]:
    """The organisations for which the user sees and answers incoming referrals: those they do
    case work in. An organisation administrator without a case-working role administers
    accounts and sees no referral (issue 28, finding 7)."""
    return organisation_ids_of(user, *CASE_WORK_ROLES)


def incoming_referrals(user: Any) -> QuerySet[Referral]:
    """Referrals sent to services of the user's organisations that use Tilts, for members with
    a case-working role there. What of each the user may see: `receiver_view`."""
    return (
        _referrals()
        .select_related("case__client")
        .filter(service__organisation__uses_tilts_as__in=receiving_organisation_ids(user))
        .exclude(status=Referral.Status.DRAFT)
        .order_by("-sent_at", "-pk")
    )


@dataclass(frozen=True)
class ReceiverView:
    """What the receiving organisation sees of a referral before (and after) accepting it
    (issue 19): who referred, the service, the reason unless it concerns a category the
    client's consent does not share with the receiver, and how to answer. The client's name
    and case number only if the consent shares identity with the receiver, else a neutral
    reference; the case itself only if the consent makes the user a team member."""

    referral: Referral
    label: str
    shares_identity: bool
    reason: str
    reason_withheld: bool
    may_open_case: bool
    # The history: (event, its reason or "" when withheld, whether withheld)
    history: list[tuple[ReferralEvent, str, bool]]


def neutral_reference(referral: Referral) -> str:
    return _("Referral no. %(number)s") % {"number": referral.pk}


def receiver_view(user: Any, referral: Referral) -> ReceiverView:
    receiver = referral.service.organisation.uses_tilts_as_id
    case = referral.case
    if receiver is None or receiver == case.organisation_id:
        withheld: frozenset[str] = frozenset()
        shared = set(Category.values)
    else:
        from consent.selectors import categories_shared

        shared = categories_shared(case.client_id, [receiver], case_id=case.pk)
        withheld = frozenset(c for c in disclosure.SENSITIVE if c not in shared)
    identity = Category.IDENTITY in shared
    reason_withheld = disclosure.withheld_item(referral, withheld)
    label = f"{case.number} · {case.client.full_name}" if identity else neutral_reference(referral)
    history = []
    for event in referral.events.all():
        hidden = bool(event.reason) and disclosure.withheld_item(event, withheld)
        history.append((event, "" if hidden else event.reason, hidden))
    return ReceiverView(
        referral=referral,
        label=label,
        shares_identity=identity,
        reason=str(disclosure.WITHHELD_TEXT) if reason_withheld else referral.reason,
        reason_withheld=reason_withheld,
        may_open_case=case_for(user, case.pk, related=False) is not None,
        history=history,
    )


@dataclass(frozen=True)
class ConsentLine:
    organisation: str
    categories: list[str]


def consents_for_referral(case: Case) -> list[ConsentLine]:
    """The client's active consents, for the referral form's account of what each receiving
    organisation will see."""
    rows = Consent.objects.active().filter(client_id=case.client_id).select_related("organisation")
    return [ConsentLine(str(row.organisation), row.categories) for row in rows]


def receiver_has_consent(case: Case, service: Service) -> bool:
    """Whether the referral may go to the service's organisation on the client's recorded
    consent: always for a receiver outside Tilts (the worker tells it) or the case's own
    organisation; else an active consent of the client for the receiving organisation, or a
    legal basis recorded on the case for it (issue 19)."""
    receiver = service.organisation.uses_tilts_as_id
    if receiver is None or receiver == case.organisation_id:
        return True
    return (
        Consent.objects.active().filter(client_id=case.client_id, organisation_id=receiver).exists()
        or LegalBasis.objects.active().filter(case=case, organisation_id=receiver).exists()
    )


def answer_days() -> int:
    return int(getattr(settings, "TILTS_REFERRAL_ANSWER_DAYS", 7))


def overdue_referrals(user: Any, mine: MyCases | None = None) -> QuerySet[Referral]:
    """Sent referrals of the user's led cases (or made by the user) without an answer in
    TILTS_REFERRAL_ANSWER_DAYS days, with their case's number, service and its organisation's
    name (the caseload's flag shows no more). `mine`: the user's cases when the page has read
    them already."""
    limit = timezone.now() - timedelta(days=answer_days())
    # The led cases as a list of ids: PostgreSQL then reads the two kinds through the case
    # and created_by indexes at once (a BitmapOr). With the led cases as a subquery (or a
    # join) in the OR it walked every unanswered referral (138 ms and 1.4 s at 100,000
    # clients; issue 10).
    if mine is not None:
        led = mine.ids(led_only=True)
    else:
        led = list(Case.objects.filter(lead_worker=user).values_list("pk", flat=True))
    return (
        Referral.objects.filter(status=Referral.Status.REQUESTED, sent_at__lt=limit)
        .filter(Q(case_id__in=led) | Q(created_by=user))
        .select_related("case", "service__organisation")
        .only("case__number", "sent_at", "service__name", "service__organisation__name")
        .order_by("sent_at", "pk")
    )


def is_overdue(referral: Referral, now: datetime | None = None) -> bool:
    overdue_from = overdue_at(referral)
    return overdue_from is not None and overdue_from < (now or timezone.now())


def overdue_at(referral: Referral) -> datetime | None:
    """When a referral waiting for an answer counts as unanswered; None if it is not waiting."""
    if referral.status != Referral.Status.REQUESTED or referral.sent_at is None:
        return None
    return referral.sent_at + timedelta(days=answer_days())


def services_for_referral(case: Case) -> QuerySet[Service]:
    """Active services that serve the client's municipality (all active ones if unknown)."""
    services = Service.objects.filter(status=Service.Status.ACTIVE).select_related("organisation")
    if case.client.municipality_id is not None:
        services = services.filter(
            Exists(
                ServiceArea.objects.filter(
                    service=OuterRef("pk"), municipality_id=case.client.municipality_id
                )
            )
        )
    return services.order_by("name", "organisation__name")


def steps_for_referral(case: Case) -> QuerySet[Step]:
    """Open steps of the case's current plan versions, which a referral's help may complete."""
    return (
        Step.objects.filter(
            goal__plan__case=case,
            goal__plan__status__in=[PlanStatus.DRAFT, PlanStatus.AGREED],
            status__in=OPEN_STEP_STATUSES,
        )
        .select_related("goal")
        .order_by("goal__plan__version", "goal_id", "pk")
    )


def obligations_for_referral(case: Case) -> QuerySet[Obligation]:
    """Pending obligations of the case's agreements, which a referral's help may fulfil."""
    return (
        Obligation.objects.filter(agreement__case=case, status=ObligationStatus.PENDING)
        .select_related("template_item", "agreement")
        .order_by("agreement_id", "position", "pk")
    )
