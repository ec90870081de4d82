"""Writes to the directory: importing HSDS documents (all or nothing)."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from core.events import publish
from core.text import fold

from . import importing
from .importing import Plan, Problem
from .models import (
    Address,
    CostOption,
    DirectoryOrganisation,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
)

# Plan tables in the order they are written (parents first).
TABLES: list[tuple[str, type[models.Model]]] = [
    ("organisation", DirectoryOrganisation),
    ("location", Location),
    ("address", Address),
    ("service", Service),
    ("sal", ServiceAtLocation),
    ("area", ServiceArea),
    ("cost", CostOption),
    ("need", ServiceNeed),
    ("phone", Phone),
    ("language", Language),
    ("schedule", Schedule),
]
MODELS = dict(TABLES)
LINKED = {"phone", "language", "schedule"}
LINK_FIELDS = {
    "phone": ["service_id", "location_id", "service_at_location_id", "organisation_id"],
    "language": ["service_id", "location_id", "service_at_location_id", "phone_id"],
    "schedule": ["service_id", "location_id", "service_at_location_id"],
}
PARENT_FIELD = {
    "organisation": "organisation",
    "location": "location",
    "service": "service",
    "service_at_location": "service_at_location",
    "phone": "phone",
}
HSDS_NAME = {"organisation": "organization_id", "organisation_id": "organization_id"}


class HsdsImportError(DomainError):
    """The document has problems; nothing was imported. `problems` names each one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__([str(problem) for problem in problems])


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        tables = sorted(set(self.created) | set(self.updated))
        return ", ".join(f"{t}: {self.created[t]} new, {self.updated[t]} updated" for t in tables)


MAX_NESTING = 32
"""HSDS records nest a few levels (a service's locations' addresses' …); a document nested
deeper is not a directory, and reading it would exhaust Python's recursion (issue 28)."""


def _document_problem(reason: str) -> HsdsImportError:
    return HsdsImportError([Problem("", _("document"), reason)])


def _too_deep() -> HsdsImportError:
    return _document_problem(
        _("the JSON is nested deeper than %(levels)s levels") % {"levels": MAX_NESTING}
    )


def _nesting_exceeds(data: Any, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, dict | list):
            continue
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children)
    return False


