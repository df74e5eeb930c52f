"""`wpsmonitor backup`: the database and the uploaded files in one checked archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from wpsmonitor.core.backup import BackupError, create_backup, default_output


class Command(BaseCommand):
    help = _("Write a backup of the database and the uploaded files to a .tar.gz archive.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            default=None,
            metavar="FILE",
            help=_(
                "Where to write the archive (default: DATA_DIR/backups/"
                "wpsmonitor-backup-<date>-<time>.tar.gz)."
            ),
        )

    def handle(self, *args: Any, output: Path | None, **options: Any) -> None:
        now = timezone.now()
        target = output or default_output(now)
        try:
            manifest = create_backup(target, now=now)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        size = target.stat().st_size
        counts = ", ".join(f"{n} {label}" for label, n in manifest.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s (%(size).1f MB): %(counts)s, %(files)d uploaded "
                    "files."
                )
                % {
                    "path": target,
                    "size": size / 1e6,
                    "counts": counts,
                    "files": manifest.media_files(),
                }
            )
        )
