"""Demo diagrams for the handbook's Jānis (A2): two dated ecomaps, a three-generation genogram,
a social network map, a culturagram and a structural family map drawn on his genogram's people.
Every relative here is invented."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cases.models import Case

from . import services
from .models import FamilyMember, GenogramPerson


def _janis_case() -> Case | None:
    return (
        Case.objects.filter(client__first_name="Jānis", client__last_name="Bērziņš")
        .select_related("lead_worker")
        .order_by("pk")
        .first()
    )


@transaction.atomic
def seed() -> int:
    """Diagrams for Jānis; each kind skipped when he has it already. Returns how many were
    drawn."""
    case = _janis_case()
    if case is None:
        return 0
    drawn = 0 if case.ecomaps.exists() else _seed_first_four(case)
    if not case.family_maps.exists():
        _seed_family_map(case)
        drawn += 1
    return drawn


def _seed_family_map(case: Case) -> None:
    """Minuchin's map of the household Jānis came back to: enmeshed with his mother, close to
    his sister, cut off from his son, in conflict with his former wife, with his mother siding
    with him against her; the family keeps outsiders away (the father's drinking is not talked
    about)."""
    worker = case.lead_worker
    people = {p.name: p for p in case.genogram_people.all()}
    family_map = services.family_map_create(
        actor=worker, case=case, drawn_on=timezone.localdate(), outside_boundary="rigid",
        note="Pēc atgriešanās pie mātes",
    )  # fmt: skip

    def member(name: str) -> FamilyMember:
        person = people.get(name)
        return services.family_member_add(
            actor=worker, family_map=family_map, person=person, label="" if person else name
        )

    mother, janis, sister = member("Māte Ilga"), member("Jānis"), member("Māsa Inese")
    son, former_wife = member("Dēls"), member("Bijusī sieva")
    for kind, name, boundary, members in [
        ("parent_child", "Māte un Jānis", "diffuse", [mother, janis]),
        ("sibling", "Brālis un māsa", "clear", [janis, sister]),
        ("parent_child", "Jānis un dēls", "rigid", [janis, son]),
    ]:
        services.family_subsystem_add(
            actor=worker, family_map=family_map, kind=kind, name=name, boundary=boundary,
            members=members,
        )  # fmt: skip
    for kind, first, second, against in [
        ("over_involvement", mother, janis, None),
        ("affiliation", janis, sister, None),
        ("conflict", janis, former_wife, None),
        ("coalition", mother, janis, former_wife),
    ]:
        services.family_relation_add(
            actor=worker, family_map=family_map, kind=kind, first=first, second=second,
            against=against,
        )  # fmt: skip


def _seed_first_four(case: Case) -> int:
    worker = case.lead_worker
    today = timezone.localdate()
    first = services.ecomap_create(
        actor=worker, case=case, drawn_on=today - timedelta(days=10), note="Pirmā tikšanās"
    )
    for kind, label, strength, stressful, flow in [
        ("extended_family", "Māte", "strong", True, "to_client"),
        ("probation", "Probācija", "moderate", True, "from_client"),
        ("social_services", "Sociālais dienests", "tenuous", False, "to_client"),
        ("health_care", "Ģimenes ārsts", "tenuous", False, "none"),
        ("criminal_peers", "Bijušie paziņas", "moderate", True, "both"),
        ("housing", "Mājoklis", "tenuous", True, "none"),
        ("debt", "Parādi", "moderate", True, "from_client"),
    ]:
        services.connection_add(
            actor=worker, snapshot=first, kind=kind, label=label, strength=strength,
            stressful=stressful, flow=flow, note="",
        )  # fmt: skip
    second = services.ecomap_create(
        actor=worker, case=case, drawn_on=today, note="Pēc mēneša", copy_from=first
    )
    changes = {
        "Sociālais dienests": {"strength": "strong", "flow": "both"},
        "Bijušie paziņas": {"strength": "tenuous", "flow": "none"},
    }
    for connection in second.connections.all():
        if connection.display_label in changes:
            services.connection_update(
                actor=worker, connection=connection, **changes[connection.display_label]
            )
    services.connection_add(
        actor=worker, snapshot=second, kind="addiction_treatment", label="Narkologs",
        strength="moderate", stressful=False, flow="to_client", note="",
    )  # fmt: skip

    def person(**fields: object) -> GenogramPerson:
        return services.person_add(actor=worker, case=case, **fields)

    grandfather = person(name="Vectēvs Pēteris", sex="male", birth_year=1928, death_year=1990)
    grandmother = person(name="Vecmāte Anna", sex="female", birth_year=1931, death_year=2008)
    father = person(name="Tēvs Andris", sex="male", birth_year=1952, death_year=2015,
                    substance_abuse=True)  # fmt: skip
    mother = person(name="Māte Ilga", sex="female", birth_year=1956, illness=True,
                    in_household=True)  # fmt: skip
    aunt = person(name="Tante Rasma", sex="female", birth_year=1958)
    janis = person(name="Jānis", sex="male", birth_year=1981, is_index=True,
                   substance_abuse=True, in_household=True)  # fmt: skip
    sister = person(name="Māsa Inese", sex="female", birth_year=1984)
    ex_partner = person(name="Bijusī sieva", sex="female", birth_year=1983)
    son = person(name="Dēls", sex="male", birth_year=2006)
    twin_a = person(name="Dvīne Laura", sex="female", birth_year=2010)
    twin_b = person(name="Dvīnis Toms", sex="male", birth_year=2010)
    for first_person, kind, second_person in [
        (grandfather, "married", grandmother),
        (grandfather, "child_biological", father),
        (grandmother, "child_biological", father),
        (grandfather, "child_biological", aunt),
        (grandmother, "child_biological", aunt),
        (father, "married", mother),
        (father, "child_biological", janis),
        (mother, "child_biological", janis),
        (father, "child_biological", sister),
        (mother, "child_biological", sister),
        (janis, "divorced", ex_partner),
        (janis, "child_biological", son),
        (ex_partner, "child_biological", son),
        (sister, "child_adopted", twin_a),
        (sister, "child_adopted", twin_b),
        (twin_a, "twin", twin_b),
        (janis, "close", mother),
        (janis, "cutoff", ex_partner),
        (father, "conflictual", janis),
    ]:
        services.relation_add(
            actor=worker, case=case, first=first_person, kind=kind, second=second_person
        )
    for name, area, ratings in [
        ("Māte", "household", (3, 3, 2, 2, 3, 3, 4, 3)),
        ("Māsa Inese", "family", (2, 2, 2, 1, 1, 2, 2, 3)),
        ("Kaimiņš Juris", "neighbours", (2, 1, 1, 1, 1, 2, 3, 3)),
        ("Sociālā darbiniece", "formal_services", (3, 2, 3, 1, 3, 2, 3, 1)),
        ("Probācijas darbinieks", "formal_services", (1, 1, 3, 2, 3, 1, 2, 1)),
        ("Draugs no skolas", "friends", (1, 2, 1, 1, 1, 2, 1, 3)),
        ("Draudzes mentors", "organisations", (2, 3, 2, 1, 3, 2, 3, 1)),
    ]:
        concrete, emotional, information, criticism, direction, closeness, frequency, years = (
            ratings
        )
        services.member_add(
            actor=worker, case=case, name=name, area=area, concrete_support=concrete,
            emotional_support=emotional, information_support=information, criticism=criticism,
            direction=direction, closeness=closeness, frequency=frequency, years_known=years,
        )  # fmt: skip
    services.culturagram_save(
        actor=worker,
        case=case,
        relocation="Pēc atbrīvošanas atgriezās Saldū pie mātes.",
        legal_status="Latvijas pilsonis; probācijas uzraudzībā.",
        time_in_community="Dzimis Saldū; astoņus gadus bija ieslodzījumā.",
        language="Mājās latviešu valoda, ieslodzījumā arī krievu valoda.",
        health_beliefs="Pie ārsta iet tikai tad, kad ļoti slikti.",
        crisis_events="Tēva nāve 2015. gadā, kamēr Jānis bija ieslodzījumā.",
        holidays="Jāņi un Ziemassvētki ar māti un māsu.",
        institutions="Sāka apmeklēt draudzes atbalsta grupu.",
        education_work="Pamatizglītība; vēlas atkal strādāt būvniecībā, bet ne tūlīt.",
        family_values="Māte ir ģimenes balsts; par tēva dzeršanu nerunā.",
    )
    return 4
