"""Reads of cases. Which cases a user may see is decided here (`cases_visible_to`) and in
permissions.py for single objects — nowhere else."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, Greatest, TruncDate
from django.utils import timezone

from accounts.models import Role
from accounts.permissions import organisation_ids_of
from consent.models import Category, Consent, LegalBasis
from core.plain_reads import first_row
from core.text import fold_tokens
from people.models import Client

from .models import (
    Appointment,
    Case,
    CaseAccessGrant,
    CaseEvent,
    CaseNote,
    CaseStatus,
    Confidentiality,
    PageStamp,
    TeamMember,
)
from .page_stamps import SHARED
from .permissions import case_work_organisation_ids, shared_categories

PAGE_SIZE = 25
SEARCH_LIMIT = 50  # cases the search page shows; a longer list asks for more of the name


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Cases the user may open — the queryset form of the `cases.view_case` rule."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    member_of = organisation_ids_of(user)
    on_team = TeamMember.objects.filter(case=OuterRef("pk"), user=user, is_active=True)
    granted = CaseAccessGrant.objects.filter(
        case=OuterRef("pk"), user=user, expires_at__gt=timezone.now()
    )
    consented = Consent.objects.active().filter(
        client_id=OuterRef("client_id"), organisation_id__in=member_of, shares_identity=True
    )
    by_law = LegalBasis.objects.active().filter(  # a recorded legal basis counts alike (issue 19)
        case_id=OuterRef("pk"), organisation_id__in=member_of, shares_identity=True
    )
    return Case.objects.filter(
        Q(lead_worker=user)
        | Q(organisation_id__in=organisation_ids_of(user, Role.SUPERVISOR))
        | (
            Q(Exists(on_team))
            & (Q(organisation_id__in=member_of) | Q(Exists(consented)) | Q(Exists(by_law)))
        )
        | Q(Exists(granted))
    )


def _team_case_ids(user: Any) -> QuerySet[TeamMember, Any]:
    """Ids of the cases the user is an active team member of and may see as such: cases of
    their own organisations, or of others where the client's consent covers one of them."""
    member_of = organisation_ids_of(user)
    consented = Consent.objects.active().filter(
        client_id=OuterRef("case__client_id"), organisation_id__in=member_of, shares_identity=True
    )
    by_law = LegalBasis.objects.active().filter(
        case_id=OuterRef("case_id"), organisation_id__in=member_of, shares_identity=True
    )
    return (
        TeamMember.objects.filter(user=user, is_active=True)
        .filter(Q(case__organisation_id__in=member_of) | Q(Exists(consented)) | Q(Exists(by_law)))
        .values("case_id")
    )


def cases_listed_for(user: Any) -> QuerySet[Case]:
    """Cases the user may see in lists and search: the visible ones and every case of the
    organisations they do case work in (opening one of those needs a reason)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    # `cases_visible_to` spelled out as one id list (a UNION), not `pk IN (visible) OR ...`:
    # with the OR PostgreSQL checks the visibility subquery case by case and a search at
    # 1,000,000 cases does not finish (bench/RESULTS.md).
    own, on_team, granted = _listing_parts(user)
    return Case.objects.filter(pk__in=Case.objects.filter(own).values("pk").union(on_team, granted))


def _listing_parts(user: Any) -> tuple[Q, QuerySet[Any], QuerySet[Any]]:
    """What lets a signed-in user list a case, in three parts: their own and their
    organisations' cases (a condition on the case row), the ids of the cases whose team they
    are on, the ids of the cases granted to them (break the glass, not expired)."""
    organisations = organisation_ids_of(user, Role.SUPERVISOR) | case_work_organisation_ids(user)
    own = Q(lead_worker=user) | Q(organisation_id__in=organisations)
    granted = CaseAccessGrant.objects.filter(user=user, expires_at__gt=timezone.now()).values(
        "case_id"
    )
    return own, _team_case_ids(user), granted


def _with_caseload_columns(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Next meeting, overdue meetings and last contact as subqueries: one query per page."""
    now = timezone.now()
    planned = Appointment.objects.filter(case=OuterRef("pk"), status=Appointment.Status.PLANNED)
    next_meeting = planned.filter(starts_at__gte=now).order_by("starts_at").values("starts_at")
    overdue = planned.filter(starts_at__lt=now).values("case").annotate(n=Count("pk")).values("n")
    last_note = (
        CaseNote.objects.filter(case=OuterRef("pk")).order_by("-occurred_on").values("occurred_on")
    )
    last_meeting = (
        Appointment.objects.filter(case=OuterRef("pk"), status=Appointment.Status.HELD)
        .annotate(day=TruncDate("starts_at"))
        .order_by("-starts_at")
        .values("day")
    )
    epoch = Value(date(1900, 1, 1), output_field=DateField())
    # The last note and meeting only as parts of the last contact (alias, not annotate): as
    # columns of their own PostgreSQL ran both subqueries twice for every row.
    return (
        cases.annotate(
            next_meeting=Subquery(next_meeting[:1]),
            overdue_meetings=Coalesce(Subquery(overdue[:1]), 0),
        )
        .alias(
            last_note_on=Subquery(last_note[:1]),
            last_meeting_on=Subquery(last_meeting[:1], output_field=DateField()),
        )
        .annotate(
            last_contact=Greatest(
                Coalesce(F("last_note_on"), epoch), Coalesce(F("last_meeting_on"), epoch)
            )
        )
    )


