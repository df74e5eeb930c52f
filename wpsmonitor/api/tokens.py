"""Per-user API tokens: created once (the raw token is shown only then), checked by digest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from wpsmonitor.core.history import record
from wpsmonitor.core.models import ApiToken, HistoryEntry

RAW_PREFIX = "wps_"


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    raw: str


def prefix_of(raw: str) -> str:
    """The eight characters that name a token in lists, taken after the ``wps_`` marker."""
    return raw.removeprefix(RAW_PREFIX)[:8]


def _public_fields(token: ApiToken) -> dict[str, Any]:
    # The digest stays out of the history: it is the only thing that matches a raw token.
    return {
        "user_id": token.user_id,
        "name": token.name,
        "prefix": token.prefix,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


@transaction.atomic
def token_create(*, user: Any, name: str = "", by: Any = None) -> NewToken:
    """Create a token for ``user``; the raw value is returned here and never stored."""
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user, name=name, digest=ApiToken.digest_of(raw), prefix=prefix_of(raw)
    )
    record(obj=token, action=HistoryEntry.Action.CREATE, by=by or user, after=_public_fields(token))
    return NewToken(token=token, raw=raw)


@transaction.atomic
def token_revoke(*, token: ApiToken, by: Any = None) -> ApiToken:
    """Revoke a token: it is refused from now on. Revoking twice changes nothing."""
    if token.revoked_at is not None:
        return token
    before = _public_fields(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        obj=token,
        action=HistoryEntry.Action.TRANSITION,
        by=by or token.user,
        before=before,
        after=_public_fields(token),
    )
    return token


def tokens_matching(prefix: str) -> list[ApiToken]:
    """Tokens whose prefix is ``prefix`` (given with or without the ``wps_`` marker)."""
    wanted = prefix_of(prefix.strip())
    return list(ApiToken.objects.filter(prefix=wanted).select_related("user").order_by("id"))
