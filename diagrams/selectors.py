"""Reads of diagram data for one case (visibility is the case's: cases.selectors.case_for).
Each read is a fixed number of queries, however many people or systems a diagram holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from cases.models import Case
from consent import disclosure
from consent.models import Category

from .models import (
    CULTURAGRAM_AREAS,
    Culturagram,
    EcomapSnapshot,
    FamilyMap,
    FamilyMember,
    FamilyRelation,
    FamilySubsystem,
    GenogramPerson,
    GenogramRelation,
    LifeArea,
    NetworkMember,
)


def _withheld(case: Case, reader: Any) -> frozenset[str]:
    return disclosure.withheld_categories(reader, case) if reader is not None else frozenset()


def _without_withheld(snapshot: EcomapSnapshot, withheld: frozenset[str]) -> EcomapSnapshot:
    """The snapshot's connections without those of a category the reader may not see (an
    ecomap's "addiction treatment", a node "Narkologs"; issue 19); `snapshot.withheld` says
    how many were left out."""
    count = disclosure.restrict_prefetched(snapshot, "connections", withheld)
    snapshot.withheld = disclosure.placeholder(count)  # type: ignore[attr-defined]
    return snapshot


def ecomaps_of(case: Case, reader: Any = None) -> list[EcomapSnapshot]:
    withheld = _withheld(case, reader)
    return [
        _without_withheld(snapshot, withheld)
        for snapshot in case.ecomaps.prefetch_related("connections")
    ]


def ecomap_of(
    case: Case, snapshot_id: int | str | None, reader: Any = None
) -> EcomapSnapshot | None:
    try:
        pk = int(snapshot_id or "")
    except ValueError:
        return None
    snapshot = case.ecomaps.prefetch_related("connections").filter(pk=pk).first()
    return _without_withheld(snapshot, _withheld(case, reader)) if snapshot else None


def connection_hidden(case: Case, connection: Any, reader: Any) -> bool:
    return disclosure.withheld_item(connection, _withheld(case, reader))


def genogram_of(
    case: Case, reader: Any = None
) -> tuple[list[GenogramPerson], list[GenogramRelation]]:
    """The genogram's people and relationships. `reader`: a person's label whose words concern
    a category the client's consent does not share with the reader's organisation (a role
    "narcologist", "mother, in treatment") shows as the neutral placeholder (issue 19); the
    people stay, so the family's shape does."""
    people = list(GenogramPerson.objects.filter(case=case))
    disclosure.mask_labels(people, ("name",), _withheld(case, reader))
    by_id = {p.pk: p for p in people}
    relations = list(GenogramRelation.objects.filter(case=case))
    for relation in relations:  # no extra queries for the names in the table
        relation.first = by_id[relation.first_id]
        relation.second = by_id[relation.second_id]
    return people, relations


def network_of(case: Case, reader: Any = None) -> list[NetworkMember]:
    members = NetworkMember.objects.filter(case=case)
    return disclosure.filter_items(members, _withheld(case, reader)).items


def culturagram_of(case: Case) -> Culturagram | None:
    return Culturagram.objects.filter(case=case).first()


# The culturagram's areas that are health data whatever they say (issue 28, finding 6).
HEALTH_AREAS = frozenset({"health_beliefs"})


def culturagram_hidden_areas(case: Case, current: Culturagram | None, reader: Any) -> set[str]:
    """The culturagram's areas this reader may not see: "health beliefs" without the health
    category, and any area whose words concern a withheld category."""
    withheld = _withheld(case, reader)
    if not withheld:
        return set()
    hidden = set(HEALTH_AREAS) if Category.HEALTH in withheld else set()
    for name, _label in CULTURAGRAM_AREAS:
        text = getattr(current, name, "") if current is not None else ""
        if text and any(disclosure.text_concerns(c, text) for c in withheld):
            hidden.add(name)
    return hidden


@dataclass(frozen=True)
class AreaShare:
    area: str
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class NetworkIndicators:
    """Tracy & Whittaker's summary of the grid: size, composition and the quality of support."""

    size: int
    areas: list[AreaShare]
    concrete_almost_always: int
    emotional_almost_always: int
    information_almost_always: int
    critical_almost_always: int
    reciprocal: int
    very_close: int
    weekly_or_more: int
    known_over_five_years: int


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def network_indicators(members: list[NetworkMember]) -> NetworkIndicators:
    size = len(members)

    def share(condition: list[bool]) -> int:
        return _percent(sum(condition), size)

    areas = [
        AreaShare(
            area=value,
            label=str(label),
            count=(count := sum(1 for m in members if m.area == value)),
            percent=_percent(count, size),
        )
        for value, label in LifeArea.choices
    ]
    return NetworkIndicators(
        size=size,
        areas=areas,
        concrete_almost_always=share([m.concrete_support == 3 for m in members]),
        emotional_almost_always=share([m.emotional_support == 3 for m in members]),
        information_almost_always=share([m.information_support == 3 for m in members]),
        critical_almost_always=share([m.criticism == 3 for m in members]),
        reciprocal=share([m.direction == 1 for m in members]),
        very_close=share([m.closeness == 3 for m in members]),
        weekly_or_more=share([m.frequency >= 3 for m in members]),
        known_over_five_years=share([m.years_known == 3 for m in members]),
    )


def family_maps_of(case: Case, reader: Any = None) -> list[FamilyMap]:
    """`reader`: a map's note that concerns a withheld category shows as the placeholder."""
    maps = list(case.family_maps.all())
    disclosure.mask_labels(maps, ("note",), _withheld(case, reader))
    return maps


@dataclass(frozen=True)
class FamilyMapData:
    family_map: FamilyMap
    members: list[FamilyMember]
    subsystems: list[FamilySubsystem]
    relations: list[FamilyRelation]


def family_map_of(case: Case, map_id: int | str | None, reader: Any = None) -> FamilyMapData | None:
    """One map with its members, subsystems and relations in a fixed number of queries.
    `reader`: the map's note, members' roles or genogram names and subsystems' names whose
    words concern a category withheld from the reader show as the placeholder (issue 19)."""
    try:
        pk = int(map_id or "")
    except ValueError:
        return None
    family_map = case.family_maps.filter(pk=pk).first()
    if family_map is None:
        return None
    family_map.case = case
    members = list(family_map.members.select_related("person"))
    by_id = {m.pk: m for m in members}
    subsystems = list(
        family_map.subsystems.prefetch_related(
            Prefetch("members", queryset=FamilyMember.objects.select_related("person"))
        )
    )
    subsystem_by_id = {s.pk: s for s in subsystems}
    relations = list(family_map.relations.all())
    for relation in relations:  # no extra queries for the labels in the table
        relation.first = by_id[relation.first_id]
        if relation.second_id is not None:
            relation.second = by_id[relation.second_id]
        if relation.against_id is not None:
            relation.against = by_id[relation.against_id]
        if relation.second_subsystem_id is not None:
            relation.second_subsystem = subsystem_by_id[relation.second_subsystem_id]
    withheld = _withheld(case, reader)
    if withheld:
        disclosure.mask_labels([family_map], ("note",), withheld)
        members_in_subsystems = [m for s in subsystems for m in s.members.all()]
        everyone = members + members_in_subsystems
        disclosure.mask_labels(everyone, ("label",), withheld)
        disclosure.mask_labels(
            [m.person for m in everyone if m.person is not None], ("name",), withheld
        )
        disclosure.mask_labels(subsystems, ("name",), withheld)
    return FamilyMapData(family_map, members, subsystems, relations)
