"""Only the organisation holding the case records or withdraws the client's consent."""

from __future__ import annotations

from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from accounts.models import Role
from accounts.permissions import organisation_ids_of
from cases.models import Case
from cases.permissions import shares_case_plan


@predicate
def holds_the_case(user: Any, case: Case | None) -> bool:
    return case is not None and case.organisation_id in organisation_ids_of(user)


@predicate
def supervises_the_case(user: Any, case: Case | None) -> bool:
    """A supervisor of the organisation holding the case (issue 19: records a legal basis)."""
    return case is not None and case.organisation_id in organisation_ids_of(user, Role.SUPERVISOR)


add_perm("consent.manage_consent", holds_the_case & shares_case_plan)
add_perm("consent.manage_legal_basis", supervises_the_case & shares_case_plan)
