"""Ecomap drawing (Hartman 1978): the client's circle in the centre, the systems on a ring.

Strength: strong = three parallel lines, moderate = one line, tenuous = dashed.
Stress: a red zigzag over the connection. Flow of energy: arrowheads at the client's end
(to the client), the system's end (from the client) or both."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .svg import INK, STRESS, Svg, arrowhead, offset_segment, wrap, zigzag_points

CLIENT_R = 62.0
SYSTEM_R = 52.0
MIN_RING = 220.0
MARGIN = 20.0


@dataclass(frozen=True)
class Connection:
    id: int
    label: str
    kind: str
    strength: str
    stressful: bool
    flow: str


def ring_radius(count: int) -> float:
    """Big enough that neighbouring system circles keep at least 16 px apart."""
    if count <= 1:
        return MIN_RING
    needed = (2 * SYSTEM_R + 16) / (2 * math.sin(math.pi / count))
    return max(MIN_RING, needed)


def positions(count: int) -> tuple[float, list[tuple[float, float]]]:
    """The picture's size and each system's centre, clockwise from the top."""
    ring = ring_radius(count)
    size = 2 * (ring + SYSTEM_R + MARGIN)
    centre = size / 2
    points = [
        (
            centre + ring * math.sin(2 * math.pi * i / count),
            centre - ring * math.cos(2 * math.pi * i / count),
        )
        for i in range(count)
    ]
    return size, points


def draw(
    connections: list[Connection], *, centre_label: str, title: str, desc: str, css_id: str
) -> Svg:
    size, points = positions(len(connections))
    svg = Svg(width=size, height=size, title=title, desc=desc, css_id=css_id)
    c = size / 2
    for connection, (sx, sy) in zip(connections, points, strict=True):
        length = math.hypot(sx - c, sy - c) or 1.0
        ux, uy = (sx - c) / length, (sy - c) / length
        # from the client's edge to the system's edge, with room for arrowheads
        x1, y1 = c + ux * (CLIENT_R + 2), c + uy * (CLIENT_R + 2)
        x2, y2 = sx - ux * (SYSTEM_R + 2), sy - uy * (SYSTEM_R + 2)
        svg.open(
            "g", class_=f"connection strength-{connection.strength} flow-{connection.flow}"
            + (" stressful" if connection.stressful else ""), data_connection=connection.id,
        )  # fmt: skip
        if connection.strength == "strong":
            for d in (-5.0, 0.0, 5.0):
                svg.line(
                    *offset_segment(x1, y1, x2, y2, d), stroke=INK, stroke_width=2, class_="link"
                )
        elif connection.strength == "tenuous":
            svg.line(
                x1, y1, x2, y2, stroke=INK, stroke_width=2, stroke_dasharray="8 6", class_="link"
            )
        else:
            svg.line(x1, y1, x2, y2, stroke=INK, stroke_width=2, class_="link")
        if connection.stressful:
            inset = 26.0
            svg.add(
                "polyline", class_="stress", fill="none", stroke=STRESS, stroke_width=2.5,
                points=zigzag_points(
                    x1 + ux * inset, y1 + uy * inset, x2 - ux * inset, y2 - uy * inset,
                    step=9, amplitude=9,
                ),
            )  # fmt: skip
        if connection.flow in ("to_client", "both"):
            svg.add(
                "polygon",
                points=arrowhead(x1, y1, x2, y2),
                fill=INK,
                class_="arrow arrow-to-client",
            )
        if connection.flow in ("from_client", "both"):
            svg.add(
                "polygon",
                points=arrowhead(x2, y2, x1, y1),
                fill=INK,
                class_="arrow arrow-from-client",
            )
        svg.close("g")
    svg.open("g", class_="client")
    svg.add("circle", cx=c, cy=c, r=CLIENT_R, fill="#f3f2f1", stroke=INK, stroke_width=3)
    lines = wrap(centre_label, 14)
    for i, line in enumerate(lines):
        svg.text(c, c + 5 + (i - (len(lines) - 1) / 2) * 16, line, text_anchor="middle",
                 font_size=14, font_weight="bold")  # fmt: skip
    svg.close("g")
    for connection, (sx, sy) in zip(connections, points, strict=True):
        svg.open("g", class_=f"system system-{connection.kind}", data_connection=connection.id)
        svg.add("circle", cx=sx, cy=sy, r=SYSTEM_R, fill="#ffffff", stroke=INK, stroke_width=2)
        lines = wrap(connection.label, 13, lines=3)
        for i, line in enumerate(lines):
            svg.text(sx, sy + 4 + (i - (len(lines) - 1) / 2) * 14, line, text_anchor="middle",
                     font_size=12)  # fmt: skip
        svg.close("g")
    if not connections:
        svg.text(c, c + CLIENT_R + 30, _("No connections yet."), text_anchor="middle", font_size=13)
    return svg
