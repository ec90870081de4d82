"""PDF documents for signing and printing (plans, agreements, conference records), with the
bundled DejaVu Sans (core/fonts, with its licence) so Latvian diacritics and Cyrillic render
without system fonts."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

# fontTools logs every glyph it subsets at INFO level: far too chatty for the app log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


class Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("Tilts")
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()
        self.heading(title, size=16)

    def heading(self, text: str, size: int = 12) -> None:
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def line_of(self, text: str, size: int = 10, bold: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def field(self, label: str, value: str) -> None:
        self.line_of(f"{label}: {value}")

    def signatures(self, client_name: str, worker_name: str) -> None:
        self.ln(10)
        signature, day = _("Signature"), _("Date")
        signature_line = f"{signature}: ______________________    {day}: ____________"
        for role, name in ((_("Client"), client_name), (_("Worker"), worker_name)):
            self.set_font(FAMILY, "", 10)
            self.cell(0, 8, f"{role}: {name}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.cell(
                0,
                10,
                signature_line,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            self.ln(4)

    def bytes(self) -> bytes:
        return bytes(self.output())


def day(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"
