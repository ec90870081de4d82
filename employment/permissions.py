"""Who may do what in employment.

- A client's employment profile belongs to the case file: whoever may see the case plan sees it
  (`cases.view_case_plan`), whoever may work on the case changes it (`cases.work_on_case`).
  Work limitations are health data: the `cases.view_health` rule, nothing weaker.
- Employers and vacancies are a shared register, like a resource directory (F4): every case
  worker of any organisation reads and keeps it. It holds no data about clients.
- Placements are recorded from a case, under the case's rules.
"""

from __future__ import annotations

from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from cases.permissions import case_work_organisation_ids


@predicate
def is_case_worker(user: Any) -> bool:
    return bool(case_work_organisation_ids(user))


add_perm("employment.use_employer_register", is_case_worker)
