"""E4: the structural family map (Minuchin) follows its notation: subsystem and family
boundaries in the boundary's line (clear dashed, diffuse dotted, rigid solid), relations in
theirs (affiliation one line, over-involvement three, conflict crossed by strokes, coalition a
bracket with a crossed line to the third person); member boxes never overlap and everything
stays inside the picture."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from diagrams import familymap
from diagrams.familymap import NODE_H, NODE_W, Member, Relation, Subsystem

NS = {"s": "http://www.w3.org/2000/svg"}
SUBSYSTEM_KINDS = ["spousal", "sibling", "parent_child", "other"]
BOUNDARIES = ["clear", "diffuse", "rigid"]


def _family() -> tuple[list[Member], list[Subsystem], list[Relation]]:
    members = [
        Member(1, "Māte"), Member(2, "Tēvs"), Member(3, "Jānis"), Member(4, "Māsa"),
        Member(5, "Vecmāte"),
    ]  # fmt: skip
    subsystems = [
        Subsystem(10, "spousal", "Vecāki", "rigid", (1, 2)),
        Subsystem(11, "sibling", "Bērni", "clear", (3, 4)),
        Subsystem(12, "parent_child", "Māte un Jānis", "diffuse", (1, 3)),
    ]
    relations = [
        Relation(20, "affiliation", 3, 4),
        Relation(21, "over_involvement", 1, 3),
        Relation(22, "conflict", 1, 2),
        Relation(23, "coalition", 1, 3, against=2),
        Relation(24, "conflict", 5, subsystem=10),
    ]
    return members, subsystems, relations


def _draw(
    members: list[Member], subsystems: list[Subsystem], relations: list[Relation], outside: str
) -> ET.Element:
    markup = familymap.draw(
        members, subsystems, relations, outside_boundary=outside, title="Ģimenes karte",
        desc="Apraksts",
    ).render()  # fmt: skip
    return ET.fromstring(markup)  # noqa: S314 — our own output


def _member_boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for group in root.iterfind(".//s:g[@class='member']", NS):
        rect = group.find("s:rect", NS)
        assert rect is not None
        boxes[group.attrib["data-member"]] = tuple(
            float(rect.attrib[k]) for k in ("x", "y", "width", "height")
        )
    return boxes  # type: ignore[return-value]


def _assert_within(root: ET.Element) -> None:
    _x, _y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    for element in root.iter():
        for name in ("x", "y", "x1", "y1", "x2", "y2"):
            if name in element.attrib:
                limit = width if name.startswith("x") else height
                assert 0 <= float(element.attrib[name]) <= limit, (element.tag, element.attrib)
        if "width" in element.attrib and element.tag.endswith("rect"):
            assert float(element.attrib["x"]) + float(element.attrib["width"]) <= width
            assert float(element.attrib["y"]) + float(element.attrib["height"]) <= height
        if "points" in element.attrib:
            for pair in element.attrib["points"].split():
                px, py = (float(v) for v in pair.split(","))
                assert 0 <= px <= width
                assert 0 <= py <= height


def _assert_no_overlap(boxes: dict[str, tuple[float, float, float, float]]) -> None:
    placed = list(boxes.values())
    for i, (x1, y1, w1, h1) in enumerate(placed):
        for x2, y2, w2, h2 in placed[i + 1 :]:
            apart = x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
            assert apart, "member boxes overlap"


def test_family_map_elements_classes_and_line_styles() -> None:
    """E4: golden structure of a small family map."""
    root = _draw(*_family(), outside="rigid")
    assert root.attrib["role"] == "img"
    assert root.find("s:title", NS) is not None
    assert root.find("s:desc", NS) is not None
    assert root.attrib["aria-labelledby"] == "family-map-title family-map-desc"
    assert "style" not in ET.tostring(root, encoding="unicode")  # strict CSP: no style attrs

    family = root.find(".//s:rect[@class='family-boundary boundary-rigid']", NS)
    assert family is not None
    assert "stroke-dasharray" not in family.attrib  # rigid: solid line
    dash = {"clear": "9 6", "diffuse": "2 5", "rigid": None}
    for kind, boundary in [("spousal", "rigid"), ("sibling", "clear"),
                           ("parent_child", "diffuse")]:  # fmt: skip
        group = root.find(f".//s:g[@class='subsystem subsystem-{kind} boundary-{boundary}']", NS)
        assert group is not None, kind
        rect = group.find("s:rect[@class='boundary']", NS)
        assert rect is not None
        assert rect.attrib.get("stroke-dasharray") == dash[boundary]

    def relation(pk: int) -> ET.Element:
        found = root.find(f".//s:g[@data-relation='{pk}']", NS)
        assert found is not None
        return found

    assert relation(20).attrib["class"] == "relation relation-affiliation"
    assert len(relation(20).findall("s:line[@class='link']", NS)) == 1
    assert len(relation(21).findall("s:line[@class='link']", NS)) == 3  # over-involvement
    assert len(relation(22).findall("s:line[@class='link']", NS)) == 1
    assert len(relation(22).findall("s:line[@class='stroke']", NS)) == 3  # conflict strokes
    coalition = relation(23)
    assert len(coalition.findall("s:polyline[@class='bracket']", NS)) == 1
    assert len(coalition.findall("s:line[@class='stroke']", NS)) == 3  # against the third
    assert len(relation(24).findall("s:line[@class='stroke']", NS)) == 3  # to a subsystem

    assert len(root.findall(".//s:g[@class='member']", NS)) == 5
    legend = root.find(".//s:g[@class='legend']", NS)
    assert legend is not None
    for boundary in BOUNDARIES:
        found = legend.find(f".//s:line[@class='legend-boundary boundary-{boundary}']", NS)
        assert found is not None
    _assert_within(root)
    _assert_no_overlap(_member_boxes(root))


def test_coalition_bracket_faces_the_third_person() -> None:
    members = [Member(1, "A"), Member(2, "B"), Member(3, "C")]
    subsystems = [Subsystem(10, "spousal", "AB", "clear", (1, 2))]
    root = _draw(members, subsystems, [Relation(5, "coalition", 1, 2, against=3)], "clear")
    bracket = root.find(".//s:polyline[@class='bracket']", NS)
    assert bracket is not None
    ys = [float(p.split(",")[1]) for p in bracket.attrib["points"].split()]
    boxes = _member_boxes(root)
    assert boxes["3"][1] > boxes["1"][1]  # C stands below A and B (outside their subsystem)
    assert max(ys) > boxes["1"][1] + NODE_H / 2  # the bracket bends towards C


def test_members_of_a_subsystem_stand_inside_its_boundary() -> None:
    members, subsystems, _relations = _family()
    plan = familymap.layout(members, subsystems)
    for subsystem in subsystems:
        x, y, w, h = plan.boxes[subsystem.id]
        for member_id in subsystem.members:
            cx, cy = plan.centres[member_id]
            assert x < cx - NODE_W / 2
            assert cx + NODE_W / 2 < x + w
            assert y < cy - NODE_H / 2
            assert cy + NODE_H / 2 < y + h
    fx, fy, fw, fh = plan.family
    for x, y, w, h in plan.boxes.values():
        assert fx < x
        assert x + w < fx + fw
        assert fy < y
        assert y + h < fy + fh


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_generated_family_maps_never_overlap_and_stay_inside(data: st.DataObject) -> None:
    """E4: up to 20 members (the model's maximum) in any subsystems."""
    count = data.draw(st.integers(min_value=0, max_value=20))
    members = [Member(i, f"Loceklis {i}") for i in range(1, count + 1)]
    ids = [m.id for m in members]
    subsystems = []
    if count >= 2:
        for n in range(data.draw(st.integers(min_value=0, max_value=5))):
            chosen = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=6, unique=True))
            subsystems.append(
                Subsystem(100 + n, data.draw(st.sampled_from(SUBSYSTEM_KINDS)), f"S{n}",
                          data.draw(st.sampled_from(BOUNDARIES)), tuple(chosen))
            )  # fmt: skip
    relations = []
    if count >= 3:
        for n in range(data.draw(st.integers(min_value=0, max_value=6))):
            a, b, c = data.draw(st.lists(st.sampled_from(ids), min_size=3, max_size=3, unique=True))
            kind = data.draw(
                st.sampled_from(["affiliation", "over_involvement", "conflict", "coalition"])
            )
            relations.append(
                Relation(200 + n, kind, a, b, against=c if kind == "coalition" else None)
            )
    root = _draw(members, subsystems, relations, data.draw(st.sampled_from(BOUNDARIES)))
    boxes = _member_boxes(root)
    assert len(boxes) == count
    _assert_no_overlap(boxes)
    _assert_within(root)


def test_labels_are_escaped() -> None:
    markup = familymap.draw(
        [Member(1, "<script>x</script>")], [], [], outside_boundary="clear", title="<t>", desc="d"
    ).render()
    assert "<script>" not in markup
    ET.fromstring(markup)  # noqa: S314 — well-formed
