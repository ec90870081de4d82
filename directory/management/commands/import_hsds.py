"""`manage.py import_hsds FILE`: import HSDS 3.0 JSON, all or nothing (directory/importing.py)."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directory.importing import RECORD_SHAPES
from directory.services import HsdsImportError, directory_import


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 records (service_full, organization_full, service_at_location_full, "
        "an array of them or a list page). Every record is validated; if any is invalid, each "
        "problem is listed with its path and nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON file, or - for standard input")
        parser.add_argument(
            "--shape", choices=RECORD_SHAPES, help="record shape (default: recognised per record)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["file"]
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {source}: {error.strerror}") from error
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{source} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
            ) from error
        try:
            report = directory_import(actor=None, data=data, shape=options["shape"])
        except HsdsImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing imported: {len(error.problems)} problem(s) in {source}."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {source}: {report}."))
