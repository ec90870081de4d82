"""Who may see and work on a case (A4, F3).

- Lead worker, supervisors of the case's organisation and team members from that organisation
  see the whole case.
- Other colleagues of the organisation see it in lists; opening it needs a reason
  ("break the glass"), which supervisors see.
- Team members from other organisations see exactly the categories the client's active
  consent for their organisation covers.
Organisation and system administrators administer accounts; that alone gives no case access."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rules.permissions import add_perm
from rules.predicates import predicate

from accounts.models import Organisation, Role
from accounts.permissions import is_admin_of_organisation, organisation_ids_of
from consent.models import Category
from consent.selectors import categories_shared

from .models import Case, CaseNote, Confidentiality, TeamRole

CASE_WORK_ROLES = (Role.SOCIAL_WORKER, Role.PROBATION_OFFICER, Role.NGO_WORKER, Role.SUPERVISOR)
# Team roles whose work needs the health and dependency section.
HEALTH_TEAM_ROLES = (
    TeamRole.SOCIAL_WORKER, TeamRole.PROBATION_OFFICER, TeamRole.NARCOLOGIST,
    TeamRole.FAMILY_DOCTOR, TeamRole.PSYCHOLOGIST,
)  # fmt: skip


def case_work_organisation_ids(user: Any) -> set[int]:
    return organisation_ids_of(user, *CASE_WORK_ROLES)


def team_roles_of(user: Any, case: Case) -> set[str]:
    """The user's active roles on the case team (cached per case object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache: dict[int, set[str]] = case.__dict__.setdefault("_team_roles_by_user", {})
    if user.pk not in cache:
        cache[user.pk] = set(
            case.team.filter(user=user, is_active=True).values_list("role", flat=True)
        )
    return cache[user.pk]


def _full_access(user: Any, case: Case) -> bool:
    """Lead worker, the organisation's supervisor, a team member from the case's own
    organisation, or an unexpired break-the-glass grant: the whole case."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return False
    if case.lead_worker_id == pk:
        return True
    if case.organisation_id in organisation_ids_of(user, Role.SUPERVISOR):
        return True
    if team_roles_of(user, case) and case.organisation_id in organisation_ids_of(user):
        return True
    return has_unexpired_grant(user, case)


def has_unexpired_grant(user: Any, case: Case) -> bool:
    """Whether the user holds an unexpired break-the-glass grant for the case (cached per case
    object for the request)."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return False
    cache: dict[int, bool] = case.__dict__.setdefault("_grant_by_user", {})
    if pk not in cache:
        cache[pk] = case.access_grants.filter(user_id=pk, expires_at__gt=timezone.now()).exists()
    return cache[pk]


def shared_categories(user: Any, case: Case) -> set[str]:
    """What of the case this user may see: everything with full access; a team member from
    another organisation exactly what the client's active consent covers (A4); else nothing."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache: dict[int, set[str]] = case.__dict__.setdefault("_shared_by_user", {})
    if user.pk not in cache:
        if _full_access(user, case):
            cache[user.pk] = set(Category.values)
        elif team_roles_of(user, case):
            cache[user.pk] = categories_shared(
                case.client_id, organisation_ids_of(user), case_id=case.pk
            )
        else:
            cache[user.pk] = set()
    return cache[user.pk]


@predicate
def may_break_glass(user: Any, case: Case | None) -> bool:
    """A case worker of the case's organisation without access may open it with a reason."""
    return (
        case is not None
        and case.organisation_id in case_work_organisation_ids(user)
        and not _full_access(user, case)
    )


def _shares(category: str) -> Any:
    @predicate(f"shares_{category}")
    def check(user: Any, case: Case | None) -> bool:
        return case is not None and category in shared_categories(user, case)

    return check


shares_identity = _shares(Category.IDENTITY)
shares_case_plan = _shares(Category.CASE_PLAN)
shares_health = _shares(Category.HEALTH)
shares_conviction = _shares(Category.CONVICTION)


@predicate
def is_on_case_team(user: Any, case: Case | None) -> bool:
    return case is not None and bool(team_roles_of(user, case))


@predicate
def is_lead_worker(user: Any, case: Case | None) -> bool:
    return case is not None and case.lead_worker_id == getattr(user, "pk", None)


@predicate
def supervises_case(user: Any, case: Case | None) -> bool:
    return case is not None and case.organisation_id in organisation_ids_of(user, Role.SUPERVISOR)


@predicate
def has_health_team_role(user: Any, case: Case | None) -> bool:
    return case is not None and bool(team_roles_of(user, case) & set(HEALTH_TEAM_ROLES))


@predicate
def may_read_note(user: Any, note: CaseNote | None) -> bool:
    if note is None:
        return False
    if note.author_id == getattr(user, "pk", None):
        return True
    if note.confidentiality == Confidentiality.AUTHOR:
        return False
    if not shares_case_plan(user, note.case):
        return False
    if note.confidentiality == Confidentiality.TEAM:
        return bool(is_lead_worker(user, note.case) or is_on_case_team(user, note.case))
    return True


@predicate
def is_note_author(user: Any, note: CaseNote | None) -> bool:
    return note is not None and note.author_id == getattr(user, "pk", None)


add_perm("cases.view_case", shares_identity)
add_perm("cases.work_on_case", shares_identity & shares_case_plan)
add_perm("cases.view_case_plan", shares_case_plan)
add_perm("cases.view_conviction", shares_conviction)
add_perm("cases.manage_case", is_lead_worker | supervises_case)
add_perm(
    "cases.view_health",
    shares_health & (is_lead_worker | supervises_case | has_health_team_role),
)
add_perm("cases.view_note", may_read_note)
add_perm("cases.change_note", is_note_author)
add_perm("cases.break_glass", may_break_glass)


@predicate
def supervises_organisation(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.pk in organisation_ids_of(
        user, Role.SUPERVISOR
    )


add_perm("cases.set_follow_up_cadence", supervises_organisation | is_admin_of_organisation)
