"""Genogram layout and drawing (McGoldrick, Gerson & Petry).

Layout: generations from the parent–child relations (the index person's family decides the
rows); each row is a sequence of units (a person with their partners, kept together) and
sibships (the units sharing the same parents, ordered by birth, oldest left, twins adjacent).
Units are placed left to right with a cursor, each sibship centred under its parents where
there is room: symbols never overlap, whatever the data. A second pass places people without
parents in the picture above their children."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import CHILD_KINDS, COUPLE_KINDS, EMOTIONAL_KINDS
from .svg import INK, MUTED, STRESS, Svg, arrowhead, offset_segment, zigzag_points

SIZE = 40.0  # a symbol's width and height
PARTNER_GAP = 50.0
SIBLING_GAP = 50.0
UNIT_GAP = 50.0
ROW_HEIGHT = 140.0
MARGIN_X = 60.0
MARGIN_TOP = 70.0
COUPLE_DROP = 14.0  # the couple line runs this far below the symbols
SIBSHIP_RISE = 22.0  # the sibship line runs this far above the children's symbols
NAME_CHARS = 12


@dataclass(frozen=True)
class Person:
    id: int
    name: str = ""
    sex: str = "other"
    birth_year: int | None = None
    death_year: int | None = None
    deceased: bool = False
    is_index: bool = False
    illness: bool = False
    substance_abuse: bool = False
    in_household: bool = False


@dataclass(frozen=True)
class Relation:
    first: int
    kind: str
    second: int


@dataclass
class Layout:
    x: dict[int, float] = field(default_factory=dict)
    y: dict[int, float] = field(default_factory=dict)
    generation: dict[int, int] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0


def generations(people: list[Person], relations: list[Relation]) -> dict[int, int]:
    """Rows from the relations: a child one row below a parent, partners and twins on the same
    row. Each connected family is walked from its index person (else its oldest member)."""
    ids = {p.id for p in people}
    steps: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in relations:
        if r.first not in ids or r.second not in ids or r.first == r.second:
            continue
        if r.kind in CHILD_KINDS:
            steps[r.first].append((r.second, 1))
            steps[r.second].append((r.first, -1))
        elif r.kind in COUPLE_KINDS or r.kind == "twin":
            steps[r.first].append((r.second, 0))
            steps[r.second].append((r.first, 0))
    order = sorted(people, key=lambda p: (not p.is_index, p.birth_year or 9999, p.id))
    generation: dict[int, int] = {}
    for start in order:
        if start.id in generation:
            continue
        component = {start.id: 0}
        queue = deque([start.id])
        while queue:
            current = queue.popleft()
            for other, step in steps[current]:
                if other not in component:
                    component[other] = component[current] + step
                    queue.append(other)
        lowest = min(component.values())
        generation.update({pid: g - lowest for pid, g in component.items()})
    return generation


def _parents_of(relations: list[Relation], ids: set[int]) -> dict[int, list[int]]:
    parents: dict[int, list[int]] = defaultdict(list)
    for r in relations:
        known = r.first in ids and r.second in ids and r.first != r.second
        if r.kind in CHILD_KINDS and known and r.first not in parents[r.second]:
            parents[r.second].append(r.first)
    return parents


def _twin_groups(relations: list[Relation], ids: set[int]) -> dict[int, int]:
    """Each person's twin group (the smallest id in it); people without a twin: their own id."""
    group = {pid: pid for pid in ids}

    def find(pid: int) -> int:
        while group[pid] != pid:
            group[pid] = group[group[pid]]
            pid = group[pid]
        return pid

    for r in relations:
        if r.kind == "twin" and r.first in ids and r.second in ids:
            a, b = find(r.first), find(r.second)
            group[max(a, b)] = min(a, b)
    return {pid: find(pid) for pid in ids}