@dataclass(frozen=True)
class CaseloadFilters:
    status: str = ""
    municipality: int | None = None
    worker: int | None = None
    mine_only: bool = True
    sort: str = "next_meeting"


SORTS: dict[str, tuple[Any, ...]] = {
    "name": ("client__last_name", "client__first_name"),
    "next_meeting": (F("next_meeting").asc(nulls_last=True), "client__last_name"),
    "last_contact": ("last_contact", "client__last_name"),
    "opened": ("-opened_on", "client__last_name"),
}


def my_cases(user: Any) -> QuerySet[Case]:
    """Cases I lead or am on the team of (and may see). Written as id lists rather than
    `cases_visible_to(user) & (lead OR team)`: PostgreSQL then plans it from the indexes
    (bench/RESULTS.md) instead of visiting every case."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    on_team = _team_case_ids(user)
    # One id list (lead UNION team), not `lead OR pk IN team`: with the OR PostgreSQL cannot
    # use the lead_worker index and visits every case (minutes at 1,000,000; bench/RESULTS.md).
    led = Case.objects.filter(lead_worker=user).values("pk")
    return Case.objects.filter(pk__in=led.union(on_team))


class MyCase(NamedTuple):
    pk: int
    status: str
    lead_worker_id: int
    organisation_id: int
    number: str
    client_name: str


@dataclass(frozen=True)
class MyCases:
    """`my_cases` read once for a page (the caseload and its panels): each case's id, status,
    lead worker, organisation, number and client's name — a few dozen rows for a worker. The
    page's other reads take these ids as a list instead of each compiling and planning the
    id lists again, and need not join the case and client for what the rows carry
    (issue 10)."""

    user_id: int | None
    rows: tuple[MyCase, ...]

    def ids(self, *, open_only: bool = False, led_only: bool = False) -> list[int]:
        return [
            case.pk
            for case in self.rows
            if not (open_only and case.status == CaseStatus.CLOSED)
            and not (led_only and case.lead_worker_id != self.user_id)
        ]

    def lead_worker_ids(self) -> set[int]:
        return {case.lead_worker_id for case in self.rows}

    def by_id(self) -> dict[int, MyCase]:
        return {case.pk: case for case in self.rows}


def my_cases_read(user: Any) -> MyCases:
    """The user's cases (`my_cases`) as rows, in one query."""
    rows = (
        my_cases(user)
        .order_by("pk")
        .values_list(
            "pk", "status", "lead_worker_id", "organisation_id", "number",
            "client__first_name", "client__last_name",
        )
    )  # fmt: skip
    return MyCases(
        user_id=getattr(user, "pk", None),
        rows=tuple(MyCase(*row[:5], f"{row[5]} {row[6]}") for row in rows),
    )


