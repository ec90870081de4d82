"""Data-subject requests are handled by a supervisor of the organisation holding the case."""

from rules.permissions import add_perm

from cases.permissions import supervises_case

add_perm("privacy.handle_data_subject_request", supervises_case)
