"""`wpsmonitor report INSTRUMENT`: write the shadow report of an instrument to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wpsmonitor.reports.render import RenderError, render
from wpsmonitor.reports.shadow import (
    FORMATS,
    LANGUAGES,
    ReportError,
    build_shadow_report,
    find_instrument,
    find_period,
    parse_recommendations,
)


class Command(BaseCommand):
    help = (
        "Generate the shadow report of an adopted instrument (by id or slug) for a period "
        "(the latest with published reports by default) as DOCX, PDF or HTML."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instrument", help="Id or slug of the adopted instrument.")
        parser.add_argument("--period", help="Period label or id (default: latest published).")
        parser.add_argument("--format", dest="fmt", required=True, help="docx, pdf or html.")
        parser.add_argument("-o", "--output", required=True, help="File to write.")
        parser.add_argument(
            "--language", default="en", help="Language of the report: en, sq or sr-latn."
        )
        parser.add_argument(
            "--recommendations",
            help="Text file with one recommendation per line, replacing the generated ones.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, language = options["fmt"].lower(), options["language"].lower()
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
        if language not in LANGUAGES:
            raise CommandError(
                f"Unknown language {language!r}: choose one of {', '.join(LANGUAGES)}."
            )
        recommendations = None
        if options["recommendations"]:
            path = Path(options["recommendations"])
            if not path.is_file():
                raise CommandError(f"No recommendations file {path}.")
            recommendations = parse_recommendations(path.read_text(encoding="utf-8"))
        try:
            instrument = find_instrument(options["instrument"])
            period = find_period(instrument, options["period"])
            report = build_shadow_report(
                instrument,
                period,
                language=language,
                today=timezone.localdate(),
                recommendations=recommendations,
            )
            content = render(report, fmt)
        except (ReportError, RenderError) as error:
            raise CommandError(error.message) from None
        output = Path(options["output"])
        output.write_bytes(content)
        self.stdout.write(
            f"Wrote the {fmt.upper()} shadow report of “{instrument}”, {period.label}, "
            f"to {output} ({len(content):,} bytes)."
        )
