"""Filters that must run in the database, before a page is cut.

The latest-status annotations mirror ``commitments.queries.ratings_for`` and
``SideBySide.latest_status`` (the latest published rating of each kind by period start, then
publication time; across kinds the latest period wins, a self rating first on a tie), so a
filtered page holds exactly the commitments whose displayed ratings match. A test checks the
two agree.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext as _

from wpsmonitor.commitments.exceptions import InvalidValue
from wpsmonitor.commitments.models import (
    Commitment,
    Pillar,
    ProgressUpdate,
    ReportKind,
    ReportStatus,
    Responsibility,
    Status,
)
from wpsmonitor.core.countries import is_country

from .schemas import CommitmentFilters

DONE = (Status.COMPLETE, Status.WITHDRAWN)


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


def _published_updates() -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.filter(
        commitment=OuterRef("pk"), report__status=ReportStatus.PUBLISHED
    )


def _latest_of_kind(kind: str) -> Subquery:
    latest = (
        _published_updates()
        .filter(report__kind=kind)
        .order_by("-report__period__start", "-report__published_at", "-id")
        .values("status")[:1]
    )
    return Subquery(latest)


def _latest_of_any() -> Subquery:
    kind_rank = Case(
        When(report__kind=ReportKind.SELF, then=Value(0)),
        When(report__kind=ReportKind.SHADOW, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    latest = (
        _published_updates()
        .annotate(kind_rank=kind_rank)
        .order_by("-report__period__start", "kind_rank", "-report__published_at", "-id")
        .values("status")[:1]
    )
    return Subquery(latest)


def with_latest_statuses(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    return queryset.annotate(
        api_self_status=_latest_of_kind(ReportKind.SELF),
        api_shadow_status=_latest_of_kind(ReportKind.SHADOW),
        api_latest_status=_latest_of_any(),
    )


def overdue_q(today: dt.date) -> Q:
    """As ``Commitment.is_overdue``: deadline passed and the latest status is not done."""
    not_done = Q(api_latest_status__isnull=True) | ~Q(api_latest_status__in=DONE)
    return Q(deadline__isnull=False, deadline__lt=today) & not_done


def disagree_q() -> Q:
    both = Q(api_self_status__isnull=False, api_shadow_status__isnull=False)
    return both & ~Q(api_self_status=F("api_shadow_status"))


def filter_commitments(
    queryset: QuerySet[Commitment], filters: CommitmentFilters, *, today: dt.date
) -> QuerySet[Commitment]:
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
    queryset = with_latest_statuses(queryset)
    if filters.status:
        queryset = queryset.filter(api_latest_status=filters.status)
    if filters.self_status:
        queryset = queryset.filter(api_self_status=filters.self_status)
    if filters.shadow_status:
        queryset = queryset.filter(api_shadow_status=filters.shadow_status)
    if filters.overdue is not None:
        q = overdue_q(today)
        queryset = queryset.filter(q) if filters.overdue else queryset.exclude(q)
    if filters.disagree is not None:
        q = disagree_q()
        queryset = queryset.filter(q) if filters.disagree else queryset.exclude(q)
    return queryset
