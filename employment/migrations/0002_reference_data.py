"""Reference data: the occupation classification excerpt of H1 (employment/data/occupations.csv)
and the minimum monthly wage in force from 2025 (740 EUR) and 2026 (780 EUR)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

MINIMUM_WAGES = [(date(2025, 1, 1), Decimal("740.00")), (date(2026, 1, 1), Decimal("780.00"))]


def load(apps, schema_editor):
    from employment import classifier

    classifier.load_seed(
        apps.get_model("employment", "OccupationGroup"), apps.get_model("employment", "Occupation")
    )
    minimum_wage = apps.get_model("employment", "MinimumWage")
    for valid_from, amount in MINIMUM_WAGES:
        minimum_wage.objects.update_or_create(
            valid_from=valid_from, defaults={"monthly_eur": amount, "full_time_hours": 40}
        )


class Migration(migrations.Migration):
    dependencies = [("employment", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
