"""The needs taxonomy and Latvian public holidays 2024–2035 (directory/needs.py, holidays.py)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from directory import holidays, needs

    needs.load(apps.get_model("directory", "Taxonomy"), apps.get_model("directory", "Need"))
    holidays.load(apps.get_model("directory", "PublicHoliday"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
