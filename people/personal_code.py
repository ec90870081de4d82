"""Latvian personal codes (personas kods): validation and normalisation.

Two formats exist. Codes issued before 1 July 2017 are DDMMYY-CNNNN: birth date, a century digit
(0 = 1800s, 1 = 1900s, 2 = 2000s) and a check digit. Codes issued since then start with 32 and
carry no birth date.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SHAPE = re.compile(r"^(\d{6})-?(\d{5})$")
_WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CENTURIES = {"0": 1800, "1": 1900, "2": 2000}


def normalise(value: str) -> str:
    """The canonical form DDMMYY-NNNNN; raises ValidationError with a translated message."""
    match = _SHAPE.match(value.strip().replace(" ", ""))
    if not match:
        raise ValidationError(
            _("Enter the personal code as 11 digits, like 010180-12345."), code="shape"
        )
    code = f"{match.group(1)}-{match.group(2)}"
    digits = match.group(1) + match.group(2)
    if digits.startswith("32"):
        return code
    if birth_date(code) is None:
        raise ValidationError(
            _("The first six digits of the personal code are not a valid date of birth."),
            code="date",
        )
    check = (1101 - sum(int(d) * w for d, w in zip(digits[:10], _WEIGHTS, strict=True))) % 11
    if check == 10 or check != int(digits[10]):
        raise ValidationError(
            _("This personal code is not valid: check the digits."), code="checksum"
        )
    return code


def birth_date(code: str) -> date | None:
    """The date of birth an old-format code carries, or None (new format, or not a date)."""
    digits = code.replace("-", "")
    if digits.startswith("32") or len(digits) != 11 or digits[6] not in _CENTURIES:
        return None
    try:
        return date(_CENTURIES[digits[6]] + int(digits[4:6]), int(digits[2:4]), int(digits[0:2]))
    except ValueError:
        return None


def with_check_digit(first_ten: str) -> str:
    """Complete an old-format code (used to make synthetic test and demo codes)."""
    check = (1101 - sum(int(d) * w for d, w in zip(first_ten, _WEIGHTS, strict=True))) % 11
    if check == 10:
        raise ValueError("no valid check digit for these ten digits")
    return f"{first_ten[:6]}-{first_ten[6:]}{check}"