def _units(
    row: list[Person], partners: dict[int, list[int]], by_id: dict[int, Person]
) -> list[list[int]]:
    """People kept together: each connected group of partners, walked from one end."""
    in_row = {p.id for p in row}
    seen: set[int] = set()
    units = []
    for person in row:
        if person.id in seen:
            continue
        component: set[int] = set()
        stack = [person.id]
        while stack:
            current = stack.pop()
            if current in component:
                continue
            component.add(current)
            stack.extend(q for q in partners[current] if q in in_row)

        def degree(pid: int, component: set[int] = component) -> int:
            return sum(1 for q in partners[pid] if q in component)

        start = min(
            component, key=lambda pid: (degree(pid), by_id[pid].sex != "male", by_id[pid].id)
        )
        order: list[int] = []
        walk = [start]
        while walk:
            current = walk.pop()
            if current in order:
                continue
            order.append(current)
            walk.extend(reversed([q for q in partners[current] if q in component]))
        seen |= component
        units.append(order)
    return units


def layout(people: list[Person], relations: list[Relation]) -> Layout:
    by_id = {p.id: p for p in people}
    ids = set(by_id)
    generation = generations(people, relations)
    parents = _parents_of(relations, ids)
    twins = _twin_groups(relations, ids)
    children: dict[int, list[int]] = defaultdict(list)
    for child, its_parents in parents.items():
        for parent in its_parents:
            children[parent].append(child)
    partners: dict[int, list[int]] = defaultdict(list)
    for r in relations:
        known = r.first in ids and r.second in ids and r.first != r.second
        if r.kind not in COUPLE_KINDS or not known or r.second in partners[r.first]:
            continue
        if generation[r.first] == generation[r.second]:
            partners[r.first].append(r.second)
            partners[r.second].append(r.first)
    rows: dict[int, list[Person]] = defaultdict(list)
    for person in sorted(people, key=lambda p: (p.birth_year or 9999, p.id)):
        rows[generation[person.id]].append(person)

    def birth_key(pid: int) -> tuple[int, int, int]:
        group = twins[pid]
        years = [by_id[q].birth_year or 9999 for q in ids if twins[q] == group]
        return (min(years), group, pid)

    result = Layout(generation=generation)
    previous: dict[int, float] = {}
    for _pass in range(2):
        x: dict[int, float] = {}
        for g in sorted(rows):
            blocks: dict[
                tuple[float, tuple[int, ...]], list[tuple[tuple[int, int, int], list[int]]]
            ]
            blocks = defaultdict(list)
            for unit in _units(rows[g], partners, by_id):
                placed = [(pid, [q for q in parents[pid] if q in x]) for pid in unit]
                with_parents = [(pid, ps) for pid, ps in placed if ps]
                if with_parents:
                    anchor, its_parents = min(
                        with_parents, key=lambda item: sum(x[q] for q in item[1]) / len(item[1])
                    )
                    centre = sum(x[q] for q in its_parents) / len(its_parents)
                    key = (centre, tuple(sorted(its_parents)))
                else:
                    anchor = unit[0]
                    below = [previous[c] for pid in unit for c in children[pid] if c in previous]
                    centre = sum(below) / len(below) if below else 1e9
                    key = (centre, (-1 - anchor,))
                blocks[key].append((birth_key(anchor), unit))
            cursor = MARGIN_X
            for (centre, _parent_ids), members in sorted(blocks.items()):
                members.sort()
                units = [unit for _key, unit in members]
                widths = [(len(u) - 1) * (SIZE + PARTNER_GAP) + SIZE for u in units]
                total = sum(widths) + SIBLING_GAP * (len(units) - 1)
                left = max(cursor, centre - total / 2) if centre < 1e9 else cursor
                for unit, width in zip(units, widths, strict=True):
                    for i, pid in enumerate(unit):
                        x[pid] = left + SIZE / 2 + i * (SIZE + PARTNER_GAP)
                    left += width + SIBLING_GAP
                cursor = left - SIBLING_GAP + UNIT_GAP
        previous = x
        result.x = x
    result.y = {pid: MARGIN_TOP + generation[pid] * ROW_HEIGHT for pid in ids}
    result.width = max((v for v in result.x.values()), default=0) + SIZE / 2 + MARGIN_X + 40
    result.height = max((v for v in result.y.values()), default=0) + SIZE / 2 + 60
    return result


