"""`manage.py export_hsds`: the directory as HSDS 3.0 JSON."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from directory import selectors

SHAPES = ("organization_full", "service_full", "service_at_location_full")


class Command(BaseCommand):
    help = (
        "Write the directory as a JSON array of HSDS 3.0 records: organization_full (default; "
        "each organisation with its locations and services), service_full or "
        "service_at_location_full. import_hsds reads the output back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--shape", choices=SHAPES, default="organization_full")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        documents = selectors.export_documents(options["shape"])
        text = json.dumps(documents, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {len(documents)} records to {options['output']}.")
        else:
            self.stdout.write(text, ending="")
