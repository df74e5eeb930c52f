"""The query step of scorecards: published ledger records in, a ``Scorecard`` dataclass out.

Every figure is computed from raw records when read, in a fixed number of queries whatever the
number of commitments. Only public data counts: adopted (or, for one instrument, superseded)
instruments, published reports, indicators that are not restricted, small confidential counts
shown as "<5".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wpsmonitor.commitments import queries, rules
from wpsmonitor.commitments.models import (
    BudgetLine,
    Commitment,
    Indicator,
    Instrument,
    InstrumentStatus,
    Pillar,
    ProgressUpdate,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Status,
)
from wpsmonitor.core.countries import country_name, is_country
from wpsmonitor.core.models import Organisation

from .data import (
    METHOD_VERSION,
    STATUS_KEYS,
    STRENGTH_KEYS,
    BudgetTotal,
    Figure,
    IndicatorProgress,
    Scorecard,
)


class ScopeNotFound(LookupError):
    """No public instrument, pillar, organisation or country by that key."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Scope:
    kind: str
    key: str
    name: str
    commitments: QuerySet[Commitment]


def resolve_scope(kind: str, key: str) -> Scope:
    """The commitments a scorecard of ``kind`` (instrument, pillar, organisation, country) counts.

    One instrument counts once adopted or superseded; the other scopes count commitments of
    adopted instruments only, so a revised plan is not counted twice.
    """
    current = Commitment.objects.filter(instrument__status=InstrumentStatus.ADOPTED)
    if kind == "instrument":
        lookup = {"pk": int(key)} if key.isdigit() else {"slug": key}
        instrument = Instrument.objects.public().filter(**lookup).first()
        if instrument is None:
            raise ScopeNotFound(_("No published instrument “%(key)s”.") % {"key": key})
        return Scope(kind, instrument.slug, str(instrument), instrument.commitments.all())
    if kind == "pillar":
        pillar = Pillar.objects.filter(key=key).first()
        if pillar is None:
            raise ScopeNotFound(_("No pillar “%(key)s”.") % {"key": key})
        return Scope(kind, pillar.key, str(pillar), current.filter(pillar=pillar))
    if kind == "organisation":
        org = Organisation.objects.filter(slug=key).first()
        if org is None:
            raise ScopeNotFound(_("No organisation “%(key)s”.") % {"key": key})
        ids = org.responsibilities.values("commitment_id")
        return Scope(kind, org.slug, org.name, current.filter(pk__in=ids))
    if kind == "country":
        code = key.upper()
        if not is_country(code):
            raise ScopeNotFound(_("No country “%(key)s”.") % {"key": key})
        return Scope(kind, code, country_name(code), current.filter(instrument__country=code))
    raise ScopeNotFound(_("Unknown scorecard scope “%(kind)s”.") % {"kind": kind})


def period_labels(scope: Scope) -> list[str]:
    """The reporting period labels of the instruments in scope, earliest first."""
    labels: list[str] = []
    rows = ReportingPeriod.objects.filter(
        instrument__in=scope.commitments.values("instrument_id")
    ).order_by("start", "label")
    for label in rows.values_list("label", flat=True):
        if label not in labels:
            labels.append(label)
    return labels