def directory_document(raw: bytes) -> Any:
    """The JSON document in a file's bytes (UTF-8, a byte order mark allowed), or
    HsdsImportError saying in words why it is not one."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _document_problem(
            _("the file is not UTF-8 text (byte %(offset)s cannot be read)")
            % {"offset": error.start}
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _document_problem(
            _("not JSON: %(message)s at line %(line)s, column %(column)s")
            % {"message": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        raise _too_deep() from None
    return data


@transaction.atomic
def directory_import(*, actor: User | None, data: Any, shape: str | None = None) -> ImportReport:
    """Import HSDS records (see importing.py for what is accepted). Either every record is
    valid and all are written, or HsdsImportError lists every problem and nothing changes."""
    if _nesting_exceeds(data, MAX_NESTING):
        raise _too_deep()
    try:
        plan = importing.read(data, shape)
    except RecursionError:
        raise _too_deep() from None
    if plan.problems:
        raise HsdsImportError(plan.problems)
    existing = {
        table: set(
            model._default_manager.filter(pk__in=plan.ids(table)).values_list("pk", flat=True)
        )
        for table, model in TABLES
    }
    _merge_stored_links(plan, existing)
    instances = _instances(plan)
    _delete_unclaimed(plan)
    for table, model in TABLES:
        rows = instances[table]
        if not rows:
            continue
        names = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        model._default_manager.bulk_create(
            rows, update_conflicts=True, unique_fields=["id"], update_fields=names
        )
    _unlink_unclaimed(plan)
    _derive(plan)
    report = ImportReport()
    for table, _model in TABLES:
        for row_id in plan.ids(table):
            (report.updated if row_id in existing[table] else report.created)[table] += 1
    publish(
        "directory_imported",
        actor_id=actor.pk if actor else None,
        created=dict(report.created),
        updated=dict(report.updated),
    )
    return report


def _merge_stored_links(plan: Plan, existing: dict[str, set[uuid.UUID]]) -> None:
    """A stored phone linked to a location keeps that link when a service names it too."""
    for table in LINKED:
        stored = (
            MODELS[table]
            ._default_manager.filter(pk__in=existing[table])
            .values("pk", *LINK_FIELDS[table])
        )
        for values in stored:
            fields = plan.rows[table][values["pk"]].fields
            for key in LINK_FIELDS[table]:
                if fields.get(key) is None:
                    fields[key] = values[key]


def _instances(plan: Plan) -> dict[str, list[models.Model]]:
    """Unsaved model instances for every row, checked with full_clean; problems raise."""
    problems: list[Problem] = []
    instances: dict[str, list[models.Model]] = {}
    seen_pairs: set[tuple[str, Any, Any]] = set()
    for table, model in TABLES:
        instances[table] = []
        foreign_keys = [f.name for f in model._meta.concrete_fields if f.is_relation]
        for row_id, row in plan.rows[table].items():
            if table in ("area", "need"):
                other = row.fields.get("municipality_id") or row.fields.get("need_id")
                pair = (table, row.fields["service_id"], other)
                if pair in seen_pairs:
                    continue  # the same municipality or need twice: once is enough
                seen_pairs.add(pair)
            instance = model(pk=row_id, **row.fields)
            if isinstance(instance, DirectoryOrganisation):
                instance.name_folded = fold(instance.name)[:250]
            try:
                instance.full_clean(
                    exclude=foreign_keys, validate_unique=False, validate_constraints=False
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    path = f"{row.path}/{HSDS_NAME.get(name, name)}"
                    problems += [Problem(path, row.record, message) for message in messages]
            instances[table].append(instance)
    if problems:
        raise HsdsImportError(problems)
    return instances


def _delete_unclaimed(plan: Plan) -> None:
    """Collections given in full replace the stored ones (single-parent children)."""
    single = {
        "address": Address,
        "area": ServiceArea,
        "cost": CostOption,
        "need": ServiceNeed,
        "sal": ServiceAtLocation,
    }
    for (parent_table, parent_id, child_table), claimed in plan.collections.items():
        if child_table in single:
            parent = PARENT_FIELD[parent_table]
            single[child_table]._default_manager.filter(**{parent: parent_id}).exclude(
                pk__in=claimed
            ).delete()


def _unlink_unclaimed(plan: Plan) -> None:
    """Shared children (phones, languages, hours) lose the link; rows left with none go."""
    for (parent_table, parent_id, child_table), claimed in plan.collections.items():
        if child_table in LINKED:
            parent = PARENT_FIELD[parent_table]
            MODELS[child_table]._default_manager.filter(**{parent: parent_id}).exclude(
                pk__in=claimed
            ).update(**{parent: None})
    for table in LINKED:
        orphan = Q()
        for key in LINK_FIELDS[table]:
            orphan &= Q(**{f"{key.removesuffix('_id')}__isnull": True})
        MODELS[table]._default_manager.filter(orphan).delete()


def _derive(plan: Plan) -> None:
    """Free of charge and the folded search text of every service the import touched."""
    organisation_ids = plan.ids("organisation")
    services = (
        Service.objects.filter(Q(pk__in=plan.ids("service")) | Q(organisation__in=organisation_ids))
        .select_related("organisation")
        .prefetch_related(
            "cost_options",
            "needs__parent",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__addresses"
                ),
            ),
        )
    )
    changed = []
    for service in services:
        costs = list(service.cost_options.all())
        service.free_of_charge = bool(costs) and all(
            cost.amount is not None and cost.amount == 0 for cost in costs
        )
        service.search_text = search_text_of(service)
        changed.append(service)
    Service.objects.bulk_update(changed, ["free_of_charge", "search_text"])


def search_text_of(service: Service) -> str:
    parts = [service.name, service.alternate_name, service.description]
    parts += [service.organisation.name, service.organisation.alternate_name]
    for need in service.needs.all():
        for term in (need, need.parent):
            if term is not None:
                parts += [term.name, term.name_ru, term.name_en]
    for sal in service.service_at_locations.all():
        parts += [sal.location.name]
        parts += [f"{a.address_1} {a.city}" for a in sal.location.addresses.all()]
    return fold(" ".join(part for part in parts if part))
