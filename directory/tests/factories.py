"""Small HSDS documents for tests: one organisation with one service, shaped as the importer
expects, with deterministic ids from a key."""

from __future__ import annotations

import uuid
from typing import Any

from directory.needs import need_id

NS = uuid.UUID("9d3b8f0e-5c1a-4e6f-8a7b-2c4d6e8f0a12")


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NS, ":".join(parts)))


def service_doc(
    key: str,
    *,
    name: str = "Zupas virtuve",
    need: str = "warm-meals",
    areas: tuple[str, ...] = ("Liepāja",),
    hours: list[tuple[str, str, str]] | None = None,
    amount: float | None = 0,
    languages: tuple[str, ...] = ("lv",),
    organisation: str = "Biedrība „Siltā virtuve”",
) -> dict[str, Any]:
    """A service_full document with its organisation nested and one location."""
    hours = [("MO,TU,WE,TH,FR", "09:00", "17:00")] if hours is None else hours
    org_id = uid(key, "org")
    location_id = uid(key, "location")
    return {
        "id": uid(key, "service"),
        "name": name,
        "status": "active",
        "description": "Silta zupa darba dienās.",
        "organization": {
            "id": org_id,
            "name": organisation,
            "description": "Brīvprātīgo biedrība.",
        },
        "phones": [{"id": uid(key, "phone"), "number": "+371 63400000", "type": "voice"}],
        "languages": [
            {"id": uid(key, "language", code), "code": code, "name": code} for code in languages
        ],
        "service_areas": [{"id": uid(key, "area", a), "name": a} for a in areas],
        "cost_options": []
        if amount is None
        else [{"id": uid(key, "cost"), "currency": "EUR", "amount": amount}],
        "attributes": [{"id": uid(key, "attribute"), "taxonomy_term_id": str(need_id(need))}],
        "service_at_locations": [
            {
                "id": uid(key, "sal"),
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "organization_id": org_id,
                    "name": "Centrs",
                    "transportation": "3. autobuss līdz pieturai „Centrs”.",
                    "addresses": [
                        {
                            "id": uid(key, "address"),
                            "address_1": "Graudu iela 12",
                            "city": "Liepāja",
                            "state_province": "Liepāja",
                            "postal_code": "LV-3401",
                            "country": "LV",
                            "address_type": "physical",
                        }
                    ],
                },
                "schedules": [
                    {
                        "id": uid(key, "schedule", str(i)),
                        "freq": "WEEKLY",
                        "byday": byday,
                        "opens_at": opens,
                        "closes_at": closes,
                    }
                    for i, (byday, opens, closes) in enumerate(hours)
                ],
            }
        ],
    }
