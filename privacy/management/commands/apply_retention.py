"""Anonymise people whose cases all closed more than TILTS_RETENTION_YEARS ago.

Run daily from the scheduler (cron or django.tasks); `--dry-run` reports without changing.
The report gives counts and client numbers only, never names.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from privacy.models import Anonymisation
from privacy.services import client_anonymise, retention_due


class Command(BaseCommand):
    help = "Anonymise people whose retention period has ended (--dry-run to only report)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        due = list(retention_due())
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{len(due)} people {verb} (retention period ended).")
        for client in due:
            self.stdout.write(f"  client #{client.pk}, last case closed {client.last_closed}")  # type: ignore[attr-defined]
            if not dry_run:
                client_anonymise(actor=None, client=client, ground=Anonymisation.Ground.RETENTION)
