"""Matching a vacancy scores its related candidates from the derived occupation index alone
(issue 7): the profile's readiness and licences and the client's education rank are copied
into it. Existing rows are filled from the profiles and clients."""

from django.db import migrations, models
from django.db.models import Case, OuterRef, Subquery, Value, When

# As employment.models.EDUCATION_RANK when this migration was written.
EDUCATION_RANK = {
    "unknown": -1, "none": 0, "primary_incomplete": 1, "basic": 2, "secondary": 3,
    "vocational": 3, "higher": 4, "": 0,
}  # fmt: skip


def fill(apps, schema_editor):
    index = apps.get_model("employment", "ProfileOccupation")
    profiles = apps.get_model("employment", "EmploymentProfile")
    clients = apps.get_model("people", "Client")
    profile = profiles.objects.filter(pk=OuterRef("profile_id"))
    education = clients.objects.filter(pk=OuterRef("client_id")).values(
        rank=Case(
            *(
                When(education_level=level, then=Value(rank))
                for level, rank in EDUCATION_RANK.items()
            ),
            default=Value(-1),
            output_field=models.SmallIntegerField(),
        )
    )
    index.objects.update(
        readiness=Subquery(profile.values("readiness")),
        licence_categories=Subquery(profile.values("licence_categories")),
        education_rank=Subquery(education),
    )


class Migration(migrations.Migration):
    dependencies = [("employment", "0002_reference_data"), ("people", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="profileoccupation",
            name="readiness",
            field=models.CharField(default="ready_now", max_length=12),
        ),
        migrations.AddField(
            model_name="profileoccupation",
            name="licence_categories",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="profileoccupation",
            name="education_rank",
            field=models.SmallIntegerField(default=-1),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
