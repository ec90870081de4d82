"""pg_trgm GIN index on people_client.search_name for the name search (issue 10): `LIKE
'%token%'` then reads the index instead of every client. PostgreSQL only; SQLite keeps LIKE
over the table. Creating the extension needs a role allowed to (the database owner on
PostgreSQL 13+, pg_trgm being a trusted extension)."""

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS people_client_search_name_trgm "
        "ON people_client USING gin (search_name gin_trgm_ops)"
    )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS people_client_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