def caseload_lead_workers(
    user: Any, *, mine_only: bool, mine: MyCases | None = None
) -> QuerySet[Any]:
    """Whom the caseload's lead-worker filter offers. Over the user's own cases, the lead
    workers of those cases (a handful); over the organisation's, every colleague (hundreds in a
    large organisation: about 580 at 1,000,000 clients, a third of the caseload's time)."""
    from accounts.models import User
    from accounts.selectors import users_visible_to

    if not mine_only:
        return users_visible_to(user)
    if mine is not None:
        lead_workers: Any = mine.lead_worker_ids()
    else:
        lead_workers = my_cases(user).values("lead_worker_id")
    return User.objects.filter(pk__in=lead_workers).order_by("last_name", "first_name", "pk")


def caseload(user: Any, filters: CaseloadFilters, mine: MyCases | None = None) -> QuerySet[Case]:
    """The caseload's table: my cases (`mine` when the page read them already) or every case
    the user may list, filtered, with the columns of `_with_caseload_columns`."""
    if filters.mine_only:
        cases = my_cases(user) if mine is None else Case.objects.filter(pk__in=mine.ids())
    else:
        cases = cases_listed_for(user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    else:
        cases = cases.exclude(status="closed")
    if filters.municipality:
        cases = cases.filter(client__municipality_id=filters.municipality)
    if filters.worker:
        cases = cases.filter(lead_worker_id=filters.worker)
    order = SORTS.get(filters.sort, SORTS["next_meeting"])
    # The table shows the client's name and municipality: not the client's other columns
    # (free-text sections) nor the lead worker's row.
    return (
        _with_caseload_columns(cases)
        .select_related("client__municipality")
        .only(*_CASELOAD_COLUMNS)
        .order_by(*order, "pk")
    )


def caseload_size(filters: CaseloadFilters, mine: MyCases) -> int | None:
    """How many rows `caseload(user, filters, mine=mine)` has, counted from the cases the page
    read when they decide it (my cases, no municipality filter: that is the client's), else
    None. The page then needs no COUNT query."""
    if not filters.mine_only or filters.municipality:
        return None
    return sum(
        1
        for case in mine.rows
        if (case.status == filters.status if filters.status else case.status != CaseStatus.CLOSED)
        and (not filters.worker or case.lead_worker_id == filters.worker)
    )


_CASELOAD_COLUMNS = (
    "number", "status", "opened_on", "client__first_name", "client__last_name",
    "client__municipality__name", "client__municipality__name_ru",
    "client__municipality__name_en",
)  # fmt: skip


@dataclass(frozen=True)
class CaseRow:
    """A case as the caseload's table and the search list show it, worked out once per row
    in Python rather than by the template for every lookup (`get_status_display` builds the
    choices' dictionary on each call; a municipality's name asks for the language): a third
    fewer Python calls for the rows (issue 10)."""

    pk: int
    client_name: str
    number: str
    status: str
    municipality: str
    next_meeting: datetime | None = None
    last_contact: date | None = None  # None: no note or meeting yet
    overdue_meetings: int = 0


def case_rows(cases: Iterable[Case]) -> list[CaseRow]:
    """`CaseRow`s of cases read by `caseload` or `case_search` (with the caseload's columns
    when they were read)."""
    statuses = {value: str(label) for value, label in CaseStatus.choices}
    rows = []
    for case in cases:
        last_contact = getattr(case, "last_contact", None)
        rows.append(
            CaseRow(
                pk=case.pk,
                client_name=case.client.full_name,
                number=case.number,
                status=statuses.get(case.status, case.status),
                municipality=str(case.client.municipality),
                next_meeting=getattr(case, "next_meeting", None),
                last_contact=last_contact if last_contact and last_contact.year > 1900 else None,
                overdue_meetings=getattr(case, "overdue_meetings", 0),
            )
        )
    return rows


_DIGITS = re.compile(r"\d")
_TRIGRAM, _STEM = 3, 4


# What the search page shows of a case: its number and status, the client's name and
# municipality. Not the whole client row (free-text sections) nor the lead worker (issue 10).
_SEARCH_COLUMNS = (
    "number", "status", "client__first_name", "client__last_name",
    "client__municipality__name", "client__municipality__name_ru",
    "client__municipality__name_en",
)  # fmt: skip


def _listed_condition(user: Any) -> Q:
    """`cases_listed_for` as a condition on the case row: the user's own and their
    organisations' cases by column, the cases whose team they are on or that were granted to
    them as a list of ids read first (one small query, driven by the user's own rows).

    Literal values let PostgreSQL judge how few of a handful of candidates pass: with the id
    lists as subqueries it guesses half of every case for each and plans a scan of every case
    (186 ms at 1,000,000 clients instead of reading the candidates by index; issue 10)."""
    own, on_team, granted = _listing_parts(user)
    extra = [row["case_id"] for row in on_team.order_by().union(granted.order_by()).order_by()]
    return own | Q(pk__in=extra) if extra else own


def case_search(user: Any, query: str) -> QuerySet[Case]:
    """Visible cases by client name (any order, diacritic- and case-insensitive, each word of
    the query anywhere in the name), personal code or case number, in name order.

    One statement: the case number on its unique index, the personal code on its prefix index,
    the name on the pg_trgm index of people_client.search_name (PostgreSQL; SQLite compares
    with LIKE); each kind's cases are checked against what the user may list on the row they
    are read from (`_listed_condition`), and only those few are joined to their client and
    sorted. The page slices it: the first SEARCH_LIMIT, and one more to tell whether there
    are more."""
    query = "".join(c if c.isprintable() else " " for c in query).strip()
    if not getattr(user, "is_authenticated", False) or not user.is_active or not query:
        return Case.objects.none()
    # Case numbers are upper case and digits (services._next_number, generate_data): an exact
    # match on the upper-cased query is the case-insensitive match, through the unique index.
    matches = [Case.objects.filter(number=query.upper())]
    digits = "".join(_DIGITS.findall(query))
    if len(digits) >= 6 and len(digits) == len(query.replace("-", "").replace(" ", "")):
        code = f"{digits[:6]}-{digits[6:]}" if len(digits) > 6 else digits
        matches.append(Case.objects.filter(client__personal_code__startswith=code))
    tokens = fold_tokens(query)
    if tokens:
        # Each word of the query anywhere in the name. The trigram index is asked only for the
        # beginning of each word (its stem, _STEM letters): Latvian and Russian names differ
        # there and share their endings (-s, -is, -iņš, -ов), whose trigrams list hundreds
        # of thousands of clients and made the index's part three times longer ("janis
        # berzins" at 1,000,000 clients: 12 -> 8.5 ms). The whole words are then checked on
        # the rows found, through an expression the index does not take (else PostgreSQL
        # would ask it for every trigram again). Words shorter than a trigram are only
        # checked. SQLite compares with LIKE either way: the same matches.
        named = Client.objects.alias(whole_name=Concat("search_name", Value("")))
        for token in tokens:
            if len(token) >= _TRIGRAM:
                named = named.filter(search_name__contains=token[:_STEM])
            if len(token) > _STEM or len(token) < _TRIGRAM:
                named = named.filter(whole_name__contains=token)
        matches.append(Case.objects.filter(client_id__in=named.values("pk")))
    # Each kind of match its own branch of a UNION ALL, filtered there: as one OR of the
    # kinds PostgreSQL could use none of the indexes and would read every case.
    listed = _listed_condition(user)
    found = [match.filter(listed).order_by().values("pk") for match in matches]
    return (
        Case.objects.filter(pk__in=found[0].union(*found[1:], all=True))
        .select_related("client__municipality")
        .only(*_SEARCH_COLUMNS)
        .order_by("client__last_name", "client__first_name", "pk")
    )


def case_for(user: Any, case_id: int, *, related: bool = True) -> Case | None:
    """The case if the user may open it, else None: `cases_visible_to` decided for one case.

    The case is read by its primary key and the permission layer's own rule for one case
    (cases.permissions.shared_categories: lead, supervisor, team member of the organisation or
    with the client's consent, unexpired grant) decides, with point lookups; not the queryset
    with its OR of correlated subqueries. What it found stays in the case's per-request
    caches, so the page's permission checks do not ask again. `related=False` reads the case
    row alone (the cached case page; `with_relations` adds the rest when it is rendered)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if related:  # the client, their municipality, the organisation and the lead worker
        case = Case.objects.filter(pk=case_id).select_related(*_CASE_RELATIONS).first()
    else:  # a plain statement: the cached case page reads it on every serving (0.46 → 0.21 ms)
        case = first_row(Case, "id = %s", [case_id])
    # test_selectors checks that this agrees with cases_visible_to for every kind of reader.
    return case if case is not None and Category.IDENTITY in shared_categories(user, case) else None


_CASE_RELATIONS = ("client", "client__municipality", "organisation", "lead_worker")


def with_relations(case: Case) -> Case:
    """A case read by `case_for(related=False)` given its related rows, in one query, keeping
    the object (and the permission answers cached on it)."""
    full = Case.objects.select_related(*_CASE_RELATIONS).get(pk=case.pk)
    case.client, case.organisation, case.lead_worker = (
        full.client,
        full.organisation,
        full.lead_worker,
    )
    return case


def page_stamps_of(case_id: int) -> tuple[str, str]:
    """The case page's two stamps (cases/page_stamps.py): the case's own and the one of what
    every page shows; "" where no write has made one yet (data loaded without triggers)."""
    # A plain statement: read on every serving of the page, where the ORM's building of it cost
    # more than the read.
    table = connection.ops.quote_name(PageStamp._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT case_id, stamp FROM {table} WHERE case_id IN (%s, %s)",  # noqa: S608
            [SHARED, case_id],
        )
        stamps = dict(cursor.fetchall())
    return stamps.get(case_id, ""), stamps.get(SHARED, "")


def notes_visible_to(user: Any, case: Case, *, withhold: bool = True) -> QuerySet[CaseNote]:
    """The case's notes this user may read, by each note's confidentiality level, without
    those concerning a category the client's consent does not share with the reader's
    organisation (issue 19; `withhold=False`: the caller leaves them out and counts them)."""
    notes = case.notes.select_related("author")
    if not user.has_perm("cases.view_case_plan", case):
        return notes.filter(author=user)
    readable = Q(author=user) | Q(confidentiality=Confidentiality.NORMAL)
    on_team = case.lead_worker_id == user.pk or case.team.filter(user=user, is_active=True).exists()
    if on_team:
        readable |= Q(confidentiality=Confidentiality.TEAM)
    notes = notes.filter(readable)
    if withhold:
        from consent.disclosure import restrict_queryset

        notes = restrict_queryset(user, case, notes)
    return notes


def timeline(case: Case, limit: int = 50) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor")[:limit]


def appointments_of(case: Case) -> QuerySet[Appointment]:
    return case.appointments.select_related("worker").order_by("-starts_at")


def team_of(case: Case) -> QuerySet[TeamMember]:
    return case.team.filter(is_active=True).select_related("user")


def worker_appointments(user: Any) -> QuerySet[Appointment]:
    """A worker's own meetings (for the iCal feed) from 30 days ago, cancelled ones too: the
    feed tells the worker's calendar that they are cancelled (cases/ical.py)."""
    since = timezone.now() - timedelta(days=30)
    return (
        Appointment.objects.filter(worker=user, starts_at__gte=since)
        .select_related("case")
        .order_by("starts_at")
    )


def caseload_summary(user: Any, mine: MyCases | None = None) -> dict[str, int]:
    """Counts for the caseload heading: the open cases I lead and their meetings without an
    outcome (planned, in the past). One query when the page has read the user's cases
    (`mine`), two otherwise."""
    if mine is not None:
        led: Any = mine.ids(open_only=True, led_only=True)
        cases = len(led)
    else:
        led = Case.objects.filter(lead_worker=user).exclude(status="closed")
        cases = led.count()
    overdue = Appointment.objects.filter(
        case_id__in=led, status=Appointment.Status.PLANNED, starts_at__lt=timezone.now()
    ).count()
    return {"cases": cases, "overdue": overdue}


def case_workers_of(case: Case) -> QuerySet[Any]:
    """Who may lead the case: active case workers of the organisation holding it."""
    from accounts.models import Membership, User

    from .permissions import CASE_WORK_ROLES

    members = Membership.objects.filter(
        organisation_id=case.organisation_id, role__in=CASE_WORK_ROLES, is_active=True
    ).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("last_name", "first_name")


def case_plans_visible_condition(user: Any, mine: MyCases, *, path: str = "") -> Q:
    """`case_plans_visible_to` as a condition on a case (reached through `path`, e.g.
    "placement__case"), from the user's cases as the page read them (`mine`): the
    organisations they supervise, the cases they lead or are on the team of in their own
    organisations as a list of ids, unexpired grants in their organisations; a team case of
    another organisation with the client's consent to share the case plan. Literal ids and
    column tests instead of the id lists' UNION with its consent subquery, which took longer
    to build and plan than the page's read of them (issue 10)."""
    to, ids = (f"{path}__", f"{path}_id__in") if path else ("", "pk__in")
    member_of = organisation_ids_of(user)
    own: list[int] = []
    others: list[int] = []
    for case in mine.rows:
        in_own_organisation = case.lead_worker_id == mine.user_id or (
            case.organisation_id in member_of
        )
        (own if in_own_organisation else others).append(case.pk)
    granted = CaseAccessGrant.objects.filter(
        user=user, expires_at__gt=timezone.now(), case__organisation_id__in=member_of
    ).values("case_id")
    condition = (
        Q(**{f"{to}organisation_id__in": organisation_ids_of(user, Role.SUPERVISOR)})
        | Q(**{ids: own})
        | Q(**{ids: granted})
    )
    if others:  # on another organisation's team: the consent must cover the case plan too
        plan_consent = Consent.objects.active().filter(
            organisation_id__in=member_of, shares_identity=True, shares_case_plan=True
        )
        consented = {ids: others, f"{to}client_id__in": plan_consent.values("client_id")}
        condition |= Q(**consented)
        plan_by_law = LegalBasis.objects.active().filter(
            case_id__in=others, organisation_id__in=member_of, shares_identity=True,
            shares_case_plan=True,
        )  # fmt: skip
        condition |= Q(**{ids: plan_by_law.values("case_id")})
    return condition


def case_plans_visible_to(user: Any) -> QuerySet[Case]:
    """Cases whose plan the user may see — the queryset form of `cases.view_case_plan` — as
    cheap conditions first and id lists driven by the user's own rows, so a large organisation's
    cases are not each checked against every subquery (employment matching filters candidates
    by it; issue 7)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    member_of = organisation_ids_of(user)
    plan_consent = Consent.objects.active().filter(
        client_id=OuterRef("case__client_id"),
        organisation_id__in=member_of,
        shares_identity=True,
        shares_case_plan=True,
    )
    plan_by_law = LegalBasis.objects.active().filter(
        case_id=OuterRef("case_id"), organisation_id__in=member_of, shares_identity=True,
        shares_case_plan=True,
    )  # fmt: skip
    on_team = (
        TeamMember.objects.filter(user=user, is_active=True)
        .filter(
            Q(case__organisation_id__in=member_of)
            | Q(Exists(plan_consent))
            | Q(Exists(plan_by_law))
        )
        .values("case_id")
    )
    granted = CaseAccessGrant.objects.filter(
        user=user, expires_at__gt=timezone.now(), case__organisation_id__in=member_of
    ).values("case_id")
    # The cases the user leads, is on the team of or holds a grant for, as one list of ids
    # (UNION ALL): each part through its own index, and the cases read by primary key. As OR-ed
    # conditions SQLite read every case to decide (23 ms at 100,000 for a worker on 100 teams;
    # 0.1 ms this way).
    led = Case.objects.filter(lead_worker=user).order_by().values("pk")
    own = led.union(on_team.order_by(), granted.order_by(), all=True)
    return Case.objects.filter(
        Q(organisation_id__in=organisation_ids_of(user, Role.SUPERVISOR)) | Q(pk__in=own)
    )