def household_runs(people: list[Person], plan: Layout) -> list[tuple[int, int]]:
    """The household boundary: around each run of neighbours in a row who live together
    (a boundary never encloses someone who does not)."""
    runs: list[tuple[int, int]] = []
    rows: dict[float, list[Person]] = defaultdict(list)
    for person in people:
        rows[plan.y[person.id]].append(person)
    for row in rows.values():
        row.sort(key=lambda p: plan.x[p.id])
        start: Person | None = None
        previous: Person | None = None
        for member in [*row, None]:
            if member is not None and member.in_household:
                start = start or member
            elif start is not None and previous is not None:
                runs.append((start.id, previous.id))
                start = None
            previous = member
    return runs


# --- drawing --------------------------------------------------------------------------------

COUPLE_DASH = {"married": None, "cohabiting": "8 5", "separated": None, "divorced": None}
CHILD_DASH = {"child_biological": None, "child_adopted": "8 5", "child_foster": "2 4"}


def _symbol(svg: Svg, person: Person, cx: float, cy: float, current_year: int) -> None:
    half = SIZE / 2
    svg.open("g", class_=f"person sex-{person.sex}", data_person=person.id)
    sizes = [half, half - 5] if person.is_index else [half]
    _shape(svg, person.sex, cx, cy, half, fill="#ffffff", stroke="none")
    if person.substance_abuse:
        svg.add("path", d=_half(person.sex, cx, cy, "left"), fill=MUTED, class_="substance-abuse")
    if person.illness:
        svg.add("path", d=_half(person.sex, cx, cy, "bottom"), fill="#b1b4b6", class_="illness")
    for size in sizes:
        _shape(svg, person.sex, cx, cy, size, fill="none", stroke=INK, class_="outline")
    if person.is_index:
        svg.add("title", _("the client (index person)"))
    if person.deceased or person.death_year:
        arm = {"male": half, "female": half * 0.75}.get(person.sex, half * 0.55)
        for sign in (1, -1):
            svg.line(
                cx - arm, cy - sign * arm, cx + arm, cy + sign * arm, stroke=INK, stroke_width=2,
                class_="deceased",
            )  # fmt: skip
    if person.birth_year:
        end = person.death_year or current_year
        svg.text(
            cx, cy + 5, str(max(0, end - person.birth_year)), text_anchor="middle",
            font_size=14, font_weight="bold", class_="age", stroke="#ffffff", stroke_width=3,
            paint_order="stroke",
        )  # fmt: skip
        years = (
            f"{person.birth_year}–{person.death_year}"
            if person.death_year
            else str(person.birth_year)
        )
        svg.text(cx + 4, cy - half - 5, years, font_size=11, class_="years")
    elif person.death_year:
        svg.text(cx + 4, cy - half - 5, f"–{person.death_year}", font_size=11, class_="years")
    name = person.name if len(person.name) <= NAME_CHARS else person.name[: NAME_CHARS - 1] + "…"
    svg.text(cx, cy + half + 32, name, text_anchor="middle", font_size=12, class_="name")
    svg.close("g")


def _shape(svg: Svg, sex: str, cx: float, cy: float, size: float, **attrs: object) -> None:
    attrs.setdefault("stroke_width", 2)
    if sex == "male":
        svg.add("rect", x=cx - size, y=cy - size, width=2 * size, height=2 * size, **attrs)
    elif sex == "female":
        svg.add("circle", cx=float(cx), cy=float(cy), r=float(size), **attrs)
    else:
        points = f"{cx},{cy - size} {cx + size},{cy} {cx},{cy + size} {cx - size},{cy}"
        svg.add("polygon", points=points, **attrs)


