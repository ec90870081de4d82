"""Everything Tilts holds about a person, for a data-subject access request (GDPR Art. 15)."""

from __future__ import annotations

from typing import Any

from django.forms.models import model_to_dict

from audit.models import AccessLog
from cases.models import Case
from consent.models import Consent, LegalBasis
from people.models import Client

PERSON_FIELDS = (
    "first_name", "last_name", "personal_code", "birth_date", "gender", "languages",
    "preferred_language", "phone", "email", "address", "living_situation", "family_situation",
    "education_level", "professions", "work_history", "release_date", "place_of_imprisonment",
    "imprisonment_months", "supervision_status",
)  # fmt: skip


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _rows(queryset: Any, fields: list[str]) -> list[dict[str, Any]]:
    return [
        {field: _plain(value) for field, value in model_to_dict(row, fields=fields).items()}
        for row in queryset
    ]


HEALTH_FIELDS = [
    "general_health", "tuberculosis", "hepatitis_c", "other_chronic_illness",
    "alcohol_dependency", "medication_dependency", "drug_dependency", "dependency_notes",
]  # fmt: skip


def _case(case: Case) -> dict[str, Any]:
    return {
        "number": case.number,
        "organisation": case.organisation.name,
        "status": case.status,
        "opened_on": _plain(case.opened_on),
        "closed_on": _plain(case.closed_on),
        "lead_worker": str(case.lead_worker),
        "notes": _rows(
            case.notes.all(), ["occurred_on", "contact_type", "methods", "participants", "text"]
        ),
        "meetings": _rows(
            case.appointments.all(), ["starts_at", "place", "with_whom", "status", "outcome"]
        ),
    }


def _consent(consent: Consent) -> dict[str, Any]:
    return {
        "organisation": consent.organisation.name,
        "purpose": consent.purpose,
        "categories": consent.categories,
        "given_on": _plain(consent.given_on),
        "expires_on": _plain(consent.expires_on),
        "withdrawn_at": _plain(consent.withdrawn_at),
    }


def _legal_basis(basis: LegalBasis) -> dict[str, Any]:
    """An organisation receiving data of a case on a legal basis instead of consent (issue 19)."""
    return {
        "organisation": basis.organisation.name,
        "categories": basis.categories,
        "citation": basis.citation,
        "recorded_at": _plain(basis.recorded_at),
        "withdrawn_at": _plain(basis.withdrawn_at),
    }


def person_export(client: Client) -> dict[str, Any]:
    """A JSON-ready copy of the person's data, their cases, and who read them."""
    cases = list(Case.objects.filter(client=client).select_related("organisation", "lead_worker"))
    health = getattr(client, "health", None)
    person = {field: _plain(getattr(client, field)) for field in PERSON_FIELDS}
    person["municipality"] = str(client.municipality)
    reads = AccessLog.objects.filter(case_id__in=[c.pk for c in cases]).select_related("user")
    return {
        "person": person,
        "own_words": _rows(client.statements.all(), ["kind", "text", "recorded_on"]),
        "documents": _rows(client.documents.all(), ["kind", "status", "note"]),
        "income": [
            {"kind": i.kind, "amount_eur": str(i.amount_eur) if i.amount_eur else None}
            | {"period": i.period}
            for i in client.incomes.all()
        ],
        "health": _rows([health], HEALTH_FIELDS)[0] if health else None,
        "consents": [
            _consent(c)
            for c in Consent.objects.filter(client=client).select_related("organisation")
        ],
        "legal_bases": [
            _legal_basis(b)
            for b in LegalBasis.objects.filter(case__in=cases).select_related("organisation")
        ],
        "cases": [_case(case) for case in cases],
        "access_log": [
            {"at": _plain(r.at), "who": str(r.user), "what": r.object_type, "action": r.action}
            for r in reads
        ],
    }
