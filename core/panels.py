"""Pages of one app showing a panel from another without importing it.

An app registers a panel for a slot in its AppConfig.ready(): a function of the request that
returns (template name, context) or None. The page asks `panels_for(slot, request)`.
Used by the caseload: tasks (and later plans) add "due soon / overdue" panels to it; and by
the case page (slot "case", with the case passed as `case=`): the referrals app adds referrals
and help in kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

Panel = Callable[..., tuple[str, dict[str, Any]] | None]

_PANELS: dict[str, list[Panel]] = {}


def register(slot: str, panel: Panel) -> None:
    if panel not in _PANELS.setdefault(slot, []):
        _PANELS[slot].append(panel)


def panels_for(slot: str, request: HttpRequest, **context: Any) -> list[SafeString]:
    """Each registered panel of the slot rendered to HTML, in registration order. Keyword
    arguments (the page's object) are passed on to every panel of the slot."""
    shown = []
    for panel in _PANELS.get(slot, []):
        result = panel(request, **context)
        if result is not None:
            template, values = result
            shown.append(render_to_string(template, values, request=request))
    return shown
