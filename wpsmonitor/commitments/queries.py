"""Read-side questions about the ledger, each answered in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    F,
    Q,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, In

from . import permissions, rules
from .models import (
    STATUS_LEVEL,
    Commitment,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ProgressUpdate,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Sensitivity,
    Status,
    status_gap,
)


@dataclass(frozen=True)
class Rating:
    status: str
    status_label: str
    period_id: int
    period_label: str
    period_start: dt.date
    report_id: int
    organisation: str
    kind: str
    narrative: str
    challenges: str

    @property
    def level(self) -> int | None:
        return STATUS_LEVEL.get(self.status)


@dataclass
class SideBySide:
    """The latest self and shadow ratings of one commitment, and how far apart they are."""

    commitment_id: int
    self: Rating | None = None
    shadow: Rating | None = None
    joint: Rating | None = None
    history: list[Rating] = field(default_factory=list)

    @property
    def gap(self) -> int | None:
        return status_gap(
            self.self.status if self.self else None, self.shadow.status if self.shadow else None
        )

    @property
    def disagree(self) -> bool:
        return bool(self.self and self.shadow and self.self.status != self.shadow.status)

    @property
    def shadow_lower(self) -> bool:
        gap = self.gap
        return gap is not None and gap > 0

    @property
    def latest_status(self) -> str | None:
        """The most recent rating from any reporter (used for the overdue mark)."""
        candidates = [r for r in (self.self, self.shadow, self.joint) if r is not None]
        if not candidates:
            return None
        return max(candidates, key=lambda r: (r.period_start, r.kind == ReportKind.SELF)).status

    def is_complete(self) -> bool:
        """Complete or withdrawn by the latest government or joint rating, and not contradicted
        by a later shadow rating."""
        official = self.joint or self.self
        return bool(official and official.status in (Status.COMPLETE, Status.WITHDRAWN))


def _rating(update: ProgressUpdate) -> Rating:
    report = update.report
    return Rating(
        status=update.status,
        status_label=str(Status(update.status).label),
        period_id=report.period_id,
        period_label=report.period.label,
        period_start=report.period.start,
        report_id=report.pk,
        organisation=report.organisation.name,
        kind=report.kind,
        narrative=update.narrative,
        challenges=update.challenges,
    )


def ratings_for(
    commitment_ids: Iterable[int],
    *,
    upto: ReportingPeriod | None = None,
    period: ReportingPeriod | None = None,
    with_history: bool = False,
    statuses: Sequence[str] = (ReportStatus.PUBLISHED,),
) -> dict[int, SideBySide]:
    """Latest published self, shadow and joint ratings per commitment, in one query."""
    ids = list(commitment_ids)
    result = {cid: SideBySide(commitment_id=cid) for cid in ids}
    if not ids:
        return result
    updates = ProgressUpdate.objects.filter(commitment_id__in=ids, report__status__in=statuses)
    if period is not None:
        updates = updates.filter(report__period=period)
    elif upto is not None:
        updates = updates.filter(report__period__start__lte=upto.start)
    # Plain tuples rather than model instances: a page may read thousands of updates.
    rows = updates.order_by("report__period__start", "report__published_at", "id").values_list(
        "commitment_id",
        "status",
        "report__period_id",
        "report__period__label",
        "report__period__start",
        "report_id",
        "report__organisation__name",
        "report__kind",
        "narrative",
        "challenges",
    )
    labels = {value: str(label) for value, label in Status.choices}
    for cid, status, period_id, label, start, report_id, org, kind, narrative, challenges in rows:
        rating = Rating(
            status=status,
            status_label=labels[status],
            period_id=period_id,
            period_label=label,
            period_start=start,
            report_id=report_id,
            organisation=org,
            kind=kind,
            narrative=narrative,
            challenges=challenges,
        )
        entry = result[cid]
        setattr(entry, kind, rating)
        if with_history:
            entry.history.append(rating)
    return result


# --- the same questions asked in the database -------------------------------------------------
# Over ``Commitment.objects.with_latest_statuses()``; each Q mirrors a property of SideBySide or
# Commitment.is_overdue, so pages and the API can filter and count without loading ratings.
# Each latest status is a correlated subquery that the database repeats wherever it is named,
# so every Q names each status at most once, and is true or false (never NULL), so that it can
# be negated with ``exclude()``.

DONE = (Status.COMPLETE, Status.WITHDRAWN)


def _status_or(name: str, default: str = "") -> Coalesce:
    return Coalesce(F(name), Value(default), output_field=CharField())


def overdue_q(today: dt.date) -> Q:
    """As ``Commitment.is_overdue``: deadline passed and the latest status is not done."""
    return Q(deadline__isnull=False, deadline__lt=today) & ~Q(
        In(_status_or("latest_status"), list(DONE))
    )


def disagree_q() -> Q:
    """As ``SideBySide.disagree``: both sides rated, differently."""
    # "self = shadow" is false only when both are rated and differ, NULL when either is not.
    same = Exact(F("latest_self_status"), F("latest_shadow_status"))
    return Q(Exact(Coalesce(same, Value(True), output_field=BooleanField()), False))


def official_status() -> Coalesce:
    """The joint rating's status, or else the self rating's; "no evidence" when neither."""
    return Coalesce(
        F("latest_joint_status"),
        F("latest_self_status"),
        Value(Status.NO_EVIDENCE),
        output_field=CharField(),
    )


def complete_q() -> Q:
    """As ``SideBySide.is_complete``: the joint rating, or else the self rating, is done."""
    return Q(In(official_status(), list(DONE)))


def rated_q() -> Q:
    """As ``SideBySide.latest_status is not None``: any published rating at all."""
    return Q(latest_status__isnull=False)


def shadow_lower_q() -> Q:
    """As ``SideBySide.shadow_lower``: civil society places it lower on the scale.

    Used on one organisation's commitments, so it names the statuses once per level."""
    self_status = _status_or("latest_self_status")
    shadow_status = _status_or("latest_shadow_status")
    pairs = Q()
    for status, level in STATUS_LEVEL.items():
        lower = [s for s, other in STATUS_LEVEL.items() if other < level]
        if lower:
            pairs |= Q(Exact(self_status, status), In(shadow_status, lower))
    return pairs


