"""Template helpers for GOV.UK form markup."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms, template
from django.core.paginator import Page
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def input_type(field: forms.BoundField) -> str:
    """The HTML input type: an explicit attrs["type"] wins, then the widget's own."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return str(widget.attrs.get("type") or getattr(widget, "input_type", "text"))


@register.filter
def input_value(field: forms.BoundField) -> Any:
    """The value as the widget would write it (dates as YYYY-MM-DD for date inputs)."""
    value = field.value()
    if value is None:
        return ""
    return field.field.widget.format_value(value) or ""


@register.filter
def is_selected(value: Any, field: forms.BoundField) -> bool:
    current = field.value()
    if isinstance(current, (list, tuple)):
        return str(value) in {str(v) for v in current}
    return str(value) == str(current)


@register.filter
def select_options(field: forms.BoundField) -> SafeString:
    """A select's <option>s built in one pass (issue 10): the current value read once, not per
    option, and a model field's rows read in one plain query, not counted first and then read
    through a server-side cursor (a colleague list has hundreds of options at 1,000,000
    clients). The same markup `is_selected` gives in a template loop."""
    current = field.value()
    values = current if isinstance(current, (list, tuple)) else [current]
    selected = {str(v) for v in values}
    return format_html_join(
        "\n",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) in selected else "", label)
            for value, label in _flat_choices(field.field)
        ),
    )


def _flat_choices(field: forms.Field) -> Iterable[tuple[Any, Any]]:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            yield ("", field.empty_label)
        iterator = field.iterator(field)
        for obj in field.queryset if field.queryset is not None else ():
            yield iterator.choice(obj)
        return
    yield from cast(list[tuple[Any, Any]], cast(forms.ChoiceField, field).choices)


@register.filter
def choice_groups(field: forms.BoundField) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Choices as [(group label or "", [(value, label, element id), …])].

    Flat choices come back as one unlabelled group, so one template loop
    renders both flat and grouped radios/checkboxes with unique ids.
    """
    groups: list[tuple[str, list[tuple[str, str, str]]]] = []
    flat: list[tuple[str, str, str]] = []
    counter = 0
    choices = cast(list[tuple[Any, Any]], cast(forms.ChoiceField, field.field).choices)
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            options = []
            for option_value, option_label in label:
                counter += 1
                options.append((str(option_value), str(option_label), f"{field.auto_id}-{counter}"))
            groups.append((str(value), options))
        else:
            counter += 1
            flat.append((str(value), str(label), f"{field.auto_id}-{counter}"))
    if flat:
        groups.insert(0, ("", flat))
    return groups


@register.filter
def page_links(page: Page[Any]) -> list[int | str]:
    """Page numbers around the current one with ellipses, so 500 pages stay one short line."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
