"""Pages of one app showing a panel from another without importing it.

An app registers a panel for a slot in its AppConfig.ready(): a function of the request that
returns (template name, context) or None. The page asks `panels_for(slot, request)`.
Used by the caseload: tasks (and later plans) add "due soon / overdue" panels to it; and by
the case page (slot "case", with the case passed as `case=`): the referrals app adds referrals
and help in kind.

The case page is cached per reader (cases/case_page.py): a case panel reads only tables declared
in cases/page_stamps.py, decides by the permissions in cases.case_page.Reader (add one there if
it needs another), and puts in its context as `changes_at` the moment the clock alone changes
it (a referral becoming overdue).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
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
    return panels_until(slot, request, **context)[0]


def panels_until(
    slot: str, request: HttpRequest, **context: Any
) -> tuple[list[SafeString], datetime | None]:
    """`panels_for`, and the first moment at which the clock alone changes one of them."""
    shown, changes_at = [], None
    for panel in _PANELS.get(slot, []):
        result = panel(request, **context)
        if result is not None:
            template, values = result
            shown.append(render_to_string(template, values, request=request))
            moment = values.get("changes_at")
            if moment is not None and (changes_at is None or moment < changes_at):
                changes_at = moment
    return shown, changes_at
