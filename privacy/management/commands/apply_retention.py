"""Retention by data category: delete health sections TILTS_HEALTH_RETENTION_YEARS after a
person's last case closed, anonymise the person after TILTS_RETENTION_YEARS.

Run daily from the scheduler (cron or django.tasks); `--dry-run` reports without changing.
The report gives counts and client numbers only, never names.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from privacy.models import Anonymisation
from privacy.services import (
    client_anonymise,
    health_records_delete,
    health_retention_due,
    retention_due,
)


class Command(BaseCommand):
    help = "Anonymise people whose retention period has ended (--dry-run to only report)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        health = list(health_retention_due())
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{len(health)} health sections {verb} (health retention ended).")
        if not dry_run:
            health_records_delete(health)
        due = list(retention_due())
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{len(due)} people {verb} (retention period ended).")
        for client in due:
            self.stdout.write(f"  client #{client.pk}, last case closed {client.last_closed}")  # type: ignore[attr-defined]
            if not dry_run:
                client_anonymise(actor=None, client=client, ground=Anonymisation.Ground.RETENTION)
