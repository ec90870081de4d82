"""The case file as PDF (issue 8; E1, E2, E4): a modest case summary, then each diagram of the
case drawn as vector graphics from the same SVG the pages show, each followed by its text
alternative. fpdf2 draws the SVG itself; the print variant only swaps the web font for the
bundled DejaVu Sans (Latvian diacritics, Cyrillic) and drops what fpdf2 does not draw
(<title>, <desc>: their text is printed below the picture instead)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html import unescape

from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Case
from core.pdf import FAMILY, Document, day

from .svg import FONT

_UNDRAWN = re.compile(r"<(title|desc)\b[^>]*>.*?</\1>", re.DOTALL)
_DESC = re.compile(r"<desc\b[^>]*>(.*?)</desc>", re.DOTALL)


@dataclass(frozen=True)
class Section:
    """One diagram: its heading, its SVG and the rows of its table (the page's text)."""

    heading: str
    svg: str
    rows: list[str] = field(default_factory=list)


def print_svg(svg: str) -> bytes:
    """The page's SVG as fpdf2 draws it: the bundled font, no fluid width, no title/desc."""
    svg = svg.replace(f'font-family="{FONT}"', f'font-family="{FAMILY}"')
    svg = svg.replace(' width="100%"', "", 1)
    return _UNDRAWN.sub("", svg).encode()


def description(svg: str) -> str:
    found = _DESC.search(svg)
    return unescape(found.group(1)) if found else ""


def case_pdf(case: Case, sections: list[Section]) -> bytes:
    with translation.override(case.client.preferred_language):
        document = Document(_("Case file"))
        document.field(_("Organisation"), case.organisation.name)
        document.field(_("Case"), case.number)
        document.field(_("Client"), case.client.full_name)
        document.field(_("Status"), case.get_status_display())
        document.field(_("Lead worker"), str(case.lead_worker))
        document.field(_("Opened on"), day(case.opened_on))
        if not sections:
            document.ln(3)
            document.line_of(_("No diagrams drawn for this case yet."))
        for section in sections:
            document.add_page()
            document.heading(section.heading, size=13)
            _picture(document, section.svg)
            document.ln(3)
            document.line_of(description(section.svg), size=9)
            document.ln(2)
            for row in section.rows:
                document.line_of(row, size=9)
        return document.bytes()


_VIEW_BOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def _picture(document: Document, svg: str) -> None:
    """As wide as the text, or narrower when that would run past the page (a tall family):
    the aspect ratio kept, centred, wholly on this page."""
    found = _VIEW_BOX.search(svg)
    width, height = (float(found.group(1)), float(found.group(2))) if found else (1.0, 1.0)
    room = document.h - document.b_margin - document.get_y() - 40  # leave room for the text
    draw_w = min(document.epw, room * width / height)
    draw_h = draw_w * height / width
    x = document.l_margin + (document.epw - draw_w) / 2
    document.image(io.BytesIO(print_svg(svg)), x=x, w=draw_w, h=draw_h)
