"""The HTTP API at /api/v1/ (see docs/api.md)."""

from ninja import NinjaAPI

api = NinjaAPI(title="WPS Monitor API", version="1", urls_namespace="api")
