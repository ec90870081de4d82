"""Reading HSDS 3.0 documents into a plan of rows, with every problem found on the way.

Accepted: one record (service_full, organization_full, service_at_location_full), a JSON array
of them, or an HSDA list page ({"total_items": …, "contents": [...]}) of them. Each record is
validated against the vendored HSDS schema first, then against Tilts' rules (known needs and
municipalities, readable hours that close after they open, references that resolve). Problems
name the record (kind, name, id) and the path of the field, JSON-pointer style
("/contents/0/schedules/1/closes_at"). Nothing is written here: services.directory_import
writes the plan in one transaction only when there is no problem at all.

Rules:
- ids are the HSDS ids: a row with the same id is updated, never duplicated;
- a collection present in a record (e.g. a service's "phones") replaces the stored one; a
  collection left out is left as it is; services and locations are never deleted by an import
  (mark a service inactive or defunct instead);
- services are filed under needs through attributes whose taxonomy term is one of Tilts' needs
  (by id or code): any other taxonomy term is an error; attributes without a term are ignored;
- a service area names a Latvian municipality (Latvian, Russian or English name, or its code);
- contacts, funding, programmes, accessibility, required documents and metadata are ignored.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_aware, make_aware
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Municipality
from core.forms import CASE_DATES
from core.text import fold

from . import hsds
from .hours import RIGA, RuleError, parse_byday, parse_numbers
from .models import Need

RECORD_SHAPES = ("service_full", "organization_full", "service_at_location_full")
KIND_OF_COLLECTION = {
    "services": "service",
    "locations": "location",
    "addresses": "address",
    "phones": "phone",
    "schedules": "schedule",
    "languages": "language",
    "service_areas": "service area",
    "service_at_locations": "service at location",
    "cost_options": "cost option",
    "attributes": "attribute",
    "organization": "organisation",
    "location": "location",
    "service": "service",
    "taxonomy_term": "taxonomy term",
}


KIND_LABELS = {
    "service": gettext_lazy("service"),
    "organisation": gettext_lazy("organisation"),
    "location": gettext_lazy("location"),
    "address": gettext_lazy("address"),
    "phone": gettext_lazy("phone"),
    "schedule": gettext_lazy("opening hours"),
    "language": gettext_lazy("language"),
    "service area": gettext_lazy("service area"),
    "service at location": gettext_lazy("service at a location"),
    "cost option": gettext_lazy("cost option"),
    "attribute": gettext_lazy("attribute"),
    "taxonomy term": gettext_lazy("taxonomy term"),
    "record": gettext_lazy("record"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@dataclass(frozen=True)
class Problem:
    path: str
    record: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path or '/'} — {self.record}: {self.reason}"


def _pointer(parts: list[Any]) -> str:
    return "".join(f"/{part}" for part in parts)


def _describe(kind: str, obj: Any) -> str:
    if not isinstance(obj, dict):
        return kind_label(kind)
    name = next(
        (
            obj[key]
            for key in ("name", "number", "address_1", "code")
            if isinstance(obj.get(key), str)
        ),
        "",
    )
    record_id = obj.get("id") if isinstance(obj.get("id"), str) else ""
    text = kind_label(kind)
    if name:
        text += f" «{name[:60]}»"
    if record_id:
        text += f" ({record_id})"
    return text


def record_at(document: Any, top_kind: str, parts: list[Any]) -> str:
    """The records along a path: "service «Zupas virtuve» (…) › opening hours (…)"."""
    chain = [_describe(top_kind, document)]
    current, kind = document, top_kind
    for index, part in enumerate(parts):
        if isinstance(current, dict) and part in current:
            kind = KIND_OF_COLLECTION.get(str(part), kind)
            current = current[part]
            if isinstance(current, dict) and index < len(parts) - 1:
                chain.append(_describe(kind, current))
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            if isinstance(current, dict) and index < len(parts) - 1:
                chain.append(_describe(kind, current))
        else:
            break
    return " › ".join(chain)


def schema_reason(error: Any) -> str:
    """A translated reason for the common schema violations; jsonschema's text otherwise."""
    validator = error.validator
    if validator == "required":
        missing = str(error.message).split("'")[1] if "'" in str(error.message) else ""
        return _("required field %(field)s is missing") % {"field": missing}
    if validator == "type":
        return _("%(value)s is not of type %(type)s") % {
            "value": repr(error.instance)[:60],
            "type": error.validator_value,
        }
    if validator == "format":
        return _("%(value)s is not a valid %(format)s") % {
            "value": repr(error.instance)[:60],
            "format": error.validator_value,
        }
    if validator == "enum":
        return _("%(value)s is not one of %(allowed)s") % {
            "value": repr(error.instance)[:60],
            "allowed": ", ".join(str(v) for v in error.validator_value),
        }
    return str(error.message)


