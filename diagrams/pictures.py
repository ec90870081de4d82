"""The social network map's circle (Tracy & Whittaker 1990) and the culturagram's picture
(Congress 2008)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .models import LifeArea
from .svg import INK, MUTED, Svg, wrap

RINGS = {3: 110.0, 2: 175.0, 1: 240.0}  # closeness: very close inside
DOT_R = 13.0
OUTER = 300.0
PAD = 100.0


@dataclass(frozen=True)
class Member:
    number: int
    area: str
    closeness: int
    criticism: int


def network_positions(members: list[Member]) -> dict[int, tuple[float, float]]:
    """Each member in their life area's sector, on the ring of their closeness; when a ring's
    arc is full, the next ones move outwards so dots never overlap."""
    areas = list(LifeArea.values)
    buckets: dict[tuple[int, int], list[Member]] = defaultdict(list)
    for member in members:
        buckets[(areas.index(member.area), member.closeness)].append(member)
    result: dict[int, tuple[float, float]] = {}
    sector = 2 * math.pi / len(areas)
    for (area_index, closeness), group in buckets.items():
        radius = RINGS[closeness]
        remaining = list(group)
        while remaining:
            capacity = max(1, int((radius * sector * 0.8) // (2 * DOT_R + 6)))
            batch, remaining = remaining[:capacity], remaining[capacity:]
            for i, member in enumerate(batch):
                angle = area_index * sector + sector * (0.1 + 0.8 * (i + 0.5) / len(batch))
                result[member.number] = (
                    OUTER + PAD + radius * math.sin(angle),
                    OUTER + PAD - radius * math.cos(angle),
                )
            radius += 2 * DOT_R + 6
    return result


def network_map(members: list[Member], *, centre_label: str, title: str, desc: str) -> Svg:
    size = 2 * (OUTER + PAD)
    svg = Svg(width=size, height=size, title=title, desc=desc, css_id="network-map")
    c = OUTER + PAD
    for radius in (OUTER, *RINGS.values()):
        svg.add("circle", cx=c, cy=c, r=radius, fill="none", stroke=MUTED, stroke_width=1,
                stroke_dasharray=None if radius == OUTER else "4 4")  # fmt: skip
    areas = LifeArea.choices
    sector = 2 * math.pi / len(areas)
    for i, (_value, label) in enumerate(areas):
        angle = i * sector
        svg.line(c + 60 * math.sin(angle), c - 60 * math.cos(angle),
                 c + OUTER * math.sin(angle), c - OUTER * math.cos(angle),
                 stroke=MUTED, stroke_width=1, class_="sector")  # fmt: skip
        middle = angle + sector / 2
        lx, ly = c + (OUTER + 22) * math.sin(middle), c - (OUTER + 22) * math.cos(middle)
        for j, line in enumerate(wrap(str(label), 18)):
            svg.text(lx, ly + j * 13, line, text_anchor="middle", font_size=11, class_="area")
    svg.add("circle", cx=c, cy=c, r=58.0, fill="#f3f2f1", stroke=INK, stroke_width=2)
    for j, line in enumerate(wrap(centre_label, 12)):
        svg.text(c, c + 5 + j * 15, line, text_anchor="middle", font_size=13, font_weight="bold")
    for number, (x, y) in network_positions(members).items():
        member = next(m for m in members if m.number == number)
        svg.open("g", class_=f"member closeness-{member.closeness}", data_member=number)
        svg.add("circle", cx=x, cy=y, r=DOT_R, fill="#ffffff", stroke=INK,
                stroke_width=3 if member.criticism == 3 else 1.5)  # fmt: skip
        svg.text(x, y + 4, str(number), text_anchor="middle", font_size=12, font_weight="bold")
        svg.close("g")
    return svg


def culturagram_picture(
    areas: list[tuple[str, str]], *, centre_label: str, title: str, desc: str
) -> Svg:
    """The family in the centre, the ten areas around it: each box with its title and the
    beginning of what was recorded (the whole text is in the form and the table)."""
    width, height = 1000.0, 720.0
    svg = Svg(width=width, height=height, title=title, desc=desc, css_id="culturagram")
    cx, cy = width / 2, height / 2
    box_w, box_h = 180.0, 88.0
    count = len(areas)
    for i, (label, text) in enumerate(areas):
        angle = 2 * math.pi * i / count
        bx = cx + 371 * math.sin(angle) - box_w / 2
        by = cy - 290 * math.cos(angle) - box_h / 2
        ex, ey = bx + box_w / 2, by + box_h / 2
        svg.line(cx, cy, ex, ey, stroke=MUTED, stroke_width=1)
        svg.open("g", class_="area" + (" recorded" if text else " empty"))
        svg.add("rect", x=bx, y=by, width=box_w, height=box_h, rx=6.0, fill="#ffffff",
                stroke=INK, stroke_width=2 if text else 1,
                stroke_dasharray=None if text else "5 4")  # fmt: skip
        for j, line in enumerate(wrap(label, 26)):
            svg.text(bx + 8, by + 17 + j * 14, line, font_size=12, font_weight="bold")
        for j, line in enumerate(wrap(text or "—", 26, lines=2)):
            svg.text(bx + 8, by + 52 + j * 15, line, font_size=12)
        svg.close("g")
    svg.add("circle", cx=cx, cy=cy, r=70.0, fill="#f3f2f1", stroke=INK, stroke_width=3)
    for j, line in enumerate(wrap(centre_label, 14)):
        svg.text(cx, cy + 5 + j * 16, line, text_anchor="middle", font_size=14, font_weight="bold")
    return svg
