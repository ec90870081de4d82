"""Every model change has its migration: a fresh clone migrates to exactly the models in the
code (an index added to a model without its migration would never reach production)."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:  # --check exits with 1 when a migration is missing
        pytest.fail(f"makemigrations would create migrations:\n{out.getvalue()}")
