"""PostgreSQL plans a page's repeated reads once per connection (tilts/settings/base.py,
issue 10): parameters bound by the server, a statement prepared from its fifth run."""

import pytest
from django.db import connection

from accounts.models import Municipality

pytestmark = pytest.mark.django_db


def test_a_repeated_read_is_prepared_on_postgresql() -> None:
    for _ in range(6):
        list(Municipality.objects.filter(code="saldus-novads").values_list("pk", flat=True))
    if connection.vendor != "postgresql":
        # SQLite compiles statements in the process; nothing to prepare on a server.
        assert "server_side_binding" not in connection.settings_dict["OPTIONS"]
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("accounts_municipality" in statement for statement in prepared)
