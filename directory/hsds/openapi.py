"""The official HSDA 3.0 OpenAPI document (schema/openapi.json), made self-contained offline.

The official document points its response schemas at the specification's files on the web
(`.../schema/compiled/service.json`, `.../schema/taxonomy.json`, ...). Here every such `$ref`
points into `components/schemas` instead, which holds the vendored modular table schemas (their
`"phone.json"` references rewritten to `#/components/schemas/phone`), the three full shapes
composed as `directory.hsds.schema_for` composes them (checked against the official compiled
files' digests in test_hsds_schema.py) and the three small official compiled list schemas
(`schema/compiled/*_list.json`, unchanged copies). Nothing else of the document is changed.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from . import SCHEMA_DIR, load

OFFICIAL_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"

# The official document's external references → the component that replaces each.
EXTERNAL = {
    "compiled/service.json": "service",
    "compiled/organization.json": "organization_full",
    "compiled/service_at_location.json": "service_at_location_full",
    "compiled/service_list.json": "service_list",
    "compiled/organization_list.json": "organization_list",
    "compiled/service_at_location_list.json": "service_at_location_list",
    "taxonomy.json": "taxonomy",
    "taxonomy_term.json": "taxonomy_term",
}
_DROPPED_KEYS = ("$id", "$schema")


def _rewrite(node: Any) -> Any:
    """A copy of a schema with every reference pointing into components/schemas."""
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED_KEYS:
            continue
        if key == "$ref" and isinstance(value, str):
            if value.startswith(OFFICIAL_BASE):
                value = "#/components/schemas/" + EXTERNAL[value.removeprefix(OFFICIAL_BASE)]
            elif value.endswith(".json") and "/" not in value:
                value = "#/components/schemas/" + value.removesuffix(".json")
        out[key] = _rewrite(value)
    return out


def _tables() -> dict[str, Any]:
    return {
        path.stem: _rewrite(load(path.stem))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
        if path.stem != "openapi"
    }


def _compiled_list(name: str) -> Any:
    return _rewrite(json.loads((SCHEMA_DIR / "compiled" / f"{name}.json").read_text("utf-8")))


@cache
def _official() -> dict[str, Any]:
    document: dict[str, Any] = _rewrite(load("openapi"))
    schemas = document["components"]["schemas"]
    tables = _tables()
    schemas.update(tables)
    organisation = copy.deepcopy(tables["organization"])
    organisation["properties"]["services"] = {
        "type": "array",
        "items": {"$ref": "#/components/schemas/service"},
    }
    schemas["organization_full"] = organisation
    service = copy.deepcopy(tables["service"])
    del service["properties"]["service_at_locations"]
    at_location = copy.deepcopy(tables["service_at_location"])
    at_location["properties"]["service"] = service
    schemas["service_at_location_full"] = at_location
    for name in ("service_list", "organization_list", "service_at_location_list"):
        schemas[name] = _compiled_list(name)
    return document


def official() -> dict[str, Any]:
    """The official HSDA OpenAPI document with its references resolved offline (a fresh copy)."""
    return copy.deepcopy(_official())
