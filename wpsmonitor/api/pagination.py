"""Limit/offset pages with the total count and links to the neighbouring pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from .schemas import PageParams


def _link(request: HttpRequest, *, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest, queryset: QuerySet[Any], params: PageParams
) -> tuple[Sequence[Any], dict[str, Any]]:
    """One page of ``queryset`` (two queries: the count and the page) and the page's links."""
    limit = params.limit or settings.API_PAGE_SIZE
    offset = params.offset
    count = queryset.count()
    items = list(queryset[offset : offset + limit])
    meta = {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _link(request, limit=limit, offset=offset + limit)
        if offset + limit < count
        else None,
        "previous": _link(request, limit=limit, offset=max(offset - limit, 0))
        if offset > 0
        else None,
    }
    return items, meta
