"""Bearer-token authentication: ``Authorization: Bearer <raw token>``, checked by digest."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from wpsmonitor.core.models import ApiToken


def user_for_token(raw: str) -> Any:
    """The active user a raw token belongs to; refuses unknown and revoked tokens."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(raw.strip()))
        .first()
    )
    if token is None:
        raise AuthenticationError(message=_("This API token is not valid."))
    if not token.is_active():
        raise AuthenticationError(message=_("This API token has been revoked."))
    if not token.user.is_active:
        raise AuthenticationError(message=_("The account of this API token is inactive."))
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token.user


class TokenAuth(HttpBearer):
    """Required token: without one the request is refused with 401."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header, "")
        if not header:
            raise AuthenticationError(
                message=_("Send an API token: Authorization: Bearer <token>.")
            )
        scheme, _sep, raw = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not raw.strip():
            raise AuthenticationError(
                message=_("Send the API token as: Authorization: Bearer <token>.")
            )
        return self.authenticate(request, raw)

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return user_for_token(token)


class OptionalTokenAuth(TokenAuth):
    """Anonymous without a header; a header that is sent must hold a valid token."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.headers.get(self.header):
            return AnonymousUser()
        return super().__call__(request)


token_auth = TokenAuth()
optional_token_auth = OptionalTokenAuth()