def official_status_q(status: str) -> Q:
    """The joint rating, or else the self rating, is ``status``; none counts as no evidence."""
    return Q(Exact(official_status(), status))


def shadow_status_q(status: str) -> Q:
    """The latest shadow rating is ``status``; none counts as no evidence."""
    return Q(Exact(_status_or("latest_shadow_status", Status.NO_EVIDENCE), status))


def headline_aggregates(today: dt.date) -> dict[str, Count]:
    """Conditional counts for ``aggregate()`` or a grouped ``annotate()`` over commitments
    annotated ``with_latest_statuses``: the figures of a page's headline."""
    return {
        "commitments": Count("pk"),
        "complete": Count("pk", filter=complete_q()),
        "overdue": Count("pk", filter=overdue_q(today)),
        "disagreements": Count("pk", filter=disagree_q()),
        "rated": Count("pk", filter=rated_q()),
        "shadow_lower": Count("pk", filter=shadow_lower_q()),
    }


def overdue_ids(
    commitments: Iterable[Commitment], ratings: dict[int, SideBySide], *, today: dt.date
) -> set[int]:
    """Deadline passed and not complete in the latest rating."""
    return {
        c.pk
        for c in commitments
        if c.is_overdue(today, ratings[c.pk].latest_status if c.pk in ratings else None)
    }


@dataclass(frozen=True)
class SeriesPoint:
    period_id: int
    period_label: str
    value: Decimal | None
    missing_reason: str
    target: Decimal | None
    text: str = ""


@dataclass
class Series:
    """An indicator's values by period from one kind of reporter, and the total by its rule."""

    indicator_id: int
    kind: str
    points: list[SeriesPoint]
    total: Decimal | None


def indicator_series(
    indicators: Sequence[Indicator],
    *,
    kinds: Sequence[str] = (ReportKind.SELF, ReportKind.SHADOW, ReportKind.JOINT),
    statuses: Sequence[str] = (ReportStatus.PUBLISHED,),
) -> dict[tuple[int, str], Series]:
    """Period values (totals of the whole, not disaggregated cells) and computed totals.

    Totals are derived here from raw period values by the indicator's rule; nothing stores them.
    """
    if not indicators:
        return {}
    instrument_ids = {ind.commitment.instrument_id for ind in indicators}
    periods = list(
        ReportingPeriod.objects.filter(instrument_id__in=instrument_ids).order_by("start")
    )
    targets: dict[tuple[int, int], Decimal] = {}
    for ind_id, period_id, value in IndicatorTarget.objects.filter(
        indicator__in=indicators
    ).values_list("indicator_id", "period_id", "value"):
        targets[(ind_id, period_id)] = value
    cells: dict[tuple[int, str, int], IndicatorValue] = {}
    values = IndicatorValue.objects.filter(
        indicator__in=indicators,
        disaggregation_key="",
        report__status__in=statuses,
        report__kind__in=kinds,
    ).select_related("report")
    for row in values.order_by("report__published_at", "id"):
        cells[(row.indicator_id, row.report.kind, row.report.period_id)] = row
    out: dict[tuple[int, str], Series] = {}
    for ind in indicators:
        own_periods = [p for p in periods if p.instrument_id == ind.commitment.instrument_id]
        for kind in kinds:
            points = []
            for p in own_periods:
                row = cells.get((ind.pk, kind, p.pk))
                points.append(
                    SeriesPoint(
                        period_id=p.pk,
                        period_label=p.label,
                        value=row.number() if row else None,
                        missing_reason=row.missing_reason if row else "",
                        target=targets.get((ind.pk, p.pk)),
                        text=row.text_value if row else "",
                    )
                )
            if not any(pt.value is not None or pt.missing_reason for pt in points):
                continue
            total = rules.combine(
                ind.aggregation,
                [rules.PeriodValue(pt.period_label, pt.value) for pt in points],
            )
            out[(ind.pk, kind)] = Series(indicator_id=ind.pk, kind=kind, points=points, total=total)
    return out


def display_value(indicator: Indicator, value: Decimal | None, *, public: bool) -> str | None:
    """How a value is shown: in public output a confidential count under the threshold is "<5"."""
    confidential = indicator.sensitivity == Sensitivity.CONFIDENTIAL
    return rules.public_display(
        value, confidential=confidential and public, threshold=settings.SUPPRESSION_THRESHOLD
    )


def visible_reports(user: Any) -> Any:
    """Published reports for everyone, and drafts of the user's own organisations."""
    from django.db.models import Q

    orgs = permissions.organisations_of(user)
    return ProgressReport.objects.filter(
        Q(status=ReportStatus.PUBLISHED) | Q(organisation__in=orgs)
    )