def _half(sex: str, cx: float, cy: float, side: str) -> str:
    r = SIZE / 2
    if sex == "male":
        if side == "left":
            return f"M{cx - r},{cy - r}H{cx}V{cy + r}H{cx - r}Z"
        return f"M{cx - r},{cy}H{cx + r}V{cy + r}H{cx - r}Z"
    if sex == "female":
        if side == "left":
            return f"M{cx},{cy - r}A{r},{r} 0 0 0 {cx},{cy + r}Z"
        return f"M{cx - r},{cy}A{r},{r} 0 0 0 {cx + r},{cy}Z"
    if side == "left":
        return f"M{cx},{cy - r}L{cx - r},{cy}L{cx},{cy + r}Z"
    return f"M{cx - r},{cy}L{cx},{cy + r}L{cx + r},{cy}Z"


def _emotional(svg: Svg, kind: str, a: tuple[float, float], b: tuple[float, float]) -> None:
    x1, y1 = a
    x2, y2 = b
    svg.open("g", class_=f"emotional emotional-{kind}")
    colour = STRESS if kind in ("conflictual", "hostile", "abuse") else "#1d70b8"
    if kind in ("close", "fused"):
        offsets = (-3.0, 3.0) if kind == "close" else (-5.0, 0.0, 5.0)
        for d in offsets:
            svg.line(*offset_segment(x1, y1, x2, y2, d), stroke=colour, stroke_width=1.5)
    elif kind == "distant":
        svg.line(x1, y1, x2, y2, stroke=colour, stroke_width=2, stroke_dasharray="2 6")
    elif kind == "cutoff":
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        svg.line(x1, y1, mx - ux * 4, my - uy * 4, stroke=colour, stroke_width=2)
        svg.line(mx + ux * 4, my + uy * 4, x2, y2, stroke=colour, stroke_width=2)
        for d in (-4.0, 4.0):
            cx, cy = mx + ux * d, my + uy * d
            svg.line(
                cx + uy * 9, cy - ux * 9, cx - uy * 9, cy + ux * 9, stroke=colour,
                stroke_width=2, class_="cut",
            )  # fmt: skip
    else:
        svg.add(
            "polyline",
            points=zigzag_points(x1, y1, x2, y2),
            fill="none",
            stroke=colour,
            stroke_width=2,
        )
        if kind == "hostile":
            svg.add(
                "polyline", points=zigzag_points(*offset_segment(x1, y1, x2, y2, 6)),
                fill="none", stroke=colour, stroke_width=2,
            )  # fmt: skip
        if kind == "abuse":
            svg.add("polygon", points=arrowhead(x2, y2, x1, y1), fill=colour, class_="arrow")
    svg.close("g")


