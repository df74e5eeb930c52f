"""`wpsmonitor restore`: replace the database and uploaded files with a checked backup."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from wpsmonitor.core.backup import BackupError, check_schema, read_backup, restore_backup


class Command(BaseCommand):
    help = _(
        "Replace the database and the uploaded files with those of a backup archive. The "
        "archive is checked in full first; a damaged or foreign archive changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=_("A .tar.gz made by `wpsmonitor backup`."))
        parser.add_argument(
            "--yes",
            action="store_true",
            help=_("Do not ask for confirmation before replacing the data."),
        )

    def handle(self, *args: Any, file: Path, yes: bool, **options: Any) -> None:
        try:
            manifest = read_backup(file)
            check_schema(manifest)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        counts = ", ".join(f"{n} {label}" for label, n in manifest.counts.items())
        self.stdout.write(
            _(
                "Backup of %(created)s, WPS Monitor %(version)s on %(engine)s: %(counts)s, "
                "%(files)d uploaded files."
            )
            % {
                "created": manifest.created_at,
                "version": manifest.app_version,
                "engine": manifest.database_engine,
                "counts": counts,
                "files": manifest.media_files(),
            }
        )
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError(_("This replaces every record; run it again with --yes."))
            answer = input(
                _("This REPLACES all current data and uploaded files. Type 'yes' to continue: ")
            )
            if answer.strip().lower() != "yes":
                raise CommandError(_("Cancelled; nothing was changed."))
        try:
            restore_backup(file)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(_("Restored from %(path)s.") % {"path": file}))
