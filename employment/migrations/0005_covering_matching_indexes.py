"""Covering indexes for matching (issue 7): both ranges are read from the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_seed_municipalities'),
        ('employment', '0004_profileplace'),
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='profileoccupation',
            name='employment__minor_g_cac27f_idx',
        ),
        migrations.RemoveIndex(
            model_name='profileplace',
            name='employment__municip_88ea61_idx',
        ),
        migrations.AddIndex(
            model_name='profileoccupation',
            index=models.Index(fields=['minor_group', 'municipality', 'profile', 'client', 'occupation', 'unit_group', 'years', 'readiness', 'licence_categories', 'education_rank'], name='employment_po_matching'),
        ),
        migrations.AddIndex(
            model_name='profileplace',
            index=models.Index(fields=['municipality', 'profile', 'client', 'readiness', 'licence_categories', 'education_rank'], name='employment_place_matching'),
        ),
    ]
