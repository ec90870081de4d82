"""Domain events: every business write announces what happened, after its transaction commits.

Later apps subscribe (the case timeline, notifications, the audit trail) without the writer
knowing them. Payloads carry ids, never personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.dispatch import Signal

domain_event = Signal()


@dataclass(frozen=True)
class DomainEvent:
    name: str
    actor_id: int | None
    payload: dict[str, Any] = field(default_factory=dict)


def publish(name: str, *, actor_id: int | None, **payload: Any) -> DomainEvent:
    event = DomainEvent(name=name, actor_id=actor_id, payload=payload)
    transaction.on_commit(lambda: domain_event.send(sender=DomainEvent, event=event))
    return event
