"""HSDS 3.0 documents from directory rows: service_full, organization_full,
service_at_location_full, the list shapes and the HSDA page envelope.

Pure functions over rows loaded with selectors.*_for_export() (everything prefetched): no
queries here. Empty values are left out (HSDS fields are not nullable).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from . import needs as needs_data
from .models import (
    Address,
    CostOption,
    DirectoryOrganisation,
    Language,
    Location,
    Need,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
)

Doc = dict[str, Any]


def _clean(values: Doc) -> Doc:
    """Leave out None and empty strings and lists; format dates, times and amounts."""
    result: Doc = {}
    for key, value in values.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, (datetime, date)):
            value = value.isoformat()
        elif isinstance(value, time):
            value = value.strftime("%H:%M")
        elif isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        elif hasattr(value, "hex") and not isinstance(value, (str, bytes)):
            value = str(value)  # UUID
        result[key] = value
    return result


def language(row: Language) -> Doc:
    return _clean({"id": row.id, "name": row.name, "code": row.code, "note": row.note})


def phone(row: Phone) -> Doc:
    return _clean(
        {
            "id": row.id,
            "number": row.number,
            "extension": row.extension,
            "type": row.type,
            "description": row.description,
            "languages": [language(item) for item in row.languages.all()],
        }
    )


def schedule(row: Schedule) -> Doc:
    return _clean(
        {
            "id": row.id,
            "valid_from": row.valid_from,
            "valid_to": row.valid_to,
            "dtstart": row.dtstart,
            "until": row.until,
            "count": row.count,
            "wkst": row.wkst or None,
            "freq": row.freq,
            "interval": row.interval if row.freq else None,
            "byday": row.byday,
            "byweekno": row.byweekno,
            "bymonthday": row.bymonthday,
            "byyearday": row.byyearday,
            "description": row.description,
            "opens_at": row.opens_at,
            "closes_at": row.closes_at,
            "schedule_link": row.schedule_link,
            "attending_type": row.attending_type,
            "notes": row.notes,
        }
    )


def address(row: Address) -> Doc:
    return _clean(
        {
            "id": row.id,
            "attention": row.attention,
            "address_1": row.address_1,
            "address_2": row.address_2,
            "city": row.city,
            "region": row.region,
            "state_province": row.state_province,
            "postal_code": row.postal_code,
            "country": row.country,
            "address_type": row.address_type,
        }
    )


def location(row: Location) -> Doc:
    return _clean(
        {
            "id": row.id,
            "location_type": row.location_type,
            "url": row.url,
            "organization_id": row.organisation_id,
            "name": row.name,
            "alternate_name": row.alternate_name,
            "description": row.description,
            "transportation": row.transportation,
            "latitude": row.latitude,
            "longitude": row.longitude,
            "languages": [language(item) for item in row.languages.all()],
            "addresses": [address(item) for item in row.addresses.all()],
            "phones": [phone(item) for item in row.phones.all()],
            "schedules": [schedule(item) for item in row.schedules.all()],
        }
    )


def taxonomy(row: Taxonomy) -> Doc:
    return _clean(
        {
            "id": row.id,
            "name": row.name,
            "description": row.description,
            "uri": row.uri,
            "version": row.version,
        }
    )


def taxonomy_term(row: Need, detail: Taxonomy | None = None) -> Doc:
    return _clean(
        {
            "id": row.id,
            "code": row.code,
            "name": row.name,
            "description": row.description,
            "parent_id": row.parent_id,
            "taxonomy": needs_data.TAXONOMY["name"],
            "taxonomy_detail": taxonomy(detail) if detail is not None else None,
            "language": "lv",
            "taxonomy_id": row.taxonomy_id,
        }
    )


def attribute(service: Service, link_id: Any, need: Need) -> Doc:
    return _clean(
        {
            "id": link_id,
            "link_id": service.id,
            "link_type": "need",
            "link_entity": "service",
            "taxonomy_term_id": need.id,
            "value": need.code,
            "taxonomy_term": taxonomy_term(need),
        }
    )


def service_area(row: ServiceArea) -> Doc:
    return _clean(
        {
            "id": row.id,
            "name": row.municipality.name,
            "description": row.description,
            "extent_type": "municipality",
            "uri": f"urn:lv:municipality:{row.municipality.code}",
        }
    )


def cost_option(row: CostOption) -> Doc:
    return _clean(
        {
            "id": row.id,
            "valid_from": row.valid_from,
            "valid_to": row.valid_to,
            "option": row.option,
            "currency": row.currency,
            "amount": row.amount,
            "amount_description": row.amount_description,
        }
    )


def organization_brief(row: DirectoryOrganisation) -> Doc:
    return _clean(
        {
            "id": row.id,
            "name": row.name,
            "alternate_name": row.alternate_name,
            "description": row.description,
            "email": row.email,
            "website": row.website,
            "legal_status": row.legal_status,
        }
    )


def service_brief(row: Service, *, with_organization: bool = True) -> Doc:
    return _clean(
        {
            "id": row.id,
            "organization_id": row.organisation_id,
            "name": row.name,
            "alternate_name": row.alternate_name,
            "description": row.description,
            "url": row.url,
            "email": row.email,
            "status": row.status,
            "interpretation_services": row.interpretation_services,
            "application_process": row.application_process,
            "fees_description": row.fees_description,
            "wait_time": row.wait_time,
            "eligibility_description": row.eligibility_description,
            "minimum_age": row.minimum_age,
            "maximum_age": row.maximum_age,
            "alert": row.alert,
            "last_modified": row.last_modified,
            "organization": organization_brief(row.organisation) if with_organization else None,
        }
    )


def _service_at_location(row: ServiceAtLocation, *, with_location: bool = True) -> Doc:
    return _clean(
        {
            "id": row.id,
            "service_id": row.service_id,
            "location_id": row.location_id,
            "description": row.description,
            "phones": [phone(item) for item in row.phones.all()],
            "schedules": [schedule(item) for item in row.schedules.all()],
            "location": location(row.location) if with_location else None,
        }
    )


def service_full(
    row: Service, *, with_organization: bool = True, with_locations: bool = True
) -> Doc:
    document = service_brief(row, with_organization=with_organization)
    document.update(
        _clean(
            {
                "phones": [phone(item) for item in row.phones.all()],
                "schedules": [schedule(item) for item in row.schedules.all()],
                "service_areas": [service_area(item) for item in row.service_areas.all()],
                "service_at_locations": [
                    _service_at_location(item) for item in row.service_at_locations.all()
                ]
                if with_locations
                else None,
                "languages": [language(item) for item in row.languages.all()],
                "cost_options": [cost_option(item) for item in row.cost_options.all()],
                "attributes": [attribute(row, link.id, link.need) for link in row.need_links.all()],
            }
        )
    )
    return document


def organization_full(
    row: DirectoryOrganisation, services: Sequence[Service], *, full_services: bool = True
) -> Doc:
    """full_services=False: each service with its one-to-one fields only (HSDA full_service)."""
    document = organization_brief(row)
    document.update(
        _clean(
            {
                "phones": [phone(item) for item in row.phones.all()],
                "locations": [location(item) for item in row.locations.all()],
                "services": [
                    service_full(item, with_organization=False)
                    if full_services
                    else service_brief(item, with_organization=False)
                    for item in services
                ],
            }
        )
    )
    return document


def service_at_location_brief(row: ServiceAtLocation) -> Doc:
    """An item of an HSDA service_at_location list: its one-to-one fields."""
    return _clean(
        {
            "id": row.id,
            "service_id": row.service_id,
            "location_id": row.location_id,
            "description": row.description,
        }
    )


def service_at_location_full(row: ServiceAtLocation) -> Doc:
    document = _service_at_location(row)
    document["service"] = service_full(row.service, with_locations=False)
    return document


def page(items: list[Doc], *, total: int, number: int, size: int) -> Doc:
    """The HSDA page envelope. `size` is the page size asked for."""
    pages = max(math.ceil(total / size), 1) if size else 1
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not items,  # a page past the end is empty too (issue 25)
        "contents": items,
    }
