"""`manage.py import_occupations FILE.csv`: load the full occupation classification.

Valid rows are created or updated by code in one transaction (running it twice changes nothing
the second time); every bad row is reported with its line number and the command then exits
with an error, so a scheduler notices. `--dry-run` only validates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from employment import classifier
from employment.models import Occupation, OccupationGroup


class Command(BaseCommand):
    help = "Import the occupation classification (codes NNNN NN) from a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument(
            "--retire-missing",
            action="store_true",
            help="mark occupations that are not in the file as no longer current",
        )

    def handle(self, *args: Any, file: Path, dry_run: bool, retire_missing: bool, **o: Any) -> None:
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {file}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text: save it as UTF-8 CSV.") from error
        parsed = classifier.parse(text)
        for line, message in parsed.errors:
            self.stderr.write(f"line {line}: {message}")
        valid = len(parsed.groups) + len(parsed.occupations)
        self.stdout.write(
            f"{valid} valid rows ({len(parsed.groups)} unit groups, "
            f"{len(parsed.occupations)} occupations), {parsed.skipped} higher-level groups "
            f"skipped, {len(parsed.errors)} bad rows."
        )
        if not dry_run and valid:
            with transaction.atomic():
                counts = classifier.store(parsed, OccupationGroup, Occupation)
                retired = 0
                if retire_missing:
                    codes = [row.code for row in parsed.occupations]
                    for occupation in Occupation.objects.filter(is_active=True).exclude(
                        code__in=codes
                    ):
                        occupation.is_active = False
                        occupation.save(update_fields=["is_active"])
                        retired += 1
            for name, c in counts.items():
                self.stdout.write(
                    f"{name}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged"
                )
            if retire_missing:
                self.stdout.write(f"occupations no longer current: {retired}")
        if parsed.errors:
            raise CommandError(f"{len(parsed.errors)} bad rows were not imported (see above).")
