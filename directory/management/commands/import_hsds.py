"""`manage.py import_hsds FILE`: import HSDS 3.0 JSON, all or nothing (directory/importing.py).

A file that is not UTF-8, not JSON or nested too deep is refused in words like any invalid
record, with exit code 1 and nothing imported (issue 28, finding 9)."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from directory.importing import RECORD_SHAPES
from directory.services import HsdsImportError, directory_document, directory_import


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
            raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": source, "reason": error.strerror}
            ) from error
        try:
            report = directory_import(
                actor=None, data=directory_document(raw), shape=options["shape"]
            )
        except HsdsImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing imported: %(count)s problem(s) in %(file)s.")
                % {"count": len(error.problems), "file": source}
                + (f" {error.problems[0]}" if len(error.problems) == 1 else "")
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {source}: {report}."))
