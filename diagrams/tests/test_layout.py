"""E4: the genogram layout and the SVG of the ecomap and genogram follow the drawing
conventions. Geometry is checked on generated families (up to 4 generations, 40 people)."""

from __future__ import annotations

import itertools
import random
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from diagrams import ecomap, genogram, pictures
from diagrams.genogram import PARTNER_GAP, ROW_HEIGHT, SIZE, Person, Relation

NS = {"s": "http://www.w3.org/2000/svg"}


def generated_family(seed: int) -> tuple[list[Person], list[Relation]]:
    """A random family: a founding couple, then up to three generations below, partners
    married in, twins now and then; never more than 40 people."""
    rng = random.Random(seed)  # noqa: S311 — test data, not secrets
    people: list[Person] = []
    relations: list[Relation] = []

    def new(birth_year: int, **extra: object) -> Person:
        person = Person(
            id=len(people) + 1, name=f"P{len(people) + 1}", sex=rng.choice(["male", "female"]),
            birth_year=birth_year, in_household=rng.random() < 0.2, **extra,  # type: ignore[arg-type]
        )  # fmt: skip
        people.append(person)
        return person

    founders = [new(1930), new(1932)]
    relations.append(Relation(founders[0].id, "married", founders[1].id))
    couples = [(founders[0], founders[1], 0)]
    while couples and len(people) < 40:
        a, b, generation = couples.pop(0)
        if generation >= 3:
            continue
        year = (a.birth_year or 1950) + 22
        for _ in range(rng.randint(0, 4)):
            if len(people) >= 39:
                break
            kind = rng.choice(["child_biological"] * 4 + ["child_adopted", "child_foster"])
            twins = rng.random() < 0.15 and len(people) < 38
            children = [new(year), new(year)] if twins else [new(year)]
            for child in children:
                relations.append(Relation(a.id, kind, child.id))
                relations.append(Relation(b.id, kind, child.id))
            if twins:
                relations.append(Relation(children[0].id, "twin", children[1].id))
            year += rng.randint(1, 4)
            for child in children:
                if rng.random() < 0.6 and len(people) < 40:
                    partner = new((child.birth_year or 1960) + rng.randint(-3, 3))
                    kind = rng.choice(["married", "cohabiting", "separated", "divorced"])
                    relations.append(Relation(child.id, kind, partner.id))
                    couples.append((child, partner, generation + 1))
    rng.shuffle(relations)  # the layout must not depend on the order relations were recorded
    return people, relations


def _check_layout(people: list[Person], relations: list[Relation]) -> None:
    plan = genogram.layout(people, relations)
    generation = plan.generation
    # generation rows: every person on their generation's row, children one row below parents
    for person in people:
        assert plan.y[person.id] == genogram.MARGIN_TOP + generation[person.id] * ROW_HEIGHT
    parents: dict[int, set[int]] = defaultdict(set)
    for r in relations:
        if r.kind.startswith("child_"):
            assert generation[r.second] == generation[r.first] + 1
            parents[r.second].add(r.first)
    # no overlapping symbols (and room for the names): same row at least SIZE + a gap apart
    by_row: dict[float, list[float]] = defaultdict(list)
    for person in people:
        by_row[plan.y[person.id]].append(plan.x[person.id])
    for xs in by_row.values():
        xs.sort()
        for left, right in itertools.pairwise(xs):
            assert right - left >= SIZE + PARTNER_GAP - 0.01
    # couples kept together: partners side by side on the same row
    for r in relations:
        if r.kind in ("married", "cohabiting", "separated", "divorced"):
            assert plan.y[r.first] == plan.y[r.second]
            assert abs(plan.x[r.first] - plan.x[r.second]) == SIZE + PARTNER_GAP
    # children ordered by birth, oldest left, within each sibship
    sibships: dict[frozenset[int], list[Person]] = defaultdict(list)
    for person in people:
        if parents[person.id]:
            sibships[frozenset(parents[person.id])].append(person)
    for siblings in sibships.values():
        ordered = sorted(siblings, key=lambda p: plan.x[p.id])
        years = [p.birth_year or 0 for p in ordered]
        assert years == sorted(years)
    # within the picture
    for person in people:
        assert SIZE / 2 <= plan.x[person.id] <= plan.width - SIZE / 2
        assert SIZE / 2 <= plan.y[person.id] <= plan.height - SIZE / 2


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_generated_families_never_overlap_and_keep_the_conventions(seed: int) -> None:
    people, relations = generated_family(seed)
    assert len(people) <= 40
    assert max(genogram.layout(people, relations).generation.values()) <= 3
    _check_layout(people, relations)


