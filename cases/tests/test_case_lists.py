"""The case lists' filters give what `{% url %}` and `|date:` give (issue 10)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from cases.templatetags.case_lists import id_url

pytestmark = pytest.mark.django_db


def _render(source: str, **context: object) -> str:
    return engines["django"].from_string("{% load case_lists tz %}" + source).render(context)


@pytest.mark.parametrize(
    "view_name", ["cases:detail", "plans:overview", "referrals:case_referrals", "tasks:case_tasks"]
)
def test_a_rows_link_is_the_views_url_with_its_id(view_name: str) -> None:
    for pk in (1, 42, 1000001):
        assert id_url(pk, view_name) == reverse(view_name, args=[pk])
    set_script_prefix("/tilts/")
    try:
        assert id_url(7, view_name) == reverse(view_name, args=[7])
        assert id_url(7, view_name).startswith("/tilts/")
    finally:
        set_script_prefix("/")
    assert id_url(7, view_name) == reverse(view_name, args=[7])


def test_dates_and_times_read_as_the_date_filter_writes_them() -> None:
    """In each language and time zone, inside `{% localtime off %}` too, and the same again
    when remembered; nothing for no date."""
    day = date(2026, 12, 4)
    moment = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)  # 1 January in Riga
    ours = "{{ d|short_date }} {{ t|short_datetime }} {{ t|short_date }}"
    django = (
        '{{ d|date:"SHORT_DATE_FORMAT" }} {{ t|date:"SHORT_DATETIME_FORMAT" }} '
        '{{ t|date:"SHORT_DATE_FORMAT" }}'
    )
    seen = set()
    for zone in ("Europe/Riga", "UTC", "America/New_York"):
        with timezone.override(zone):
            for language in ("lv", "ru", "en"):
                with translation.override(language):
                    for _ in range(2):
                        for source in (ours, "{% localtime off %}" + ours + "{% endlocaltime %}"):
                            expected = source.replace(ours, django)
                            assert _render(source, d=day, t=moment) == _render(
                                expected, d=day, t=moment
                            )
                    seen.add(_render(ours, d=day, t=moment))
    assert len(seen) > 3  # the zones and languages did write them differently
    assert _render("[{{ d|short_date }}{{ t|short_datetime }}]", d=None, t=None) == "[]"
    later = moment + timedelta(minutes=1)
    assert _render("{{ t|short_datetime }}", t=later) != _render("{{ t|short_datetime }}", t=moment)
