"""``wpsmonitor token``: create, list and revoke a person's API tokens."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wpsmonitor.api.tokens import token_create, token_revoke, tokens_matching
from wpsmonitor.core.models import ApiToken


class Command(BaseCommand):
    help = _(
        "Manage API tokens: `token create USERNAME [--name N]` prints a new token once; "
        "`token list USERNAME`; `token revoke PREFIX`."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help=_("Create a token and print it once."))
        create.add_argument("username")
        create.add_argument("--name", default="", help=_("What the token is for."))
        listing = actions.add_parser("list", help=_("List a person's tokens."))
        listing.add_argument("username")
        revoke = actions.add_parser("revoke", help=_("Revoke the token with this prefix."))
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options["username"], options["name"])
        elif action == "list":
            self._list(options["username"])
        else:
            self._revoke(options["prefix"])

    def _user(self, username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user %(name)s.") % {"name": username})
        return user

    def _create(self, username: str, name: str) -> None:
        new = token_create(user=self._user(username), name=name)
        self.stderr.write(
            _("Token %(prefix)s created for %(user)s. It is shown only now; keep it safe:")
            % {"prefix": new.token.prefix, "user": username}
        )
        self.stdout.write(new.raw)

    def _list(self, username: str) -> None:
        tokens = ApiToken.objects.filter(user=self._user(username)).order_by("created_at", "id")
        if not tokens:
            self.stdout.write(_("%(user)s has no API tokens.") % {"user": username})
            return
        for token in tokens:
            state = (
                _("revoked %(at)s") % {"at": f"{token.revoked_at:%Y-%m-%d %H:%M}"}
                if token.revoked_at
                else _("active")
            )
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else _("never")
            self.stdout.write(
                "\t".join(
                    [
                        token.prefix,
                        token.name or "-",
                        _("created %(at)s") % {"at": f"{token.created_at:%Y-%m-%d %H:%M}"},
                        _("last used %(at)s") % {"at": used},
                        str(state),
                    ]
                )
            )

    def _revoke(self, prefix: str) -> None:
        matches = tokens_matching(prefix)
        if not matches:
            raise CommandError(_("No token has the prefix %(prefix)s.") % {"prefix": prefix})
        if len(matches) > 1:
            raise CommandError(
                _("%(n)d tokens share the prefix %(prefix)s; revoke them from the admin.")
                % {"n": len(matches), "prefix": prefix}
            )
        token = token_revoke(token=matches[0])
        self.stdout.write(
            _("Token %(prefix)s of %(user)s is revoked.")
            % {"prefix": token.prefix, "user": token.user.username}
        )
