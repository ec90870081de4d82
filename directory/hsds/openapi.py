"""The official HSDA 3.0 OpenAPI document (schema/openapi.json), made self-contained offline.

The official document points its response schemas at the specification's files on the web
(`.../schema/compiled/service.json`, `.../schema/taxonomy.json`, ...). Here every such `$ref`
points into `components/schemas` instead, which holds the vendored modular table schemas (their
`"phone.json"` references rewritten to `#/components/schemas/phone`), the three full shapes
composed as `directory.hsds.schema_for` composes them (checked against the official compiled
files' digests in test_hsds_schema.py) and the three small official compiled list schemas
(`schema/compiled/*_list.json`, unchanged copies). One erratum of the specification is applied
(ERRATA): the vendored 3.0 file declares `GET /service_at_locations/{id}` to return a service;
the specification's later PATCH release (openreferral/specification pull request 574, January
2026) corrected it to the compiled service_at_location. Nothing else of the document is changed.
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
# (path, status) → the reference the specification's later PATCH release gives it.
ERRATA = {("/service_at_locations/{id}", "200"): "compiled/service_at_location.json"}


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
    raw = load("openapi")
    for (path, status), ref in ERRATA.items():
        content = raw["paths"][path]["get"]["responses"][status]["content"]
        content["application/json"]["schema"] = {"$ref": OFFICIAL_BASE + ref}
    document: dict[str, Any] = _rewrite(raw)
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


# --- Tilts' own document: what /api/hsds/ serves ------------------------------------------

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem; detail in the language asked for with Accept-Language.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
}
ERRORS = {
    "400": "A query parameter Tilts does not know or cannot honour, or a value out of range.",
    "401": "Sign in first: the directory's data is for signed-in users.",
    "404": "No record with this id.",
}
# Parameter values Tilts cannot honour are refused with 400; the document says which are taken.
PARAMETERS: dict[str, dict[str, Any]] = {
    "page": {"type": "integer", "minimum": 1, "maximum": 10**6},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
    "format": {"type": "string", "enum": ["json"]},
    "minimal": {"type": "boolean", "enum": [False]},
    "modified_after": {"type": "string", "format": "date-time"},
}
# Documented parameters Tilts refuses whatever their value (no postcode data yet).
REFUSED = {("/service_at_locations", "postcode"), ("/service_at_locations", "proximity")}
PUBLIC = ("/",)


def _parameter_name(parameter: dict[str, Any], components: dict[str, Any]) -> str:
    ref = parameter.get("$ref", "")
    if ref:
        name: str = components[ref.rsplit("/", 1)[1]]["name"]
        return name
    return str(parameter["name"])


def tilts_document() -> dict[str, Any]:
    """The official document as Tilts serves it: its info and server, the stricter parameter
    schemas above, the refused parameters left out, and the error responses (RFC 9457
    problems) each operation can give. Paths and success responses are the official ones."""
    document = official()
    document["info"] = {
        "title": "Tilts resource directory (HSDA 3.0)",
        "version": "1.0",
        "summary": "Read access to the services directory in Open Referral HSDS 3.0 shapes.",
        "description": (
            "The Open Referral Human Services Data API 3.0, read paths. Unknown query "
            "parameters, `format` other than json, `minimal=true`, `postcode` and `proximity` "
            "are refused with 400. Errors are RFC 9457 problems (application/problem+json)."
        ),
    }
    document["servers"] = [{"url": "/api/hsds"}]
    components = document["components"]
    components["schemas"]["Problem"] = PROBLEM_SCHEMA
    for name, schema in PARAMETERS.items():
        components["parameters"][name]["schema"] = schema
    components["responses"] = {
        status: {
            "description": description,
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
        for status, description in ERRORS.items()
    }
    for path, item in document["paths"].items():
        operation = item["get"]
        operation["parameters"] = [
            parameter
            for parameter in operation.get("parameters", [])
            if (path, _parameter_name(parameter, components["parameters"])) not in REFUSED
        ]
        statuses = ["400"] if path in PUBLIC else ["400", "401"]
        if "{id}" in path:
            statuses.append("404")
        for status in statuses:
            operation["responses"][status] = {"$ref": f"#/components/responses/{status}"}
    return document
