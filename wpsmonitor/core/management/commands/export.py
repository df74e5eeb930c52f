"""`wpsmonitor export`: the published ledger as open data (CSV in a zip, XLSX or JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wpsmonitor.reports import opendata


class Command(BaseCommand):
    help = (
        "Export the published ledger (instruments, commitments, assessments, ratings, indicator "
        "values, budget lines, scorecards) with its data dictionary. Only public data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", dest="fmt", default="json", help="csv, xlsx or json.")
        parser.add_argument(
            "-o",
            "--output",
            help="File to write (default: wps-ledger-DATE.<format>; "
            "'-' writes JSON to standard output).",
        )
        parser.add_argument(
            "--data-dictionary",
            action="store_true",
            help="Print the data dictionary as Markdown (as in docs/open-data.md) and stop.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["data_dictionary"]:
            self.stdout.write(opendata.dictionary_markdown())
            return
        fmt = options["fmt"].lower()
        if fmt not in opendata.FORMATS:
            raise CommandError(
                f"Unknown format {fmt!r}: choose one of {', '.join(opendata.FORMATS)}."
            )
        now = timezone.now()
        content = opendata.export(fmt, now=now)
        target = options["output"] or (
            f"wps-ledger-{timezone.localdate().isoformat()}.{opendata.FILE_SUFFIX[fmt]}"
        )
        if target == "-":
            if fmt != "json":
                raise CommandError(f"{fmt.upper()} is binary: give a file with -o.")
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        path = Path(target)
        if path.parent and not path.parent.exists():
            raise CommandError(f"The folder {path.parent} does not exist.")
        path.write_bytes(content)
        self.stdout.write(f"Wrote the published ledger as {fmt.upper()} to {path}.")
