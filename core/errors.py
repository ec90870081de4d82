"""Errors that services raise for invalid input: translated messages the view can show as-is."""

from typing import Any

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule refused the request. Subclasses ValidationError so forms can show it."""


def validate(instance: Any, exclude: list[str] | None = None) -> None:
    """Run a model's full_clean and turn its errors into a DomainError for the form."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise DomainError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from error