def _rating(update: ProgressUpdate) -> queries.Rating:
    report = update.report
    return queries.Rating(
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


@dataclass
class Ratings:
    """Ratings given in the period (``current``) and the latest as of its end (``as_of``)."""

    current: dict[int, queries.SideBySide]
    as_of: dict[int, queries.SideBySide]
    updates: dict[int, list[ProgressUpdate]]


def ratings_in(commitments: QuerySet[Commitment], period: str) -> Ratings:
    """Published ratings of ``commitments``: of the period labelled ``period`` (all periods when
    empty), and the latest up to that period for the overdue mark. One query (plus periods)."""
    starts: dict[int, dt.date] = {}
    if period:
        for inst, start in ReportingPeriod.objects.filter(
            instrument__in=commitments.values("instrument_id"), label=period
        ).values_list("instrument_id", "start"):
            starts[inst] = start
    current: dict[int, queries.SideBySide] = {}
    as_of: dict[int, queries.SideBySide] = {}
    per_commitment: dict[int, list[ProgressUpdate]] = defaultdict(list)
    updates = (
        ProgressUpdate.objects.filter(
            commitment__in=commitments.values("pk"), report__status=ReportStatus.PUBLISHED
        )
        .select_related("report__period", "report__organisation")
        .order_by("report__period__start", "report__published_at", "id")
    )
    for update in updates:
        rating = _rating(update)
        cid = update.commitment_id
        inst_start = starts.get(update.report.period.instrument_id)
        if period and inst_start is None:
            continue
        if not period or rating.period_start <= inst_start:  # type: ignore[operator]
            entry = as_of.setdefault(cid, queries.SideBySide(commitment_id=cid))
            setattr(entry, rating.kind, rating)
        if not period or update.report.period.label == period:
            entry = current.setdefault(cid, queries.SideBySide(commitment_id=cid))
            setattr(entry, rating.kind, rating)
            per_commitment[cid].append(update)
    return Ratings(current=current, as_of=as_of, updates=per_commitment)


def ref_of(commitment: Commitment) -> str:
    return commitment.reference or f"#{commitment.pk}"


def _pct(part: int | Decimal, whole: int | Decimal) -> str | None:
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def government_rating(sbs: queries.SideBySide | None) -> queries.Rating | None:
    """The government's side: its own self-assessment, else a joint report."""
    if sbs is None:
        return None
    return sbs.self or sbs.joint


def build_scorecard(scope: Scope, *, period: str = "", today: dt.date) -> Scorecard:
    """The scorecard of ``scope`` for one period label (or across periods), as of ``today``."""
    commitments = list(
        scope.commitments.select_related("instrument").order_by("instrument_id", "order", "id")
    )
    ratings = ratings_in(scope.commitments, period)
    return scorecard_from(
        scope,
        commitments,
        ratings,
        period=period,
        today=today,
        budget=_budget(scope.commitments, commitments, period),
        indicators=_indicators(scope.commitments, period),
    )


def scorecard_from(
    scope: Scope,
    commitments: list[Commitment],
    ratings: Ratings,
    *,
    period: str,
    today: dt.date,
    budget: list[BudgetTotal],
    indicators: list[IndicatorProgress],
) -> Scorecard:
    """Count the figures from records already loaded (no queries)."""

    def figure(key: str, chosen: list[Commitment]) -> Figure:
        return Figure(key, len(chosen), [c.pk for c in chosen], [ref_of(c) for c in chosen])

    by_self: dict[str, list[Commitment]] = {k: [] for k in STATUS_KEYS}
    by_shadow: dict[str, list[Commitment]] = {k: [] for k in STATUS_KEYS}
    by_strength: dict[str, list[Commitment]] = {k: [] for k in STRENGTH_KEYS}
    shadow_lower, disagree, overdue = [], [], []
    for c in commitments:
        sbs = ratings.current.get(c.pk)
        gov = government_rating(sbs)
        by_self[gov.status if gov else "not_reported"].append(c)
        shadow = sbs.shadow if sbs else None
        by_shadow[shadow.status if shadow else "not_reported"].append(c)
        by_strength[c.strength if c.strength in by_strength else "unassessed"].append(c)
        if sbs and sbs.disagree:
            disagree.append(c)
        if sbs and sbs.shadow_lower:
            shadow_lower.append(c)
        latest = ratings.as_of.get(c.pk)
        if c.is_overdue(today, latest.latest_status if latest else None):
            overdue.append(c)
    total = len(commitments)
    complete = figure("complete", by_self["complete"])
    shadow_complete = figure("shadow_complete", by_shadow["complete"])
    return Scorecard(
        scope=scope.kind,
        key=scope.key,
        name=scope.name,
        period=period,
        method_version=METHOD_VERSION,
        computed_on=today.isoformat(),
        total=figure("total", commitments),
        self_status=[figure(f"self.{k}", v) for k, v in by_self.items()],
        shadow_status=[figure(f"shadow.{k}", v) for k, v in by_shadow.items()],
        complete=complete,
        share_complete=_pct(complete.value, total),
        shadow_complete=shadow_complete,
        shadow_share_complete=_pct(shadow_complete.value, total),
        overdue=figure("overdue", overdue),
        disagree=figure("disagree", disagree),
        shadow_lower=figure("shadow_lower", shadow_lower),
        strength=[figure(f"strength.{k}", v) for k, v in by_strength.items()],
        budget=budget,
        indicators=indicators,
    )


def _budget(
    scoped: QuerySet[Commitment], commitments: list[Commitment], period: str
) -> list[BudgetTotal]:
    lines = BudgetLine.objects.filter(commitment__in=scoped.values("pk"))
    if period:
        years = set()
        for start, end in ReportingPeriod.objects.filter(
            instrument__in=scoped.values("instrument_id"), label=period
        ).values_list("start", "end"):
            years.update(range(start.year, end.year + 1))
        lines = lines.filter(fiscal_year__in=sorted(years))
    refs = {c.pk: ref_of(c) for c in commitments}
    totals: dict[str, dict[str, Decimal]] = {}
    ids: dict[str, list[int]] = defaultdict(list)
    for line in lines.order_by("currency", "commitment_id", "fiscal_year"):
        sums = totals.setdefault(line.currency, defaultdict(Decimal))
        sums["allocated"] += line.allocated
        sums["disbursed"] += line.disbursed
        sums["spent"] += line.spent
        if line.commitment_id not in ids[line.currency]:
            ids[line.currency].append(line.commitment_id)
    return [
        BudgetTotal(
            currency=cur,
            allocated=_money(sums["allocated"]),
            disbursed=_money(sums["disbursed"]),
            spent=_money(sums["spent"]),
            ids=ids[cur],
            refs=[refs.get(i, f"#{i}") for i in ids[cur]],
        )
        for cur, sums in sorted(totals.items())
    ]


def _indicators(scoped: QuerySet[Commitment], period: str) -> list[IndicatorProgress]:
    indicators = list(
        Indicator.objects.visible_publicly()
        .filter(commitment__in=scoped.values("pk"))
        .select_related("commitment")
        .order_by("commitment__instrument_id", "commitment__order", "commitment_id", "code", "id")
    )
    series = queries.indicator_series(indicators)
    out = []
    for ind in indicators:
        own = series.get((ind.pk, ReportKind.SELF)) or series.get((ind.pk, ReportKind.JOINT))
        shadow = series.get((ind.pk, ReportKind.SHADOW))
        self_total, target = _total(ind, own, period)
        shadow_total, _t = _total(ind, shadow, period)
        target = target if target is not None else ind.target
        self_shown = queries.display_value(ind, self_total, public=True)
        shadow_shown = queries.display_value(ind, shadow_total, public=True)
        suppressed = any(v is not None and v.startswith("<") for v in (self_shown, shadow_shown))
        progress = None
        if self_total is not None and target is not None and not suppressed:
            base = ind.baseline or Decimal(0)
            if target != base:
                progress = _pct(self_total - base, target - base)
        out.append(
            IndicatorProgress(
                indicator_id=ind.pk,
                code=ind.code,
                definition=ind.definition,
                commitment_id=ind.commitment_id,
                commitment_ref=ref_of(ind.commitment),
                unit=ind.unit,
                baseline=rules.public_display(ind.baseline, confidential=False, threshold=0),
                target=rules.public_display(target, confidential=False, threshold=0),
                self_value=self_shown,
                shadow_value=shadow_shown,
                progress_pct=progress,
                suppressed=suppressed,
            )
        )
    return out


def _total(
    indicator: Indicator, series: queries.Series | None, period: str
) -> tuple[Decimal | None, Decimal | None]:
    """The total by the indicator's rule, up to and including ``period``, and that period's
    target."""
    if series is None:
        return None, None
    points = series.points
    target = None
    if period:
        labels = [p.period_label for p in points]
        if period not in labels:
            return None, None
        points = points[: labels.index(period) + 1]
        target = points[-1].target
    total = rules.combine(
        indicator.aggregation, [rules.PeriodValue(p.period_label, p.value) for p in points]
    )
    return total, target
