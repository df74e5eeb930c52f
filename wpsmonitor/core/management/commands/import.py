"""`wpsmonitor import FILE --kind plan`: preview a resolution or action plan, then import it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Import a resolution or action plan (.docx, .pdf, .xlsx, .csv, .txt, .md) into the "
        "ledger: prints what will be created, then creates it as a draft in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the document to import")
        parser.add_argument(
            "--kind",
            required=True,
            help="resolution, plan (a national action plan), regional_plan, local_plan, "
            "strategy, peace_agreement, meeting_outcome, advocacy_letter or pledge",
        )
        parser.add_argument("--country", default="", help="ISO code, e.g. XK")
        parser.add_argument("--title", default="", help="the title (default: from the file)")
        parser.add_argument(
            "--issuer",
            default="",
            help="the organisation that adopts it (a resolution: the Security Council)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show the preview and write nothing"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--map",
            default="",
            metavar="COLUMN=ROLE,...",
            help='columns chosen by hand, counted from 1: "3=indicator,5=responsible"; '
            "role ignore leaves a column out",
        )
        parser.add_argument(
            "--create-organisations",
            action="store_true",
            help="create the organisations the preview proposes (otherwise the import stops "
            "and names them)",
        )
        parser.add_argument("--revises", default="", metavar="SLUG", help="the plan it revises")
        parser.add_argument(
            "--as-revision",
            action="store_true",
            help="import a file imported before again, as a new version",
        )
        parser.add_argument("--adopt", action="store_true", help="adopt it (it is then frozen)")
        parser.add_argument("--user", default="", help="the username recorded in the history")

    def handle(self, *args: Any, **options: Any) -> None:
        from wpsmonitor.intake import services
        from wpsmonitor.intake.errors import IntakeError
        from wpsmonitor.intake.preview import render_text

        self.as_json = options["format"] == "json"
        self.file = options["file"]
        path = Path(self.file)
        if not path.is_file():
            self.fail(f"{self.file}: no such file")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                self.fail(f"there is no user “{options['user']}”")
        try:
            import_options = services.ImportOptions(
                kind=options["kind"],
                title=options["title"],
                country=options["country"],
                issuer=options["issuer"],
                mapping=services.parse_mapping(options["map"]),
                revises=options["revises"],
            )
            preview = services.import_preview(path=path, options=import_options)
        except IntakeError as error:
            self.fail(f"{self.file}: {error.message}", where=error.where)
        except services.ImportRefused as error:
            self.fail(f"{self.file}: {error.message}")
        if not self.as_json:
            self.stdout.write(render_text(preview))
        if preview.needs_mapping:
            headers = "; ".join(
                f"table {t.number}: " + ", ".join(f"{i + 1}={h}" for i, h in enumerate(t.header))
                for t in preview.tables
            )
            self.fail(
                f"{self.file}: no table reads as a results matrix; choose the columns with "
                f'--map, e.g. --map "2=action,3=indicator" ({headers})',
                preview=preview,
            )
        if options["dry_run"]:
            self.done(preview, None)
            return
        stored = services.store_source(path, path.name)
        try:
            result = services.import_commit(
                preview=preview,
                by=user,
                create_organisations=options["create_organisations"],
                adopt=options["adopt"],
                as_revision=options["as_revision"],
                today=timezone.localdate(),
                source_file=stored,
            )
        except services.ImportRefused as error:
            default_storage.delete(stored)
            self.fail(f"{self.file}: {error.message}", preview=preview)
        except BaseException:
            default_storage.delete(stored)
            raise
        self.done(preview, result)

    def done(self, preview: Any, result: Any) -> None:
        if self.as_json:
            data = {
                "file": self.file,
                "dry_run": result is None,
                "preview": preview.to_dict(),
                "warnings": [_warning(w) for w in preview.all_warnings()],
                "created": result.to_dict() if result is not None else None,
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if result is None:
            self.stdout.write("\nDry run: nothing was written.")
            return
        instrument = result.instrument
        self.stdout.write(
            f"\nCreated {instrument.get_status_display().lower()} “{instrument}” "
            f"({instrument.slug}, version {instrument.version}): {result.commitments} "
            f"commitments, {result.indicators} indicators, "
            f"{len(result.organisations_created)} new organisations, "
            f"{len(result.pillars_created)} new pillars."
        )

    def fail(self, message: str, *, where: str | None = None, preview: Any = None) -> NoReturn:
        if self.as_json:
            data: dict[str, Any] = {"file": self.file, "error": message, "where": where}
            if preview is not None:
                data["preview"] = preview.to_dict()
                data["warnings"] = [_warning(w) for w in preview.all_warnings()]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        raise CommandError(f"{message} ({where})" if where else message)


def _warning(warning: Any) -> dict[str, Any]:
    return {
        "table": warning.table or None,
        "row": warning.row,
        "column": warning.column,
        "message": warning.message,
        "text": str(warning),
    }
