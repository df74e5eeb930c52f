"""`wpsmonitor demo`: reset the database and load the fictional Veridia ledger (and, with
--scale, a large synthetic data set for benchmarks)."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from wpsmonitor.core.models import Role


class Command(BaseCommand):
    help = _(
        "Delete every record in the database and load the demo data of Veridia, a fictional "
        "country, with one user per role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help=_(
                "Also add a synthetic data set of N countries × 200 commitments × 6 periods "
                "(for benchmarks)."
            ),
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help=_("Do not ask for confirmation before deleting the data."),
        )

    def handle(self, *args: Any, scale: int, yes: bool, **options: Any) -> None:
        from wpsmonitor.demo import scale as scale_data
        from wpsmonitor.demo import veridia

        if scale < 0:
            raise CommandError(_("--scale must be 0 or more."))
        name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError(_("This deletes every record; run it again with --yes."))
            answer = input(
                _(
                    "This deletes EVERY record in the database %(name)s and loads the demo data. "
                    "Type 'yes' to continue: "
                )
                % {"name": name}
            )
            if answer.strip().lower() != "yes":
                raise CommandError(_("Cancelled; nothing was changed."))
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        demo = veridia.load()
        self.stdout.write(
            self.style.SUCCESS(
                _("Loaded the demo: %(plan)s, with %(n)d commitments, and %(meeting)s.")
                % {
                    "plan": demo.plan.title,
                    "n": demo.plan.commitments.count(),
                    "meeting": demo.meeting.title,
                }
            )
        )
        self.stdout.write(
            _(
                "Everything in it is fictional. Demo users (passwords are public: "
                "never use them on a real site):"
            )
        )
        width = max(len(c.username) for c in demo.credentials)
        for cred in demo.credentials:
            self.stdout.write(
                f"  {cred.username:<{width}}  {cred.password:<18}  {Role(cred.role).label} — "
                f"{cred.organisation}"
            )
        if scale:
            self.stdout.write(
                _("Adding the synthetic benchmark data: %(n)d countries …") % {"n": scale}
            )
            result = scale_data.generate(countries=scale, progress=self.stdout.write)
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Added %(c)d commitments, %(u)d progress updates and %(v)d indicator "
                        "values in %(s).1f s."
                    )
                    % {
                        "c": result.commitments,
                        "u": result.updates,
                        "v": result.values,
                        "s": result.seconds,
                    }
                )
            )
        self.stdout.write(
            _("Done in %(s).1f s. Start the site with `wpsmonitor serve`.")
            % {"s": time.monotonic() - started}
        )
