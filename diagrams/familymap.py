"""Structural family map (Minuchin 1974) drawn by our own layout code.

Members are labelled boxes in rows by their subsystem: the spousal or parental subsystem on
top, other subsystems in the middle, siblings below, members outside any subsystem at the
bottom; in a parent–child subsystem the older generation (by the genogram's years) stands on
top and the younger below. Within a row the members of one subsystem stand together. Each
subsystem is a rounded rectangle round its members, the family a larger one round everyone,
both in the boundary's line: clear = dashed, diffuse = dotted, rigid = solid.

Relations: affiliation = one line, over-involvement = three lines, conflict = a line crossed by
short perpendicular strokes, coalition = a bracket joining two members with a crossed line from
it to the third person they stand against."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .svg import INK, MUTED, STRESS, Svg, wrap

NODE_W = 124.0
NODE_H = 46.0
COL_W = 176.0
ROW_H = 150.0
MARGIN = 40.0  # outside the family boundary
FAMILY_PAD = 44.0  # from a node to the family boundary
LEGEND_H = 150.0
MIN_WIDTH = 640.0

DASH = {"clear": "9 6", "diffuse": "2 5", "rigid": None}
ROW_OF_KIND = {"spousal": 0, "parent_child": 1, "other": 1, "sibling": 2}
GENERATION = 14  # years between a parent's birth and a child's, at the least
OUTSIDE_ROW = 3


@dataclass(frozen=True)
class Member:
    id: int
    label: str
    birth_year: int | None = None  # from the genogram: parents above children


@dataclass(frozen=True)
class Subsystem:
    id: int
    kind: str
    label: str
    boundary: str
    members: tuple[int, ...]


@dataclass(frozen=True)
class Relation:
    id: int
    kind: str
    first: int
    second: int | None = None
    subsystem: int | None = None
    against: int | None = None


@dataclass
class Layout:
    width: float
    height: float
    centres: dict[int, tuple[float, float]]
    boxes: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    family: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def _padding(index: int) -> float:
    """Nested or neighbouring subsystems get different paddings so their outlines stay apart."""
    return 12.0 + 8.0 * (index % 3)


def layout(members: list[Member], subsystems: list[Subsystem]) -> Layout:
    """Rows by subsystem, columns in order of the subsystems; each member in one grid cell,
    so no two member boxes ever overlap."""
    born = {m.id: m.birth_year for m in members}
    row_of: dict[int, int] = {}
    group_of: dict[int, int] = {}
    for index, subsystem in enumerate(subsystems):
        years = [y for m in subsystem.members if (y := born.get(m)) is not None]
        for member_id in subsystem.members:
            row = ROW_OF_KIND.get(subsystem.kind, 1)
            year = born.get(member_id)
            if subsystem.kind == "parent_child" and year is not None and len(years) > 1:
                if year <= min(years) + GENERATION / 2 < max(years):
                    row = 0
                elif year >= max(years) - GENERATION / 2 > min(years):
                    row = 2
            if member_id not in row_of or row < row_of[member_id]:
                row_of[member_id] = row
            group_of.setdefault(member_id, index)
    rows: dict[int, list[Member]] = {}
    for member in members:
        rows.setdefault(row_of.get(member.id, OUTSIDE_ROW), []).append(member)
    used = sorted(rows)
    widest = max((len(r) for r in rows.values()), default=1)
    inner_w = max(widest * COL_W, MIN_WIDTH - 2 * (MARGIN + FAMILY_PAD) + COL_W - NODE_W)
    left = MARGIN + FAMILY_PAD + NODE_W / 2
    top = MARGIN + FAMILY_PAD + NODE_H / 2 + 16.0
    centres: dict[int, tuple[float, float]] = {}
    for row_index, row in enumerate(used):
        ordered = sorted(rows[row], key=lambda m: (group_of.get(m.id, len(subsystems)), m.id))
        offset = (inner_w - len(ordered) * COL_W) / 2  # centre short rows
        for col, member in enumerate(ordered):
            centres[member.id] = (left + offset + col * COL_W, top + row_index * ROW_H)
    rows_h = max(len(used), 1) * ROW_H
    family = (
        MARGIN,
        MARGIN,
        inner_w - (COL_W - NODE_W) + 2 * FAMILY_PAD,
        rows_h - (ROW_H - NODE_H) + 2 * FAMILY_PAD + 16.0,
    )
    width = family[2] + 2 * MARGIN
    height = family[3] + 2 * MARGIN + LEGEND_H
    result = Layout(width=width, height=height, centres=centres, family=family)
    for index, subsystem in enumerate(subsystems):
        points = [centres[m] for m in subsystem.members if m in centres]
        if not points:
            continue
        pad = _padding(index)
        x1 = min(x for x, _y in points) - NODE_W / 2 - pad
        y1 = min(y for _x, y in points) - NODE_H / 2 - pad
        x2 = max(x for x, _y in points) + NODE_W / 2 + pad
        y2 = max(y for _x, y in points) + NODE_H / 2 + pad
        result.boxes[subsystem.id] = (x1, y1, x2 - x1, y2 - y1)
    return result


Point = tuple[float, float]


def _bezier(a: Point, b: Point, bend: float, steps: int = 16) -> list[Point]:
    """A quadratic curve from a to b whose middle lies `bend` px to the side (0: straight)."""
    if bend == 0:
        return [a, b]
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
    px, py = (a[0] + b[0]) / 2 + nx * 2 * bend, (a[1] + b[1]) / 2 + ny * 2 * bend
    points = []
    for i in range(steps + 1):
        t = i / steps
        points.append(
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * px + t**2 * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * py + t**2 * b[1],
            )
        )
    return points


def _samples(points: list[Point], every: float = 5.0) -> list[Point]:
    result: list[Point] = []
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        count = max(1, int(math.hypot(x2 - x1, y2 - y1) // every))
        result.extend(
            (x1 + (x2 - x1) * i / count, y1 + (y2 - y1) * i / count) for i in range(count)
        )
    return [*result, points[-1]]


def _inside(point: Point, box: tuple[float, float, float, float], margin: float = 0.0) -> bool:
    x, y, w, h = box
    return x - margin <= point[0] <= x + w + margin and y - margin <= point[1] <= y + h + margin


def route(
    a: Point,
    b: Point,
    obstacles: list[tuple[float, float, float, float]],
    taken: list[Point],
    bounds: tuple[float, float, float, float],
) -> list[Point]:
    """The straightest line from a to b that crosses no other member's box and does not run
    over an earlier relation: straight if it can, else curved to one side or the other."""
    fallback: list[Point] | None = None
    for bend in (0.0, 34.0, -34.0, 68.0, -68.0, 102.0, -102.0, 136.0, -136.0):
        points = _bezier(a, b, bend)
        samples = _samples(points)
        if not all(_inside(p, bounds, -4.0) for p in samples):
            continue
        fallback = fallback or points
        if any(_inside(p, box, 6.0) for p in samples for box in obstacles):
            continue
        middle = _point_at(points, 0.5)[0]
        if any(math.hypot(middle[0] - x, middle[1] - y) < 16 for x, y in taken):
            continue
        taken.append(middle)
        return points
    return fallback or [a, b]


def _point_at(points: list[Point], share: float) -> tuple[Point, Point]:
    """The point `share` of the way along the polyline and the unit direction there."""
    lengths = [math.hypot(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in itertools.pairwise(points)]
    goal = sum(lengths) * share
    for ((x1, y1), (x2, y2)), length in zip(itertools.pairwise(points), lengths, strict=True):
        if goal <= length and length > 0:
            t = goal / length
            return (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t), (
                (x2 - x1) / length,
                (y2 - y1) / length,
            )
        goal -= length
    (x1, y1), (x2, y2) = points[-2], points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    return (x2, y2), ((x2 - x1) / length, (y2 - y1) / length)


def _offset(points: list[Point], distance: float) -> list[Point]:
    """The polyline moved sideways by `distance` (for the triple line of over-involvement)."""
    result = []
    for i, (x, y) in enumerate(points):
        (x1, y1), (x2, y2) = points[max(0, i - 1)], points[min(len(points) - 1, i + 1)]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        result.append((x - (y2 - y1) / length * distance, y + (x2 - x1) / length * distance))
    return result


def _polyline(svg: Svg, points: list[Point], **attrs: object) -> None:
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        svg.add("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **attrs)
    else:
        text = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        svg.add("polyline", points=text, fill="none", **attrs)


def _styled_line(svg: Svg, points: list[Point], kind: str) -> None:
    if kind == "over_involvement":
        for d in (-5.0, 0.0, 5.0):
            _polyline(svg, _offset(points, d), stroke=INK, stroke_width=2, class_="link")
        return
    crossed = kind in ("conflict", "against")
    colour = STRESS if crossed else INK
    _polyline(svg, points, stroke=colour, stroke_width=2, class_="link")
    if crossed:
        for share in (0.42, 0.5, 0.58):
            (mx, my), (ux, uy) = _point_at(points, share)
            nx, ny = -uy, ux
            svg.line(mx + nx * 9, my + ny * 9, mx - nx * 9, my - ny * 9, stroke=colour,
                     stroke_width=2.5, class_="stroke")  # fmt: skip


def _nearest_on_box(
    x: float, y: float, box: tuple[float, float, float, float]
) -> tuple[float, float]:
    bx, by, bw, bh = box
    if bx <= x <= bx + bw and by <= y <= by + bh:  # inside: to the nearer horizontal edge
        return x, by if y - by < by + bh - y else by + bh
    return min(max(x, bx), bx + bw), min(max(y, by), by + bh)


def draw(
    members: list[Member],
    subsystems: list[Subsystem],
    relations: list[Relation],
    *,
    outside_boundary: str,
    title: str,
    desc: str,
    css_id: str = "family-map",
) -> Svg:
    plan = layout(members, subsystems)
    svg = Svg(width=plan.width, height=plan.height, title=title, desc=desc, css_id=css_id)
    fx, fy, fw, fh = plan.family
    svg.add("rect", x=fx, y=fy, width=fw, height=fh, rx=22.0, fill="none", stroke=INK,
            stroke_width=2.5, stroke_dasharray=DASH.get(outside_boundary),
            class_=f"family-boundary boundary-{outside_boundary}")  # fmt: skip
    svg.text(fx + 14, fy + 20, _("Family"), font_size=12, fill=MUTED, class_="family-label")
    for subsystem in subsystems:
        box = plan.boxes.get(subsystem.id)
        if box is None:
            continue
        x, y, w, h = box
        svg.open("g", class_=f"subsystem subsystem-{subsystem.kind} boundary-{subsystem.boundary}",
                 data_subsystem=subsystem.id)  # fmt: skip
        svg.add("rect", x=x, y=y, width=w, height=h, rx=14.0, fill="none", stroke=MUTED,
                stroke_width=2, stroke_dasharray=DASH.get(subsystem.boundary),
                class_="boundary")  # fmt: skip
        svg.close("g")
    taken: list[Point] = []

    def boxes_except(*ids: int | None) -> list[tuple[float, float, float, float]]:
        return [
            (x - NODE_W / 2, y - NODE_H / 2, NODE_W, NODE_H)
            for member_id, (x, y) in plan.centres.items()
            if member_id not in ids
        ]

    for relation in relations:
        start = plan.centres.get(relation.first)
        if start is None:
            continue
        svg.open("g", class_=f"relation relation-{relation.kind}", data_relation=relation.id)
        if relation.subsystem is not None and relation.subsystem in plan.boxes:
            end = _nearest_on_box(*start, plan.boxes[relation.subsystem])
        else:
            end = plan.centres.get(relation.second or -1, start)
        if relation.kind == "coalition":
            third = relation.against
            corner = _coalition(svg, start, end, plan.centres.get(third or -1))
            if corner is not None and third in plan.centres:
                points = route(corner, plan.centres[third], boxes_except(third), taken,
                               plan.family)  # fmt: skip
                _styled_line(svg, points, "against")
        else:
            obstacles = boxes_except(relation.first, relation.second)
            _styled_line(svg, route(start, end, obstacles, taken, plan.family), relation.kind)
        svg.close("g")
    for index, subsystem in enumerate(subsystems):  # labels over every outline and line
        if subsystem.id not in plan.boxes:
            continue
        x, y, w, h = plan.boxes[subsystem.id]
        label = wrap(subsystem.label, 30, lines=1)[0]
        # alternate corners so the labels of overlapping subsystems stay apart
        label_w = min(len(label) * 6.4 + 8, w - 8)
        lx = x + w - 8 - label_w if index % 2 else x + 8
        ly = (y + h if index % 2 else y) - 7  # on the outline, like a fieldset legend
        svg.open("g", class_="subsystem-label", data_subsystem=subsystem.id)
        svg.add("rect", x=lx, y=ly, width=label_w, height=14.0, fill="#ffffff")
        svg.text(lx + 4, ly + 11, label, font_size=11, fill=MUTED)
        svg.close("g")
    for member in members:
        cx, cy = plan.centres[member.id]
        svg.open("g", class_="member", data_member=member.id)
        svg.add("rect", x=cx - NODE_W / 2, y=cy - NODE_H / 2, width=NODE_W, height=NODE_H,
                rx=8.0, fill="#ffffff", stroke=INK, stroke_width=2)  # fmt: skip
        lines = wrap(member.label, 16)
        for i, line in enumerate(lines):
            svg.text(cx, cy + 5 + (i - (len(lines) - 1) / 2) * 15, line, text_anchor="middle",
                     font_size=13)  # fmt: skip
        svg.close("g")
    if not members:
        svg.text(fx + fw / 2, fy + fh / 2, _("No members yet."), text_anchor="middle",
                 font_size=13)  # fmt: skip
    _legend(svg, MARGIN, fy + fh + 28)
    return svg


def _coalition(svg: Svg, a: Point, b: Point, c: Point | None) -> Point | None:
    """A bracket beside the line A–B, on the side of C; returns the bracket's middle, where
    the crossed line to C starts."""
    ax, ay = a
    bx, by = b
    length = math.hypot(bx - ax, by - ay) or 1.0
    nx, ny = -(by - ay) / length, (bx - ax) / length
    mx, my = (ax + bx) / 2, (ay + by) / 2
    if c is not None and (c[0] - mx) * nx + (c[1] - my) * ny < 0:
        nx, ny = -nx, -ny
    d = NODE_H / 2 + 14
    points = [(ax, ay), (ax + nx * d, ay + ny * d), (bx + nx * d, by + ny * d), (bx, by)]
    svg.add("polyline", points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points), fill="none",
            stroke=INK, stroke_width=3, class_="bracket")  # fmt: skip
    return (mx + nx * d, my + ny * d) if c is not None else None


def _legend(svg: Svg, x: float, y: float) -> None:
    svg.open("g", class_="legend")
    svg.text(x, y, _("Key to the symbols"), font_size=13, font_weight="bold")
    boundaries = [("clear", _("clear boundary")), ("diffuse", _("diffuse boundary")),
                  ("rigid", _("rigid boundary"))]  # fmt: skip
    for i, (kind, label) in enumerate(boundaries):
        ly = y + 24 + i * 28
        svg.line(x, ly, x + 60, ly, stroke=INK, stroke_width=2, stroke_dasharray=DASH[kind],
                 class_=f"legend-boundary boundary-{kind}")  # fmt: skip
        svg.text(x + 70, ly + 4, label, font_size=12)
    relations = [("affiliation", _("affiliation")), ("over_involvement", _("over-involvement")),
                 ("conflict", _("conflict"))]  # fmt: skip
    rx = x + 250
    for i, (kind, label) in enumerate(relations):
        ly = y + 24 + i * 28
        svg.open("g", class_=f"legend-relation relation-{kind}")
        _styled_line(svg, [(rx, ly), (rx + 60, ly)], kind)
        svg.close("g")
        svg.text(rx + 70, ly + 4, label, font_size=12)
    ly = y + 24 + 3 * 28
    svg.open("g", class_="legend-relation relation-coalition")
    svg.add("polyline", points=f"{x},{ly - 8} {x + 10},{ly - 8} {x + 10},{ly + 8} {x},{ly + 8}",
            fill="none", stroke=INK, stroke_width=3, class_="bracket")  # fmt: skip
    svg.close("g")
    svg.text(x + 20, ly + 4, _("coalition of two against a third person"), font_size=12)
    svg.close("g")
