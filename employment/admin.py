"""Reference data an administrator keeps: the occupation classification (bulk loads go through
`manage.py import_occupations`) and the dated minimum wage."""

from django.contrib import admin

from .models import MinimumWage, Occupation, OccupationGroup


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin[MinimumWage]):
    list_display = ("valid_from", "monthly_eur", "full_time_hours")


@admin.register(OccupationGroup)
class OccupationGroupAdmin(admin.ModelAdmin[OccupationGroup]):
    list_display = ("code", "title_lv", "title_ru", "title_en")
    search_fields = ("code", "title_lv")


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin[Occupation]):
    list_display = ("code", "title_lv", "title_ru", "title_en", "is_common", "is_active")
    list_filter = ("is_common", "is_active")
    search_fields = ("code", "title_lv", "title_ru", "title_en")
