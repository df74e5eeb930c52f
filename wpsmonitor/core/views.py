"""Bare views of the core app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def healthz(request: HttpRequest) -> HttpResponse:
    """A liveness probe that touches neither the database nor a template (also the baseline
    of the API benchmark)."""
    return HttpResponse("ok", content_type="text/plain")
