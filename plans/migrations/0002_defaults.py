"""Seed the minimum-income benefit (2025 and 2026 amounts) and the handbook's nine
participation obligations (C2) as the default template."""

from django.db import migrations


def load(apps, schema_editor):
    from plans import defaults

    defaults.load(apps)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
