"""Diagram rows keep their history (simple-history), and erasing the person (GDPR Art. 17,
privacy.services) leaves no relative's name in any diagram table or its history — including
rows removed from a diagram before the erasure (E1, E2, E4)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases import services as case_services
from cases.models import Case
from cases.tests.factories import open_case
from conftest import OrganisationWithStaff, client_for
from diagrams import services
from diagrams.models import FamilyMember, GenogramPerson, NetworkMember

pytestmark = pytest.mark.django_db

RELATIVE = "Ilze"


def _network(actor: User, case: Case, name: str) -> NetworkMember:
    return services.member_add(
        actor=actor, case=case, name=name, area="family", concrete_support=2,
        emotional_support=2, information_support=1, criticism=1, direction=1, closeness=2,
        frequency=3, years_known=3,
    )  # fmt: skip


def _every_diagram_model() -> list[type[models.Model]]:
    return list(apps.get_app_config("diagrams").get_models())


def test_every_diagram_model_keeps_history(org_a: OrganisationWithStaff) -> None:
    for model in _every_diagram_model():
        if model.__name__.startswith("Historical"):
            continue
        assert hasattr(model, "history"), model.__name__
    case = open_case(org_a.social_worker, org_a.organisation)
    person = services.person_add(actor=org_a.social_worker, case=case, name="Māte", sex="female")
    services.person_update(actor=org_a.social_worker, person=person, name="Māte Ilga")
    assert [h.name for h in person.history.order_by("history_id")] == ["Māte", "Māte Ilga"]


def _diagrams_full_of_a_relative(case: Case, actor: User) -> None:
    snapshot = services.ecomap_create(
        actor=actor, case=case, drawn_on=timezone.localdate(), note=f"Pie māsas {RELATIVE}s"
    )
    services.connection_add(actor=actor, snapshot=snapshot, kind="extended_family",
                            label=f"Māsa {RELATIVE}", note=f"{RELATIVE} palīdz")  # fmt: skip
    gone = services.connection_add(actor=actor, snapshot=snapshot, kind="friends",
                                   label=f"{RELATIVE}s draugs")  # fmt: skip
    services.connection_remove(actor=actor, connection=gone)
    sister = services.person_add(actor=actor, case=case, name=f"Māsa {RELATIVE}", sex="female")
    removed = services.person_add(actor=actor, case=case, name=f"{RELATIVE}s vīrs", sex="male")
    services.person_remove(actor=actor, person=removed)
    _network(actor, case, f"Māsa {RELATIVE}")
    services.member_remove(actor=actor, member=_network(actor, case, f"{RELATIVE}s meita"))
    services.culturagram_save(actor=actor, case=case, family_values=f"{RELATIVE} ir balsts")
    family_map = services.family_map_create(
        actor=actor, case=case, drawn_on=timezone.localdate(), outside_boundary="clear",
        note=f"Pēc sarunas ar {RELATIVE}",
    )  # fmt: skip
    a = services.family_member_add(actor=actor, family_map=family_map, person=sister)
    b = services.family_member_add(actor=actor, family_map=family_map, label=f"{RELATIVE}s dēls")
    services.family_member_remove(
        actor=actor,
        member=services.family_member_add(actor=actor, family_map=family_map,
                                          label=f"{RELATIVE}s māte"),
    )  # fmt: skip
    services.family_subsystem_add(
        actor=actor, family_map=family_map, kind="parent_child", boundary="diffuse",
        members=[a, b], name=f"{RELATIVE} un dēls",
    )  # fmt: skip


def _rows_naming_the_relative() -> list[str]:
    found = []
    for model in _every_diagram_model():
        text_fields = [
            f.name for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
        ]  # fmt: skip
        for row in model._default_manager.values(*text_fields):
            if any(RELATIVE in str(value) for value in row.values()):
                found.append(model.__name__)
    return found


def test_anonymising_the_person_leaves_no_relative_name_in_diagrams_or_history(
    org_a: OrganisationWithStaff,
) -> None:
    """GDPR Art. 17: genogram people, network members, ecomap labels, the culturagram and the
    family map lose every relative's name, and so do their history rows — those of rows
    removed before the erasure too."""
    actor = org_a.social_worker
    case = open_case(actor, org_a.organisation)
    _diagrams_full_of_a_relative(case, actor)
    assert set(_rows_naming_the_relative()) >= {
        "GenogramPerson", "HistoricalGenogramPerson", "NetworkMember", "HistoricalNetworkMember",
        "EcomapConnection", "HistoricalEcomapConnection", "Culturagram", "HistoricalCulturagram",
        "FamilyMap", "FamilyMember", "HistoricalFamilyMember", "FamilySubsystem",
    }  # fmt: skip
    case_services.case_set_status(
        actor=org_a.supervisor, case=case, status="closed", closure_reason="goals_achieved"
    )
    response = client_for(org_a.supervisor).post(
        reverse("privacy:anonymise", args=[case.pk]), {"reason": "Persona lūdza dzēst datus"}
    )
    assert response.status_code == 302
    assert _rows_naming_the_relative() == []
    # the structure stays for statistics: codes, dates and counts
    assert GenogramPerson.objects.filter(case=case).count() == 1
    assert FamilyMember.objects.filter(family_map__case=case).count() == 2
