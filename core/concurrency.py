"""Optimistic concurrency for every form that edits a record two people may edit (issue 28,
finding 5).

A form that edits a record carries a *version token* in a hidden field: a keyed digest of each
value the form edits, as stored when the form was rendered. The service that saves the form
locks the row(s) (SELECT … FOR UPDATE on PostgreSQL; SQLite transactions here are IMMEDIATE, so
writers are serialised already), computes the token of what is stored now and compares the two
in the same transaction: a different token means someone else saved in between, and the service
raises StaleEditError instead of writing over their change. Because the token has one digest per
field, the error knows *which* fields the other person changed, so the form can show their
values beside those fields while keeping everything the user typed.

Why a digest of the stored values rather than a version column: it needs no migration of the
fifteen models concerned, covers records made of several rows (a person's documents, a team) the
same way as one row, names the changed fields, and a change that does not touch what the form
edits (a trigger's stamp, another form's fields) is not a conflict. The digests are keyed with
the SECRET_KEY, so the token says nothing about the values.

A POST without a token (an API client, a page rendered before this existed) is saved as before;
every edit form renders one (core/tests/test_concurrency_forms.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import formats
from django.utils.crypto import salted_hmac
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError
from .forms import Form

VERSION_FIELD = "version"
DIGEST_LENGTH = 12  # hex characters per field: 48 bits, a missed change once in 10^14
_SALT = "tilts.core.concurrency.version"


def _canonical(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):  # a multiple choice's cleaned value: its rows' ids
        return sorted(item.pk for item in value)
    if isinstance(value, (bytes, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, (set, frozenset)):
        return sorted(_canonical(item) for item in value)
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _digest(name: str, value: Any) -> str:
    text = json.dumps([name, _canonical(value)], cls=DjangoJSONEncoder, sort_keys=True, default=str)
    return salted_hmac(_SALT, text, algorithm="sha256").hexdigest()[:DIGEST_LENGTH]


def version_of(values: Mapping[str, Any]) -> str:
    """The token of a record as the form shows it: one digest per field, by field name."""
    return "".join(_digest(name, values[name]) for name in sorted(values))


def changed_since(expected: str, values: Mapping[str, Any]) -> list[str]:
    """The fields whose stored value differs from the one the token was made from."""
    names = sorted(values)
    if len(expected) != DIGEST_LENGTH * len(names):
        return names  # a token of another shape (another form, tampered): everything may differ
    return [
        name
        for index, name in enumerate(names)
        if expected[index * DIGEST_LENGTH : (index + 1) * DIGEST_LENGTH]
        != _digest(name, values[name])
    ]


class StaleEditError(DomainError):
    """Someone else saved the record after this form was rendered: nothing was written."""

    def __init__(self, *, current: Mapping[str, Any], changed: list[str]) -> None:
        super().__init__(
            _(
                "Someone else changed this record since you opened it. Nothing was saved; "
                "open it again to see their change."
            ),
            code="stale",
        )
        self.current = dict(current)
        self.changed = changed
        self.version = version_of(current)


def check_version(expected: str | None, current: Mapping[str, Any]) -> None:
    """Raise StaleEditError when the record changed since the token `expected` was made.

    Call it inside the service's transaction, after locking what `current` was read from."""
    if not expected:
        return
    changed = changed_since(expected, current)
    if changed:
        raise StaleEditError(current=current, changed=changed)


