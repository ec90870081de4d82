"""Load Latvia's planning regions and municipalities (reference data, every environment)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from accounts.data import municipalities

    municipalities.load(
        apps.get_model("accounts", "PlanningRegion"), apps.get_model("accounts", "Municipality")
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
