"""Filters for the rows of case lists (the caseload's table and panels, the search list):
what `{% url %}` and `|date:` give, worked out once and remembered (issue 10).

Every row asked `reverse()` for its link and Django's date formatting for its dates, about
350 Python calls a row. A view's link with one id differs from row to row only in the id:
it is reversed once per URL configuration and script prefix and the id put in. A date or
time is formatted once per language (a time as shown in its time zone) and remembered.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, translation

register = template.Library()

# An id no row has: reversed in a row's place, then replaced by each row's id.
_SENTINEL = 918273645546372819
_FORMATTED_LIMIT = 8192
_formatted: dict[tuple[Any, ...], str] = {}


@lru_cache(maxsize=256)
def _around_id(view_name: str, prefix: str, urlconf: Any) -> tuple[str, str]:
    head, tail = reverse(view_name, urlconf=urlconf, args=[_SENTINEL]).split(str(_SENTINEL))
    return head, tail


@register.filter
def id_url(pk: int, view_name: str) -> str:
    """`{% url view_name pk %}` for a view whose one argument is an id."""
    head, tail = _around_id(view_name, get_script_prefix(), get_urlconf())
    return f"{head}{int(pk)}{tail}"


def _format(value: date | datetime | None, format_name: str) -> str:
    if value is None or value == "":
        return ""
    # An aware time is keyed with its offset and zone name as well: equal instants in two
    # zones are equal datetimes but read differently.
    zone = (value.utcoffset(), value.tzname()) if isinstance(value, datetime) else None
    key = (value, zone, format_name, translation.get_language())
    found = _formatted.get(key)
    if found is None:
        if len(_formatted) >= _FORMATTED_LIMIT:
            _formatted.clear()
        found = _formatted[key] = formats.date_format(value, format_name)
    return found


@register.filter(expects_localtime=True)
def short_date(value: date | datetime | None) -> str:
    """`value|date:"SHORT_DATE_FORMAT"`."""
    return _format(value, "SHORT_DATE_FORMAT")


@register.filter(expects_localtime=True)
def short_datetime(value: datetime | None) -> str:
    """`value|date:"SHORT_DATETIME_FORMAT"`."""
    return _format(value, "SHORT_DATETIME_FORMAT")
