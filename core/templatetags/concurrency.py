"""`field|conflict_value`: what someone else saved in a field since its form was opened
(core/concurrency.py), or "" when nothing."""

from __future__ import annotations

from django import forms, template
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.concurrency import VERSION_FIELD, field_values, version_of

register = template.Library()


@register.filter
def conflict_value(field: forms.BoundField) -> str:
    conflicts = getattr(field.form, "conflicts", None) or {}
    return str(conflicts.get(field.name, ""))


@register.simple_tag
def version_input(record: models.Model, fields: str) -> SafeString:
    """The hidden version token of a record's `fields` (comma-separated), for a small form
    rendered beside the record (a meeting's outcome, a case's status). The same fields as the
    service's `*_values` function checks; a mismatch would refuse every save, which the views'
    tests would show."""
    names = [name.strip() for name in fields.split(",") if name.strip()]
    token = version_of(field_values(record, names))
    return format_html('<input type="hidden" name="{}" value="{}">', VERSION_FIELD, token)