def field_values(instance: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """A model row's values by field name (foreign keys as their id, without a query)."""
    meta = instance._meta
    values = {}
    for name in names:
        field = meta.get_field(name)
        values[name] = getattr(instance, getattr(field, "attname", name))
    return values


def lock_current[M: models.Model](
    instance: M,
    *,
    expected_version: str | None,
    values: Callable[[M], Mapping[str, Any]],
) -> M:
    """Lock the instance's row, load what is stored now into the instance and refuse a stale
    save. The instance then saves over the current row, never over an old copy of it."""
    if instance.pk is None:
        return instance
    manager = type(instance)._base_manager
    fresh = manager.select_for_update().get(pk=instance.pk)
    check_version(expected_version, values(fresh))
    for field in instance._meta.concrete_fields:
        setattr(instance, field.attname, getattr(fresh, field.attname))
    return instance


class VersionedForm(Form):
    """Mixin for an edit form: the version token in a hidden input (`{{ form.version_input }}`
    in the template; the view puts the token in `initial["version"]`), and the other person's
    change shown when the save was refused (`conflicts`: field name → their value, printed
    beside the field by includes/field.html). The token is not a form field, so it never
    appears in cleaned_data."""

    conflicts: dict[str, str]
    stale: bool
    # Named in the error summary when what changed is not one of the form's fields.
    record_label: Any = gettext_lazy("details not on this form")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflicts = {}
        self.stale = False
        self._current_version: str | None = None

    def expected_version(self) -> str | None:
        """The token the form was rendered with (None when the POST carried none)."""
        if not self.is_bound:
            return None
        return str(self.data.get(self.add_prefix(VERSION_FIELD), "")) or None

    def version_token(self) -> str:
        if self._current_version is not None:
            return self._current_version
        if self.is_bound:
            return self.expected_version() or ""
        return str(self.initial.get(VERSION_FIELD, ""))

    def version_input(self) -> SafeString:
        return format_html(
            '<input type="hidden" name="{}" value="{}">',
            self.add_prefix(VERSION_FIELD),
            self.version_token(),
        )

    def show_stale(self, error: StaleEditError) -> None:
        """Refuse the save visibly: what the other person saved is shown beside each field they
        changed. Where the user left that field as it was when they opened the form, the form
        takes the other person's value (nothing of the user's is lost and saving again does not
        undo the other change); where both changed it, the user's input stays, marked for them
        to choose. The new token is taken, so saving again (after checking) succeeds."""
        self.stale = True
        expected = self.expected_version() or ""
        self._current_version = error.version
        names = sorted(error.current)
        labels = []
        data: Any = self.data.copy()  # a QueryDict or a dict
        for name, field in self.fields.items():  # in the form's order
            if name not in error.changed:
                continue
            labels.append(str(field.label or name))
            current = error.current.get(name)
            self.conflicts[name] = display_value(field, current)
            index = names.index(name)
            as_loaded = expected[index * DIGEST_LENGTH : (index + 1) * DIGEST_LENGTH]
            typed = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
            if as_loaded and _digest(name, typed) == as_loaded:
                _put(data, self.add_prefix(name), field, current)
            else:
                self.add_error(
                    name, _("You and someone else both changed this: check which to keep.")
                )
        self.data = data
        summary = _(
            "Someone else changed this record since you opened it: %(fields)s. Their values "
            "are shown beside the fields; your input is kept. Check it and save again."
        ) % {"fields": ", ".join(labels) or str(self.record_label)}
        self.add_error(None, summary)


def _put(data: Any, key: str, field: forms.Field, value: Any) -> None:
    """Write a stored value into submitted form data, as the browser would have sent it."""
    if isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
        items = [str(getattr(item, "pk", item)) for item in value or []]
        if hasattr(data, "setlist"):
            data.setlist(key, items)
        else:
            data[key] = items
    elif isinstance(field, forms.BooleanField):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    elif value is None:
        data[key] = ""
    elif isinstance(field, forms.ModelChoiceField):
        data[key] = str(getattr(value, "pk", value))
    else:
        data[key] = str(field.widget.format_value(value) or "")


def _flat_choices(choices: Iterable[Any]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            flat.update(_flat_choices(label))
        else:
            flat[str(value)] = str(label)
    return flat


EMPTY = gettext_lazy("(empty)")


def display_value(field: forms.Field, value: Any) -> str:
    """A stored value as the form's field would label it (choices by their label)."""
    if value is None or value == "" or value == []:
        return str(EMPTY)
    if isinstance(field, forms.ModelMultipleChoiceField):
        queryset = field.queryset
        pks = [getattr(item, "pk", item) for item in value]
        return ", ".join(str(obj) for obj in queryset.filter(pk__in=pks)) if queryset else ""
    if isinstance(field, forms.ModelChoiceField):
        queryset = field.queryset
        obj = queryset.filter(pk=getattr(value, "pk", value)).first() if queryset else None
        return str(obj) if obj is not None else str(EMPTY)
    if isinstance(field, forms.ChoiceField):
        labels = _flat_choices(cast(Iterable[Any], field.choices))
        if isinstance(value, (list, tuple, set)):
            return ", ".join(labels.get(str(item), str(item)) for item in value)
        return labels.get(str(value), str(value))
    if isinstance(field, forms.BooleanField) or isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (date, datetime, Decimal)):
        return str(formats.localize(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


def form_status(request: Any, form: Any) -> int:
    """The status of a form page: 409 after a refused stale save, 400 after other errors."""
    if request.method != "POST":
        return 200
    return 409 if getattr(form, "stale", False) else 400


def row_values(instance: models.Model | None, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """Every stored column of a row but its key, by field name: the version of a record whose
    form edits most of it (a change to any column counts). No row yet: {}."""
    if instance is None:
        return {}
    skip = {instance._meta.pk.name if instance._meta.pk else "id", *exclude}
    return {
        field.name: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in skip
    }
