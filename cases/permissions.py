"""Who may see and work on a case. Until consent-based sharing (issue 6), access comes from
working in the case's organisation in a case-work role, or from being on the case's team.
Organisation and system administrators administer accounts; that alone gives no case access."""

from __future__ import annotations

from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from accounts.models import Organisation, Role
from accounts.permissions import is_admin_of_organisation, organisation_ids_of

from .models import Case, CaseNote, Confidentiality, TeamRole

CASE_WORK_ROLES = (Role.SOCIAL_WORKER, Role.PROBATION_OFFICER, Role.NGO_WORKER, Role.SUPERVISOR)
# Team roles whose work needs the health and dependency section.
HEALTH_TEAM_ROLES = (
    TeamRole.SOCIAL_WORKER, TeamRole.PROBATION_OFFICER, TeamRole.NARCOLOGIST,
    TeamRole.FAMILY_DOCTOR, TeamRole.PSYCHOLOGIST,
)  # fmt: skip


def case_work_organisation_ids(user: Any) -> set[int]:
    return organisation_ids_of(user, *CASE_WORK_ROLES)


def _team_roles(user: Any, case: Case) -> set[str]:
    """The user's active roles on the case team (cached per case object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache: dict[int, set[str]] = case.__dict__.setdefault("_team_roles_by_user", {})
    if user.pk not in cache:
        cache[user.pk] = set(
            case.team.filter(user=user, is_active=True).values_list("role", flat=True)
        )
    return cache[user.pk]


@predicate
def works_in_case_organisation(user: Any, case: Case | None) -> bool:
    return case is not None and case.organisation_id in case_work_organisation_ids(user)


@predicate
def is_on_case_team(user: Any, case: Case | None) -> bool:
    return case is not None and bool(_team_roles(user, case))


@predicate
def is_lead_worker(user: Any, case: Case | None) -> bool:
    return case is not None and case.lead_worker_id == getattr(user, "pk", None)


@predicate
def supervises_case(user: Any, case: Case | None) -> bool:
    return case is not None and case.organisation_id in organisation_ids_of(user, Role.SUPERVISOR)


@predicate
def has_health_team_role(user: Any, case: Case | None) -> bool:
    return case is not None and bool(_team_roles(user, case) & set(HEALTH_TEAM_ROLES))


@predicate
def may_read_note(user: Any, note: CaseNote | None) -> bool:
    if note is None:
        return False
    if note.author_id == getattr(user, "pk", None):
        return True
    if note.confidentiality == Confidentiality.AUTHOR:
        return False
    if note.confidentiality == Confidentiality.TEAM:
        return bool(is_lead_worker(user, note.case) or is_on_case_team(user, note.case))
    return bool(works_in_case_organisation(user, note.case) or is_on_case_team(user, note.case))


@predicate
def is_note_author(user: Any, note: CaseNote | None) -> bool:
    return note is not None and note.author_id == getattr(user, "pk", None)


can_view_case = works_in_case_organisation | is_on_case_team
add_perm("cases.view_case", can_view_case)
add_perm("cases.work_on_case", can_view_case)
add_perm("cases.manage_case", is_lead_worker | supervises_case)
add_perm("cases.view_health", is_lead_worker | supervises_case | has_health_team_role)
add_perm("cases.view_note", may_read_note)
add_perm("cases.change_note", is_note_author)


@predicate
def supervises_organisation(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.pk in organisation_ids_of(
        user, Role.SUPERVISOR
    )


add_perm("cases.set_follow_up_cadence", supervises_organisation | is_admin_of_organisation)