def test_a_full_family_of_40_people_in_4_generations() -> None:
    for seed in range(200):
        people, relations = generated_family(seed)
        plan = genogram.layout(people, relations)
        if len(people) >= 35 and max(plan.generation.values()) == 3:
            _check_layout(people, relations)
            return
    raise AssertionError("no large family generated")


def _svg(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 — our own output


def _numbers(element: ET.Element) -> list[float]:
    values = []
    for name in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy"):
        if name in element.attrib:
            values.append(float(element.attrib[name]))
    return values


def _family() -> tuple[list[Person], list[Relation]]:
    people = [
        Person(1, "Tēvs", "male", 1950, 2015, substance_abuse=True),
        Person(2, "Māte", "female", 1955, illness=True, in_household=True),
        Person(3, "Jānis", "male", 1980, is_index=True, in_household=True),
        Person(4, "Māsa", "female", 1978),
        Person(5, "Dvīnis", "male", 2005),
        Person(6, "Dvīne", "female", 2005),
        Person(7, "Draugs", "other", 1985),
    ]
    relations = [
        Relation(1, "divorced", 2),
        Relation(1, "child_biological", 3),
        Relation(2, "child_biological", 3),
        Relation(1, "child_biological", 4),
        Relation(2, "child_biological", 4),
        Relation(4, "child_adopted", 5),
        Relation(4, "child_foster", 6),
        Relation(5, "twin", 6),
        Relation(3, "cohabiting", 7),
        Relation(1, "abuse", 3),
        Relation(2, "close", 3),
    ]
    return people, relations


def test_genogram_symbols_lines_and_text_alternative() -> None:
    people, relations = _family()
    markup = genogram.draw(
        people, relations, title="Genogramma", desc="Apraksts", current_year=2026
    ).render()
    root = _svg(markup)
    assert root.get("role") == "img"
    assert root.find("s:title", NS) is not None
    assert root.find("s:title", NS).text == "Genogramma"  # type: ignore[union-attr]
    assert root.find("s:desc", NS) is not None
    assert root.get("aria-labelledby") == "genogram-title genogram-desc"
    groups = {g.get("data-person"): g for g in root.iter(f"{{{NS['s']}}}g") if g.get("data-person")}
    # male square, female circle, other diamond; the index person has a double outline
    assert groups["1"].find("s:rect[@class='outline']", NS) is not None
    assert groups["2"].find("s:circle[@class='outline']", NS) is not None
    assert groups["7"].find("s:polygon[@class='outline']", NS) is not None
    assert len(groups["3"].findall("s:rect[@class='outline']", NS)) == 2
    # deceased: a cross; age inside; years above; shading for substance abuse and illness
    assert len(groups["1"].findall("s:line[@class='deceased']", NS)) == 2
    assert groups["1"].find("s:text[@class='age']", NS).text == "65"  # type: ignore[union-attr]
    assert groups["1"].find("s:text[@class='years']", NS).text == "1950–2015"  # type: ignore[union-attr]
    assert groups["2"].find("s:text[@class='age']", NS).text == "71"  # type: ignore[union-attr]
    assert groups["1"].find("s:path[@class='substance-abuse']", NS) is not None
    assert groups["2"].find("s:path[@class='illness']", NS) is not None
    # couples: divorce two slashes, cohabitation dashed
    divorced = root.find(".//s:g[@class='couple couple-divorced']", NS)
    assert divorced is not None
    assert len(divorced.findall("s:line[@class='slash']", NS)) == 2
    cohabiting = root.find(".//s:g[@class='couple couple-cohabiting']/s:path", NS)
    assert cohabiting is not None
    assert cohabiting.get("stroke-dasharray")
    # adopted dashed, foster dotted, twins from one point
    adopted = root.find(".//s:line[@class='child child-adopted twin']", NS)
    foster = root.find(".//s:line[@class='child child-foster twin']", NS)
    assert adopted is not None
    assert adopted.get("stroke-dasharray") == "8 5"
    assert foster is not None
    assert foster.get("stroke-dasharray") == "2 4"
    assert (adopted.get("x1"), adopted.get("y1")) == (foster.get("x1"), foster.get("y1"))
    assert adopted.get("x2") != foster.get("x2")
    # emotional lines, abuse directed; household boundary
    assert root.find(".//s:g[@class='emotional emotional-abuse']/s:polygon", NS) is not None
    assert len(root.findall(".//s:g[@class='emotional emotional-close']/s:line", NS)) == 2
    assert root.findall(".//s:rect[@class='household']", NS)
    # siblings oldest left: the sister (1978) left of Jānis (1980)
    plan = genogram.layout(people, relations)
    assert plan.x[4] < plan.x[3]
    # everything inside the picture
    width, height = (float(v) for v in root.get("viewBox", "").split()[2:])
    for element in root.iter():
        for value in _numbers(element):
            assert 0 <= value <= max(width, height)


def _connection(
    pk: int, strength: str, stressful: bool = False, flow: str = "none"
) -> ecomap.Connection:
    return ecomap.Connection(pk, f"Sistēma {pk}", "work", strength, stressful, flow)


def test_ecomap_line_styles_stress_and_flow() -> None:
    connections = [
        _connection(1, "strong", flow="to_client"),
        _connection(2, "moderate", stressful=True, flow="from_client"),
        _connection(3, "tenuous", flow="both"),
    ]
    root = _svg(
        ecomap.draw(
            connections, centre_label="Jānis", title="Ekokarte", desc="Apraksts", css_id="ecomap"
        ).render()
    )
    assert root.get("role") == "img"
    assert root.find("s:title", NS).text == "Ekokarte"  # type: ignore[union-attr]

    def group(pk: int) -> ET.Element:
        found = root.find(f".//s:g[@data-connection='{pk}'][@class]", NS)
        assert found is not None
        return found

    strong, moderate, tenuous = group(1), group(2), group(3)
    assert "strength-strong" in (strong.get("class") or "")
    assert len(strong.findall("s:line[@class='link']", NS)) == 3
    assert len(moderate.findall("s:line[@class='link']", NS)) == 1
    assert moderate.find("s:line", NS).get("stroke-dasharray") is None  # type: ignore[union-attr]
    assert tenuous.find("s:line", NS).get("stroke-dasharray") == "8 6"  # type: ignore[union-attr]
    assert moderate.find("s:polyline[@class='stress']", NS) is not None
    assert strong.find("s:polyline[@class='stress']", NS) is None
    assert [a.get("class") for a in strong.findall("s:polygon", NS)] == ["arrow arrow-to-client"]
    assert [a.get("class") for a in moderate.findall("s:polygon", NS)] == [
        "arrow arrow-from-client"
    ]
    assert len(tenuous.findall("s:polygon", NS)) == 2


def test_ecomap_systems_never_overlap_and_stay_inside() -> None:
    for count in (1, 2, 7, 12, 24):
        size, points = ecomap.positions(count)
        for i, (x1, y1) in enumerate(points):
            assert ecomap.SYSTEM_R <= x1 <= size - ecomap.SYSTEM_R
            assert ecomap.SYSTEM_R <= y1 <= size - ecomap.SYSTEM_R
            for x2, y2 in points[i + 1 :]:
                assert ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 >= 2 * ecomap.SYSTEM_R


def test_network_map_dots_never_overlap() -> None:
    """E2: 15 members, all very close and in one life area, still get room of their own."""
    members = [pictures.Member(n, "family", 3, 1) for n in range(1, 16)]
    placed = list(pictures.network_positions(members).values())
    assert len(placed) == 15
    for i, (x1, y1) in enumerate(placed):
        for x2, y2 in placed[i + 1 :]:
            assert ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 >= 2 * pictures.DOT_R


def test_text_is_escaped_in_the_svg() -> None:
    markup = ecomap.draw(
        [ecomap.Connection(1, "<script>x</script>", "other", "moderate", False, "none")],
        centre_label="A & B", title="<t>", desc="d", css_id="e",
    ).render()  # fmt: skip
    assert "<script>" not in markup
    assert re.search(r"&lt;script&gt;", markup)
    _svg(markup)  # well-formed