def draw(
    people: list[Person], relations: list[Relation], *, title: str, desc: str, current_year: int
) -> Svg:
    plan = layout(people, relations)
    svg = Svg(
        width=max(plan.width, 320), height=max(plan.height, 200), title=title, desc=desc,
        css_id="genogram", fluid=False,
    )  # fmt: skip
    by_id = {p.id: p for p in people}
    half = SIZE / 2

    def centre(pid: int) -> tuple[float, float]:
        return plan.x[pid], plan.y[pid]

    for left_id, right_id in household_runs(people, plan):
        left = plan.x[left_id] - half - 24
        right = plan.x[right_id] + half + 44
        top = plan.y[left_id] - half - 26
        svg.add(
            "rect", x=left, y=top, width=right - left, height=SIZE + 26 + 44, rx=14,
            fill="none", stroke="#00703c", stroke_width=2, stroke_dasharray="10 6",
            class_="household",
        )  # fmt: skip
    valid = [r for r in relations if r.first in by_id and r.second in by_id and r.first != r.second]
    for r in valid:
        if r.kind in EMOTIONAL_KINDS:
            (x1, y1), (x2, y2) = centre(r.first), centre(r.second)
            length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            a = (x1 + ux * (half + 4), y1 + uy * (half + 4))
            b = (x2 - ux * (half + 4), y2 - uy * (half + 4))
            _emotional(svg, r.kind, a, b)
    couple_y: dict[frozenset[int], float] = {}
    stagger: dict[int, int] = defaultdict(int)
    for r in valid:
        if r.kind not in COUPLE_KINDS:
            continue
        (x1, y1), (x2, y2) = centre(r.first), centre(r.second)
        if x1 > x2:
            (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
        depth = COUPLE_DROP + 7 * max(stagger[r.first], stagger[r.second])
        stagger[r.first] += 1
        stagger[r.second] += 1
        line_y = max(y1, y2) + half + depth
        couple_y[frozenset((r.first, r.second))] = line_y
        svg.open("g", class_=f"couple couple-{r.kind}")
        svg.add(
            "path", d=f"M{x1},{y1 + half}V{line_y}H{x2}V{y2 + half}", fill="none", stroke=INK,
            stroke_width=2, stroke_dasharray=COUPLE_DASH[r.kind],
        )  # fmt: skip
        slashes = {"separated": 1, "divorced": 2}.get(r.kind, 0)
        sx = x1 + (x2 - x1) * 0.3
        for i in range(slashes):
            dx = (i - (slashes - 1) / 2) * 8
            svg.line(
                sx + dx - 5,
                line_y + 8,
                sx + dx + 5,
                line_y - 8,
                stroke=INK,
                stroke_width=2,
                class_="slash",
            )
        svg.close("g")
    parents: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for r in valid:
        if r.kind in CHILD_KINDS and all(q != r.first for q, _k in parents[r.second]):
            parents[r.second].append((r.first, r.kind))
    sibships: dict[frozenset[int], list[int]] = defaultdict(list)
    for child, its in parents.items():
        sibships[frozenset(q for q, _k in its)].append(child)
    twins = _twin_groups(valid, set(by_id))
    for parent_set, kids in sibships.items():
        xs = [plan.x[q] for q in parent_set]
        ox = sum(xs) / len(xs)
        if len(parent_set) == 1:
            (only,) = parent_set
            oy = plan.y[only] + half
        else:
            oy = couple_y.get(parent_set, max(plan.y[q] for q in parent_set) + half + COUPLE_DROP)
        top_of_kids = min(plan.y[c] for c in kids) - half
        sib_y = top_of_kids - SIBSHIP_RISE
        svg.open("g", class_="sibship")
        groups: dict[int, list[int]] = defaultdict(list)
        for kid in kids:
            groups[twins[kid]].append(kid)
        drops = [sum(plan.x[k] for k in group) / len(group) for group in groups.values()]
        svg.line(ox, oy, ox, sib_y, stroke=INK, stroke_width=2, class_="descent")
        svg.line(
            min([ox, *drops]),
            sib_y,
            max([ox, *drops]),
            sib_y,
            stroke=INK,
            stroke_width=2,
            class_="sibship-line",
        )
        for group in groups.values():
            gx = sum(plan.x[k] for k in group) / len(group)
            for kid in group:
                kind = next(k for q, k in parents[kid])
                cls = f"child child-{kind.removeprefix('child_')}" + (
                    " twin" if len(group) > 1 else ""
                )
                svg.line(
                    gx, sib_y, plan.x[kid], plan.y[kid] - half, stroke=INK, stroke_width=2,
                    stroke_dasharray=CHILD_DASH[kind], class_=cls, data_child=kid,
                )  # fmt: skip
        svg.close("g")
    for person in people:
        _symbol(svg, person, plan.x[person.id], plan.y[person.id], current_year)
    return svg
