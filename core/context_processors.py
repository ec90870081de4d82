from typing import Any

from django.conf import settings
from django.http import HttpRequest


def layout(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page: the language switcher's choices."""
    return {"language_choices": settings.LANGUAGES}