SERVICE_KEYS = {
    "service_areas",
    "service_at_locations",
    "cost_options",
    "organization",
    "organization_id",
    "program",
    "eligibility_description",
    "application_process",
    "fees_description",
    "interpretation_services",
    "required_documents",
    "minimum_age",
    "maximum_age",
}


def detect_shape(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    if "status" in item or SERVICE_KEYS & item.keys():
        return "service_full"
    if "service" in item or "location" in item or "location_id" in item:
        return "service_at_location_full"
    if any(key in item for key in ("taxonomy_id", "taxonomy", "taxonomy_detail", "parent_id")):
        return "taxonomy_term"
    return "organization_full"


@dataclass
class Row:
    """One row to write: its fields, where it came from, and the record it belongs to."""

    fields: dict[str, Any]
    path: str
    record: str


@dataclass
class Plan:
    rows: dict[str, dict[uuid.UUID, Row]] = field(default_factory=lambda: defaultdict(dict))
    # (parent table, parent id, child table) -> child ids named in a collection that was present
    collections: dict[tuple[str, uuid.UUID, str], set[uuid.UUID]] = field(
        default_factory=lambda: defaultdict(set)
    )
    problems: list[Problem] = field(default_factory=list)

    def put(
        self, table: str, row_id: uuid.UUID, fields: dict[str, Any], path: str, record: str
    ) -> None:
        """Add a row; the same id seen again merges (links add up, later fields win)."""
        existing = self.rows[table].get(row_id)
        if existing is None:
            self.rows[table][row_id] = Row(dict(fields), path, record)
            return
        for key, value in fields.items():
            if key.endswith("_id") and value is None and existing.fields.get(key) is not None:
                continue  # a link seen earlier stays
            existing.fields[key] = value

    def ids(self, table: str) -> set[uuid.UUID]:
        return set(self.rows[table])


class Reader:
    """Walks records into a Plan. Every method takes the record and its path parts."""

    LINKED = ("phone", "schedule", "language")

    def __init__(self) -> None:
        self.plan = Plan()
        self.document: Any = None
        self.top_kind = "record"
        needs = list(Need.objects.all())
        self.needs_by_id = {need.pk: need for need in needs}
        self.needs_by_code = {need.code: need for need in needs}
        self.municipalities: dict[str, Municipality] = {}
        for municipality in Municipality.objects.current():
            for name in (
                municipality.code,
                municipality.name,
                municipality.name_ru,
                municipality.name_en,
            ):
                if name:
                    self.municipalities[fold(name)] = municipality

    # --- helpers ------------------------------------------------------------------------
    def problem(self, parts: list[Any], reason: str) -> None:
        self.plan.problems.append(
            Problem(
                _pointer(parts),
                record_at(self.document, self.top_kind, parts[self.offset :]),
                reason,
            )
        )

    def record(self, parts: list[Any]) -> str:
        return record_at(self.document, self.top_kind, [*parts[self.offset :], "id"])

    @staticmethod
    def text(obj: dict[str, Any], key: str, limit: int | None = None) -> str:
        value = obj.get(key)
        value = value.strip() if isinstance(value, str) else ""
        return value[:limit] if limit else value

    def date_of(self, obj: dict[str, Any], key: str, parts: list[Any]) -> date | None:
        value = obj.get(key)
        if not value:
            return None
        try:
            day = date.fromisoformat(str(value)[:10])
        except ValueError:
            self.problem(
                [*parts, key], _("%(value)s is not a date (YYYY-MM-DD)") % {"value": value}
            )
            return None
        return day if self.within_range(day, key, parts) else None

    def within_range(self, day: date, key: str, parts: list[Any]) -> bool:
        """The dates every form accepts (core.forms, issue 28), for imported dates too."""
        try:
            CASE_DATES.check(day)
        except ValidationError as error:
            self.problem([*parts, key], " ".join(error.messages))
            return False
        return True

    def moment_of(self, obj: dict[str, Any], key: str, parts: list[Any]) -> datetime | None:
        value = obj.get(key)
        if not value:
            return None
        moment = parse_datetime(str(value))
        if moment is None:
            self.problem(
                [*parts, key], _("%(value)s is not a date and time (ISO 8601)") % {"value": value}
            )
            return None
        if not self.within_range(moment.date(), key, parts):
            return None
        return moment if is_aware(moment) else make_aware(moment, RIGA)

    def time_of(self, obj: dict[str, Any], key: str, parts: list[Any]) -> time | None:
        value = obj.get(key)
        if not value:
            return None
        try:
            return time.fromisoformat(str(value)).replace(tzinfo=None)
        except ValueError:
            self.problem(
                [*parts, key], _("%(value)s is not a time of day (HH:MM)") % {"value": value}
            )
            return None

    def integer(self, obj: dict[str, Any], key: str, parts: list[Any]) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, (int, float)) or value != int(value) or value < 0:
            self.problem(
                [*parts, key], _("%(value)s is not a whole number of 0 or more") % {"value": value}
            )
            return None
        return int(value)

    def collection(
        self, obj: dict[str, Any], key: str, parts: list[Any]
    ) -> list[tuple[dict[str, Any], list[Any]]]:
        items = obj.get(key)
        if not isinstance(items, list):
            return []
        return [
            (item, [*parts, key, index])
            for index, item in enumerate(items)
            if isinstance(item, dict)
        ]

    def owned(
        self,
        parent_table: str,
        parent_id: uuid.UUID,
        child_table: str,
        obj: dict[str, Any],
        key: str,
    ) -> None:
        if isinstance(obj.get(key), list):
            self.plan.collections[(parent_table, parent_id, child_table)]

    def claim(
        self, parent_table: str, parent_id: uuid.UUID, child_table: str, child_id: uuid.UUID
    ) -> None:
        self.plan.collections[(parent_table, parent_id, child_table)].add(child_id)

    # --- documents ----------------------------------------------------------------------
    def read(self, data: Any, shape: str | None = None) -> Plan:
        if isinstance(data, dict) and isinstance(data.get("contents"), list):
            items = [(item, ["contents", index]) for index, item in enumerate(data["contents"])]
        elif isinstance(data, list):
            items = [(item, [index]) for index, item in enumerate(data)]
        else:
            items = [(data, [])]
        if not items:
            self.document, self.offset = data, 0
            self.problem([], _("the document holds no records"))
        for item, parts in items:
            self.read_record(item, parts, shape or detect_shape(item))
        self.check_references()
        return self.plan

    def read_record(self, item: Any, parts: list[Any], shape: str | None) -> None:
        self.document, self.offset = item, len(parts)
        self.top_kind = {
            "service_full": "service",
            "organization_full": "organisation",
            "service_at_location_full": "service at location",
            "taxonomy_term": "taxonomy term",
        }.get(shape or "", "record")
        if shape is None:
            self.problem(parts, _("not an HSDS record (expected a JSON object)"))
            return
        if shape == "taxonomy_term":
            self.problem(
                parts, _("taxonomy terms are not imported: Tilts keeps its own taxonomy of needs")
            )
            return
        before = len(self.plan.problems)
        for error in hsds.errors(item, shape):
            self.problem([*parts, *error.absolute_path], schema_reason(error))
        if len(self.plan.problems) > before:
            return  # Tilts' rules assume the schema's shape
        if shape == "service_full":
            self.service(item, parts, organisation_id=None)
        elif shape == "organization_full":
            self.organisation(item, parts)
        else:
            self.service_at_location(item, parts, service_id=None)

    # --- records ------------------------------------------------------------------------
    def organisation(self, obj: dict[str, Any], parts: list[Any]) -> uuid.UUID:
        org_id = uuid.UUID(obj["id"])
        self.plan.put(
            "organisation",
            org_id,
            {
                "name": self.text(obj, "name", 250),
                "alternate_name": self.text(obj, "alternate_name", 250),
                "description": self.text(obj, "description"),
                "email": self.text(obj, "email", 254),
                "website": self.text(obj, "website", 500),
                "legal_status": self.text(obj, "legal_status", 120),
            },
            _pointer(parts),
            self.record(parts),
        )
        self.owned("organisation", org_id, "phone", obj, "phones")
        for phone, path in self.collection(obj, "phones", parts):
            self.claim(
                "organisation", org_id, "phone", self.phone(phone, path, organisation_id=org_id)
            )
        for location, path in self.collection(obj, "locations", parts):
            self.location(location, path, organisation_id=org_id)
        for service, path in self.collection(obj, "services", parts):
            self.service(service, path, organisation_id=org_id)
        return org_id

    def location(
        self, obj: dict[str, Any], parts: list[Any], organisation_id: uuid.UUID | None
    ) -> uuid.UUID:
        location_id = uuid.UUID(obj["id"])
        if organisation_id is None and obj.get("organization_id"):
            organisation_id = uuid.UUID(obj["organization_id"])
        municipality = None
        for address in obj.get("addresses") or []:
            for key in ("state_province", "region", "city"):
                found = self.municipalities.get(fold(str(address.get(key) or "")))
                if found is not None:
                    municipality = municipality or found
        latitude = obj.get("latitude")
        longitude = obj.get("longitude")
        path = [*parts]
        if latitude is not None and not -90 <= latitude <= 90:
            self.problem([*path, "latitude"], _("latitude must be between -90 and 90"))
            latitude = None
        if longitude is not None and not -180 <= longitude <= 180:
            self.problem([*path, "longitude"], _("longitude must be between -180 and 180"))
            longitude = None
        self.plan.put(
            "location",
            location_id,
            {
                "organisation_id": organisation_id,
                "location_type": obj["location_type"],
                "name": self.text(obj, "name", 250),
                "alternate_name": self.text(obj, "alternate_name", 250),
                "description": self.text(obj, "description"),
                "transportation": self.text(obj, "transportation"),
                "url": self.text(obj, "url", 500),
                "latitude": Decimal(str(latitude)).quantize(Decimal("0.000001"))
                if latitude is not None
                else None,
                "longitude": Decimal(str(longitude)).quantize(Decimal("0.000001"))
                if longitude is not None
                else None,
                "municipality_id": municipality.pk if municipality else None,
            },
            _pointer(parts),
            self.record(parts),
        )
        self.owned("location", location_id, "address", obj, "addresses")
        for address, path in self.collection(obj, "addresses", parts):
            address_id = uuid.UUID(address["id"])
            self.plan.put(
                "address",
                address_id,
                {
                    "location_id": location_id,
                    "attention": self.text(address, "attention", 250),
                    "address_1": self.text(address, "address_1", 250),
                    "address_2": self.text(address, "address_2", 250),
                    "city": self.text(address, "city", 120),
                    "region": self.text(address, "region", 120),
                    "state_province": self.text(address, "state_province", 120),
                    "postal_code": self.text(address, "postal_code", 20),
                    "country": self.text(address, "country", 2).upper(),
                    "address_type": address["address_type"],
                },
                _pointer(path),
                self.record(path),
            )
            if len(self.text(address, "country")) != 2:
                self.problem(
                    [*path, "country"], _("the country is a two-letter ISO 3166 code, e.g. LV")
                )
            self.claim("location", location_id, "address", address_id)
        self.linked_children(obj, parts, "location", location_id)
        return location_id

    def linked_children(
        self, obj: dict[str, Any], parts: list[Any], table: str, row_id: uuid.UUID
    ) -> None:
        links = {f"{table}_id": row_id}
        for key, child in (
            ("phones", "phone"),
            ("schedules", "schedule"),
            ("languages", "language"),
        ):
            self.owned(table, row_id, child, obj, key)
            for item, path in self.collection(obj, key, parts):
                child_id = getattr(self, child)(item, path, **links)
                self.claim(table, row_id, child, child_id)

    def service(
        self, obj: dict[str, Any], parts: list[Any], organisation_id: uuid.UUID | None
    ) -> uuid.UUID:
        service_id = uuid.UUID(obj["id"])
        if isinstance(obj.get("organization"), dict):
            organisation_id = self.organisation(obj["organization"], [*parts, "organization"])
        elif organisation_id is None and obj.get("organization_id"):
            organisation_id = uuid.UUID(obj["organization_id"])
        if organisation_id is None:
            self.problem(
                parts,
                _("the service has no organisation: nest “organization” or give “organization_id”"),
            )
        minimum, maximum = (
            self.integer(obj, "minimum_age", parts),
            self.integer(obj, "maximum_age", parts),
        )
        if minimum is not None and maximum is not None and maximum < minimum:
            self.problem([*parts, "maximum_age"], _("the maximum age is below the minimum age"))
        self.plan.put(
            "service",
            service_id,
            {
                "organisation_id": organisation_id,
                "name": self.text(obj, "name", 250),
                "alternate_name": self.text(obj, "alternate_name", 250),
                "description": self.text(obj, "description"),
                "url": self.text(obj, "url", 500),
                "email": self.text(obj, "email", 254),
                "status": obj["status"],
                "interpretation_services": self.text(obj, "interpretation_services"),
                "application_process": self.text(obj, "application_process"),
                "fees_description": self.text(obj, "fees_description"),
                "wait_time": self.text(obj, "wait_time", 250),
                "eligibility_description": self.text(obj, "eligibility_description"),
                "minimum_age": minimum,
                "maximum_age": maximum,
                "alert": self.text(obj, "alert"),
                "last_modified": self.moment_of(obj, "last_modified", parts),
            },
            _pointer(parts),
            self.record(parts),
        )
        self.linked_children(obj, parts, "service", service_id)
        self.owned("service", service_id, "area", obj, "service_areas")
        for area, path in self.collection(obj, "service_areas", parts):
            self.service_area(area, path, service_id)
        self.owned("service", service_id, "cost", obj, "cost_options")
        for cost, path in self.collection(obj, "cost_options", parts):
            self.cost_option(cost, path, service_id)
        self.owned("service", service_id, "need", obj, "attributes")
        for attribute, path in self.collection(obj, "attributes", parts):
            self.attribute(attribute, path, service_id)
        self.owned("service", service_id, "sal", obj, "service_at_locations")
        for sal, path in self.collection(obj, "service_at_locations", parts):
            self.claim(
                "service",
                service_id,
                "sal",
                self.service_at_location(sal, path, service_id=service_id),
            )
        return service_id

    def service_at_location(
        self, obj: dict[str, Any], parts: list[Any], service_id: uuid.UUID | None
    ) -> uuid.UUID:
        sal_id = uuid.UUID(obj["id"])
        if isinstance(obj.get("service"), dict):
            service_id = self.service(obj["service"], [*parts, "service"], organisation_id=None)
        elif service_id is None and obj.get("service_id"):
            service_id = uuid.UUID(obj["service_id"])
        if service_id is None:
            self.problem(
                parts,
                _(
                    "the service at a location names no service: nest “service” or give "
                    "“service_id”"
                ),
            )
        location_id = None
        if isinstance(obj.get("location"), dict):
            location_id = self.location(obj["location"], [*parts, "location"], organisation_id=None)
        elif obj.get("location_id"):
            location_id = uuid.UUID(obj["location_id"])
        if location_id is None:
            self.problem(
                parts,
                _(
                    "the service at a location names no location: nest “location” or give "
                    "“location_id”"
                ),
            )
        self.plan.put(
            "sal",
            sal_id,
            {
                "service_id": service_id,
                "location_id": location_id,
                "description": self.text(obj, "description"),
            },
            _pointer(parts),
            self.record(parts),
        )
        self.linked_children(obj, parts, "service_at_location", sal_id)
        return sal_id

    def phone(self, obj: dict[str, Any], parts: list[Any], **links: uuid.UUID) -> uuid.UUID:
        phone_id = uuid.UUID(obj["id"])
        number = self.text(obj, "number", 40).strip('"')
        if not any(c.isdigit() for c in number):
            self.problem([*parts, "number"], _("the phone number has no digits"))
        self.plan.put(
            "phone",
            phone_id,
            {
                **self.link_fields("phone", links),
                "number": number,
                "extension": self.integer(obj, "extension", parts),
                "type": self.text(obj, "type", 20),
                "description": self.text(obj, "description"),
            },
            _pointer(parts),
            self.record(parts),
        )
        self.owned("phone", phone_id, "language", obj, "languages")
        for language, path in self.collection(obj, "languages", parts):
            self.claim(
                "phone", phone_id, "language", self.language(language, path, phone_id=phone_id)
            )
        return phone_id

    def link_fields(self, table: str, links: dict[str, uuid.UUID]) -> dict[str, uuid.UUID | None]:
        keys = ["service_id", "location_id", "service_at_location_id"]
        keys += {"phone": ["organisation_id"], "language": ["phone_id"]}.get(table, [])
        return {key: links.get(key) for key in keys}

    def language(self, obj: dict[str, Any], parts: list[Any], **links: uuid.UUID) -> uuid.UUID:
        language_id = uuid.UUID(obj["id"])
        code = self.text(obj, "code", 10).lower()
        if not code and not self.text(obj, "name"):
            self.problem(parts, _("a language needs a code (ISO 639-1, e.g. lv, ru, en) or a name"))
        self.plan.put(
            "language",
            language_id,
            {
                **self.link_fields("language", links),
                "code": code,
                "name": self.text(obj, "name", 60),
                "note": self.text(obj, "note", 250),
            },
            _pointer(parts),
            self.record(parts),
        )
        return language_id

    def schedule(self, obj: dict[str, Any], parts: list[Any], **links: uuid.UUID) -> uuid.UUID:
        schedule_id = uuid.UUID(obj["id"])
        opens, closes = self.time_of(obj, "opens_at", parts), self.time_of(obj, "closes_at", parts)
        if bool(obj.get("opens_at")) != bool(obj.get("closes_at")):
            missing = "closes_at" if obj.get("opens_at") else "opens_at"
            self.problem([*parts, missing], _("give both the opening and the closing time"))
        if opens is not None and closes is not None and closes <= opens:
            self.problem(
                [*parts, "closes_at"],
                _(
                    "closes at %(closes)s, not after it opens at %(opens)s: a night past "
                    "midnight is two schedules (e.g. 19:00–23:59 and 00:00–08:00)"
                )
                % {"closes": closes.strftime("%H:%M"), "opens": opens.strftime("%H:%M")},
            )
        for key, low, high in (("bymonthday", 1, 31), ("byweekno", 1, 53), ("byyearday", 1, 366)):
            try:
                parse_numbers(self.text(obj, key), low, high)
            except RuleError as error:
                self.problem(
                    [*parts, key],
                    _("%(value)s is not a day number between %(low)s and %(high)s")
                    % {"value": error, "low": low, "high": high},
                )
        try:
            byday = parse_byday(self.text(obj, "byday"))
        except RuleError as error:
            byday = []
            self.problem(
                [*parts, "byday"],
                _(
                    "%(value)s is not a day rule: MO, TU, WE, TH, FR, SA or SU, with a number "
                    "before it for monthly rules (1MO, -1FR)"
                )
                % {"value": error},
            )
        if obj.get("freq") == "WEEKLY" and any(ordinal for ordinal, _day in byday):
            self.problem(
                [*parts, "byday"], _("weekly hours take days without numbers (MO, not 1MO)")
            )
        valid_from, valid_to = (
            self.date_of(obj, "valid_from", parts),
            self.date_of(obj, "valid_to", parts),
        )
        if valid_from and valid_to and valid_to < valid_from:
            self.problem([*parts, "valid_to"], _("ends before it starts"))
        interval = self.integer(obj, "interval", parts)
        if interval == 0:
            self.problem([*parts, "interval"], _("the interval is 1 or more"))
        self.plan.put(
            "schedule",
            schedule_id,
            {
                **self.link_fields("schedule", links),
                "opens_at": opens,
                "closes_at": closes,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "dtstart": self.date_of(obj, "dtstart", parts),
                "until": self.date_of(obj, "until", parts),
                "count": self.integer(obj, "count", parts),
                "wkst": self.text(obj, "wkst", 2),
                "freq": self.text(obj, "freq", 10),
                "interval": interval or 1,
                "byday": self.text(obj, "byday", 60).upper(),
                "byweekno": self.text(obj, "byweekno", 200),
                "bymonthday": self.text(obj, "bymonthday", 200),
                "byyearday": self.text(obj, "byyearday", 400),
                "description": self.text(obj, "description"),
                "attending_type": self.text(obj, "attending_type", 250),
                "notes": self.text(obj, "notes"),
                "schedule_link": self.text(obj, "schedule_link", 500),
            },
            _pointer(parts),
            self.record(parts),
        )
        return schedule_id

    def service_area(self, obj: dict[str, Any], parts: list[Any], service_id: uuid.UUID) -> None:
        area_id = uuid.UUID(obj["id"])
        name = self.text(obj, "name")
        municipality = self.municipalities.get(fold(name))
        uri = self.text(obj, "uri")
        if municipality is None and uri.startswith("urn:lv:municipality:"):
            municipality = self.municipalities.get(fold(uri.rsplit(":", 1)[1]))
        if municipality is None:
            self.problem(
                [*parts, "name"],
                _(
                    "unknown service area %(name)s: name a Latvian municipality (e.g. Liepāja, "
                    "Kuldīgas novads)"
                )
                % {"name": repr(name[:60])},
            )
            return
        self.plan.put(
            "area",
            area_id,
            {
                "service_id": service_id,
                "municipality_id": municipality.pk,
                "description": self.text(obj, "description"),
            },
            _pointer(parts),
            self.record(parts),
        )
        self.claim("service", service_id, "area", area_id)

    def cost_option(self, obj: dict[str, Any], parts: list[Any], service_id: uuid.UUID) -> None:
        cost_id = uuid.UUID(obj["id"])
        amount = obj.get("amount")
        value = None
        if amount is not None:
            try:
                value = Decimal(str(amount)).quantize(Decimal("0.01"))
            except InvalidOperation:
                value = None
            if value is None or value < 0 or value >= Decimal("100000000"):
                self.problem([*parts, "amount"], _("a cost is an amount of 0 or more"))
                value = None
        valid_from, valid_to = (
            self.date_of(obj, "valid_from", parts),
            self.date_of(obj, "valid_to", parts),
        )
        if valid_from and valid_to and valid_to < valid_from:
            self.problem([*parts, "valid_to"], _("ends before it starts"))
        self.plan.put(
            "cost",
            cost_id,
            {
                "service_id": service_id,
                "option": self.text(obj, "option", 250),
                "currency": self.text(obj, "currency", 3).upper(),
                "amount": value,
                "amount_description": self.text(obj, "amount_description", 250),
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
            _pointer(parts),
            self.record(parts),
        )
        self.claim("service", service_id, "cost", cost_id)

    def attribute(self, obj: dict[str, Any], parts: list[Any], service_id: uuid.UUID) -> None:
        raw = obj.get("taxonomy_term")
        term: dict[str, Any] = raw if isinstance(raw, dict) else {}
        term_id = obj.get("taxonomy_term_id") or term.get("id")
        if not term_id and not term.get("code"):
            return  # a plain attribute: not a need
        need = self.needs_by_id.get(uuid.UUID(term_id)) if term_id else None
        if need is None and term.get("code"):
            need = self.needs_by_code.get(str(term["code"]))
        if need is None:
            label = term.get("name") or term.get("code") or term_id
            field_name = "taxonomy_term_id" if obj.get("taxonomy_term_id") else "taxonomy_term"
            self.problem(
                [*parts, field_name],
                _(
                    "unknown taxonomy term %(term)s: file services under Tilts' needs "
                    "(listed at /api/hsds/taxonomy_terms)"
                )
                % {"term": repr(str(label)[:60])},
            )
            return
        link_id = uuid.UUID(obj["id"])
        self.plan.put(
            "need",
            link_id,
            {"service_id": service_id, "need_id": need.pk},
            _pointer(parts),
            self.record(parts),
        )
        self.claim("service", service_id, "need", link_id)

    # --- references ---------------------------------------------------------------------
    def check_references(self) -> None:
        from .models import DirectoryOrganisation, Location, Service

        wanted: dict[str, tuple[Any, str, set[uuid.UUID]]] = {
            "organisation": (DirectoryOrganisation, "organization_id", set()),
            "location": (Location, "location_id", set()),
            "service": (Service, "service_id", set()),
        }
        uses = [
            ("service", "organisation_id", "organisation"),
            ("location", "organisation_id", "organisation"),
            ("sal", "service_id", "service"),
            ("sal", "location_id", "location"),
        ]
        for table, key, target in uses:
            for row in self.plan.rows[table].values():
                ref = row.fields.get(key)
                if ref is not None and ref not in self.plan.rows[target]:
                    wanted[target][2].add(ref)
        missing: set[uuid.UUID] = set()
        for model, _field, ids in wanted.values():
            if ids:
                stored = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
                missing |= ids - stored
        for table, key, target in uses:
            for row in self.plan.rows[table].values():
                ref = row.fields.get(key)
                if ref in missing:
                    self.plan.problems.append(
                        Problem(
                            row.path,
                            row.record,
                            _("%(field)s %(id)s is neither in this document nor in the directory")
                            % {"field": wanted[target][1], "id": ref},
                        )
                    )


def read(data: Any, shape: str | None = None) -> Plan:
    if shape is not None and shape not in RECORD_SHAPES:
        raise ValueError(shape)
    return Reader().read(data, shape)
