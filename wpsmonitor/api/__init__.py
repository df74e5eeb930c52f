"""The HTTP API at /api/v1/ (see docs/api.md).

Public reads need no login; writes take a per-user token (``Authorization: Bearer <token>``)
and go through the same services, and so the same role rules, as the web interface.
"""

from ninja import NinjaAPI, Swagger

from . import errors, read, write

api = NinjaAPI(
    title="WPS Monitor API",
    version="1",
    description=(
        "Commitments on the Women, Peace and Security agenda, their indicators and the "
        "self and shadow reports that rate them. Reading needs no login; writing needs an "
        "API token. See docs/api.md."
    ),
    urls_namespace="api",
    # The docs page loads ninja's bundled Swagger UI from our own static files; no validator
    # badge, which would call an outside service.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
errors.install(api, payload_names={"payload", "filters", "page"})
api.add_router("/", read.router)
api.add_router("/", write.router)

__all__ = ["api"]
