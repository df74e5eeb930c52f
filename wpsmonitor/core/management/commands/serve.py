"""`wpsmonitor serve`: the production web server (waitress) with static files (whitenoise)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

STAMP = ".collected"


def static_is_stale(root: Path) -> bool:
    """True when a static file is newer than the last collectstatic into ``root``."""
    stamp = root / STAMP
    if not stamp.exists():
        return True
    since = stamp.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list([]):
            if Path(storage.path(path)).stat().st_mtime > since:
                return True
    return False


def pending_migrations() -> int:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class Command(BaseCommand):
    help = _("Run WPS Monitor with the production web server (waitress).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help=_("Address to listen on (default 127.0.0.1; 0.0.0.0 for all)."),
        )
        parser.add_argument("--port", type=int, default=8000, help=_("Port (default 8000)."))
        parser.add_argument("--threads", type=int, default=8, help=_("Worker threads (default 8)."))
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help=_("Do not collect static files before starting."),
        )

    def handle(
        self, *args: Any, host: str, port: int, threads: int, no_collectstatic: bool, **options: Any
    ) -> None:
        from waitress import serve

        if threads < 1:
            raise CommandError(_("--threads must be at least 1."))
        pending = pending_migrations()
        if pending:
            self.stderr.write(
                self.style.WARNING(
                    _("%(n)d database migrations are not applied: run `wpsmonitor migrate`.")
                    % {"n": pending}
                )
            )
        if not no_collectstatic:
            self._collect_static()
        from wpsmonitor.wsgi import application

        shown = "localhost" if host in ("0.0.0.0", "::") else host
        url = f"http://{shown if ':' not in shown else f'[{shown}]'}:{port}/"
        self.stdout.write(
            self.style.SUCCESS(
                _("WPS Monitor is running: open %(url)s (press Ctrl+C to stop).") % {"url": url}
            )
        )
        if shown not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "%(host)s is not in ALLOWED_HOSTS: add it there, or requests will be "
                        "refused."
                    )
                    % {"host": shown}
                )
            )
        try:
            serve(
                application,
                host=host,
                port=port,
                threads=threads,
                ident="WPS Monitor",
                clear_untrusted_proxy_headers=True,
            )
        except KeyboardInterrupt:
            self.stdout.write(_("Stopped."))

    def _collect_static(self) -> None:
        root = Path(settings.STATIC_ROOT)
        try:
            if not static_is_stale(root):
                return
            self.stdout.write(_("Collecting static files into %(root)s …") % {"root": root})
            call_command("collectstatic", interactive=False, verbosity=0)
            (root / STAMP).touch()
        except OSError as exc:
            # A read-only STATIC_ROOT still works: whitenoise then serves from the app folders.
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "Static files were not collected (%(error)s); serving them from the app "
                        "folders instead."
                    )
                    % {"error": exc}
                )
            )
