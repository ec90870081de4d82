"""Load Latvia's planning regions and municipalities (reference data, every environment)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from accounts.data.municipalities import MUNICIPALITIES, PLANNING_REGIONS

    region_model = apps.get_model("accounts", "PlanningRegion")
    municipality_model = apps.get_model("accounts", "Municipality")
    regions = {}
    for code, name, name_ru, name_en in PLANNING_REGIONS:
        regions[code], _created = region_model.objects.update_or_create(
            code=code, defaults={"name": name, "name_ru": name_ru, "name_en": name_en}
        )
    for code, kind, region, name, name_ru, name_en, valid_from, valid_to in MUNICIPALITIES:
        municipality_model.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "region": regions[region],
                "name": name,
                "name_ru": name_ru,
                "name_en": name_en,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
