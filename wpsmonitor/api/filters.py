"""Filters that must run in the database, before a page is cut.

The status filters use ``Commitment.objects.with_latest_statuses()`` and the Q helpers of
``commitments.queries``, which mirror ``ratings_for`` and ``SideBySide``, so a filtered page
holds exactly the commitments whose displayed ratings match. A test checks the two agree.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from wpsmonitor.commitments.exceptions import InvalidValue
from wpsmonitor.commitments.models import CommitmentQuerySet, Pillar, Responsibility
from wpsmonitor.commitments.queries import disagree_q, overdue_q
from wpsmonitor.core.countries import is_country

from .schemas import CommitmentFilters


def id_or_slug(value: str) -> Q:
    """Match a row by its id (when the value is a number) or its slug."""
    value = value.strip()
    if value.isdigit():
        return Q(pk=int(value)) | Q(slug=value)
    return Q(slug=value)


def related_id_or_slug(relation: str, value: str) -> Q:
    value = value.strip()
    if value.isdigit():
        return Q(**{f"{relation}_id": int(value)}) | Q(**{f"{relation}__slug": value})
    return Q(**{f"{relation}__slug": value})


def filter_commitments(
    queryset: CommitmentQuerySet, filters: CommitmentFilters, *, today: dt.date
) -> CommitmentQuerySet:
    """Apply the list filters; an unknown pillar or country is refused naming the field."""
    if filters.country:
        country = filters.country.strip().upper()
        if not is_country(country):
            raise InvalidValue(
                _("%(code)s is not an ISO 3166 country code.") % {"code": filters.country},
                field="country",
            )
        queryset = queryset.filter(instrument__country=country)
    if filters.instrument:
        queryset = queryset.filter(related_id_or_slug("instrument", filters.instrument))
    if filters.organisation:
        match = related_id_or_slug("organisation", filters.organisation)
        queryset = queryset.filter(
            pk__in=Responsibility.objects.filter(match).values("commitment_id")
        )
    if filters.pillar:
        keys = list(Pillar.objects.order_by("order", "key").values_list("key", flat=True))
        if filters.pillar not in keys:
            raise InvalidValue(
                _("There is no pillar %(key)s; use one of %(keys)s.")
                % {"key": filters.pillar, "keys": ", ".join(keys)},
                field="pillar",
            )
        queryset = queryset.filter(pillar__key=filters.pillar)
    wants_status = any(
        v is not None
        for v in (
            filters.status,
            filters.self_status,
            filters.shadow_status,
            filters.overdue,
            filters.disagree,
        )
    )
    if not wants_status:
        return queryset
    queryset = queryset.with_latest_statuses()
    if filters.status:
        queryset = queryset.filter(latest_status=filters.status)
    if filters.self_status:
        queryset = queryset.filter(latest_self_status=filters.self_status)
    if filters.shadow_status:
        queryset = queryset.filter(latest_shadow_status=filters.shadow_status)
    if filters.overdue is not None:
        q = overdue_q(today)
        queryset = queryset.filter(q) if filters.overdue else queryset.exclude(q)
    if filters.disagree is not None:
        q = disagree_q()
        queryset = queryset.filter(q) if filters.disagree else queryset.exclude(q)
    return queryset
