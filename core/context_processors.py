from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

# (URL name, label, URL names under it that keep the item highlighted)
NAVIGATION = [
    ("core:home", _("Home"), {"core:home"}),
    (
        "cases:caseload",
        _("Caseload"),
        {
            "cases:caseload",
            "cases:search",
            "cases:open",
            "cases:detail",
            "cases:note_add",
            "cases:note_edit",
            "cases:appointment_plan",
        },
    ),
    (
        "accounts:organisation_list",
        _("Organisations"),
        {"accounts:organisation_list", "accounts:organisation_detail"},
    ),
    (
        "employment:vacancies",
        _("Employment"),
        {
            "employment:vacancies",
            "employment:vacancy",
            "employment:employers",
            "employment:employer",
            "employment:follow_ups",
        },
    ),
    ("accounts:user_list", _("Colleagues"), {"accounts:user_list", "accounts:user_detail"}),
    ("directory:search", _("Services"), {"directory:search", "directory:service_detail"}),
    ("inbox:inbox", _("Inbox"), {"inbox:inbox"}),
]


def layout(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page: languages and the service navigation. The
    navigation is worked out only when a template shows it: the site header is kept rendered
    (core/templatetags/layout.py), and every panel rendered on its own ran this again (seven
    URL reversals, 0.4 ms a time on the caseload; issue 10)."""
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""

    def navigation() -> list[dict[str, Any]]:
        return [
            {"url": reverse(name), "label": label, "active": current in section}
            for name, label, section in NAVIGATION
        ]

    return {"language_choices": settings.LANGUAGES, "navigation": SimpleLazyObject(navigation)}
