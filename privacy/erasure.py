"""Erasure across every app: whatever row hangs off the person or one of their cases loses
its free text (and its history copies), so no app can keep a name or a story the person asked
to erase. Codes, statuses, dates and numbers stay for statistics.

Apps need not register anything: the foreign-key path to the person or the case is found
from the models, so a new app is covered the day it is installed.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from cases.models import Case
from people.models import Client

# Handled explicitly by privacy.services (names, codes) or holding no personal text.
SKIPPED_APPS = {"people", "audit", "accounts", "privacy", "consent", "inbox", "admin", "auth"}
MAX_DEPTH = 3


def _path_to_person(model: type[models.Model], depth: int = 0) -> str | None:
    """The lookup from `model` to people.Client ("case__client", "plan__case__client", …)."""
    for field in model._meta.get_fields():
        if not isinstance(field, (models.ForeignKey, models.OneToOneField)):
            continue
        target = field.related_model
        if target is Client:
            return field.name
        if target is Case:
            return f"{field.name}__client"
        if depth < MAX_DEPTH and target is not None and target._meta.app_label not in SKIPPED_APPS:
            deeper = _path_to_person(target, depth + 1)
            if deeper:
                return f"{field.name}__{deeper}"
    return None


def _free_text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and not f.choices
        and not f.unique
        and not f.primary_key
    ]


def _ids_ever(
    model: type[models.Model], client: Client, case_ids: set[int], depth: int = 0
) -> set[int] | None:
    """Primary keys of `model` rows that belong to the person, whether the row still exists or
    only its history does (a relative removed from a genogram before the erasure). Follows the
    same foreign key as `_path_to_person`, through the historical copies of the parents too."""
    history = getattr(model, "history", None)
    for field in model._meta.get_fields():
        if not isinstance(field, (models.ForeignKey, models.OneToOneField)):
            continue
        target = field.related_model
        owners: set[int] | None
        if target is Client:
            owners = {client.pk}
        elif target is Case:
            owners = case_ids
        elif (
            depth < MAX_DEPTH and target is not None and target._meta.app_label not in SKIPPED_APPS
        ):
            owners = _ids_ever(target, client, case_ids, depth + 1)
        else:
            owners = None
        if owners is None:
            continue
        lookup = {f"{field.attname}__in": owners}
        ids = set(model._default_manager.filter(**lookup).values_list("pk", flat=True))
        if history is not None:
            ids |= set(history.model.objects.filter(**lookup).values_list("id", flat=True))
        return ids
    return None


def erase_free_text(client: Client) -> dict[str, int]:
    """Blank the free text of every row that belongs to the person and delete the history of
    every such row, removed rows included. Returns live rows per model."""
    touched: dict[str, int] = {}
    case_ids = set(Case.objects.filter(client=client).values_list("pk", flat=True))
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_APPS or model.__name__.startswith("Historical"):
            continue
        path = _path_to_person(model)
        fields = _free_text_fields(model)
        if not path or not fields:
            continue
        rows: Any = model._default_manager.filter(**{path: client})
        ids = list(rows.values_list("pk", flat=True))
        history = getattr(model, "history", None)
        if history is not None:
            ever = _ids_ever(model, client, case_ids) or set()
            history.model.objects.filter(id__in=set(ids) | ever).delete()
        if not ids:
            continue
        model._default_manager.filter(pk__in=ids).update(**dict.fromkeys(fields, ""))
        touched[model._meta.label] = len(ids)
    return touched
