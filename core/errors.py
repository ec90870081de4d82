"""Errors that services raise for invalid input: translated messages the view can show as-is."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule refused the request. Subclasses ValidationError so forms can show it."""
