"""`wpsmonitor token`: a raw token is printed once, listed by prefix, and revoked by prefix."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from wpsmonitor.api.auth import user_for_token
from wpsmonitor.core.models import ApiToken, HistoryEntry
from wpsmonitor.testing import builders

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_create_prints_a_raw_token_once_that_authenticates_its_owner() -> None:
    user = builders.person("amina")
    raw = run("create", "amina", "--name", "laptop")
    assert raw.startswith("wps_")
    assert user_for_token(raw) == user
    token = ApiToken.objects.get()
    assert (token.name, token.prefix) == ("laptop", raw[4:12])
    history = HistoryEntry.objects.for_object(token).get()
    assert raw not in str(history.after) and token.digest not in str(history.after)


def test_list_shows_prefixes_and_never_the_token() -> None:
    builders.person("amina")
    raw = run("create", "amina")
    listing = run("list", "amina")
    assert raw[4:12] in listing
    assert raw not in listing
    assert "active" in listing


def test_revoke_by_prefix_refuses_the_token_from_then_on() -> None:
    builders.person("amina")
    raw = run("create", "amina")
    assert "revoked" in run("revoke", raw[:12])
    assert ApiToken.objects.get().revoked_at is not None
    assert "revoked" in run("list", "amina")


@pytest.mark.parametrize("args", [("create", "nobody"), ("list", "nobody"), ("revoke", "zzzzzzzz")])
def test_unknown_user_or_prefix_is_an_error(args: Any) -> None:
    with pytest.raises(CommandError):
        run(*args)
