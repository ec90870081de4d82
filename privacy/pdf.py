"""The data-subject export as a readable PDF (GDPR Art. 15), in the person's language."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from core.pdf import Document
from people.models import Client

from .selectors import person_export


def _lines(document: Document, rows: list[dict[str, Any]]) -> None:
    if not rows:
        document.line_of("—")
    for row in rows:
        document.line_of(
            "  • " + "; ".join(f"{k}: {v}" for k, v in row.items() if v not in ("", None, []))
        )


def person_pdf(client: Client) -> bytes:
    data = person_export(client)
    with translation.override(client.preferred_language):
        document = Document(_("Data Tilts holds about you"))
        document.heading(_("Personal details"), size=11)
        for key, value in data["person"].items():
            if value not in ("", None, []):
                document.field(key, str(value))
        sections = (
            (_("In your own words"), data["own_words"]),
            (_("Documents"), data["documents"]),
            (_("Income"), data["income"]),
            (_("Consents to share"), data["consents"]),
            (_("Shared on a legal basis"), data["legal_bases"]),
        )
        for title, rows in sections:
            document.ln(2)
            document.heading(title, size=11)
            _lines(document, rows)
        if data["health"]:
            document.ln(2)
            document.heading(_("Health and dependencies"), size=11)
            _lines(document, [data["health"]])
        for case in data["cases"]:
            document.ln(2)
            document.heading(f"{_('Case')} {case['number']} — {case['organisation']}", size=11)
            document.field(
                _("Status"), f"{case['status']} ({case['opened_on']} – {case['closed_on'] or ''})"
            )
            document.line_of(_("Notes") + ":", bold=True)
            _lines(document, case["notes"])
            document.line_of(_("Meetings") + ":", bold=True)
            _lines(document, case["meetings"])
        document.ln(2)
        document.heading(_("Who read your data"), size=11)
        _lines(document, data["access_log"])
        return document.bytes()
