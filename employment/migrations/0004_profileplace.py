"""One derived row per employment profile with where the client lives and what every vacancy
scores, so matching finds the people of a municipality from one index range (issue 7). Filled
for the existing profiles."""

import django.db.models.deletion
from django.db import migrations, models

# As employment.models.EDUCATION_RANK when this migration was written.
EDUCATION_RANK = {
    "unknown": -1, "none": 0, "primary_incomplete": 1, "basic": 2, "secondary": 3,
    "vocational": 3, "higher": 4, "": 0,
}  # fmt: skip


def fill(apps, schema_editor):
    profiles = apps.get_model("employment", "EmploymentProfile")
    place = apps.get_model("employment", "ProfilePlace")
    rows = profiles.objects.values_list(
        "pk", "client_id", "client__municipality_id", "readiness", "licence_categories",
        "client__education_level",
    ).order_by("pk")  # fmt: skip
    batch = []
    for pk, client_id, municipality_id, readiness, licences, education in rows.iterator():
        batch.append(
            place(
                profile_id=pk, client_id=client_id, municipality_id=municipality_id,
                readiness=readiness, licence_categories=licences,
                education_rank=EDUCATION_RANK.get(education, -1),
            )
        )  # fmt: skip
        if len(batch) >= 2000:
            place.objects.bulk_create(batch)
            batch = []
    place.objects.bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_seed_municipalities'),
        ('employment', '0003_profileoccupation_scored_columns'),
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProfilePlace',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('readiness', models.CharField(default='ready_now', max_length=12)),
                ('licence_categories', models.CharField(blank=True, max_length=80)),
                ('education_rank', models.SmallIntegerField(default=-1)),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.client')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.municipality')),
                ('profile', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='place_index', to='employment.employmentprofile')),
            ],
            options={
                'indexes': [models.Index(fields=['municipality'], name='employment__municip_88ea61_idx')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
