"""One error shape for every refusal: ``{"detail": message, "field": name or null}``.

Domain errors from the services keep their own message; the status code says what kind of
refusal it is (403 not allowed, 404 unknown, 409 state conflict, 422 invalid input).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from wpsmonitor.commitments.exceptions import (
    DomainError,
    InstrumentFrozen,
    InvalidValue,
    NotAllowed,
    PeriodNotOpen,
    ReportNotEditable,
)

STATUS_OF: list[tuple[type[DomainError], int]] = [
    (NotAllowed, 403),
    (PeriodNotOpen, 409),
    (ReportNotEditable, 409),
    (InstrumentFrozen, 409),
    (InvalidValue, 422),
]
# Any other DomainError (a duplicate report, an empty report submitted) is a state conflict.
DEFAULT_DOMAIN_STATUS = 409

# Where ninja puts a parameter; not part of the field name a client sent.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}


class NotFound(Exception):
    """An id or slug that names nothing visible; ``field`` names the input that held it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def status_of(error: DomainError) -> int:
    for cls, status in STATUS_OF:
        if isinstance(error, cls):
            return status
    return DEFAULT_DOMAIN_STATUS


def field_name(loc: list[Any] | tuple[Any, ...], params: set[str]) -> str:
    """``["body", "payload", "updates", 0, "status"]`` → ``"updates[0].status"``."""
    parts = list(loc)
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in params:
        parts = parts[1:]
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += f".{part}" if name else str(part)
    return name


def body(detail: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"detail": detail, "field": field, **extra}


def install(api: NinjaAPI, *, payload_names: set[str]) -> None:
    """Register the handlers that give every error the same shape."""

    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, body(exc.message, exc.field), status=status_of(exc))

    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return api.create_response(request, body(exc.message, exc.field), status=404)

    def http404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, body(_("Not found.")), status=404)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, body(str(exc)), status=exc.status_code)

    def invalid_payload(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [
            {
                "field": field_name(e.get("loc", ()), payload_names),
                "message": e.get("msg", ""),
                "type": e.get("type", ""),
            }
            for e in exc.errors
        ]
        first = errors[0] if errors else {"field": None, "message": _("Invalid input.")}
        detail = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
        return api.create_response(
            request, body(detail, first["field"] or None, errors=errors), status=422
        )

    def model_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = [
            {"field": name, "message": str(message), "type": "invalid"}
            for name, messages in getattr(exc, "message_dict", {"": exc.messages}).items()
            for message in messages
        ]
        first = errors[0]
        return api.create_response(
            request, body(first["message"], first["field"] or None, errors=errors), status=422
        )

    api.add_exception_handler(DomainError, domain_error)
    api.add_exception_handler(NotFound, not_found)
    api.add_exception_handler(Http404, http404)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(NinjaValidationError, invalid_payload)
    api.add_exception_handler(DjangoValidationError, model_invalid)
