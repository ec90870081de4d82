"""The vendored HSDS 3.0 JSON Schemas (see NOTICE.md) and validators for the document shapes
Tilts imports and exports.

The modular schema files refer to each other by file name ("phone.json"); they are registered
under those names so `$ref`s resolve offline. The three "full" shapes are composed exactly as the
specification's compiled files are (checked in directory/tests/test_hsds_schema.py):

- service_full: service.json as it is (it nests organization, service_at_locations → location);
- organization_full: organization.json plus `services`, an array of service.json;
- service_at_location_full: service_at_location.json plus `service`, service.json without its
  `service_at_locations`.

List pages use the envelope of openapi.json's `Page` with `contents` of the item shape.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
BASE_URI = "https://tilts.invalid/hsds/3.0/"

SHAPES = ("service_full", "organization_full", "service_at_location_full", "taxonomy_term")


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


@cache
def registry() -> Registry[Any]:
    resources = [
        (BASE_URI + path.name, Resource.from_contents(load(path.stem), DRAFT202012))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
        if path.stem != "openapi"
    ]
    return Registry().with_resources(resources)


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"{name}.json"}


@cache
def schema_for(shape: str) -> dict[str, Any]:
    """The JSON Schema of one document shape, with `$ref`s into the registry."""
    if shape == "service_full":
        schema: dict[str, Any] = _ref("service")
    elif shape == "organization_full":
        schema = load("organization")
        schema["properties"]["services"] = {"type": "array", "items": _ref("service")}
    elif shape == "service_at_location_full":
        service = load("service")
        del service["properties"]["service_at_locations"]
        schema = load("service_at_location")
        schema["properties"]["service"] = service
    elif shape == "taxonomy_term":
        schema = _ref("taxonomy_term")
    elif shape == "taxonomy":
        schema = _ref("taxonomy")
    else:
        raise ValueError(shape)
    return {"$id": BASE_URI + f"{shape}.composed.json", **schema}


def page_schema(item_shape: str) -> dict[str, Any]:
    """An HSDA page (openapi.json's Page) whose `contents` are items of one shape."""
    page = copy.deepcopy(load("openapi")["components"]["schemas"]["Page"])
    item = {key: value for key, value in schema_for(item_shape).items() if key != "$id"}
    page["properties"]["contents"] = {"type": "array", "items": item}
    page["required"] = [*page["properties"]]
    return {"$id": BASE_URI + f"{item_shape}.page.json", **page}


@cache
def _validator_for(shape: str) -> Draft202012Validator:
    schema = page_schema(shape[:-5]) if shape.endswith("_page") else schema_for(shape)
    return Draft202012Validator(schema, registry=registry(), format_checker=FormatChecker())


def errors(document: Any, shape: str) -> Iterator[ValidationError]:
    """Every schema violation of a document of the shape ("service_full", or
    "service_full_page" for a list page of them), in document order."""
    found = _validator_for(shape).iter_errors(document)
    return iter(sorted(found, key=lambda error: [str(part) for part in error.absolute_path]))


def is_valid(document: Any, shape: str) -> bool:
    return next(errors(document, shape), None) is None
