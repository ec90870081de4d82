"""A tiny SVG writer: elements with escaped attributes and text, presentation attributes only
(the Content-Security-Policy forbids style="" attributes). Every picture has role="img",
a <title> and a <desc>; the page puts a data table beside it."""

from __future__ import annotations

import math
from html import escape

from django.utils.safestring import SafeString, mark_safe

FONT = "Noto Sans, Arial, sans-serif"
INK = "#0b0c0c"
STRESS = "#d4351c"
MUTED = "#505a5f"


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        text = _number(value) if isinstance(value, float) else str(value)
        parts.append(f' {name}="{escape(text, quote=True)}"')
    return "".join(parts)


class Svg:
    def __init__(
        self, *, width: float, height: float, title: str, desc: str, css_id: str, fluid: bool = True
    ) -> None:
        self.fluid = fluid  # fluid: as wide as its column; else its natural size (scrolls)
        self.width = width
        self.height = height
        self.title = title
        self.desc = desc
        self.css_id = css_id
        self.parts: list[str] = []

    def add(self, tag: str, text: str | None = None, /, **attrs: object) -> None:
        if text is None:
            self.parts.append(f"<{tag}{_attrs(attrs)}/>")
        else:
            self.parts.append(f"<{tag}{_attrs(attrs)}>{escape(text, quote=False)}</{tag}>")

    def open(self, tag: str, /, **attrs: object) -> None:
        self.parts.append(f"<{tag}{_attrs(attrs)}>")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def line(self, x1: float, y1: float, x2: float, y2: float, **attrs: object) -> None:
        self.add("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **attrs)

    def text(self, x: float, y: float, text: str, **attrs: object) -> None:
        attrs.setdefault("font_family", FONT)
        attrs.setdefault("fill", INK)
        self.add("text", text, x=float(x), y=float(y), **attrs)

    def render(self) -> SafeString:
        title_id = f"{self.css_id}-title"
        desc_id = f"{self.css_id}-desc"
        size = (
            ' width="100%"'
            if self.fluid
            else f' width="{_number(self.width)}" height="{_number(self.height)}"'
        )
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(self.css_id)}" role="img"'
            f' viewBox="0 0 {_number(self.width)} {_number(self.height)}"{size}'
            f' aria-labelledby="{title_id} {desc_id}" class="tilts-diagram">'
            f'<title id="{title_id}">{escape(self.title, quote=False)}</title>'
            f'<desc id="{desc_id}">{escape(self.desc, quote=False)}</desc>'
            f'<rect x="0" y="0" width="{_number(self.width)}" height="{_number(self.height)}"'
            ' fill="#ffffff"/>'
        )
        return mark_safe(head + "".join(self.parts) + "</svg>")  # noqa: S308 — all escaped above


def offset_segment(
    x1: float, y1: float, x2: float, y2: float, distance: float
) -> tuple[float, float, float, float]:
    """The segment moved sideways by `distance` (for double and triple lines)."""
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    return x1 + nx * distance, y1 + ny * distance, x2 + nx * distance, y2 + ny * distance


def zigzag_points(
    x1: float, y1: float, x2: float, y2: float, step: float = 10, amplitude: float = 6
) -> str:
    """A zigzag along the segment (stress and conflict marks)."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < step:
        return f"{_number(x1)},{_number(y1)} {_number(x2)},{_number(y2)}"
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = -uy, ux
    count = max(2, int(length // step))
    points = []
    for i in range(count + 1):
        t = length * i / count
        side = 0 if i in (0, count) else (amplitude if i % 2 else -amplitude)
        points.append(f"{_number(x1 + ux * t + nx * side)},{_number(y1 + uy * t + ny * side)}")
    return " ".join(points)


def arrowhead(tip_x: float, tip_y: float, from_x: float, from_y: float, size: float = 12) -> str:
    """Points of a triangle whose tip is at (tip_x, tip_y), pointing away from (from_x, from_y)."""
    length = math.hypot(tip_x - from_x, tip_y - from_y) or 1.0
    ux, uy = (tip_x - from_x) / length, (tip_y - from_y) / length
    bx, by = tip_x - ux * size, tip_y - uy * size
    nx, ny = -uy * size / 2, ux * size / 2
    return " ".join(
        f"{_number(px)},{_number(py)}"
        for px, py in ((tip_x, tip_y), (bx + nx, by + ny), (bx - nx, by - ny))
    )


def wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """Break a label into at most `lines` lines of about `width` characters."""
    words = text.split()
    result: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            result.append(current)
            current = word
    if current:
        result.append(current)
    if len(result) > lines:
        result = [*result[: lines - 1], " ".join(result[lines - 1 :])]
    return [line if len(line) <= width + 2 else line[: width + 1] + "…" for line in result]
