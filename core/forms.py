"""The base of every Tilts form: dates within a sensible range, and text that is text (issue 28).

Every form in the project derives from `Form` or `ModelForm` here (core/tests/test_forms.py
checks it), so two rules hold for all of them at once:

- Dates are `BoundedDateField` / `BoundedDateTimeField`: from `EARLIEST_DATE` to
  `YEARS_AHEAD` years after today (a meeting on 9999-12-31 once broke the case page's
  proposed dates; a year-1 date cannot be turned into UTC). A ModelForm's generated date fields
  get the same types.
- Characters no page can show and no database can store (lone UTF-16 surrogates, which a
  request can carry in for example a UTF-7 body, and NUL) are refused with a clear error on the
  field, and the form re-renders with everything else typed kept (the bad characters shown as
  "�").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = dt.date(1900, 1, 1)
"""Nothing Tilts records happened before 1900: not a birth, a release or a document."""

YEARS_AHEAD = 20
"""Meetings, deadlines, target dates and consent expiry reach at most 20 years ahead."""


@dataclass(frozen=True)
class DateRange:
    """The dates a kind of field accepts: `earliest` to today plus `years_ahead` years."""

    earliest: dt.date
    years_ahead: int

    def latest(self, today: dt.date | None = None) -> dt.date:
        today = today or timezone.localdate()
        try:
            return today.replace(year=today.year + self.years_ahead)
        except ValueError:  # 29 February in a year that has none
            return today.replace(year=today.year + self.years_ahead, day=28)

    def check(self, day: dt.date) -> None:
        latest = self.latest()
        if not self.earliest <= day <= latest:
            raise ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s."),
                code="date_out_of_range",
                params={
                    "earliest": date_format(self.earliest, "SHORT_DATE_FORMAT"),
                    "latest": date_format(latest, "SHORT_DATE_FORMAT"),
                },
            )


CASE_DATES = DateRange(earliest=EARLIEST_DATE, years_ahead=YEARS_AHEAD)
"""Dates of case work: contacts, meetings, plans, consents, deadlines."""

PAST_DATES = DateRange(earliest=EARLIEST_DATE, years_ahead=0)
"""Dates that cannot be in the future: a birth, a document issued."""


class BoundedDateField(forms.DateField):
    """A date within `date_range` (default: case work, 1900 to 20 years ahead)."""

    def __init__(self, *args: Any, date_range: DateRange = CASE_DATES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.date_range = date_range

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, dt.date):
            self.date_range.check(value)


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time whose (local) date is within `date_range`."""

    def __init__(self, *args: Any, date_range: DateRange = CASE_DATES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.date_range = date_range

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, dt.datetime):
            self.date_range.check(value.date())


def bounded_formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A ModelForm's form field for a model field, with bounded date types."""
    if isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", BoundedDateTimeField)
    elif isinstance(field, models.DateField):
        kwargs.setdefault("form_class", BoundedDateField)
    return field.formfield(**kwargs)


# --- Text that is text ------------------------------------------------------------------------

TEXT_MAX_LENGTH = 20_000
"""The longest text any field takes when it sets no limit of its own (about eight pages): a
longer one is an error on its field with everything typed kept, well before a request reaches
DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), which answers the 413 page (core.views.bad_request)."""

UNSTORABLE = re.compile("[\ud800-\udfff\x00]")
REPLACEMENT = "\ufffd"
UNSTORABLE_MESSAGE = _(
    "This contains characters that are not valid text (shown as “�”). Remove them or type "
    "the text again."
)


class _TextMaxLength(MaxLengthValidator):
    """MaxLengthValidator for the texts of a CharField subclass (a UUIDField's value is not)."""

    def __call__(self, value: Any) -> None:
        if isinstance(value, str):
            super().__call__(value)


def _cleaned(values: list[Any]) -> tuple[list[Any], bool]:
    found = False
    cleaned = []
    for value in values:
        if isinstance(value, str) and UNSTORABLE.search(value):
            found = True
            value = UNSTORABLE.sub(REPLACEMENT, value)
        cleaned.append(value)
    return cleaned, found


class CheckedInputMixin:
    """Refuses lone surrogates and NUL in any submitted value, on the field they came in, and
    texts longer than TEXT_MAX_LENGTH where a field sets no limit."""

    data: Any
    fields: dict[str, forms.Field]
    is_bound: bool
    add_prefix: Any
    add_error: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bound_texts()
        self._unstorable: set[str] = set()
        if not self.is_bound:
            return
        getlist = getattr(self.data, "getlist", None)
        fixed = self.data.copy()
        for key in list(self.data.keys()):
            values = getlist(key) if getlist else [self.data[key]]
            cleaned, found = _cleaned(list(values))
            if not found:
                continue
            self._unstorable.add(key)
            if getlist:
                fixed.setlist(key, cleaned)
            else:
                fixed[key] = cleaned if isinstance(self.data[key], list) else cleaned[0]
        if self._unstorable:
            self.data = fixed

    def _bound_texts(self) -> None:
        """Every text field without a limit of its own gets TEXT_MAX_LENGTH."""
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = TEXT_MAX_LENGTH
                field.validators.append(_TextMaxLength(TEXT_MAX_LENGTH))
                field.widget.attrs.update(field.widget_attrs(field.widget))

    def full_clean(self) -> None:
        self._bound_texts()  # and the fields a subclass added after __init__
        super().full_clean()  # type: ignore[misc]
        if not self._unstorable or not hasattr(self, "cleaned_data"):
            return
        for name in self.fields:
            html_name = self.add_prefix(name)
            if any(key == html_name or key.startswith(f"{html_name}_") for key in self._unstorable):
                self.add_error(name, ValidationError(UNSTORABLE_MESSAGE, code="unstorable"))


class Form(CheckedInputMixin, forms.Form):
    """The base of every Tilts form."""


class ModelForm[M: models.Model](CheckedInputMixin, forms.ModelForm[M]):
    """The base of every Tilts model form: generated date fields are bounded too."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Runs before ModelFormMetaclass reads Meta and generates the fields.
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(bounded_formfield)
        super().__init_subclass__(**kwargs)
