"""Public reads, no login: adopted instruments, their commitments, indicators, organisations and
periods, with ratings from published reports only. Each answers in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from wpsmonitor.commitments.exceptions import InvalidValue
from wpsmonitor.commitments.models import (
    FROZEN_STATUSES,
    BudgetLine,
    Commitment,
    Indicator,
    Instrument,
    ProgressReport,
    Reply,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Responsibility,
)
from wpsmonitor.commitments.queries import indicator_series, overdue_ids, ratings_for
from wpsmonitor.core.countries import is_country
from wpsmonitor.core.models import Organisation

from . import present
from .errors import NotFound
from .filters import filter_commitments, id_or_slug, related_id_or_slug
from .pagination import paginate
from .schemas import (
    CommitmentDetailOut,
    CommitmentFilters,
    CommitmentPage,
    ErrorOut,
    IndicatorFilters,
    IndicatorOut,
    IndicatorPage,
    InstrumentDetailOut,
    InstrumentFilters,
    InstrumentPage,
    OrganisationDetailOut,
    OrganisationFilters,
    OrganisationPage,
    PageParams,
    PeriodFilters,
    PeriodOut,
    PeriodPage,
)

router = Router(tags=["public data"])

NOT_FOUND = {404: ErrorOut}
INVALID_FILTER = {422: ErrorOut}


def _country(value: str) -> str:
    code = value.strip().upper()
    if not is_country(code):
        raise InvalidValue(
            _("%(code)s is not an ISO 3166 country code.") % {"code": value}, field="country"
        )
    return code


def _one(queryset: QuerySet[Any], message: str) -> Any:
    row = queryset.order_by("pk").first()
    if row is None:
        raise NotFound(message)
    return row


# --- instruments -----------------------------------------------------------------------------


def _strength_counts(instrument_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Commitment.objects.filter(instrument_id__in=list(instrument_ids))
        .values("instrument_id", "strength")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["instrument_id"]][row["strength"]] = row["n"]
    return counts


@router.get("/instruments", response={200: InstrumentPage, **INVALID_FILTER})
def instrument_list(
    request: HttpRequest, filters: Query[InstrumentFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """Adopted and superseded instruments, with the strength profile of their commitments."""
    queryset = Instrument.objects.public().select_related("issuer")
    if filters.country:
        queryset = queryset.filter(country=_country(filters.country))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    items, meta = paginate(request, queryset.order_by("country", "title", "version", "id"), page)
    profiles = _strength_counts(i.pk for i in items)
    return {**meta, "results": [present.instrument_data(i, profiles[i.pk]) for i in items]}


@router.get("/instruments/{key}", response={200: InstrumentDetailOut, **NOT_FOUND})
def instrument_detail(request: HttpRequest, key: str) -> dict[str, Any]:
    """One public instrument by id or slug, with its periods and its public versions."""
    instrument = _one(
        Instrument.objects.public().select_related("issuer").filter(id_or_slug(key)),
        _("No public instrument has the id or slug %(key)s.") % {"key": key},
    )
    profile = _strength_counts([instrument.pk])[instrument.pk]
    periods = ReportingPeriod.objects.filter(instrument=instrument).order_by("start", "id")
    versions = Instrument.objects.public().filter(lineage=instrument.lineage).order_by("version")
    return {
        **present.instrument_data(instrument, profile),
        "summary": instrument.summary,
        "periods": [present.period_ref(p) for p in periods],
        "versions": [present.instrument_ref(v) for v in versions],
    }


# --- commitments -----------------------------------------------------------------------------


def _public_commitments() -> QuerySet[Commitment]:
    return (
        Commitment.objects.public()
        .select_related("instrument", "pillar")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("organisation"),
            )
        )
    )


@router.get("/commitments", response={200: CommitmentPage, **INVALID_FILTER})
def commitment_list(
    request: HttpRequest, filters: Query[CommitmentFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """Commitments of public instruments with their latest self and shadow ratings side by
    side. ``today`` (default: the server's date) decides the overdue mark."""
    today = filters.today or dt.date.today()
    queryset = filter_commitments(_public_commitments(), filters, today=today)
    items, meta = paginate(request, queryset.order_by("instrument_id", "order", "id"), page)
    ratings = ratings_for(c.pk for c in items)
    overdue = overdue_ids(items, ratings, today=today)
    return {
        **meta,
        "results": [
            present.commitment_data(c, ratings[c.pk], overdue=c.pk in overdue) for c in items
        ],
    }


def _public_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.visible_publicly().select_related("commitment__instrument")


@router.get("/commitments/{commitment_id}", response={200: CommitmentDetailOut, **NOT_FOUND})
def commitment_detail(
    request: HttpRequest, commitment_id: int, today: dt.date | None = None
) -> dict[str, Any]:
    """One commitment with its rating history, public indicators, budget lines and replies."""
    today = today or dt.date.today()
    commitment = _one(
        _public_commitments().filter(pk=commitment_id),
        _("No public commitment has the id %(id)s.") % {"id": commitment_id},
    )
    ratings = ratings_for([commitment.pk], with_history=True)
    side = ratings[commitment.pk]
    indicators = list(_public_indicators().filter(commitment=commitment).order_by("code", "id"))
    series = indicator_series(indicators)
    budget_lines = BudgetLine.objects.filter(commitment=commitment).order_by(
        "fiscal_year", "source", "currency"
    )
    replies = (
        Reply.objects.filter(
            commitment=commitment,
            report__status=ReportStatus.PUBLISHED,
            report__kind=ReportKind.SHADOW,
        )
        .select_related("organisation")
        .order_by("created_at", "id")
    )
    overdue = commitment.pk in overdue_ids([commitment], ratings, today=today)
    return {
        **present.commitment_data(commitment, side, overdue=overdue),
        "history": [present.rating_data(r) for r in side.history],
        "indicators": [present.indicator_data(i, series) for i in indicators],
        "budget_lines": [
            {
                "fiscal_year": b.fiscal_year,
                "currency": b.currency,
                "allocated": b.allocated,
                "disbursed": b.disbursed,
                "spent": b.spent,
                "source": b.source,
            }
            for b in budget_lines
        ],
        "replies": [present.reply_data(r) for r in replies],
    }


# --- indicators ------------------------------------------------------------------------------


@router.get("/indicators", response={200: IndicatorPage, **INVALID_FILTER})
def indicator_list(
    request: HttpRequest, filters: Query[IndicatorFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """Indicators that are not restricted, with published values per period and reporter kind
    and the total by each indicator's rule. Small confidential counts read "<5"."""
    queryset = _public_indicators()
    if filters.instrument:
        queryset = queryset.filter(related_id_or_slug("commitment__instrument", filters.instrument))
    if filters.commitment is not None:
        queryset = queryset.filter(commitment_id=filters.commitment)
    if filters.security is not None:
        queryset = queryset.filter(is_security_threat=filters.security)
    queryset = queryset.order_by(
        "commitment__instrument_id", "commitment__order", "commitment_id", "code", "id"
    )
    items, meta = paginate(request, queryset, page)
    series = indicator_series(items)
    return {**meta, "results": [present.indicator_data(i, series) for i in items]}


@router.get("/indicators/{indicator_id}", response={200: IndicatorOut, **NOT_FOUND})
def indicator_detail(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    indicator = _one(
        _public_indicators().filter(pk=indicator_id),
        _("No public indicator has the id %(id)s.") % {"id": indicator_id},
    )
    return present.indicator_data(indicator, indicator_series([indicator]))


# --- organisations ---------------------------------------------------------------------------


def _organisation_counts(ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {
        i: {
            "commitments_lead": 0,
            "commitments_partner": 0,
            "instruments_issued": 0,
            "published_reports": 0,
        }
        for i in ids
    }
    responsibilities = (
        Responsibility.objects.filter(
            organisation_id__in=ids, commitment__instrument__status__in=FROZEN_STATUSES
        )
        .values("organisation_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in responsibilities:
        counts[row["organisation_id"]][f"commitments_{row['kind']}"] = row["n"]
    issued = (
        Instrument.objects.public()
        .filter(issuer_id__in=ids)
        .values("issuer_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in issued:
        counts[row["issuer_id"]]["instruments_issued"] = row["n"]
    reports = (
        ProgressReport.objects.published()
        .filter(organisation_id__in=ids)
        .values("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in reports:
        counts[row["organisation_id"]]["published_reports"] = row["n"]
    return counts


def _organisation_data(org: Organisation, counts: dict[str, int]) -> dict[str, Any]:
    return {
        **present.organisation_ref(org),
        "kind_label": str(org.get_kind_display()),
        "parent_id": org.parent_id,
        "website": org.website,
        "iati_ref": org.iati_ref,
        "counts": counts,
    }


@router.get("/organisations", response={200: OrganisationPage, **INVALID_FILTER})
def organisation_list(
    request: HttpRequest, filters: Query[OrganisationFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """Organisations with counts of their public commitments, instruments and reports."""
    queryset = Organisation.objects.all()
    if filters.country:
        queryset = queryset.filter(country=_country(filters.country))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    items, meta = paginate(request, queryset.order_by("name", "id"), page)
    counts = _organisation_counts([o.pk for o in items])
    return {**meta, "results": [_organisation_data(o, counts[o.pk]) for o in items]}


@router.get("/organisations/{key}", response={200: OrganisationDetailOut, **NOT_FOUND})
def organisation_detail(request: HttpRequest, key: str) -> dict[str, Any]:
    """One organisation by id or slug, with its units and the public instruments it issued."""
    org = _one(
        Organisation.objects.filter(id_or_slug(key)),
        _("No organisation has the id or slug %(key)s.") % {"key": key},
    )
    counts = _organisation_counts([org.pk])[org.pk]
    children = Organisation.objects.filter(parent=org).order_by("name", "id")
    instruments = Instrument.objects.public().filter(issuer=org).order_by("title", "version")
    return {
        **_organisation_data(org, counts),
        "children": [present.organisation_ref(c) for c in children],
        "instruments": [present.instrument_ref(i) for i in instruments],
    }


# --- periods ---------------------------------------------------------------------------------


def _public_periods() -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(instrument__status__in=FROZEN_STATUSES).select_related(
        "instrument"
    )


def _published_counts(period_ids: list[int]) -> dict[int, int]:
    rows = (
        ProgressReport.objects.published()
        .filter(period_id__in=period_ids)
        .values("period_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["period_id"]: row["n"] for row in rows}


def _period_data(period: ReportingPeriod, published: int) -> dict[str, Any]:
    return {
        **present.period_ref(period),
        "instrument": present.instrument_ref(period.instrument),
        "published_reports": published,
    }


@router.get("/periods", response={200: PeriodPage, **INVALID_FILTER})
def period_list(
    request: HttpRequest, filters: Query[PeriodFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """Reporting periods of public instruments, with their number of published reports."""
    queryset = _public_periods()
    if filters.instrument:
        queryset = queryset.filter(related_id_or_slug("instrument", filters.instrument))
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    items, meta = paginate(request, queryset.order_by("instrument_id", "start", "id"), page)
    published = _published_counts([p.pk for p in items])
    return {**meta, "results": [_period_data(p, published.get(p.pk, 0)) for p in items]}


@router.get("/periods/{period_id}", response={200: PeriodOut, **NOT_FOUND})
def period_detail(request: HttpRequest, period_id: int) -> dict[str, Any]:
    period = _one(
        _public_periods().filter(pk=period_id),
        _("No public reporting period has the id %(id)s.") % {"id": period_id},
    )
    return _period_data(period, _published_counts([period.pk]).get(period.pk, 0))
